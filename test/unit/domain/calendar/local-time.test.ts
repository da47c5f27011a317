import {
  addCalendarDays,
  endOfLocalDay,
  formatDate,
  formatLocalDateTime,
  isIsoDate,
  startOfLocalDay,
  toLocalDate,
  toLocalMonth,
} from '../../../../src/domain/calendar/local-time';
import { DateTime } from 'luxon';

describe('local time helpers', () => {
  it('validate real dates', () => {
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2026-1-01')).toBe(false);
  });

  it('take the day and month in the zone', () => {
    expect(toLocalDate(new Date('2026-01-31T21:30:00Z'), 'Europe/Moscow')).toBe('2026-02-01');
    expect(toLocalMonth(new Date('2026-01-31T21:30:00Z'), 'Europe/Moscow')).toBe('2026-02');
    expect(toLocalMonth(new Date('2026-01-31T20:59:59Z'), 'Europe/Moscow')).toBe('2026-01');
  });

  it('give the same day as a fresh computation, asked in any order, across midnights and DST changes', () => {
    // The last day of each zone is remembered; every answer must still be the zone's own.
    const fresh = (instant: Date, zone: string): string => DateTime.fromJSDate(instant, { zone }).toISODate() ?? '';
    const zones = ['Europe/Moscow', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata'];
    const start = Date.parse('2026-03-27T00:00:00Z'); // Berlin springs forward on the 29th, New York on the 8th of March
    for (let minute = 0; minute < 4 * 24 * 60; minute += 7) {
      const instant = new Date(start + minute * 60_000);
      for (const zone of minute % 2 === 0 ? zones : [...zones].reverse()) expect(toLocalDate(instant, zone)).toBe(fresh(instant, zone));
    }
    // Backwards in time too (a test clock, a sweep of old rows).
    expect(toLocalDate(new Date('2026-03-29T00:59:59Z'), 'Europe/Berlin')).toBe('2026-03-29');
    expect(toLocalDate(new Date('2026-03-28T22:59:59Z'), 'Europe/Berlin')).toBe('2026-03-28');
    expect(toLocalDate(new Date('2026-10-25T22:59:59Z'), 'Europe/Berlin')).toBe('2026-10-25');
    expect(toLocalDate(new Date('2026-10-25T23:00:00Z'), 'Europe/Berlin')).toBe('2026-10-26');
  });

  it('add calendar days on the wall clock across a DST change', () => {
    // Berlin moves to summer time on 2026-03-29: 14 days later is the same wall-clock time.
    const start = new Date('2026-03-20T09:00:00Z'); // 10:00 CET
    expect(addCalendarDays(start, 14, 'Europe/Berlin').toISOString()).toBe('2026-04-03T08:00:00.000Z');
    expect(addCalendarDays(start, 14, 'Europe/Moscow').toISOString()).toBe('2026-04-03T09:00:00.000Z');
  });

  it('format for notifications', () => {
    expect(formatLocalDateTime(new Date('2026-02-26T20:59:59.999Z'), 'Europe/Moscow')).toBe('26.02.2026 23:59');
    expect(formatDate('2026-03-09')).toBe('09.03.2026');
  });

  it('bound a local day in its zone, the same when asked again, across a DST change', () => {
    for (let round = 0; round < 2; round++) {
      expect(endOfLocalDay('2026-02-26', 'Europe/Moscow').toISOString()).toBe('2026-02-26T20:59:59.999Z');
      expect(endOfLocalDay('2026-02-26', 'Europe/Berlin').toISOString()).toBe('2026-02-26T22:59:59.999Z');
      // Berlin's 2026-03-29 has 23 hours: from 00:00 CET to 23:59:59.999 CEST.
      expect(startOfLocalDay('2026-03-29', 'Europe/Berlin').toISOString()).toBe('2026-03-28T23:00:00.000Z');
      expect(endOfLocalDay('2026-03-29', 'Europe/Berlin').toISOString()).toBe('2026-03-29T21:59:59.999Z');
    }
    // Each call hands out its own Date: changing one does not change the next answer.
    endOfLocalDay('2026-02-26', 'Europe/Moscow').setTime(0);
    expect(endOfLocalDay('2026-02-26', 'Europe/Moscow').toISOString()).toBe('2026-02-26T20:59:59.999Z');
  });

  it('refuse an unknown zone', () => {
    expect(() => toLocalDate(new Date(), 'Mars/Olympus')).toThrow(RangeError);
    expect(() => endOfLocalDay('2026-02-26', 'Mars/Olympus')).toThrow(RangeError);
  });
});
