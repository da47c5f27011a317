import { reviewDeadline, reviewDueDate, reviewWarningDate } from '../../../../src/domain/calendar/review-deadline';
import { shippedCalendar } from '../fixtures';

const zone = 'Europe/Moscow';
const { calendar, warnings } = shippedCalendar();

describe('review deadline (SPEC §6)', () => {
  it('the SPEC example: entered Friday 2026-02-20, due at the end of Thursday 2026-02-26 Moscow', () => {
    const due = reviewDeadline(new Date('2026-02-20T15:00:00+03:00'), calendar, zone);
    expect(due).toEqual(new Date('2026-02-26T23:59:59.999+03:00'));
    expect(due.toISOString()).toBe('2026-02-26T20:59:59.999Z');
  });

  it.each([
    ['late Friday night Moscow is still Friday', '2026-02-20T20:59:00Z', '2026-02-26'],
    ['Saturday counts from the next business day', '2026-02-21T09:00:00Z', '2026-02-26'],
    ['the holiday itself', '2026-02-23T09:00:00Z', '2026-02-26'],
    ['Friday night UTC is Saturday in Moscow', '2026-02-20T21:30:00Z', '2026-02-26'],
    ['an ordinary Tuesday', '2026-02-24T09:00:00Z', '2026-02-27'],
    ['before the moved day off 2026-01-09', '2026-01-08T09:00:00Z', '2026-01-14'],
    ['before the moved day off 2026-12-31', '2026-12-30T09:00:00Z', '2027-01-13'],
    ['on 2026-12-31, into the January 2027 holidays', '2026-12-31T09:00:00Z', '2027-01-13'],
    ['the week with working Saturday 2025-11-01', '2025-10-30T09:00:00Z', '2025-11-05'],
    // Fri 19, working Sat 20, (Mon 22 and Tue 23 off), Wed 24.
    ['the week with working Saturday 2027-02-20', '2027-02-18T09:00:00Z', '2027-02-24'],
  ])('%s', (_name, entered, dueDate) => {
    expect(reviewDueDate(new Date(entered), calendar, zone)).toBe(dueDate);
    expect(reviewDeadline(new Date(entered), calendar, zone)).toEqual(new Date(`${dueDate}T23:59:59.999+03:00`));
  });

  it('honours a configured number of business days', () => {
    expect(reviewDueDate(new Date('2026-02-20T09:00:00Z'), calendar, zone, 1)).toBe('2026-02-24');
  });

  it('counts in the configured zone', () => {
    // 2026-02-20T22:30Z is still Friday in New York.
    expect(reviewDueDate(new Date('2026-02-21T01:30:00Z'), calendar, 'America/New_York')).toBe('2026-02-26');
  });

  it('warns one business day before the due day', () => {
    expect(reviewWarningDate(new Date('2026-02-26T20:59:59.999Z'), calendar, zone)).toBe('2026-02-25');
    expect(reviewWarningDate(new Date('2027-01-11T20:59:59.999Z'), calendar, zone)).toBe('2026-12-30');
  });

  it('needed no fallback years', () => {
    expect(warnings).toEqual([]);
  });
});
