import { reviewDeadline } from '../calendar/review-deadline';
import { windowEnd } from '../calendar/window-end';
import { chargeBetween } from './charges';
import type { Effect } from './effects';
import { history } from './effect-builders';
import type { TransitionContext } from './transition-context';
import { WINDOW_KINDS, type TicketSnapshot, type TicketState, type WindowKind } from './types';

export function isWindowState(state: TicketState): state is WindowKind {
  return (WINDOW_KINDS as readonly TicketState[]).includes(state);
}

/**
 * Moves the ticket to `to`, with the bookkeeping every move carries: the history line, the
 * review deadline of `new` (set on entry, cleared on exit) and the window of a window state
 * (opened on entry, closed on exit; windowEnd says when it ends). Notifications are the
 * caller's: they depend on the cause.
 */
export function moveTo(
  ticket: TicketSnapshot,
  to: TicketState,
  reason: string | null,
  ctx: TransitionContext,
): { ticket: TicketSnapshot; effects: Effect[] } {
  const from = ticket.state;
  const effects: Effect[] = [history(ticket, 'state', from, to, reason, ctx)];
  let next: TicketSnapshot = { ...ticket, state: to, stateChangedAt: ctx.now };

  if (from === 'new') {
    next = { ...next, reviewDueAt: null };
    effects.push({ kind: 'review_deadline_cleared', ticketId: ticket.id });
  }
  if (isWindowState(from)) {
    next = { ...next, windowEndsAt: null };
    effects.push({ kind: 'window_closed', ticketId: ticket.id, window: from });
  }
  if (to === 'new') {
    const dueAt = reviewDeadline(ctx.now, ctx.calendar, ctx.policy.zone, ctx.policy.reviewBusinessDays);
    next = { ...next, enteredNewAt: ctx.now, reviewDueAt: dueAt };
    effects.push({ kind: 'review_deadline_set', ticketId: ticket.id, dueAt });
  }
  if (to === 'rejected') {
    // A rejected ticket holds no norm-hours (SPEC §7): withdrawn or never clarified, its work
    // is not delivered. Hours actually logged on it stay in the month's actual hours.
    const release = chargeBetween(ticket, next, 'release', false, ctx);
    if (release) effects.push(release);
  }
  if (isWindowState(to)) {
    const endsAt = windowEnd(ctx.now, ctx.policy.windowDays[to], ctx.calendar, ctx.policy);
    next = { ...next, windowEndsAt: endsAt };
    effects.push({ kind: 'window_opened', ticketId: ticket.id, window: to, endsAt });
  }
  return { ticket: next, effects };
}
