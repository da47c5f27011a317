import type { TicketCard, TicketView } from '../../../application/views/ticket';
import type { TicketEventKind } from '../../../domain/ticket/events';
import type { UserView } from '../../../application/views/user';
import { intArg } from '../../../telegram/callback-data';
import type { DeskContext } from '../../context';
import { contactLine } from '../../access/blocking';
import { replyHtml, replyKey } from '../../html';
import { actionButton, keyboard } from '../../keyboard';
import { visibleTicket, visibleTicketCard } from '../../tickets/ticket-access';

export type StaffUser = UserView & { readonly role: 'engineer' | 'admin' };

export function isStaff(user: UserView | null): user is StaffUser {
  return user !== null && (user.role === 'engineer' || user.role === 'admin') && !user.blocked;
}

/**
 * The server-side check behind every engineer command and button: the stored user is an
 * unblocked engineer or admin. Anyone else (a client pressing a forged button) is told so
 * and nothing happens.
 */
export async function requireStaff(ctx: DeskContext): Promise<StaffUser | null> {
  const user = ctx.user;
  if (isStaff(user)) return user;
  const blockedStaff = user !== null && user.role !== 'client' && user.blocked;
  const key = blockedStaff ? 'engineer.blocked' : 'engineer.staff_only';
  const params = { reason: user?.blockedReason ?? ctx.t('common.none') };
  if (ctx.callbackQuery) await ctx.answerCbQuery(ctx.t(key, params), { show_alert: true });
  // A blocked engineer is told whom to contact, with a tap-to-open link (issue 14 §7).
  else if (blockedStaff) await replyHtml(ctx, `${ctx.t(key, params)}\n${await contactLine(ctx)}`);
  else await replyKey(ctx, key, params);
  return null;
}

/** The ticket a staff member names (a button argument or a typed number); says "not found" otherwise. */
export async function staffTicket(ctx: DeskContext, ref: string | number | undefined): Promise<TicketView | null> {
  const number = typeof ref === 'number' ? ref : intArg(ref);
  const ticket = number === null ? null : await visibleTicket(ctx, number);
  if (ticket) return ticket;
  if (ctx.callbackQuery) await ctx.answerCbQuery(ctx.t('errors.not_found'));
  await replyKey(ctx, 'errors.not_found');
  return null;
}

/**
 * The ticket when the staff member may send `event` on it now (the domain's allowedEvents, as
 * the card shows them) — checked before a prompt asks for anything. Otherwise the button is
 * answered with why (the state it is in) and a way back to the card, and null is returned.
 */
export async function ticketAllowing(ctx: DeskContext, ref: string | number | undefined, event: TicketEventKind): Promise<TicketCard | null> {
  const number = typeof ref === 'number' ? ref : intArg(ref);
  const card = number === null ? null : await visibleTicketCard(ctx, number);
  if (!card) {
    if (ctx.callbackQuery) await ctx.answerCbQuery(ctx.t('errors.not_found'));
    await replyKey(ctx, 'errors.not_found');
    return null;
  }
  if (card.actions.includes(event)) return card;
  if (ctx.callbackQuery) await ctx.answerCbQuery();
  await replyKey(ctx, 'engineer.not_now', { number: card.ticket.number, state: ctx.t(`ticket.state.${card.ticket.state}`) }, {
    keyboard: keyboard([[actionButton(ctx.t, 'open', card.ticket.number)]]),
  });
  return null;
}
