import { DateTime } from 'luxon';
import type { IsoDate } from './business-calendar';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const CLOCK_TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;
const DAY_MS = 86_400_000;

/** True for a real calendar date written YYYY-MM-DD (2026-02-30 is not). */
export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

function assertIsoDate(value: IsoDate): void {
  if (!isIsoDate(value)) throw new RangeError(`not a date YYYY-MM-DD: ${JSON.stringify(value)}`);
}

/** Plain-date arithmetic, free of time zones: `date` plus `days` calendar days. Throws RangeError on a malformed date. */
export function addDays(date: IsoDate, days: number): IsoDate {
  assertIsoDate(date);
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** ISO weekday of a plain date: 1 = Monday … 7 = Sunday. Throws RangeError on a malformed date. */
export function weekdayOf(date: IsoDate): number {
  assertIsoDate(date);
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

/** The last local day asked for in each zone, with its bounds as instants [start, end). */
const lastDay = new Map<string, { readonly start: number; readonly end: number; readonly date: IsoDate }>();

/**
 * The calendar date of `instant` in `zone`. Throws RangeError for an unknown zone. Every
 * update asks for today; the answer is kept with the bounds of that local day (taken in the
 * zone, so a DST change moves them correctly) and served from there until the day ends.
 */
export function toLocalDate(instant: Date, zone: string): IsoDate {
  const at = instant.getTime();
  const known = lastDay.get(zone);
  if (known && at >= known.start && at < known.end) return known.date;
  const time = local(instant, zone);
  const date = time.toISODate() ?? invalid(zone);
  lastDay.set(zone, { start: time.startOf('day').toMillis(), end: time.endOf('day').toMillis() + 1, date });
  return date;
}

/** The month YYYY-MM of `instant` in `zone`: 2026-01-31T21:30Z is 2026-02 in Moscow. */
export function toLocalMonth(instant: Date, zone: string): string {
  return toLocalDate(instant, zone).slice(0, 7);
}

/**
 * The bounds of local days already asked for, by zone and date (instants in ms). A zone's rules
 * do not change while the process runs, so an answer stays true; at most DAY_BOUNDS_KEPT entries
 * are kept, the oldest forgotten first. Luxon takes a zone's offset from Intl on every call,
 * which a ticket's deadlines ask for several times.
 */
const dayBounds = new Map<string, { readonly start: number; readonly end: number }>();
const DAY_BOUNDS_KEPT = 1024;

function boundsOf(date: IsoDate, zone: string): { readonly start: number; readonly end: number } {
  const key = `${zone} ${date}`;
  const known = dayBounds.get(key);
  if (known) return known;
  assertIsoDate(date);
  const day = DateTime.fromISO(date, { zone });
  if (!day.isValid) invalid(zone);
  const bounds = { start: day.startOf('day').toMillis(), end: day.endOf('day').toMillis() };
  if (dayBounds.size >= DAY_BOUNDS_KEPT) dayBounds.delete(dayBounds.keys().next().value as string);
  dayBounds.set(key, bounds);
  return bounds;
}

/** 00:00:00.000 of `date` in `zone`, as an instant. */
export function startOfLocalDay(date: IsoDate, zone: string): Date {
  return new Date(boundsOf(date, zone).start);
}

/** 23:59:59.999 of `date` in `zone`, as an instant: "by the end of the day". */
export function endOfLocalDay(date: IsoDate, zone: string): Date {
  return new Date(boundsOf(date, zone).end);
}

/** `instant` plus `days` calendar days on the wall clock of `zone` (stable across DST changes). */
export function addCalendarDays(instant: Date, days: number, zone: string): Date {
  return local(instant, zone).plus({ days }).toJSDate();
}

/** `instant` at wall-clock `time` (HH:MM) on local `date` in `zone`. Throws RangeError on bad input. */
export function atLocalTime(date: IsoDate, time: string, zone: string): Date {
  assertIsoDate(date);
  const m = CLOCK_TIME.exec(time);
  if (!m) throw new RangeError(`not a time HH:MM: ${JSON.stringify(time)}`);
  return DateTime.fromISO(date, { zone })
    .set({ hour: Number(m[1]), minute: Number(m[2]), second: 0, millisecond: 0 })
    .toJSDate();
}

/** Minutes since local midnight of `instant` in `zone`. */
export function localMinutes(instant: Date, zone: string): number {
  const dt = local(instant, zone);
  return dt.hour * 60 + dt.minute;
}

/** Parses HH:MM into minutes since midnight. Throws RangeError on anything else. */
export function clockMinutes(time: string): number {
  const m = CLOCK_TIME.exec(time);
  if (!m) throw new RangeError(`not a time HH:MM: ${JSON.stringify(time)}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/** DD.MM.YYYY HH:MM of `instant` in `zone` — the form deadlines take in notifications. */
export function formatLocalDateTime(instant: Date, zone: string): string {
  return local(instant, zone).toFormat('dd.LL.yyyy HH:mm');
}

/** DD.MM.YYYY of a plain date. */
export function formatDate(date: IsoDate): string {
  assertIsoDate(date);
  return `${date.slice(8, 10)}.${date.slice(5, 7)}.${date.slice(0, 4)}`;
}

function local(instant: Date, zone: string): DateTime {
  const dt = DateTime.fromJSDate(instant, { zone });
  if (!dt.isValid) invalid(zone);
  return dt;
}

function invalid(zone: string): never {
  throw new RangeError(`invalid instant or time zone: ${zone}`);
}
