import { DateTime } from 'luxon';
import { engineerSheetCsv, monthlyReportChart, monthlyReportCsv, monthTitle, ticketSheetCsv } from '../../../application/reports';
import { monthOf } from '../../../domain/budget';
import type { DeskContext } from '../../context';
import { createFeature, onCallback } from '../../feature';
import { replyKey } from '../../html';
import { button, grid, keyboard } from '../../keyboard';
import { menuRow } from './admin-flow';
import { requireAdmin } from './guard';

/**
 * /report: a month and a company (or all) → one album of three CSV documents for Excel (the
 * companies, per ticket, per engineer) and the PNG chart.
 */
export const adminReportFeature = createFeature();

const MONTHS_BACK = 3;

async function chooseMonth(ctx: DeskContext): Promise<void> {
  const current = DateTime.fromISO(`${monthOf(ctx.now, ctx.deps.policy.zone)}-01`);
  const months = Array.from({ length: MONTHS_BACK + 1 }, (_, i) => current.minus({ months: i }).toFormat('yyyy-LL'));
  const buttons = months.map((m) => button(monthTitle(m, ctx.lang), 'ad', 'rm', m));
  await replyKey(ctx, 'admin.report.choose_month', {}, { keyboard: keyboard([...grid(buttons, 2), menuRow(ctx)]) });
}

adminReportFeature.command('report', async (ctx) => {
  if (await requireAdmin(ctx)) await chooseMonth(ctx);
});

adminReportFeature.use(
  onCallback('ad', 'rep', async (ctx) => {
    if (!(await requireAdmin(ctx))) return;
    await ctx.answerCbQuery();
    await chooseMonth(ctx);
  }),
);

adminReportFeature.use(
  onCallback('ad', 'rm', async (ctx, [month]) => {
    if (!(await requireAdmin(ctx)) || !month || !/^\d{4}-\d{2}$/.test(month)) return;
    await ctx.answerCbQuery();
    const companies = await ctx.deps.desk.admin.companies();
    const buttons = [button(ctx.t('report.all_companies'), 'ad', 'rc', month, 'all'), ...companies.map((c) => button(c.name, 'ad', 'rc', month, c.id))];
    await replyKey(ctx, 'admin.report.choose_company', { month: monthTitle(month, ctx.lang) }, {
      keyboard: keyboard([...grid(buttons, 2), [button(ctx.t('admin.back'), 'ad', 'rep')]]),
    });
  }),
);

adminReportFeature.use(
  onCallback('ad', 'rc', async (ctx, [month, company]) => {
    if (!(await requireAdmin(ctx)) || !month || !company) return;
    await ctx.answerCbQuery(ctx.t('admin.report.preparing'));
    const report = await ctx.deps.desk.admin.monthlyReport({ month, company: company === 'all' ? null : company });
    const csv = monthlyReportCsv(report, ctx.lang, ctx.deps.translate);
    const png = await monthlyReportChart(report, ctx.lang, ctx.deps.translate);
    const caption = ctx.t('admin.report.caption', { month: monthTitle(month, ctx.lang) });
    const tickets = ticketSheetCsv(report.sheets, ctx.lang, ctx.deps.translate);
    const engineers = engineerSheetCsv(report.sheets, ctx.lang, ctx.deps.translate);
    await ctx.replyWithMediaGroup([
      { type: 'document', media: { source: csv, filename: `report-${month}.csv` } },
      { type: 'document', media: { source: tickets, filename: `report-${month}-tickets.csv` } },
      { type: 'document', media: { source: engineers, filename: `report-${month}-engineers.csv` }, caption, parse_mode: 'HTML' },
    ]);
    await ctx.replyWithPhoto({ source: png }, { caption, parse_mode: 'HTML' });
  }),
);
