import { addCalendarDays } from '../../../../src/domain/calendar/local-time';
import { windowEnd } from '../../../../src/domain/calendar/window-end';
import { policy, shippedCalendar } from '../fixtures';

const { calendar } = shippedCalendar();
const end = (openedAt: string): string => windowEnd(new Date(openedAt), 14, calendar, policy).toISOString();

describe('windowEnd (SPEC §6 decision: the close of the first business day on or after the 14th day)', () => {
  it('ends at the close of the 14th day when that is a business day', () => {
    // Tue 2026-03-03 14:30 Moscow → Tue 2026-03-17 19:00 Moscow.
    expect(end('2026-03-03T11:30:00Z')).toBe('2026-03-17T16:00:00.000Z');
  });

  it('issue example: opened Mon 22 Dec 2025 → the 14th day (5 Jan) is a holiday → ends Mon 12 Jan 2026 19:00', () => {
    expect(end('2025-12-22T07:00:00Z')).toBe('2026-01-12T16:00:00.000Z');
  });

  it('issue example: opened Monday 08:31 → ends Monday two weeks later at the close, not before the office opens', () => {
    expect(end('2026-03-16T05:31:00Z')).toBe('2026-03-30T16:00:00.000Z');
  });

  it('moves a 14th day on a weekend to the next business day', () => {
    // Sat 2026-03-14 is the 14th day of a window opened Sat 2026-02-28 → Mon 2026-03-16.
    expect(end('2026-02-28T10:00:00Z')).toBe('2026-03-16T16:00:00.000Z');
  });

  it('ends an hour earlier on a shortened day (the eve of a holiday)', () => {
    // 2026-04-30 is shortened: the close is 18:00 Moscow.
    expect(end('2026-04-16T07:00:00Z')).toBe('2026-04-30T15:00:00.000Z');
  });

  it('is never shorter than 14 days: opened after the close, it ends at the next business day close', () => {
    // Opened Mon 2026-03-16 19:30 Moscow; the 14th day's close (Mon 30 19:00) is 30 min short.
    expect(end('2026-03-16T16:30:00Z')).toBe('2026-03-31T16:00:00.000Z');
  });

  it('a working Saturday counts as a business day (2025-11-01, shortened)', () => {
    // Opened Sat 2025-10-18 10:00 → 14th day Sat 2025-11-01, a shortened working Saturday → 18:00.
    expect(end('2025-10-18T07:00:00Z')).toBe('2025-11-01T15:00:00.000Z');
  });

  it('over 2025–2027 (every 31 hours): at a close, on a business day, never shorter than 14 days', () => {
    for (let ms = Date.parse('2025-01-01T00:00:00Z'); ms < Date.parse('2027-12-01T00:00:00Z'); ms += 31 * 3_600_000) {
      const opened = new Date(ms);
      const ends = windowEnd(opened, 14, calendar, policy);
      expect(ends.getTime()).toBeGreaterThanOrEqual(addCalendarDays(opened, 14, policy.zone).getTime());
      const local = new Date(ends.getTime() + 3 * 3_600_000).toISOString();
      const day = local.slice(0, 10);
      expect(calendar.isBusinessDay(day)).toBe(true);
      expect(local.slice(11, 16)).toBe(calendar.isShortened(day) ? '18:00' : '19:00');
    }
  });
});
