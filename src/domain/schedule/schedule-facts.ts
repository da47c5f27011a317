import type { BusinessCalendar } from '../calendar/business-calendar';
import type { TimePolicy } from '../calendar/time-policy';
import type { TicketState } from '../ticket/types';

/** What the scheduler may have to do for a ticket (SPEC §6), earliest first per ticket. */
export const SCHEDULE_KINDS = ['reminder', 'window_end', 'review_warning', 'review_breach'] as const;
export type ScheduleKind = (typeof SCHEDULE_KINDS)[number];

/** The part of a ticket that decides its deadlines, with the scheduler's marks for them. */
export interface ScheduleFacts {
  readonly state: TicketState;
  /** End of the review period while in `new`. */
  readonly reviewDueAt: Date | null;
  /** End of the open 14-day window while in a window state. */
  readonly windowEndsAt: Date | null;
  /**
   * When the open window started (the ticket's `stateChangedAt` in a window state). Optional:
   * without it the reminders assume the latest possible start (`windowDays` before the end).
   */
  readonly windowOpenedAt?: Date | null;
  /** Reminder offsets (days before the window ends) already handled in this window. */
  readonly remindersSent: readonly number[];
  /** Set once the "review deadline near" warning was handled for this stay in `new`. */
  readonly reviewWarnedAt: Date | null;
  readonly reviewBreachedAt: Date | null;
}

export interface ScheduleContext {
  readonly calendar: BusinessCalendar;
  readonly policy: TimePolicy;
}

/** The next thing due for a ticket. `offsetDays` names the reminder (days before the window ends). */
export type NextDue =
  | { readonly kind: 'reminder'; readonly at: Date; readonly offsetDays: number }
  | { readonly kind: 'window_end' | 'review_warning' | 'review_breach'; readonly at: Date };
