import type { BusinessCalendar } from '../calendar/business-calendar';
import type { TimePolicy } from '../calendar/time-policy';
import type { Effect } from './effects';
import type { Actor, TicketSnapshot } from './types';

/** Everything transition() needs besides the ticket and the event; time comes in as `now`. */
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

/** A user (not the system) as the actor. */
export type UserActor = Extract<Actor, { kind: 'user' }>;
