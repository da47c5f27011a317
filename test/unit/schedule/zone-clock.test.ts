import { DEFAULT_TIME_POLICY } from '../../../src/domain/calendar';
import {
  addCalendarDays,
  atLocalTime,
  formatLocalDateTime,
  toLocalDate,
} from '../../../src/domain/calendar/local-time';
import { nextWorkingOpening } from '../../../src/domain/calendar/working-hours';
import { ZoneClock } from '../../../src/domain/schedule';
import { shippedCalendar } from '../domain/fixtures';

const calendar = shippedCalendar().calendar;
const ZONES = ['Europe/Moscow', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata'];

/** Deterministic pseudo-random instants over 2025–2027, plus the hours around DST changes. */
function instants(): Date[] {
  let seed = 42;
  const next = (): number => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const from = Date.UTC(2025, 0, 1);
  const span = Date.UTC(2027, 11, 31) - from;
  const random = Array.from({ length: 600 }, () => new Date(from + Math.floor(next() * span)));
  const dstEdges = ['2026-03-29T00:30:00Z', '2026-03-29T01:30:00Z', '2026-10-25T00:30:00Z', '2026-10-25T01:30:00Z', '2026-03-08T06:30:00Z', '2026-03-08T07:30:00Z', '2026-11-01T05:30:00Z', '2026-11-01T06:30:00Z'];
  return [...random, ...dstEdges.map((d) => new Date(d))];
}

describe('ZoneClock gives the answers of the luxon-based calendar helpers', () => {
  it.each(ZONES)('in %s', (zone) => {
    const clock = ZoneClock.of(zone);
    const policy = { ...DEFAULT_TIME_POLICY, zone };
    for (const instant of instants()) {
      const ms = instant.getTime();
      const at = instant.toISOString();
      expect([at, clock.localDate(ms)]).toEqual([at, toLocalDate(instant, zone)]);
      expect([at, clock.formatDateTime(ms)]).toEqual([at, formatLocalDateTime(instant, zone)]);
      for (const days of [-7, -3, -1, 14]) {
        expect([at, days, new Date(clock.addCalendarDays(ms, days)).toISOString()]).toEqual([at, days, addCalendarDays(instant, days, zone).toISOString()]);
      }
      expect([at, new Date(clock.nextWorkingOpening(ms, calendar, policy)).toISOString()]).toEqual([
        at,
        nextWorkingOpening(instant, calendar, policy).toISOString(),
      ]);
      const date = toLocalDate(instant, zone);
      expect([date, new Date(clock.atLocalTime(date, '09:00')).toISOString()]).toEqual([date, atLocalTime(date, '09:00', zone).toISOString()]);
    }
  });
});
