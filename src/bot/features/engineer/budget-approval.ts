import { z } from 'zod';
import { formatDate } from '../../../domain/calendar';
import type { DeskContext } from '../../context';
import { clearDialog, dialogOf, saveDialog } from '../../dialog';
import { createFeature, onCallback } from '../../feature';
import { replyKey } from '../../html';
import { actionButton, button, keyboard } from '../../keyboard';
import { formatHours } from '../../hours/format';
import { refusalText } from '../../tickets/act';
import { messageText } from '../../updates';
import { compactDate, expandDate, quickDates } from './parse-input';
import { requireStaff } from './staff';

/**
 * Budget approvals (issue 14 §8): an engineer refused for going over the month's norm-hours
 * presses "Request approval", picks the planned date, and the admins are offered Approve /
 * Decline (outbox). Approve asks the admin's reason and applies the plan as the admin's
 * override on the engineer's behalf; Decline asks the reason too and closes the request. Either
 * goes to the ticket's history with its reason, and the engineer hears it.
 *
 * Callbacks: `en:bar:<number>:<quarters>:<a|r>` (request: choose the date),
 * `en:bad:<number>:<quarters>:<a|r>:<yyyymmdd>` (request with that date);
 * the admins' offers are ticket actions `tk:bap:<number>` / `tk:bdc:<number>`.
 */
export const budgetApprovalFeature = createFeature();

/** The admin's dialog: the reason for approving (or declining) ticket №number's request. */
const FLOW = 'budget_approval';
const dialogSchema = z.object({ flow: z.literal(FLOW), number: z.number().int().positive(), approve: z.boolean().default(true) });

/** The refusal's button: asks the desk's admins to approve `hours` on ticket №number. */
export function requestApprovalButton(ctx: DeskContext, number: number, hours: number, replan: boolean) {
  return button(ctx.t('engineer.budget_approval.request'), 'en', 'bar', number, Math.round(hours * 4), replan ? 'r' : 'a');
}

/** Answers a refusal of the application or domain; rethrows a bug. */
async function refuse(ctx: DeskContext, error: unknown): Promise<void> {
  const text = refusalText(ctx, error);
  if (text === null) throw error;
  await ctx.reply(text, { parse_mode: 'HTML' });
}

budgetApprovalFeature.use(
  onCallback('en', 'bar', async (ctx, [numberArg, quarters, kind]) => {
    if (!(await requireStaff(ctx))) return;
    await ctx.answerCbQuery();
    const number = Number(numberArg);
    const hours = Number(quarters) / 4;
    const buttons = quickDates(ctx.now, ctx.deps.policy.zone).map((date) =>
      button(formatDate(date), 'en', 'bad', number, Number(quarters), kind === 'r' ? 'r' : 'a', compactDate(date)),
    );
    await replyKey(ctx, 'engineer.budget_approval.ask_date', { number, hours: formatHours(hours, ctx.lang) }, { keyboard: keyboard([buttons.slice(0, 2), buttons.slice(2)]) });
  }),
);

budgetApprovalFeature.use(
  onCallback('en', 'bad', async (ctx, [numberArg, quarters, kind, compact]) => {
    if (!(await requireStaff(ctx))) return;
    const date = expandDate(compact);
    if (!ctx.actor || date === null) {
      await ctx.answerCbQuery(ctx.t('bot.stale_button'));
      return;
    }
    await ctx.answerCbQuery();
    const number = Number(numberArg);
    const hours = Number(quarters) / 4;
    try {
      await ctx.deps.desk.tickets.requestBudgetApproval({
        ticket: { number },
        actor: ctx.actor,
        kind: kind === 'r' ? 'replan' : 'accept',
        plannedHours: hours,
        plannedDate: date,
      });
    } catch (error) {
      await refuse(ctx, error);
      return;
    }
    await replyKey(ctx, 'engineer.budget_approval.sent', { number, hours: formatHours(hours, ctx.lang), date: formatDate(date) });
  }),
);

/** Only an admin decides; anyone else pressing the offer is told so. */
async function requireAdmin(ctx: DeskContext): Promise<boolean> {
  if (!(await requireStaff(ctx))) return false;
  if (ctx.user?.role !== 'admin' || !ctx.actor) {
    await ctx.answerCbQuery(ctx.t('errors.not_permitted_reason.admin_only'), { show_alert: true });
    return false;
  }
  return true;
}

/** Checks before asking: with nothing pending (decided already, or never asked) the admin is told so. */
async function pendingOrSay(ctx: DeskContext, number: number): Promise<boolean> {
  if (await ctx.deps.desk.tickets.hasPendingBudgetApproval({ number })) return true;
  await replyKey(ctx, 'engineer.budget_approval.none', { number }, { keyboard: keyboard([[actionButton(ctx.t, 'open', number)]]) });
  return false;
}

budgetApprovalFeature.use(
  onCallback('tk', 'bap', async (ctx, [numberArg]) => {
    if (!(await requireAdmin(ctx))) return;
    await ctx.answerCbQuery();
    const number = Number(numberArg);
    if (!(await pendingOrSay(ctx, number))) return;
    await saveDialog(ctx, { flow: FLOW, number, approve: true });
    await replyKey(ctx, 'engineer.budget_approval.ask_reason', { number });
  }),
);

budgetApprovalFeature.use(
  onCallback('tk', 'bdc', async (ctx, [numberArg]) => {
    if (!(await requireAdmin(ctx))) return;
    await ctx.answerCbQuery();
    const number = Number(numberArg);
    if (!(await pendingOrSay(ctx, number))) return;
    await saveDialog(ctx, { flow: FLOW, number, approve: false });
    await replyKey(ctx, 'engineer.budget_approval.ask_decline_reason', { number });
  }),
);

/** The admin's typed reason for an approval or a decline (commands pass through: /cancel works). */
budgetApprovalFeature.on('message', async (ctx, next) => {
  const dialog = dialogOf(ctx, FLOW, dialogSchema);
  const text = messageText(ctx);
  if (!dialog || text === undefined || text.startsWith('/')) return next();
  if (ctx.user?.role !== 'admin' || !ctx.actor) return next();
  if (text.trim().length < 3) {
    await replyKey(ctx, dialog.approve ? 'engineer.budget_approval.ask_reason' : 'engineer.budget_approval.ask_decline_reason', { number: dialog.number });
    return;
  }
  await decide(ctx, dialog.number, dialog.approve, text.trim());
});

async function decide(ctx: DeskContext, number: number, approve: boolean, reason: string): Promise<void> {
  if (!ctx.actor) return;
  let decision;
  try {
    decision = await ctx.deps.desk.tickets.decideBudgetApproval({ ticket: { number }, actor: ctx.actor, approve, reason });
  } catch (error) {
    await clearDialog(ctx);
    await refuse(ctx, error);
    return;
  }
  await clearDialog(ctx);
  const open = { keyboard: keyboard([[actionButton(ctx.t, 'open', number)]]) };
  if (decision.outcome === 'none') {
    await replyKey(ctx, 'engineer.budget_approval.none', { number }, open);
    return;
  }
  const params = { number, hours: formatHours(decision.plannedHours, ctx.lang), date: formatDate(decision.plannedDate) };
  await replyKey(ctx, `engineer.budget_approval.${decision.outcome}`, params, open);
}
