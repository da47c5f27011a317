import type { BusinessCalendar, IsoDate } from './business-calendar';
import { atLocalTime, clockMinutes, localMinutes, toLocalDate } from './local-time';
import type { TimePolicy } from './time-policy';

/** A shortened day (the eve of a holiday) ends one hour earlier. */
const SHORTENED_BY_MINUTES = 60;

/**
 * True when `instant` falls in the vendor's working hours: a business day, from
 * `workingHours.start` (inclusive) to `workingHours.end` (exclusive), an hour less on a
 * shortened day. @throws RangeError on a malformed policy time or zone.
 */
export function isWithinWorkingHours(instant: Date, calendar: BusinessCalendar, policy: TimePolicy): boolean {
  const date = toLocalDate(instant, policy.zone);
  if (!calendar.isBusinessDay(date)) return false;
  const minutes = localMinutes(instant, policy.zone);
  return minutes >= clockMinutes(policy.workingHours.start) && minutes < closingMinutes(date, calendar, policy);
}

/**
 * The earliest instant at or after `instant` that is within working hours: `instant` itself
 * when it already is, otherwise the opening time of today (before opening on a business day)
 * or of the next business day. @throws RangeError on a malformed policy time or zone.
 */
export function nextWorkingOpening(instant: Date, calendar: BusinessCalendar, policy: TimePolicy): Date {
  if (isWithinWorkingHours(instant, calendar, policy)) return instant;
  const today = toLocalDate(instant, policy.zone);
  const beforeOpening = localMinutes(instant, policy.zone) < clockMinutes(policy.workingHours.start);
  const day = calendar.isBusinessDay(today) && beforeOpening ? today : calendar.nextBusinessDay(today);
  return atLocalTime(day, policy.workingHours.start, policy.zone);
}

/**
 * The close of working hours on local `date` (a business day, or any day: the hours are the
 * policy's), an hour earlier on a shortened day. @throws RangeError on a malformed date or policy.
 */
export function closingTime(date: IsoDate, calendar: BusinessCalendar, policy: TimePolicy): Date {
  const minutes = closingMinutes(date, calendar, policy);
  const time = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
  return atLocalTime(date, time, policy.zone);
}

/** Minutes since local midnight at which working hours close on `date`. */
export function closingMinutes(date: string, calendar: BusinessCalendar, policy: TimePolicy): number {
  const end = clockMinutes(policy.workingHours.end);
  return calendar.isShortened(date) ? end - SHORTENED_BY_MINUTES : end;
}
