import type { BusinessCalendar, IsoDate } from './business-calendar';
import { endOfLocalDay, toLocalDate } from './local-time';

/**
 * When a ticket that entered `new` at `enteredAt` must be reviewed (SPEC §6): the end
 * (23:59:59.999 in `zone`) of the `businessDays`-th business day after the local day it
 * entered. Days are counted from the next business day, so an entry on a weekend or holiday
 * and an entry on the business day before it fall due together. Example: entered Friday
 * 2026-02-20 → Tue 24, Wed 25, Thu 26 (Mon 23 is a holiday) → due 2026-02-26T20:59:59.999Z.
 * @throws RangeError for an unknown zone or a count that is not a whole number.
 */
export function reviewDeadline(enteredAt: Date, calendar: BusinessCalendar, zone: string, businessDays = 3): Date {
  return endOfLocalDay(reviewDueDate(enteredAt, calendar, zone, businessDays), zone);
}

/** The local date reviewDeadline() ends on. */
export function reviewDueDate(enteredAt: Date, calendar: BusinessCalendar, zone: string, businessDays = 3): IsoDate {
  return calendar.addBusinessDays(toLocalDate(enteredAt, zone), businessDays);
}

/**
 * The business day on which the department and the responsible are warned that the review
 * deadline `dueAt` is near: one business day before the due day (SPEC §6).
 */
export function reviewWarningDate(dueAt: Date, calendar: BusinessCalendar, zone: string): IsoDate {
  return calendar.addBusinessDays(toLocalDate(dueAt, zone), -1);
}
