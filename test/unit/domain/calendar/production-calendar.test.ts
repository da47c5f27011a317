import {
  CalendarDataError,
  createBusinessCalendar,
  parseProductionCalendar,
} from '../../../../src/domain/calendar/production-calendar';
import { calendarJson, shippedCalendar } from '../fixtures';

describe('production calendar data', () => {
  it('ships 2025–2027 and parses', () => {
    expect(Object.keys(parseProductionCalendar(calendarJson()).years)).toEqual(['2025', '2026', '2027']);
  });

  it.each([
    ['a malformed date', { country: 'RU', years: { 2026: { off: ['2026-02-30'] } } }, /real date/],
    ['a date outside its year', { country: 'RU', years: { 2026: { off: ['2027-01-01'] } } }, /not in 2026/],
    ['a weekday as a working weekend', { country: 'RU', years: { 2026: { off: [], workingWeekend: ['2026-02-20'] } } }, /not a Saturday or Sunday/],
    ['a day both off and working', { country: 'RU', years: { 2025: { off: ['2025-11-01'], workingWeekend: ['2025-11-01'] } } }, /both off and a working/],
    ['a shortened day off', { country: 'RU', years: { 2026: { off: ['2026-01-01'], shortened: ['2026-01-01'] } } }, /not a working day/],
    ['a bad year key', { country: 'RU', years: { '26': { off: [] } } }, /years\.26/],
    ['no years at all', { country: 'RU' }, /years/],
  ])('rejects %s', (_name, data, message) => {
    expect(() => parseProductionCalendar(data)).toThrow(CalendarDataError);
    expect(() => parseProductionCalendar(data)).toThrow(message);
  });
});

describe('BusinessCalendar over the shipped data', () => {
  const { calendar, warnings } = shippedCalendar();

  it.each([
    ['2026-02-20', true, 'an ordinary Friday'],
    ['2026-02-21', false, 'a Saturday'],
    ['2026-02-23', false, 'Defender of the Fatherland Day, a Monday'],
    ['2026-01-09', false, 'a day off moved to Friday 2026-01-09'],
    ['2026-12-31', false, 'a day off moved to Thursday 2026-12-31'],
    ['2025-11-01', true, 'working Saturday 2025-11-01'],
    ['2027-02-20', true, 'working Saturday 2027-02-20'],
    ['2027-02-22', false, 'the day off it was moved to'],
    ['2026-01-12', true, 'the first working day of 2026'],
  ])('%s is a business day: %s (%s)', (date, expected) => {
    expect(calendar.isBusinessDay(date)).toBe(expected);
  });

  it('knows shortened days, and a day off is never shortened', () => {
    expect(calendar.isShortened('2026-04-30')).toBe(true);
    expect(calendar.isShortened('2027-02-20')).toBe(true);
    expect(calendar.isShortened('2026-04-29')).toBe(false);
    expect(calendar.isShortened('2026-01-01')).toBe(false);
  });

  it('adds business days across the New Year holidays', () => {
    expect(calendar.nextBusinessDay('2026-12-30')).toBe('2027-01-11');
    expect(calendar.addBusinessDays('2026-12-30', 3)).toBe('2027-01-13');
    expect(calendar.addBusinessDays('2025-12-30', 1)).toBe('2026-01-12');
  });

  it('counts a working Saturday', () => {
    expect(calendar.nextBusinessDay('2025-10-31')).toBe('2025-11-01');
    expect(calendar.addBusinessDays('2025-10-31', 2)).toBe('2025-11-05');
  });

  it('goes backwards and treats 0 as the day itself', () => {
    expect(calendar.addBusinessDays('2026-02-24', -1)).toBe('2026-02-20');
    expect(calendar.addBusinessDays('2026-02-21', 0)).toBe('2026-02-21');
  });

  it('refuses malformed input', () => {
    expect(() => calendar.isBusinessDay('2026-2-1')).toThrow(RangeError);
    expect(() => calendar.addBusinessDays('2026-02-20', 1.5)).toThrow(RangeError);
    expect(() => calendar.addBusinessDays('nope', 0)).toThrow(RangeError);
  });

  it('has given no warning for years it has', () => {
    expect(warnings).toEqual([]);
  });
});

describe('a year without data', () => {
  it('falls back to Monday–Friday and warns once for that year', () => {
    const warnings: unknown[] = [];
    const calendar = createBusinessCalendar(parseProductionCalendar(calendarJson()), { warn: (w) => warnings.push(w) });
    expect(calendar.isBusinessDay('2030-01-01')).toBe(true); // a Tuesday, a holiday in reality
    expect(calendar.isBusinessDay('2030-01-05')).toBe(false); // Saturday
    expect(calendar.nextBusinessDay('2030-01-04')).toBe('2030-01-07');
    expect(calendar.isShortened('2030-04-30')).toBe(false);
    expect(warnings).toEqual([expect.objectContaining({ kind: 'year_missing', year: 2030 })]);
    calendar.isBusinessDay('2031-03-03');
    expect(warnings).toHaveLength(2);
  });

  it('works without a warn callback', () => {
    const calendar = createBusinessCalendar(parseProductionCalendar(calendarJson()));
    expect(calendar.isBusinessDay('2030-01-07')).toBe(true);
  });
});
