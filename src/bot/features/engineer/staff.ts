import type { TicketView } from '../../../application/views/ticket';
import type { UserView } from '../../../application/views/user';
import { intArg } from '../../../telegram/callback-data';
import type { DeskContext } from '../../context';
import { replyKey } from '../../html';
import { visibleTicket } from '../../tickets/ticket-access';

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
