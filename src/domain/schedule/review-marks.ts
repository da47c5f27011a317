import type { ScheduleContext } from './schedule-facts';
import { ZoneClock } from './zone-clock';

/**
 * When the department and the responsible are warned about a review deadline: the opening
 * of working hours one business day before the due day (SPEC §6).
 */
export function reviewWarningAt(reviewDueAt: Date, ctx: ScheduleContext): Date {
  // reviewWarningDate() of domain/calendar, on the fast clock.
  const clock = ZoneClock.of(ctx.policy.zone);
  const day = ctx.calendar.addBusinessDays(clock.localDate(reviewDueAt.getTime()), -1);
  return new Date(clock.atLocalTime(day, ctx.policy.workingHours.start));
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
