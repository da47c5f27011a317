import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AdminInputError } from '../application/admin/errors';
import { engineerSheetCsv, monthlyReportChart, monthlyReportCsv, reportTotals, ticketSheetCsv } from '../application/reports';
import { createTranslator, isLanguage } from '../i18n';
import { optionalString, requireString, type CliCommand } from './command';

export const reportCommands: readonly CliCommand[] = [
  {
    name: 'report month',
    usage: 'report month --month YYYY-MM [--company <id|name>] [--lang ru|en] [--out <dir>]',
    summary: 'write the month report: report-YYYY-MM.csv, -tickets.csv, -engineers.csv (Excel: UTF-8, ";") and report-YYYY-MM.png',
    options: { month: { type: 'string' }, company: { type: 'string' }, lang: { type: 'string' }, out: { type: 'string' } },
    async run(ctx, values) {
      const month = requireString(values, 'month', this);
      if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw new AdminInputError('month', 'month');
      const lang = optionalString(values, 'lang') ?? 'ru';
      if (!isLanguage(lang)) throw new AdminInputError('lang', 'language');
      const ref = optionalString(values, 'company');
      const report = await ctx.admin.monthlyReport({ month, company: ref ?? null });
      const t = await createTranslator('ru');
      const dir = optionalString(values, 'out') ?? '.';
      const csvPath = join(dir, `report-${month}.csv`);
      const pngPath = join(dir, `report-${month}.png`);
      const ticketsPath = join(dir, `report-${month}-tickets.csv`);
      const engineersPath = join(dir, `report-${month}-engineers.csv`);
      writeFileSync(csvPath, monthlyReportCsv(report, lang, t));
      writeFileSync(ticketsPath, ticketSheetCsv(report.sheets, lang, t));
      writeFileSync(engineersPath, engineerSheetCsv(report.sheets, lang, t));
      writeFileSync(pngPath, await monthlyReportChart(report, lang, t));
      const totals = reportTotals(report);
      ctx.out(
        `${month}: ${report.companies.length} compan${report.companies.length === 1 ? 'y' : 'ies'}, ${totals.tickets} ticket(s) created, ` +
          `norm ${totals.norm} h, planned ${totals.planned} h, actual ${totals.actual} h, paid ${totals.paid} h`,
      );
      ctx.out(`Wrote ${csvPath}, ${ticketsPath}, ${engineersPath} and ${pngPath}`);
    },
  },
];
