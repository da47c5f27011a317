import type { TicketView } from '../../../application/views/ticket';
import { BudgetExceededError, InvalidInputError } from '../../../domain/ticket/errors';
import { checkPlannedHours } from '../../../domain/ticket/input-rules';
import { formatDate, toLocalDate } from '../../../domain/calendar';
import type { DeskContext } from '../../context';
import { clearDialog } from '../../dialog';
import { createFeature, onCallback } from '../../feature';
import { replyHtml, replyKey } from '../../html';
import { actionButton, button, keyboard } from '../../keyboard';
import { formatHours } from '../../hours/format';
import { applyAsUser } from '../../tickets/act';
import { plannableHours, renderPlanBudget } from '../../views/plan-budget';
import { requestApprovalButton } from './budget-approval';
import { engineerDialog, saveEngineerDialog } from './flow';
import { compactDate, expandDate, parseDate, parseHours, quickDates } from './parse-input';
import { requireStaff, staffTicket } from './staff';

const QUICK_HOURS = [0.5, 1, 2, 4, 8];

/**
 * Accept (SPEC §5, §7): planned hours (step 0.25), then the planned date; the norm-hours are
 * checked. Re-plan (an accepted or in-development ticket) walks the same steps; the domain
 * checks an increase of hours against the month the ticket was charged to.
 */
export const acceptFeature = createFeature();

/** Starts the acceptance of ticket №number: shows what is left and asks the planned hours. */
export async function startAccept(ctx: DeskContext, ref: string | number | undefined): Promise<void> {
  if (!(await requireStaff(ctx))) return;
  const row = await staffTicket(ctx, ref);
  if (!row) return;
  if (ctx.callbackQuery) await ctx.answerCbQuery();
  if (row.state !== 'new') {
    await replyKey(ctx, 'engineer.accept.not_new', { number: row.number, state: ctx.t(`ticket.state.${row.state}`) });
    return;
  }
  const budget = await budgetLine(ctx, row);
  await saveEngineerDialog(ctx, { step: 'hours', number: row.number });
  const buttons = QUICK_HOURS.map((h) => button(formatHours(h, ctx.lang), 'en', 'h', row.number, h * 4));
  await replyHtml(ctx, [ctx.t('engineer.accept.title', { number: row.number, subject: row.subject }), budget, ctx.t('engineer.accept.ask_hours')].join('\n'), {
    keyboard: keyboard([buttons]),
  });
}

/** Starts re-planning ticket №number: shows the plan and what is left, and asks the new hours. */
export async function startReplan(ctx: DeskContext, ref: string | number | undefined): Promise<void> {
  if (!(await requireStaff(ctx))) return;
  const row = await staffTicket(ctx, ref);
  if (!row) return;
  if (ctx.callbackQuery) await ctx.answerCbQuery();
  if ((row.state !== 'accepted' && row.state !== 'in_development') || row.plannedHours === null || row.plannedDate === null) {
    await replyKey(ctx, 'engineer.replan.not_planned', { number: row.number, state: ctx.t(`ticket.state.${row.state}`) });
    return;
  }
  const budget = await budgetLine(ctx, row);
  await saveEngineerDialog(ctx, { step: 'hours', number: row.number, replan: true });
  const buttons = QUICK_HOURS.map((h) => button(formatHours(h, ctx.lang), 'en', 'h', row.number, h * 4));
  const title = ctx.t('engineer.replan.title', {
    number: row.number,
    subject: row.subject,
    hours: formatHours(row.plannedHours, ctx.lang),
    date: formatDate(row.plannedDate),
  });
  await replyHtml(ctx, [title, budget, ctx.t('engineer.accept.ask_hours')].join('\n'), { keyboard: keyboard([buttons]) });
}

/** What the ticket's acceptance draws on, as a line for the engineer. */
async function budgetLine(ctx: DeskContext, ticket: TicketView): Promise<string> {
  if (!ctx.actor) return '';
  return renderPlanBudget(ctx, await ctx.deps.desk.tickets.planBudget({ ticket: { id: ticket.id }, actor: ctx.actor }));
}

/** Hours the domain accepts as a plan (SPEC §5: > 0, steps of 0.25, at most its maximum). */
function validPlannedHours(hours: number | null): boolean {
  if (hours === null) return false;
  try {
    checkPlannedHours(hours);
    return true;
  } catch (error) {
    if (error instanceof InvalidInputError) return false;
    throw error;
  }
}

/** Whether the engineer's dialog re-plans rather than accepts. */
function replanning(ctx: DeskContext): boolean {
  return engineerDialog(ctx)?.replan === true;
}

/** Planned hours chosen: checks the step and the budget, then asks the date (or offers an admin the override). */
export async function acceptHours(ctx: DeskContext, number: number, hours: number | null): Promise<void> {
  if (hours === null || !validPlannedHours(hours)) {
    await replyKey(ctx, 'engineer.accept.bad_hours');
    return;
  }
  const row = await staffTicket(ctx, number);
  if (!row || !ctx.actor) return;
  const remaining = plannableHours(await ctx.deps.desk.tickets.planBudget({ ticket: { id: row.id }, actor: ctx.actor }));
  // A re-plan may use what is left plus the hours the ticket holds already (the domain checks
  // the increase against the month it was charged to, at the end).
  const held = replanning(ctx) ? (row.plannedHours ?? 0) : 0;
  if (remaining !== null && hours > held && hours > remaining + held) {
    await refuseOverBudget(ctx, number, remaining + held, hours);
    return;
  }
  await askDate(ctx, number, hours, undefined);
}

async function refuseOverBudget(ctx: DeskContext, number: number, remaining: number, hours: number): Promise<void> {
  const text = ctx.t('errors.budget_exceeded', { remaining: formatHours(remaining, ctx.lang), requested: formatHours(hours, ctx.lang) });
  const replan = replanning(ctx);
  if (ctx.user?.role === 'admin') {
    await saveEngineerDialog(ctx, { step: 'hours', number, hours, replan });
    await replyHtml(ctx, `${text}\n${ctx.t('engineer.accept.admin_may_override')}`, {
      keyboard: keyboard([[button(ctx.t('engineer.accept.override'), 'en', 'ovr', number, hours * 4)]]),
    });
    return;
  }
  await saveEngineerDialog(ctx, { step: 'hours', number, replan });
  await replyHtml(ctx, `${text}\n${ctx.t('engineer.accept.ask_hours')}`, {
    keyboard: keyboard([[requestApprovalButton(ctx, number, hours, replan)]]),
  });
}

async function askDate(ctx: DeskContext, number: number, hours: number, reason: string | undefined): Promise<void> {
  await saveEngineerDialog(ctx, { step: 'date', number, hours, ...(reason !== undefined && { reason }), replan: replanning(ctx) });
  const zone = ctx.deps.policy.zone;
  const labels = ['engineer.accept.today', 'engineer.accept.tomorrow', 'engineer.accept.in_3_days', 'engineer.accept.in_week'];
  const buttons = quickDates(ctx.now, zone).map((date, i) =>
    button(`${ctx.t(labels[i] ?? 'engineer.accept.today')} ${formatDate(date)}`, 'en', 'd', number, compactDate(date)),
  );
  await replyKey(ctx, 'engineer.accept.ask_date', { number, hours: formatHours(hours, ctx.lang) }, { keyboard: keyboard([buttons.slice(0, 2), buttons.slice(2)]) });
}

/** The admin's reason for going over the norm-hours, then the date. */
export async function acceptOverrideReason(ctx: DeskContext, number: number, hours: number, reason: string): Promise<void> {
  if (reason.trim().length < 3) {
    await replyKey(ctx, 'engineer.accept.ask_override_reason');
    return;
  }
  await askDate(ctx, number, hours, reason.trim());
}

/**
 * The planned date chosen: applies the acceptance (owner: the accepting engineer). A date in
 * the past is the domain's refusal (the dialog stays on the date step).
 */
export async function acceptDate(ctx: DeskContext, number: number, hours: number, date: string | null, reason?: string): Promise<void> {
  if (date === null) {
    await replyKey(ctx, 'engineer.accept.bad_date');
    return;
  }
  const user = ctx.user;
  if (!user) return;
  const replan = replanning(ctx);
  const plan = { plannedHours: hours, plannedDate: date, ...(reason && { overrideReason: reason }) };
  const event = replan ? { kind: 'replan' as const, ...plan } : { kind: 'accept' as const, ...plan, ownerId: user.id };
  const outcome = await applyAsUser(ctx, number, event, undefined, async (error) => {
    if (!(error instanceof BudgetExceededError)) return false;
    await refuseOverBudget(ctx, number, error.remaining, error.requested);
    return true;
  });
  if (outcome === 'invalid_input' || outcome === 'refused') {
    if (outcome === 'refused' && engineerDialog(ctx)?.step === 'date') await clearDialog(ctx);
    return;
  }
  await clearDialog(ctx);
  if (replan) {
    await replyKey(
      ctx,
      'engineer.replan.done',
      { number, hours: formatHours(hours, ctx.lang), date: formatDate(date) },
      { keyboard: keyboard([[actionButton(ctx.t, 'open', number)]]) },
    );
    return;
  }
  await replyKey(
    ctx,
    reason ? 'engineer.accept.done_override' : 'engineer.accept.done',
    { number, hours: formatHours(hours, ctx.lang), date: formatDate(date) },
    {
      keyboard: keyboard([
        [button(ctx.t('engineer.assign.responsible'), 'en', 'ar', number, 'r'), actionButton(ctx.t, 'open', number)],
      ]),
    },
  );
}

acceptFeature.use(onCallback('tk', 'acc', (ctx, [number]) => startAccept(ctx, number)));
acceptFeature.use(onCallback('tk', 'pln', (ctx, [number]) => startReplan(ctx, number)));

acceptFeature.use(
  onCallback('en', 'h', async (ctx, [numberArg, quarters]) => {
    if (!(await requireStaff(ctx))) return;
    const dialog = engineerDialog(ctx);
    if (!dialog || dialog.step !== 'hours' || String(dialog.number) !== numberArg) {
      await ctx.answerCbQuery(ctx.t('bot.stale_button'));
      return;
    }
    await ctx.answerCbQuery();
    await acceptHours(ctx, dialog.number, Number(quarters) / 4);
  }),
);

acceptFeature.use(
  onCallback('en', 'ovr', async (ctx, [numberArg]) => {
    if (!(await requireStaff(ctx))) return;
    const dialog = engineerDialog(ctx);
    if (ctx.user?.role !== 'admin') {
      await ctx.answerCbQuery(ctx.t('errors.not_permitted_reason.admin_only'), { show_alert: true });
      return;
    }
    if (!dialog || dialog.hours === undefined || String(dialog.number) !== numberArg) {
      await ctx.answerCbQuery(ctx.t('bot.stale_button'));
      return;
    }
    await ctx.answerCbQuery();
    await saveEngineerDialog(ctx, { step: 'override', number: dialog.number, hours: dialog.hours, replan: dialog.replan === true });
    await replyKey(ctx, 'engineer.accept.ask_override_reason');
  }),
);

acceptFeature.use(
  onCallback('en', 'd', async (ctx, [numberArg, compact]) => {
    if (!(await requireStaff(ctx))) return;
    const dialog = engineerDialog(ctx);
    if (!dialog || dialog.step !== 'date' || dialog.hours === undefined || String(dialog.number) !== numberArg) {
      await ctx.answerCbQuery(ctx.t('bot.stale_button'));
      return;
    }
    await ctx.answerCbQuery();
    await acceptDate(ctx, dialog.number, dialog.hours, expandDate(compact), dialog.reason);
  }),
);

/** Typed answers of the acceptance steps; true when the text was one. */
export async function acceptText(ctx: DeskContext, text: string): Promise<boolean> {
  const dialog = engineerDialog(ctx);
  if (!dialog) return false;
  if (dialog.step === 'hours') await acceptHours(ctx, dialog.number, parseHours(text));
  else if (dialog.step === 'override' && dialog.hours !== undefined) await acceptOverrideReason(ctx, dialog.number, dialog.hours, text);
  else if (dialog.step === 'date' && dialog.hours !== undefined) {
    await acceptDate(ctx, dialog.number, dialog.hours, parseDate(text, toLocalDate(ctx.now, ctx.deps.policy.zone)), dialog.reason);
  } else return false;
  return true;
}
