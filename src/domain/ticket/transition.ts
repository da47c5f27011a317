import { AUTHOR, VENDOR, done, notify, reviewText, windowText } from './effect-builders';
import { NotPermittedError } from './errors';
import type { TicketEvent } from './events';
import { assign, changePriority } from './assignment-moves';
import { clientMessage } from './client-message';
import { authorize } from './guards';
import { TICKET_LIMITS, optionalText, requireText } from './input-rules';
import { accept, replan } from './plan-moves';
import { moveTo } from './state-change';
import type { TransitionContext, TransitionResult } from './transition-context';
import type { TicketSnapshot } from './types';
import { expireWindow } from './window-expiry';

export type { TransitionContext, TransitionResult } from './transition-context';

/**
 * Decides what `event` does to `ticket` (SPEC §5) and returns the next snapshot with the
 * effects to carry out (history, notifications, deadlines, charges). Pure: never reads the
 * clock or storage; `ctx.now` is the instant of the event.
 *
 * Preconditions: `ticket` is the current stored snapshot; for `accept` (and a `replan` that
 * adds hours) the caller looked up `budget` for the month of `ctx.now` (or of
 * `ticket.chargedMonth` for replan). An event that changes nothing (assigning the current
 * owner, the same priority or plan) returns the ticket unchanged with no effects.
 *
 * Errors are checked in this order (see authorize()): NotPermittedError (`system_only`,
 * `role`, `other_company`), FinalStateError, OnlyModificationError, AlreadyAcceptedError /
 * TransitionNotAllowedError, NotPermittedError (`not_assigned`); then WindowStillOpenError
 * (expire_window before `windowEndsAt`), InvalidInputError (texts, hours, date, assignees),
 * and last BudgetExceededError or NotPermittedError (`admin_only`) for an override by a
 * non-admin.
 */
export function transition(ticket: TicketSnapshot, event: TicketEvent, ctx: TransitionContext): TransitionResult {
  authorize(ticket, event.kind, ctx.actor);
  const actor = ctx.actor;
  if (actor.kind === 'system') return expireWindow(ticket, ctx);
  switch (event.kind) {
    case 'accept':
      return accept(ticket, event, ctx, actor);
    case 'request_clarification': {
      const question = requireText('question', event.question, TICKET_LIMITS.question);
      const moved = moveTo(ticket, 'clarification', question, ctx);
      return done(moved.ticket, [
        ...moved.effects,
        notify(ticket, AUTHOR, 'clarification_requested', 'notify.clarification_requested', { question, deadline: windowText(moved.ticket, ctx) }, ctx),
      ]);
    }
    case 'client_message':
      return clientMessage(ticket, event, ctx);
    case 'withdraw': {
      const reason = optionalText('reason', event.reason, TICKET_LIMITS.reason);
      const moved = moveTo(ticket, 'rejected', reason, ctx);
      return done(moved.ticket, [
        ...moved.effects,
        notify(ticket, AUTHOR, 'state_changed', 'notify.state_changed.rejected', {}, ctx),
        reason === null
          ? notify(ticket, VENDOR, 'client_withdrew', 'notify.client_withdrew', {}, ctx)
          : notify(ticket, VENDOR, 'client_withdrew', 'notify.client_withdrew_reason', { reason }, ctx),
      ]);
    }
    case 'send_to_testing': {
      const result = requireText('result', event.result, TICKET_LIMITS.result);
      const moved = moveTo(ticket, 'customer_testing', result, ctx);
      return done(moved.ticket, [
        ...moved.effects,
        notify(ticket, AUTHOR, 'state_changed', 'notify.state_changed.customer_testing', { result, deadline: windowText(moved.ticket, ctx) }, ctx),
      ]);
    }
    case 'start_development': {
      const moved = moveTo(ticket, 'in_development', null, ctx);
      return done(moved.ticket, [
        ...moved.effects,
        notify(ticket, AUTHOR, 'state_changed', 'notify.state_changed.in_development', {}, ctx),
      ]);
    }
    case 'ready_for_install': {
      const note = requireText('note', event.note, TICKET_LIMITS.note);
      const moved = moveTo(ticket, 'ready_for_install', note, ctx);
      return done(moved.ticket, [
        ...moved.effects,
        notify(ticket, AUTHOR, 'state_changed', 'notify.state_changed.ready_for_install', { note, deadline: windowText(moved.ticket, ctx) }, ctx),
      ]);
    }
    case 'confirm': {
      const moved = moveTo(ticket, 'done', null, ctx);
      return done(moved.ticket, [
        ...moved.effects,
        notify(ticket, AUTHOR, 'state_changed', 'notify.state_changed.done', {}, ctx),
        notify(ticket, VENDOR, 'client_confirmed', 'notify.client_confirmed', {}, ctx),
      ]);
    }
    case 'refuse': {
      const reason = requireText('reason', event.reason, TICKET_LIMITS.reason);
      const moved = moveTo(ticket, 'new', reason, ctx);
      return done(moved.ticket, [
        ...moved.effects,
        notify(ticket, AUTHOR, 'state_changed', 'notify.state_changed.new', { deadline: reviewText(moved.ticket, ctx) }, ctx),
        ticket.state === 'ready_for_install'
          ? notify(ticket, VENDOR, 'client_refused', 'notify.client_reported_problem', { reason }, ctx)
          : notify(ticket, VENDOR, 'client_refused', 'notify.client_refused', { reason }, ctx),
      ]);
    }
    case 'expire_window':
      // authorize() let only the system through; unreachable for users.
      throw new NotPermittedError(event.kind, 'system_only');
    case 'assign':
      return assign(ticket, event, ctx);
    case 'change_priority':
      return changePriority(ticket, event, ctx);
    case 'replan':
      return replan(ticket, event, ctx, actor);
  }
}
