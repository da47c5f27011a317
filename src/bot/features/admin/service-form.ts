import { parseInput } from '../../../application/admin/parse';
import { serviceNameField } from '../../../application/admin/rules';
import type { CatalogServiceView } from '../../../application/views/admin';
import { BILLING_CLASSES, CONTRACT_KINDS } from '../../../domain/ticket/types';
import type { DeskContext } from '../../context';
import { clearDialog } from '../../dialog';
import { createFeature, onCallback } from '../../feature';
import { replyKey } from '../../html';
import { button, grid, keyboard, type Button } from '../../keyboard';
import { adminDialog, cancelRow, saveAdminDialog, type AdminDialog, type AdminForm, type AdminStep } from './admin-flow';
import { adminTry, requireAdmin } from './guard';

/**
 * A new catalog service through buttons (issue 14 §7): its category, its Russian and English
 * names (typed), billing, the contract kind for a contract-billed one, the department that takes
 * its tickets; the code is made from the category and the English name. Callbacks
 * `ad:sn` (start), `ad:sn:<c|b|k|d>:<value>`.
 */
export const adminServicesFeature = createFeature();

const nameOf = (ctx: DeskContext, s: { readonly nameRu: string; readonly nameEn: string }): string => (ctx.lang === 'ru' ? s.nameRu : s.nameEn);

function categories(all: readonly CatalogServiceView[]): CatalogServiceView[] {
  return all.filter((s) => s.code === s.categoryCode);
}

async function showStep(ctx: DeskContext, step: AdminStep, form: AdminForm): Promise<void> {
  const cancel = keyboard([cancelRow(ctx)]);
  switch (step) {
    case 'service_category': {
      const all = await ctx.deps.desk.admin.services({ includeInactive: true });
      const buttons = categories(all).map((c) => button(nameOf(ctx, c).slice(0, 60), 'ad', 'sn', 'c', c.code));
      return void (await replyKey(ctx, 'admin.service.ask_category', {}, { keyboard: keyboard([...grid(buttons, 2), cancelRow(ctx)]) }));
    }
    case 'service_name_ru':
      return void (await replyKey(ctx, 'admin.service.ask_name_ru', {}, { keyboard: cancel }));
    case 'service_name_en':
      return void (await replyKey(ctx, 'admin.service.ask_name_en', {}, { keyboard: cancel }));
    case 'service_billing':
      return void (await replyKey(ctx, 'admin.service.ask_billing', {}, {
        keyboard: keyboard([...BILLING_CLASSES.map((b) => [button(ctx.t(`ticket.billing.${b}`), 'ad', 'sn', 'b', b)]), cancelRow(ctx)]),
      }));
    case 'service_kind':
      return void (await replyKey(ctx, 'admin.service.ask_kind', {}, {
        keyboard: keyboard([CONTRACT_KINDS.map((k) => button(ctx.t(`report.kind.${k}`), 'ad', 'sn', 'k', k)), cancelRow(ctx)]),
      }));
    case 'service_department': {
      const departments = await ctx.deps.desk.admin.departments();
      const buttons: Button[] = departments.map((d) => button(nameOf(ctx, d), 'ad', 'sn', 'd', d.id));
      return void (await replyKey(ctx, 'admin.service.ask_department', { name: (ctx.lang === 'ru' ? form.nameRu : form.nameEn) ?? '' }, {
        keyboard: keyboard([...grid(buttons, 2), cancelRow(ctx)]),
      }));
    }
    default:
      return;
  }
}

async function next(ctx: DeskContext, step: AdminStep, form: AdminForm): Promise<void> {
  await saveAdminDialog(ctx, { step, form });
  await showStep(ctx, step, form);
}

adminServicesFeature.use(
  onCallback('ad', 'sn', async (ctx, [what, value]) => {
    if (!(await requireAdmin(ctx))) return;
    const dialog = adminDialog(ctx);
    const expected: Record<string, AdminStep> = { c: 'service_category', b: 'service_billing', k: 'service_kind', d: 'service_department' };
    if (what === undefined) {
      await ctx.answerCbQuery();
      return next(ctx, 'service_category', {});
    }
    if (!dialog || !value || expected[what] !== dialog.step) return void (await ctx.answerCbQuery(ctx.t('bot.stale_button')));
    await ctx.answerCbQuery();
    const f = dialog.form ?? {};
    if (what === 'c') {
      const all = await ctx.deps.desk.admin.services({ includeInactive: true });
      if (!categories(all).some((c) => c.code === value)) return showStep(ctx, dialog.step, f);
      return next(ctx, 'service_name_ru', { category: value });
    }
    if (what === 'b') {
      const billing = BILLING_CLASSES.find((b) => b === value);
      if (!billing) return showStep(ctx, dialog.step, f);
      return next(ctx, billing === 'contract' ? 'service_kind' : 'service_department', { ...f, billing });
    }
    if (what === 'k') {
      const kind = CONTRACT_KINDS.find((k) => k === value);
      if (!kind) return showStep(ctx, dialog.step, f);
      return next(ctx, 'service_department', { ...f, kind });
    }
    const created = await adminTry(ctx, () =>
      ctx.deps.desk.admin.addService({
        category: f.category ?? '',
        nameRu: f.nameRu ?? '',
        nameEn: f.nameEn ?? '',
        billing: f.billing ?? '',
        contractKind: f.billing === 'contract' ? (f.kind ?? '') : null,
        department: value,
      }),
    );
    if (!created) return;
    await clearDialog(ctx);
    await ctx.editMessageReplyMarkup(undefined).catch(() => undefined);
    await replyKey(ctx, 'admin.service.created', { name: nameOf(ctx, created) }, {
      keyboard: keyboard([[button(ctx.t('admin.back'), 'ad', 'svc')]]),
    });
  }),
);

/** The names typed for a new service; each checked at once by the catalog's rule. */
export async function serviceFormText(ctx: DeskContext, dialog: AdminDialog, text: string): Promise<void> {
  const f = dialog.form ?? {};
  if (dialog.step === 'service_name_ru' || dialog.step === 'service_name_en') {
    const field = dialog.step === 'service_name_ru' ? 'nameRu' : 'nameEn';
    const name = await adminTry(ctx, () => parseInput(serviceNameField, text, field), { keyboard: keyboard([cancelRow(ctx)]) });
    if (name === null) return;
    if (dialog.step === 'service_name_ru') await next(ctx, 'service_name_en', { ...f, nameRu: name });
    else await next(ctx, 'service_billing', { ...f, nameEn: name });
    return;
  }
  // A button step: ask again with its buttons.
  await showStep(ctx, dialog.step, f);
}
