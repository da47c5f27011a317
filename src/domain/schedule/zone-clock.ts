import type { BusinessCalendar, IsoDate } from '../calendar/business-calendar';
import { clockMinutes } from '../calendar/local-time';
import type { TimePolicy } from '../calendar/time-policy';

const HOUR_MS = 3_600_000;
/** A shortened day (the eve of a holiday) ends one hour earlier (as in calendar/working-hours). */
const SHORTENED_BY_MINUTES = 60;

/** Wall-clock fields of an instant in a zone. */
interface LocalFields {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  /** Minutes since local midnight. */
  readonly minutes: number;
  readonly seconds: number;
  readonly ms: number;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/**
 * Local time in one IANA zone, fast: the same answers as the luxon-based helpers of
 * domain/calendar (tested against them), for the sweep that asks them hundreds of thousands
 * of times. The zone's UTC offset is computed with Intl once per hour of time and remembered;
 * an hour whose two ends differ (a DST change inside it) is computed exactly every time.
 */
export class ZoneClock {
  private static readonly clocks = new Map<string, ZoneClock>();
  private readonly format: Intl.DateTimeFormat;
  private readonly hourOffsets = new Map<number, number | null>();

  private constructor(readonly zone: string) {
    this.format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  }

  /** The clock of `zone` (one per zone per process). @throws RangeError for an unknown zone. */
  static of(zone: string): ZoneClock {
    let clock = ZoneClock.clocks.get(zone);
    if (!clock) {
      clock = new ZoneClock(zone);
      ZoneClock.clocks.set(zone, clock);
    }
    return clock;
  }

  /** Offset from UTC in milliseconds at `ms` (local = UTC + offset). */
  offsetAt(ms: number): number {
    const hour = Math.floor(ms / HOUR_MS);
    let cached = this.hourOffsets.get(hour);
    if (cached === undefined) {
      const start = this.exactOffset(hour * HOUR_MS);
      const end = this.exactOffset((hour + 1) * HOUR_MS - 1);
      cached = start === end ? start : null;
      if (this.hourOffsets.size > 100_000) this.hourOffsets.clear();
      this.hourOffsets.set(hour, cached);
    }
    return cached ?? this.exactOffset(ms);
  }

  fields(ms: number): LocalFields {
    const local = new Date(ms + this.offsetAt(ms));
    return {
      year: local.getUTCFullYear(),
      month: local.getUTCMonth() + 1,
      day: local.getUTCDate(),
      minutes: local.getUTCHours() * 60 + local.getUTCMinutes(),
      seconds: local.getUTCSeconds(),
      ms: local.getUTCMilliseconds(),
    };
  }

  localDate(ms: number): IsoDate {
    const f = this.fields(ms);
    return `${pad(f.year, 4)}-${pad(f.month)}-${pad(f.day)}`;
  }

  /** DD.MM.YYYY HH:MM, as formatLocalDateTime. */
  formatDateTime(ms: number): string {
    const f = this.fields(ms);
    return `${pad(f.day)}.${pad(f.month)}.${pad(f.year, 4)} ${pad(Math.floor(f.minutes / 60))}:${pad(f.minutes % 60)}`;
  }

  /**
   * The instant of a wall-clock time. A time skipped by a DST change moves forward by the
   * change, as luxon does; an ambiguous one keeps `offsetGuess` when it fits (luxon keeps the
   * offset of the instant it started from).
   */
  fromLocal(year: number, month: number, day: number, minutes: number, seconds = 0, ms = 0, offsetGuess?: number): number {
    // luxon's algorithm (fixOffset), so both give the same instant around DST changes too.
    const wall = Date.UTC(year, month - 1, day, 0, minutes, seconds, ms);
    const o1 = offsetGuess ?? this.offsetAt(wall);
    const guess = wall - o1;
    const o2 = this.offsetAt(guess);
    if (o1 === o2) return guess;
    const o3 = this.offsetAt(wall - o2);
    if (o2 === o3) return wall - o2;
    return wall - Math.min(o2, o3);
  }

  /** `ms` plus `days` calendar days on the wall clock (as addCalendarDays). */
  addCalendarDays(ms: number, days: number): number {
    const f = this.fields(ms);
    const shifted = new Date(Date.UTC(f.year, f.month - 1, f.day + days));
    return this.fromLocal(
      shifted.getUTCFullYear(),
      shifted.getUTCMonth() + 1,
      shifted.getUTCDate(),
      f.minutes,
      f.seconds,
      f.ms,
      this.offsetAt(ms),
    );
  }

  /** `time` (HH:MM) on local `date` (as atLocalTime). */
  atLocalTime(date: IsoDate, time: string): number {
    return this.fromLocal(Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10)), clockMinutes(time));
  }

  /** True when `ms` is within working hours (as isWithinWorkingHours). */
  isWorkingTime(ms: number, calendar: BusinessCalendar, policy: TimePolicy): boolean {
    const f = this.fields(ms);
    const today = `${pad(f.year, 4)}-${pad(f.month)}-${pad(f.day)}`;
    if (!calendar.isBusinessDay(today)) return false;
    return f.minutes >= clockMinutes(policy.workingHours.start) && f.minutes < this.closingMinutes(today, calendar, policy);
  }

  /** The close of working hours on local `date` (as closingTime). */
  closingAt(date: IsoDate, calendar: BusinessCalendar, policy: TimePolicy): number {
    return this.fromLocal(
      Number(date.slice(0, 4)),
      Number(date.slice(5, 7)),
      Number(date.slice(8, 10)),
      this.closingMinutes(date, calendar, policy),
    );
  }

  /** The earliest instant at or after `ms` within working hours (as nextWorkingOpening). */
  nextWorkingOpening(ms: number, calendar: BusinessCalendar, policy: TimePolicy): number {
    const f = this.fields(ms);
    const today = `${pad(f.year, 4)}-${pad(f.month)}-${pad(f.day)}`;
    const start = clockMinutes(policy.workingHours.start);
    if (calendar.isBusinessDay(today)) {
      const end = this.closingMinutes(today, calendar, policy);
      if (f.minutes >= start && f.minutes < end) return ms;
      if (f.minutes < start) return this.atLocalTime(today, policy.workingHours.start);
    }
    return this.atLocalTime(calendar.nextBusinessDay(today), policy.workingHours.start);
  }

  private closingMinutes(date: IsoDate, calendar: BusinessCalendar, policy: TimePolicy): number {
    return clockMinutes(policy.workingHours.end) - (calendar.isShortened(date) ? SHORTENED_BY_MINUTES : 0);
  }

  private exactOffset(ms: number): number {
    const parts = this.format.formatToParts(new Date(ms));
    const get = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((p) => p.type === type)?.value);
    const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
    return wall - (ms - (((ms % 1000) + 1000) % 1000));
  }
}

