import type { BusinessCalendar } from '../calendar/business-calendar';
import type { TimePolicy } from '../calendar/time-policy';
import type { Effect } from './effects';
import type { TicketEvent } from './events';
import type { Actor, TicketSnapshot } from './types';

export interface TransitionContext {
  readonly actor: Actor;
  readonly now: Date;
  readonly calendar: BusinessCalendar;
  readonly policy: TimePolicy;
}

export interface TransitionResult {
  readonly ticket: TicketSnapshot;
  readonly effects: readonly Effect[];
}

/**
 * Decides what `event` does to `ticket` (SPEC §5). Pure: returns the next snapshot and the
 * effects to carry out; never reads the clock or storage.
 *
 * @throws FinalStateError, NotPermittedError, TransitionNotAllowedError, AlreadyAcceptedError,
 *   OnlyModificationError, WindowStillOpenError, InvalidInputError, BudgetExceededError
 */
export function transition(ticket: TicketSnapshot, event: TicketEvent, ctx: TransitionContext): TransitionResult {
  void ticket;
  void event;
  void ctx;
  throw new Error('transition: not implemented yet');
}
