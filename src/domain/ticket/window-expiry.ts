import { AUTHOR, done, notify } from './effect-builders';
import { WindowStillOpenError } from './errors';
import { moveTo } from './state-change';
import type { TransitionContext, TransitionResult } from './transition-context';
import type { TicketSnapshot } from './types';

/**
 * The system closes an ended window: clarification → rejected, the others → done; the author
 * and the owner (if any) are told.
 * @throws WindowStillOpenError when `windowEndsAt` is unset or still ahead of `ctx.now`.
 */
export function expireWindow(ticket: TicketSnapshot, ctx: TransitionContext): TransitionResult {
  if (ticket.windowEndsAt === null || ctx.now.getTime() < ticket.windowEndsAt.getTime()) {
    throw new WindowStillOpenError(ticket.windowEndsAt);
  }
  const owner = ticket.ownerId === null ? [] : [{ kind: 'owner' } as const];
  if (ticket.state === 'clarification') {
    const moved = moveTo(ticket, 'rejected', null, ctx);
    const days = ctx.policy.windowDays.clarification;
    return done(moved.ticket, [
      ...moved.effects,
      ...[AUTHOR, ...owner].map((audience) => notify(ticket, audience, 'auto_rejected', 'notify.auto_rejected', { days }, ctx)),
    ]);
  }
  const key = ticket.state === 'customer_testing' ? 'notify.auto_closed.customer_testing' : 'notify.auto_closed.ready_for_install';
  const days = ticket.state === 'customer_testing' ? ctx.policy.windowDays.customer_testing : ctx.policy.windowDays.ready_for_install;
  const moved = moveTo(ticket, 'done', null, ctx);
  return done(moved.ticket, [
    ...moved.effects,
    ...[AUTHOR, ...owner].map((audience) => notify(ticket, audience, 'auto_closed', key, { days }, ctx)),
  ]);
}

