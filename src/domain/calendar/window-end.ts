import type { BusinessCalendar } from './business-calendar';
import { addDays, localMinutes, toLocalDate } from './local-time';
import type { TimePolicy } from './time-policy';
import { closingMinutes, closingTime } from './working-hours';

/** More than any run of days off a production calendar has (the New Year break is 8–11). */
const MAX_EXTRA_DAYS = 60;

/**
 * When a window opened at `openedAt` ends (SPEC §6, decision): at the close of working hours
 * of the first business day on or after its `days`-th calendar day (vendor's zone), so it
 * never ends at night, on a weekend or on a holiday; and never before `days` full calendar
 * days have passed (a window opened after the close ends at the close of the next business
 * day). Example: opened Mon 2025-12-22 10:00 Moscow, 14 days → the 14th day, Mon 2026-01-05,
 * is a holiday, the first business day after it is Mon 2026-01-12 → ends 2026-01-12 19:00.
 * @throws RangeError on a malformed policy or a calendar with no business day for 60 days.
 */
export function windowEnd(openedAt: Date, days: number, calendar: BusinessCalendar, policy: TimePolicy): Date {
  const lastDay = addDays(toLocalDate(openedAt, policy.zone), days);
  let day = lastDay;
  for (let extra = 0; extra <= MAX_EXTRA_DAYS; extra++) {
    // Only the `days`-th day itself can close before `days` full days have passed.
    if (calendar.isBusinessDay(day) && (day !== lastDay || closesInTime(openedAt, day, calendar, policy))) {
      return closingTime(day, calendar, policy);
    }
    day = addDays(day, 1);
  }
  throw new RangeError(`no business day within ${MAX_EXTRA_DAYS} days after ${lastDay}`);
}

/** True when the close of `day` (the `days`-th day) is not earlier than the wall-clock time of `openedAt`. */
function closesInTime(openedAt: Date, day: string, calendar: BusinessCalendar, policy: TimePolicy): boolean {
  const minutes = localMinutes(openedAt, policy.zone);
  const close = closingMinutes(day, calendar, policy);
  // Zone offsets are whole minutes: the seconds within the minute are the same in every zone.
  const withinMinute = ((openedAt.getTime() % 60_000) + 60_000) % 60_000;
  return minutes < close || (minutes === close && withinMinute === 0);
}
