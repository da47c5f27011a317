import type { DeskContext } from '../../context';
import { clearDialog } from '../../dialog';
import { createFeature, onCallback } from '../../feature';
import { replyHtml, replyKey } from '../../html';
import { button, grid, keyboard, type Button } from '../../keyboard';
import { formatDate } from '../../../domain/calendar';
import { formatHours } from '../../hours/format';
import { cancelRow, menuRow, saveAdminDialog } from './admin-flow';
import { adminTry, requireAdmin } from './guard';

/** Companies (contracts: contract-form.ts), the service catalog, regulation versions. */
export const adminCatalogFeature = createFeature();

adminCatalogFeature.use(
  onCallback('ad', 'cmp', async (ctx) => {
    if (!(await requireAdmin(ctx))) return;
    await ctx.answerCbQuery();
    const admin = ctx.deps.desk.admin;
    const [companies, contracts] = [await admin.companies(), await admin.contracts()];
    const lines = [ctx.t('admin.companies.title', { count: companies.length })];
    const rows: Button[][] = [[button(ctx.t('admin.companies.add'), 'ad', 'ca')]];
    for (const c of companies) {
      lines.push('', `<b>${ctx.t('admin.companies.item', { name: c.name })}</b>`);
      const own = contracts.filter((x) => x.companyId === c.id);
      for (const k of own) {
        lines.push(
          ctx.t('admin.companies.contract', {
            number: k.number,
            kind: ctx.t(`report.kind.${k.kind}`),
            from: formatDate(k.startsOn),
            to: formatDate(k.endsOn),
            hours: formatHours(k.monthlyHours, ctx.lang),
          }),
        );
      }
      // Each contract opens its screen (edit hours, end date, end it); then a new one.
      rows.push(...grid(own.map((k) => button(ctx.t('admin.contract.open', { number: k.number }).slice(0, 60), 'ad', 'ct', k.id)), 3));
      rows.push([
        button(`${ctx.t('admin.companies.add_contract')}: ${c.name}`.slice(0, 60), 'ad', 'cc', c.id),
        button(`${ctx.t('admin.companies.rename')}: ${c.name}`.slice(0, 60), 'ad', 'cr', c.id),
      ]);
    }
    rows.push(menuRow(ctx));
    await replyHtml(ctx, lines.join('\n'), { keyboard: keyboard(rows) });
  }),
);

adminCatalogFeature.use(
  onCallback('ad', 'ca', async (ctx) => {
    if (!(await requireAdmin(ctx))) return;
    await ctx.answerCbQuery();
    await saveAdminDialog(ctx, { step: 'company_name' });
    await replyKey(ctx, 'admin.companies.ask_name', {}, { keyboard: keyboard([cancelRow(ctx)]) });
  }),
);

adminCatalogFeature.use(
  onCallback('ad', 'cr', async (ctx, [companyId]) => {
    if (!(await requireAdmin(ctx)) || !companyId) return;
    const company = (await ctx.deps.desk.admin.companies()).find((c) => c.id === companyId);
    if (!company) return void (await ctx.answerCbQuery(ctx.t('bot.stale_button')));
    await ctx.answerCbQuery();
    await saveAdminDialog(ctx, { step: 'company_rename', form: { company: company.id } });
    await replyKey(ctx, 'admin.companies.ask_rename', { name: company.name }, { keyboard: keyboard([cancelRow(ctx)]) });
  }),
);

/** The new name typed after "Rename" (the company's rule, named in the admin's language when broken). */
export async function companyRenameText(ctx: DeskContext, companyId: string, name: string): Promise<void> {
  const company = await adminTry(ctx, () => ctx.deps.desk.admin.renameCompany({ company: companyId, name }), { keyboard: keyboard([cancelRow(ctx)]) });
  if (!company) return;
  await clearDialog(ctx);
  await replyKey(ctx, 'admin.companies.renamed', { name: company.name }, { keyboard: keyboard([[button(ctx.t('admin.back'), 'ad', 'cmp')]]) });
}

export async function companyNameText(ctx: DeskContext, name: string): Promise<void> {
  const company = await adminTry(ctx, () => ctx.deps.desk.admin.createCompany(name), { keyboard: keyboard([cancelRow(ctx)]) });
  if (!company) return;
  await clearDialog(ctx);
  await replyKey(ctx, 'admin.companies.created', { name: company.name }, {
    keyboard: keyboard([[button(`${ctx.t('admin.companies.add_contract')}: ${company.name}`.slice(0, 60), 'ad', 'cc', company.id)], [button(ctx.t('admin.back'), 'ad', 'cmp')]]),
  });
}

adminCatalogFeature.use(
  onCallback('ad', 'svc', async (ctx) => {
    if (!(await requireAdmin(ctx))) return;
    await ctx.answerCbQuery();
    const all = await ctx.deps.desk.admin.services({ includeInactive: true });
    const services = all.filter((s) => s.selectable);
    const lines = [ctx.t('admin.services.title')];
    const buttons: Button[] = [];
    // Names people know ("Support — Phone consultation"), never codes.
    const nameOf = (s: { readonly nameRu: string; readonly nameEn: string }): string => (ctx.lang === 'ru' ? s.nameRu : s.nameEn);
    for (const s of services) {
      const category = s.categoryCode === s.code ? undefined : all.find((c) => c.code === s.categoryCode);
      const name = category ? `${nameOf(category)} — ${nameOf(s)}` : nameOf(s);
      lines.push(ctx.t(s.active ? 'admin.services.item' : 'admin.services.item_inactive', { code: name, name }));
      buttons.push(button(`${ctx.t(s.active ? 'admin.services.deactivate' : 'admin.services.activate')}: ${name}`.slice(0, 60), 'ad', s.active ? 'sx' : 'sa', s.code));
    }
    await replyHtml(ctx, lines.join('\n'), { keyboard: keyboard([[button(ctx.t('admin.service.add'), 'ad', 'sn')], ...grid(buttons, 2), menuRow(ctx)]) });
  }),
);

for (const [action, active] of [['sx', false], ['sa', true]] as const) {
  adminCatalogFeature.use(
    onCallback('ad', action, async (ctx, [code]) => {
      if (!(await requireAdmin(ctx)) || !code) return;
      await ctx.answerCbQuery();
      const service = await adminTry(ctx, () => ctx.deps.desk.admin.setServiceActive({ code, active }));
      if (service) await replyKey(ctx, active ? 'admin.services.activated' : 'admin.services.deactivated', { code: ctx.lang === 'ru' ? service.nameRu : service.nameEn });
    }),
  );
}

adminCatalogFeature.use(
  onCallback('ad', 'reg', async (ctx) => {
    if (!(await requireAdmin(ctx))) return;
    await ctx.answerCbQuery();
    const current = await ctx.deps.desk.admin.regulation();
    await replyKey(ctx, 'admin.regulation.current', { version: current?.version ?? 0, url: current?.url ?? '' }, {
      keyboard: keyboard([[button(ctx.t('admin.regulation.publish'), 'ad', 'rp')], menuRow(ctx)]),
    });
  }),
);

adminCatalogFeature.use(
  onCallback('ad', 'rp', async (ctx) => {
    if (!(await requireAdmin(ctx))) return;
    await ctx.answerCbQuery();
    await saveAdminDialog(ctx, { step: 'summary_ru' });
    await replyKey(ctx, 'admin.regulation.ask_summary_ru', {}, { keyboard: keyboard([cancelRow(ctx)]) });
  }),
);

/** The three texts of a new regulation version, one message each. */
export async function regulationText(ctx: DeskContext, step: 'summary_ru' | 'summary_en' | 'regulation_url', text: string, so: { summaryRu?: string; summaryEn?: string }): Promise<void> {
  if (step !== 'regulation_url' && text.trim().length < 10) {
    await replyKey(ctx, step === 'summary_ru' ? 'admin.regulation.ask_summary_ru' : 'admin.regulation.ask_summary_en', {}, { keyboard: keyboard([cancelRow(ctx)]) });
    return;
  }
  if (step === 'summary_ru') {
    await saveAdminDialog(ctx, { step: 'summary_en', summaryRu: text });
    await replyKey(ctx, 'admin.regulation.ask_summary_en', {}, { keyboard: keyboard([cancelRow(ctx)]) });
    return;
  }
  if (step === 'summary_en') {
    await saveAdminDialog(ctx, { step: 'regulation_url', summaryEn: text, ...(so.summaryRu !== undefined && { summaryRu: so.summaryRu }) });
    await replyKey(ctx, 'admin.regulation.ask_url', {}, { keyboard: keyboard([cancelRow(ctx)]) });
    return;
  }
  const published = await adminTry(ctx, () =>
    ctx.deps.desk.admin.publishRegulation({ summaryRu: so.summaryRu ?? '', summaryEn: so.summaryEn ?? '', url: text.trim() }),
    { keyboard: keyboard([cancelRow(ctx)]) },
  );
  if (!published) return;
  await clearDialog(ctx);
  await replyKey(ctx, 'admin.regulation.published', { version: published.version });
}
