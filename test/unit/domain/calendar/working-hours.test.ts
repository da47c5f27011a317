import { isWithinWorkingHours, nextWorkingOpening } from '../../../../src/domain/calendar/working-hours';
import { policy, shippedCalendar } from '../fixtures';

const { calendar } = shippedCalendar();
const msk = (local: string): Date => new Date(`${local}+03:00`);

describe('working hours', () => {
  it.each([
    ['2026-02-20T09:00:00', true],
    ['2026-02-20T08:59:59', false],
    ['2026-02-20T18:59:59', true],
    ['2026-02-20T19:00:00', false],
    ['2026-02-21T12:00:00', false],
    ['2026-02-23T12:00:00', false],
    ['2026-04-30T17:59:00', true],
    ['2026-04-30T18:00:00', false],
    ['2025-11-01T10:00:00', true],
  ])('%s Moscow is within: %s', (local, expected) => {
    expect(isWithinWorkingHours(msk(local), calendar, policy)).toBe(expected);
  });

  it.each([
    ['inside hours stays', '2026-02-20T12:00:00', '2026-02-20T12:00:00'],
    ['early morning opens the same day', '2026-02-20T07:00:00', '2026-02-20T09:00:00'],
    ['Friday evening opens after the weekend and the holiday', '2026-02-20T19:30:00', '2026-02-24T09:00:00'],
    ['the eve of a holiday after the shortened day', '2026-04-30T18:30:00', '2026-05-04T09:00:00'],
    ['New Year holidays', '2026-12-30T20:00:00', '2027-01-11T09:00:00'],
  ])('%s', (_name, local, opening) => {
    expect(nextWorkingOpening(msk(local), calendar, policy)).toEqual(msk(opening));
  });
});
