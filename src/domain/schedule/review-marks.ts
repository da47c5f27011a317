import { atLocalTime } from '../calendar/local-time';
import { reviewWarningDate } from '../calendar/review-deadline';
import type { ScheduleContext } from './schedule-facts';

/**
 * When the department and the responsible are warned about a review deadline: the opening
 * of working hours one business day before the due day (SPEC §6).
 */
export function reviewWarningAt(reviewDueAt: Date, ctx: ScheduleContext): Date {
  const day = reviewWarningDate(reviewDueAt, ctx.calendar, ctx.policy.zone);
  return atLocalTime(day, ctx.policy.workingHours.start, ctx.policy.zone);
}

/** The deadline has passed once its last millisecond has: the breach is due just after it. */
export function reviewBreachAt(reviewDueAt: Date): Date {
  return new Date(reviewDueAt.getTime() + 1);
}

/**
 * A warning that comes due only after the deadline has passed (the scheduler was down) is
 * not sent: "the deadline is near" would be false, and the breach notice follows at once.
 */
export function isWarningStale(reviewDueAt: Date, now: Date): boolean {
  return now.getTime() >= reviewBreachAt(reviewDueAt).getTime();
}
