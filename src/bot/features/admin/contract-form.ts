import { DateTime } from 'luxon';
import { AdminInputError } from '../../../application/admin/errors';
import { parseInput } from '../../../application/admin/parse';
import { CONTRACT_HOURS, contractHoursField, contractNumberField, isoDateField } from '../../../application/admin/rules';
import type { ContractView } from '../../../application/views/admin';
import { formatDate } from '../../../domain/calendar';
import { CONTRACT_KINDS } from '../../../domain/ticket/types';
import type { DeskContext } from '../../context';
import { clearDialog } from '../../dialog';
import { createFeature, onCallback } from '../../feature';
import { formatHours } from '../../hours/format';
import { replyHtml, replyKey } from '../../html';
import { button, keyboard, type Button } from '../../keyboard';
import { adminDialog, cancelRow, saveAdminDialog, type AdminDialog, type AdminForm, type AdminStep } from './admin-flow';
import { calendarKeyboard, calendarTitle, datePresets, dateKeyboard, dayArg, monthArg } from './date-picker';
import { adminTry, requireAdmin } from './guard';

/**
 * Contracts through buttons (issue 14 §7). A new contract: number (typed), kind (buttons), first
 * and last day (presets or the calendar; a typed DD.MM.YYYY works too), norm-hours (typed, a
 * decimal comma accepted), modifications yes/no, then a summary with Create; Back on every step,
 * Cancel drops the form. A running contract (its screen from the companies list): new hours, a
 * new end date, or end it (today or on a date), each confirmed before it is saved. Every rule is
 * the application's (rules.ts), every refusal names the field in the admin's language.
 *
 * Callbacks: `ad:cc:<company>` new contract, `ad:cf:k:<kind>` / `ad:cf:m:<y|n>` / `ad:cf:ok` /
 * `ad:cf:b` (back) in the form, `ad:ct:<contract>` its screen, `ad:ce:<contract>:<h|e|x>` change
 * hours / end date / end it, `ad:cy` confirm the change; dates `ad:dp`, `ad:dc`, `ad:nop`.
 */
export const adminContractsFeature = createFeature();

/** The step before each step of the new-contract form (Back). */
const PREVIOUS: Partial<Record<AdminStep, AdminStep>> = {
  contract_kind: 'contract_number',
  contract_from: 'contract_kind',
  contract_to: 'contract_from',
  contract_hours: 'contract_to',
  contract_mods: 'contract_hours',
  contract_confirm: 'contract_mods',
};

const DATE_STEPS: readonly AdminStep[] = ['contract_from', 'contract_to', 'contract_new_end', 'contract_end'];

const kindName = (ctx: DeskContext, kind: string | undefined): string => (kind ? ctx.t(`report.kind.${kind}`) : '');
const yesNo = (ctx: DeskContext, value: boolean | undefined): string => ctx.t(value ? 'admin.yes' : 'admin.no');
const today = (ctx: DeskContext): string => DateTime.fromJSDate(ctx.now).setZone(ctx.deps.policy.zone).toISODate() ?? '';

async function companyName(ctx: DeskContext, id: string | undefined): Promise<string> {
  const companies = await ctx.deps.desk.admin.companies();
  return companies.find((c) => c.id === id)?.name ?? '';
}

function backCancel(ctx: DeskContext): Button[] {
  return [button(ctx.t('admin.back'), 'ad', 'cf', 'b'), ...cancelRow(ctx)];
}

/** The contract's screen: what it is, and Change hours / Change end date / End it / Back. */
export async function showContract(ctx: DeskContext, contract: ContractView, prefix?: string): Promise<void> {
  const html = ctx.t('admin.contract.card', {
    number: contract.number,
    kind: kindName(ctx, contract.kind),
    company: await companyName(ctx, contract.companyId),
    from: formatDate(contract.startsOn),
    to: formatDate(contract.endsOn),
    hours: formatHours(contract.monthlyHours, ctx.lang),
    mods: yesNo(ctx, contract.modificationsIncluded),
  });
  await replyHtml(ctx, prefix ? `${prefix}\n\n${html}` : html, {
    keyboard: keyboard([
      [button(ctx.t('admin.contract.edit_hours'), 'ad', 'ce', contract.id, 'h'), button(ctx.t('admin.contract.edit_end'), 'ad', 'ce', contract.id, 'e')],
      [button(ctx.t('admin.contract.end'), 'ad', 'ce', contract.id, 'x')],
      [button(ctx.t('admin.back'), 'ad', 'cmp')],
    ]),
  });
}

/** Asks what the dialog's step waits for (after each step, after Back, and when a text came for a button step). */
async function showStep(ctx: DeskContext, dialog: AdminDialog): Promise<void> {
  const f: AdminForm = dialog.form ?? {};
  const contract = f.contract ? await adminTry(ctx, () => ctx.deps.desk.admin.contract(f.contract ?? '')) : null;
  switch (dialog.step) {
    case 'contract_number':
      return void (await replyKey(ctx, 'admin.contract.ask_number', { company: await companyName(ctx, f.company) }, { keyboard: keyboard([cancelRow(ctx)]) }));
    case 'contract_kind':
      return void (await replyKey(ctx, 'admin.contract.ask_kind', {}, {
        keyboard: keyboard([CONTRACT_KINDS.map((k) => button(kindName(ctx, k), 'ad', 'cf', 'k', k)), backCancel(ctx)]),
      }));
    case 'contract_from':
      return void (await replyKey(ctx, 'admin.contract.ask_from', {}, {
        keyboard: keyboard(dateKeyboard(ctx, datePresets(ctx, 'start'), today(ctx), backCancel(ctx))),
      }));
    case 'contract_to':
      return void (await replyKey(ctx, 'admin.contract.ask_to', { from: formatDate(f.from ?? today(ctx)) }, {
        keyboard: keyboard(dateKeyboard(ctx, datePresets(ctx, 'end', f.from), f.from ?? today(ctx), backCancel(ctx))),
      }));
    case 'contract_hours':
      return void (await replyKey(ctx, 'admin.contract.ask_hours', { ...CONTRACT_HOURS }, { keyboard: keyboard([backCancel(ctx)]) }));
    case 'contract_mods':
      return void (await replyKey(ctx, 'admin.contract.ask_mods', {}, {
        keyboard: keyboard([[button(ctx.t('admin.yes'), 'ad', 'cf', 'm', 'y'), button(ctx.t('admin.no'), 'ad', 'cf', 'm', 'n')], backCancel(ctx)]),
      }));
    case 'contract_confirm':
      return void (await replyKey(
        ctx,
        'admin.contract.summary',
        {
          company: await companyName(ctx, f.company),
          number: f.number ?? '',
          kind: kindName(ctx, f.kind),
          from: f.from ? formatDate(f.from) : '',
          to: f.to ? formatDate(f.to) : '',
          hours: formatHours(f.hours ?? 0, ctx.lang),
          mods: yesNo(ctx, f.mods),
        },
        { keyboard: keyboard([[button(ctx.t('admin.contract.create'), 'ad', 'cf', 'ok')], backCancel(ctx)]) },
      ));
    case 'contract_new_hours':
      if (!contract) return;
      return void (await replyKey(ctx, 'admin.contract.ask_new_hours', { number: contract.number, hours: formatHours(contract.monthlyHours, ctx.lang), ...CONTRACT_HOURS }, {
        keyboard: keyboard([cancelRow(ctx)]),
      }));
    case 'contract_new_end':
    case 'contract_end':
      if (!contract) return;
      return void (await replyKey(
        ctx,
        dialog.step === 'contract_end' ? 'admin.contract.ask_end' : 'admin.contract.ask_new_end',
        { number: contract.number, date: formatDate(contract.endsOn) },
        { keyboard: keyboard(dateKeyboard(ctx, datePresets(ctx, 'end_from_today'), today(ctx))) },
      ));
    case 'contract_change_confirm': {
      if (!contract) return;
      const key = f.hours !== undefined ? 'admin.contract.confirm_hours' : f.kind === 'end' ? 'admin.contract.confirm_ended' : 'admin.contract.confirm_end';
      const params =
        f.hours !== undefined
          ? { number: contract.number, from: formatHours(contract.monthlyHours, ctx.lang), to: formatHours(f.hours, ctx.lang) }
          : { number: contract.number, from: formatDate(contract.endsOn), to: formatDate(f.to ?? contract.endsOn) };
      return void (await replyKey(ctx, key, params, { keyboard: keyboard([[button(ctx.t('admin.confirm'), 'ad', 'cy')], cancelRow(ctx)]) }));
    }
    default:
      return;
  }
}

async function next(ctx: DeskContext, step: AdminStep, form: AdminForm): Promise<void> {
  const dialog = { step, form };
  await saveAdminDialog(ctx, dialog);
  await showStep(ctx, { flow: 'admin', ...dialog });
}

/** The admin's dialog when it is at one of `steps`; otherwise the press is stale and is answered so. */
async function atStep(ctx: DeskContext, steps: readonly AdminStep[]): Promise<AdminDialog | null> {
  if (!(await requireAdmin(ctx))) return null;
  const dialog = adminDialog(ctx);
  if (!dialog || !steps.includes(dialog.step)) {
    await ctx.answerCbQuery(ctx.t('bot.stale_button'));
    return null;
  }
  await ctx.answerCbQuery();
  return dialog;
}

/** A day for the date step the dialog is at (picked or typed). */
async function onDate(ctx: DeskContext, dialog: AdminDialog, iso: string): Promise<void> {
  const f = dialog.form ?? {};
  if (dialog.step === 'contract_from') return next(ctx, 'contract_to', { ...f, from: iso, ...(f.to !== undefined && f.to < iso && { to: undefined }) });
  if (dialog.step === 'contract_to') {
    const ok = await adminTry(
      ctx,
      () => {
        if (iso < (f.from ?? iso)) throw new AdminInputError('validTo', 'ends_before_start');
        return true;
      },
      { keyboard: keyboard(dateKeyboard(ctx, datePresets(ctx, 'end', f.from), f.from ?? today(ctx), backCancel(ctx))) },
    );
    if (ok) await next(ctx, 'contract_hours', { ...f, to: iso });
    return;
  }
  // A running contract's new end, or its end: checked against its start before confirming.
  const contract = await adminTry(ctx, () => ctx.deps.desk.admin.contract(f.contract ?? ''));
  if (!contract) return;
  const ok = await adminTry(
    ctx,
    () => {
      if (iso < contract.startsOn) throw new AdminInputError('validTo', 'ends_before_start');
      return true;
    },
    { keyboard: keyboard(dateKeyboard(ctx, datePresets(ctx, 'end_from_today'), today(ctx))) },
  );
  if (ok) await next(ctx, 'contract_change_confirm', { contract: contract.id, to: iso, kind: dialog.step === 'contract_end' ? 'end' : 'new_end' });
}

/** What the admin typed at a contract step; each value is checked by the application's rule at once. */
export async function contractFormText(ctx: DeskContext, dialog: AdminDialog, text: string): Promise<void> {
  const f = dialog.form ?? {};
  const retry = { keyboard: keyboard([PREVIOUS[dialog.step] ? backCancel(ctx) : cancelRow(ctx)]) };
  switch (dialog.step) {
    case 'contract_number': {
      const number = await adminTry(ctx, () => parseInput(contractNumberField, text, 'number'), retry);
      if (number !== null) await next(ctx, 'contract_kind', { ...f, number });
      return;
    }
    case 'contract_hours':
    case 'contract_new_hours': {
      const hours = await adminTry(ctx, () => parseInput(contractHoursField, text, 'monthlyHours'), retry);
      if (hours === null) return;
      if (dialog.step === 'contract_hours') await next(ctx, 'contract_mods', { ...f, hours });
      else await next(ctx, 'contract_change_confirm', { contract: f.contract, hours });
      return;
    }
    default:
      if (DATE_STEPS.includes(dialog.step)) {
        const iso = await adminTry(ctx, () => parseInput(isoDateField, text, dialog.step === 'contract_from' ? 'validFrom' : 'validTo'));
        if (iso !== null) await onDate(ctx, dialog, iso);
        return;
      }
      // A button step: ask again, with its buttons.
      await showStep(ctx, dialog);
  }
}

adminContractsFeature.use(
  onCallback('ad', 'cc', async (ctx, [companyId]) => {
    if (!(await requireAdmin(ctx)) || !companyId) return;
    const company = (await ctx.deps.desk.admin.companies()).find((c) => c.id === companyId);
    if (!company) return void (await ctx.answerCbQuery(ctx.t('bot.stale_button')));
    await ctx.answerCbQuery();
    await next(ctx, 'contract_number', { company: company.id });
  }),
);

adminContractsFeature.use(
  onCallback('ad', 'cf', async (ctx, [action, value]) => {
    const steps: Record<string, readonly AdminStep[]> = {
      k: ['contract_kind'],
      m: ['contract_mods'],
      ok: ['contract_confirm'],
      b: Object.keys(PREVIOUS) as AdminStep[],
    };
    const dialog = await atStep(ctx, steps[action ?? ''] ?? []);
    if (!dialog) return;
    const f = dialog.form ?? {};
    if (action === 'b') return next(ctx, PREVIOUS[dialog.step] ?? 'contract_number', f);
    if (action === 'k') {
      const kind = CONTRACT_KINDS.find((k) => k === value);
      return kind ? next(ctx, 'contract_from', { ...f, kind }) : showStep(ctx, dialog);
    }
    if (action === 'm') return next(ctx, 'contract_confirm', { ...f, mods: value === 'y' });
    // An update handled again (its first handling died after the commit) starts from this step
    // once more: the contract it made is shown, not made twice.
    const made = (await ctx.deps.desk.admin.contracts({ company: f.company ?? '' })).find(
      (k) => k.number === f.number && k.startsOn === f.from && k.endsOn === f.to && k.kind === f.kind && k.monthlyHours === f.hours,
    );
    const created = made ?? await adminTry(ctx, () =>
      ctx.deps.desk.admin.addContract({
        company: f.company ?? '',
        kind: f.kind ?? '',
        number: f.number ?? '',
        validFrom: f.from ?? '',
        validTo: f.to ?? '',
        monthlyHours: f.hours ?? 0,
        modificationsIncluded: f.mods ?? false,
      }),
    );
    if (!created) return;
    await clearDialog(ctx);
    await ctx.editMessageReplyMarkup(undefined).catch(() => undefined);
    await showContract(
      ctx,
      created,
      ctx.t('admin.contract.created', {
        number: created.number,
        company: await companyName(ctx, created.companyId),
        from: formatDate(created.startsOn),
        to: formatDate(created.endsOn),
        hours: formatHours(created.monthlyHours, ctx.lang),
      }),
    );
  }),
);

adminContractsFeature.use(
  onCallback('ad', 'dp', async (ctx, [day]) => {
    const dialog = await atStep(ctx, DATE_STEPS);
    const iso = dayArg(day);
    if (!dialog || iso === null) return;
    await onDate(ctx, dialog, iso);
  }),
);

adminContractsFeature.use(
  onCallback('ad', 'dc', async (ctx, [monthCode]) => {
    const dialog = await atStep(ctx, DATE_STEPS);
    const month = monthArg(monthCode);
    if (!dialog || month === null) return;
    const rows = calendarKeyboard(ctx, month);
    const markup = keyboard(rows);
    // Paging edits the calendar in place; a message that cannot be edited gets a new one.
    const edited = await ctx.editMessageText(calendarTitle(ctx, month), { reply_markup: markup }).then(
      () => true,
      () => false,
    );
    if (!edited) await replyHtml(ctx, calendarTitle(ctx, month), { keyboard: markup });
  }),
);

/** Back from the calendar: the date question with its presets again. */
adminContractsFeature.use(
  onCallback('ad', 'ds', async (ctx) => {
    const dialog = await atStep(ctx, DATE_STEPS);
    if (dialog) await showStep(ctx, dialog);
  }),
);

adminContractsFeature.use(
  onCallback('ad', 'nop', async (ctx) => {
    await ctx.answerCbQuery();
  }),
);

adminContractsFeature.use(
  onCallback('ad', 'ct', async (ctx, [contractId]) => {
    if (!(await requireAdmin(ctx)) || !contractId) return;
    await ctx.answerCbQuery();
    const contract = await adminTry(ctx, () => ctx.deps.desk.admin.contract(contractId));
    if (contract) await showContract(ctx, contract);
  }),
);

adminContractsFeature.use(
  onCallback('ad', 'ce', async (ctx, [contractId, what]) => {
    if (!(await requireAdmin(ctx)) || !contractId) return;
    const step = ({ h: 'contract_new_hours', e: 'contract_new_end', x: 'contract_end' } as const)[what as 'h' | 'e' | 'x'];
    if (!step) return void (await ctx.answerCbQuery(ctx.t('bot.stale_button')));
    await ctx.answerCbQuery();
    const contract = await adminTry(ctx, () => ctx.deps.desk.admin.contract(contractId));
    if (contract) await next(ctx, step, { contract: contract.id });
  }),
);

adminContractsFeature.use(
  onCallback('ad', 'cy', async (ctx) => {
    const dialog = await atStep(ctx, ['contract_change_confirm']);
    if (!dialog) return;
    const f = dialog.form ?? {};
    const saved = await adminTry(ctx, () =>
      ctx.deps.desk.admin.changeContract({
        contract: f.contract ?? '',
        ...(f.hours !== undefined && { monthlyHours: f.hours }),
        ...(f.to !== undefined && { validTo: f.to }),
      }),
    );
    if (!saved) return;
    await clearDialog(ctx);
    await ctx.editMessageReplyMarkup(undefined).catch(() => undefined);
    await showContract(
      ctx,
      saved,
      ctx.t('admin.contract.saved', { number: saved.number, from: formatDate(saved.startsOn), to: formatDate(saved.endsOn), hours: formatHours(saved.monthlyHours, ctx.lang) }),
    );
  }),
);
