import { z } from 'zod';
import { intArg } from '../../telegram/callback-data';
import { ensureMayWrite } from '../access/blocking';
import type { DeskContext } from '../context';
import { clearDialog, dialogOf, saveDialog } from '../dialog';
import { createFeature, onCallback, type CallbackContext } from '../feature';
import { replyKey } from '../html';
import { button, keyboard } from '../keyboard';
import { messageText } from '../updates';
import { actOnTicket } from '../tickets/act';
import { visibleTicket } from '../tickets/ticket-access';
import { FINAL_STATES } from '../../domain/ticket/types';
import type { TicketView } from '../../application/views/ticket';
import { startWizard } from './new-ticket';
import { askRating } from './rating';
import { REPLY_FLOW } from './ticket-replies';

/** The client's buttons on a ticket: confirm, refuse (with a reason), withdraw, add information, new linked ticket. */
export const clientActionsFeature = createFeature();

const REFUSE_FLOW = 'refuse';
const WITHDRAW_FLOW = 'withdraw';
const reasonDialog = z.object({ flow: z.string(), number: z.number().int().positive() });

/** The client's own ticket for a pressed button, or null after answering "not found". */
async function clientTicket(ctx: CallbackContext, numberArg: string | undefined): Promise<TicketView | null> {
  const number = intArg(numberArg);
  const row = number === null || ctx.user?.role !== 'client' ? null : await visibleTicket(ctx, number);
  if (!row) {
    await ctx.answerCbQuery(ctx.t('errors.not_found'));
    await replyKey(ctx, 'errors.not_found');
    return null;
  }
  return row;
}

/** Tells the client where the ticket stands after their action. */
export async function reportState(ctx: DeskContext, number: number, before: string, after: string): Promise<void> {
  if (before === after) return;
  await replyKey(ctx, 'client.state_now', { number, state: ctx.t(`ticket.state.${after}`) });
}

clientActionsFeature.use(
  onCallback('tk', 'cnf', async (ctx, [arg]) => {
    const row = await clientTicket(ctx, arg);
    if (!row || !(await ensureMayWrite(ctx))) return;
    await ctx.answerCbQuery();
    const result = await actOnTicket(ctx, row.number, { kind: 'confirm' });
    if (!result || result === 'invalid_input') return;
    await replyKey(ctx, 'client.confirmed', { number: row.number, state: ctx.t(`ticket.state.${result.ticket.state}`) });
    if (result.ticket.state === 'done' && row.state !== 'done') await askRating(ctx, row.number);
  }),
  onCallback('tk', 'ref', async (ctx, [arg]) => {
    const row = await clientTicket(ctx, arg);
    if (!row || !(await ensureMayWrite(ctx))) return;
    await ctx.answerCbQuery();
    await saveDialog(ctx, { flow: REFUSE_FLOW, number: row.number });
    const ask = row.state === 'ready_for_install' ? 'client.refuse.ask_install' : 'client.refuse.ask';
    await replyKey(ctx, ask, { number: row.number }, { keyboard: keyboard([[button(ctx.t('common.cancel'), 'dlg', 'x')]]) });
  }),
  onCallback('tk', 'wd', async (ctx, [arg]) => {
    const row = await clientTicket(ctx, arg);
    if (!row || !(await ensureMayWrite(ctx))) return;
    await ctx.answerCbQuery();
    await saveDialog(ctx, { flow: WITHDRAW_FLOW, number: row.number });
    await replyKey(ctx, 'client.withdraw.ask', { number: row.number }, {
      keyboard: keyboard([
        [button(ctx.t('client.withdraw.without_reason'), 'wd', 'go', row.number)],
        [button(ctx.t('common.cancel'), 'dlg', 'x')],
      ]),
    });
  }),
  onCallback('wd', 'go', async (ctx, [arg]) => {
    const row = await clientTicket(ctx, arg);
    if (!row || !(await ensureMayWrite(ctx))) return;
    await ctx.answerCbQuery();
    await clearDialog(ctx);
    const result = await actOnTicket(ctx, row.number, { kind: 'withdraw' });
    if (result && result !== 'invalid_input') await reportState(ctx, row.number, row.state, result.ticket.state);
  }),
  onCallback('tk', 'rep', async (ctx, [arg]) => {
    const row = await clientTicket(ctx, arg);
    if (!row || !(await ensureMayWrite(ctx))) return;
    await ctx.answerCbQuery();
    await saveDialog(ctx, { flow: REPLY_FLOW, number: row.number });
    await replyKey(ctx, 'client.reply.ask', { number: row.number }, {
      keyboard: keyboard([[button(ctx.t('common.cancel'), 'dlg', 'x')]]),
    });
  }),
  onCallback('tk', 'new', async (ctx, [arg]) => {
    const row = await clientTicket(ctx, arg);
    if (!row) return;
    await ctx.answerCbQuery();
    if (!FINAL_STATES.includes(row.state)) {
      await replyKey(ctx, 'client.new.not_final', { number: row.number });
      return;
    }
    await startWizard(ctx, row.number);
  }),
);

/** The reason typed after Refuse or Withdraw. */
clientActionsFeature.on('message', async (ctx, next) => {
  const dialog = dialogOf(ctx, REFUSE_FLOW, reasonDialog) ?? dialogOf(ctx, WITHDRAW_FLOW, reasonDialog);
  const text = messageText(ctx);
  if (!dialog || text?.startsWith('/')) return next();
  if (text === undefined || !('text' in ctx.message)) {
    await replyKey(ctx, 'client.reason_as_text');
    return;
  }
  if (!(await ensureMayWrite(ctx))) return;
  const row = await visibleTicket(ctx, dialog.number);
  if (!row) {
    await clearDialog(ctx);
    await replyKey(ctx, 'errors.not_found');
    return;
  }
  const event = dialog.flow === REFUSE_FLOW ? { kind: 'refuse' as const, reason: text } : { kind: 'withdraw' as const, reason: text };
  const result = await actOnTicket(ctx, row.number, event, {
    source: { chatId: ctx.chat.id, messageId: ctx.message.message_id },
  });
  // A reason that breaks the rule keeps the dialog open for another try.
  if (result === 'invalid_input') return;
  await clearDialog(ctx);
  if (!result) return;
  await reportState(ctx, row.number, row.state, result.ticket.state);
});
