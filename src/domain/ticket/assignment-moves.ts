import type { Effect } from './effects';
import { done, history, notifyUsers } from './effect-builders';
import { InvalidInputError } from './errors';
import type { AssignEvent, ChangePriorityEvent } from './events';
import { checkUserId } from './input-rules';
import type { TransitionContext, TransitionResult } from './transition-context';
import { PRIORITIES, type TicketSnapshot } from './types';

/**
 * Sets the owner and/or the responsible; each new assignee other than the actor is notified.
 * @throws InvalidInputError `assignee` `required` when nobody (or a blank id) is given.
 */
export function assign(ticket: TicketSnapshot, event: AssignEvent, ctx: TransitionContext): TransitionResult {
  if (event.ownerId === undefined && event.responsibleId === undefined) {
    throw new InvalidInputError('assignee', 'required');
  }
  const ownerId = event.ownerId === undefined ? ticket.ownerId : checkUserId(event.ownerId);
  let responsibleId = ticket.responsibleId;
  if (event.responsibleId === null) responsibleId = null;
  else if (event.responsibleId !== undefined) responsibleId = checkUserId(event.responsibleId);
  const effects: Effect[] = [];
  if (ownerId !== ticket.ownerId) {
    effects.push(
      history(ticket, 'owner', ticket.ownerId, ownerId, null, ctx),
      ...notifyUsers(ticket, [ownerId], 'assigned_owner', 'notify.assigned_owner', ctx),
    );
  }
  if (responsibleId !== ticket.responsibleId) {
    effects.push(
      history(ticket, 'responsible', ticket.responsibleId, responsibleId, null, ctx),
      ...notifyUsers(ticket, [responsibleId], 'assigned_responsible', 'notify.assigned_responsible', ctx),
    );
  }
  return done(effects.length === 0 ? ticket : { ...ticket, ownerId, responsibleId }, effects);
}

/** Changes the priority (SPEC §2). @throws InvalidInputError `priority` `unknown_value`. */
export function changePriority(ticket: TicketSnapshot, event: ChangePriorityEvent, ctx: TransitionContext): TransitionResult {
  if (!PRIORITIES.includes(event.priority)) throw new InvalidInputError('priority', 'unknown_value');
  if (event.priority === ticket.priority) return done(ticket, []);
  return done({ ...ticket, priority: event.priority }, [
    history(ticket, 'priority', ticket.priority, event.priority, null, ctx),
  ]);
}

