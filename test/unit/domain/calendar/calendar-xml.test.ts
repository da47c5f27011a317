import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CalendarDataError,
  businessDaysInYear,
  calendarCoverage,
  mergeCalendarYear,
  parseCalendarXml,
  parseProductionCalendar,
} from '../../../../src/domain/calendar';
import { calendarJson } from '../fixtures';

const FIXTURES = join(__dirname, '..', '..', '..', 'fixtures', 'calendar');
const fixture = (name: string): string => readFileSync(join(FIXTURES, name), 'utf8');
const shipped = () => parseProductionCalendar(calendarJson());

function problems(xml: string): readonly string[] {
  try {
    parseCalendarXml(xml);
  } catch (error) {
    if (error instanceof CalendarDataError) return error.problems;
    throw error;
  }
  throw new Error('expected CalendarDataError');
}

describe('parseCalendarXml (issue 12: calendar upkeep)', () => {
  it.each([2025, 2026, 2027])('reads the %i fixture into exactly the shipped calendar year, 247 business days', (year) => {
    const parsed = parseCalendarXml(fixture(`ru-${year}.xml`));
    const days = shipped().years[String(year)];
    expect(parsed).toMatchObject({ year, off: days?.off, workingWeekend: days?.workingWeekend, shortened: days?.shortened, warnings: [] });
    expect(parsed.businessDays).toBe(247);
    expect(businessDaysInYear(shipped(), year)).toBe(247);
  });

  it('reads a shortened Saturday (t=2 on a weekend) as a working weekend day that is shortened: 2025-11-01', () => {
    const parsed = parseCalendarXml(fixture('ru-2025.xml'));
    expect(parsed.workingWeekend).toEqual(['2025-11-01']);
    expect(parsed.shortened).toContain('2025-11-01');
  });

  it('takes f="MM.DD" (the day a day off was moved from) and attributes in any order or quotes', () => {
    const xml = `<calendar year='2026'><days><day t="1" d='01.09' f="01.03"/><day d="12.31" f="01.04" t="1"></day></days></calendar>`;
    // Only two days off listed: far too many business days, but the days themselves parse.
    expect(problems(xml)).toEqual(['2026: 259 business days, expected 240–255 (about 247)']);
  });

  it('lists every problem of a bad file: duplicates, unknown types, t=3 on a weekday, impossible dates', () => {
    expect(problems(fixture('ru-2026-bad-days.xml'))).toEqual([
      '2026-01-01: listed more than once',
      '2026-02-23: t="4" must be 1 (day off), 2 (shortened) or 3 (working weekend day)',
      '2026-02-24: t="3" (a working weekend day) on a weekday',
      '<day d="02.30">: not a date MM.DD of 2026',
    ]);
  });

  it('refuses a year whose business-day count is far from 247 (an empty day list)', () => {
    expect(problems(fixture('ru-2028-no-holidays.xml'))).toEqual([
      '2028: the <days> list is empty',
      '2028: 260 business days, expected 240–255 (about 247)',
    ]);
  });

  it('refuses a file that is not a production calendar, and a bad year or f attribute', () => {
    expect(problems(fixture('not-a-calendar.xml'))).toEqual(['no <calendar year="…"> element: not a production calendar XML file']);
    expect(problems('<calendar year="26"><days></days></calendar>')).toEqual(['<calendar year="26">: the year must be YYYY']);
    expect(problems('<calendar year="2026"></calendar>')).toEqual(['2026: no <days>…</days> list']);
    const badFrom = fixture('ru-2026.xml').replace('f="01.03"', 'f="3 Jan"');
    expect(problems(badFrom)).toEqual(['2026-01-09: f="3 Jan" is not MM.DD']);
  });

  it('warns, without refusing, when a statutory holiday is not a day off', () => {
    const xml = fixture('ru-2026.xml').replace('<day d="06.12" t="1" h="7" />', '');
    expect(parseCalendarXml(xml).warnings).toEqual(['2026-06-12 is a statutory holiday but not listed as a day off']);
  });
});

describe('mergeCalendarYear', () => {
  it('adds a new year in order and replaces an existing one', () => {
    const year2028 = { year: 2028, off: ['2028-01-01'], workingWeekend: [], shortened: [], businessDays: 260, warnings: [] };
    const merged = mergeCalendarYear(shipped(), year2028);
    expect(Object.keys(merged.years)).toEqual(['2025', '2026', '2027', '2028']);
    expect(merged.years['2028']).toEqual({ off: ['2028-01-01'], workingWeekend: [], shortened: [] });
    expect(mergeCalendarYear(shipped(), parseCalendarXml(fixture('ru-2026.xml')))).toEqual(shipped());
  });

  it('validates the merged data as a whole', () => {
    const wrong = { ...parseCalendarXml(fixture('ru-2026.xml')), year: 2029 }; // dates still in 2026
    expect(() => mergeCalendarYear(shipped(), wrong)).toThrow(CalendarDataError);
  });
});

describe('calendarCoverage (the 60-day warning)', () => {
  it('counts the days left to the end of the last year with data', () => {
    expect(calendarCoverage(shipped(), '2027-01-01')).toEqual({ lastDay: '2027-12-31', daysLeft: 365, warn: false });
    expect(calendarCoverage(shipped(), '2027-11-01')).toEqual({ lastDay: '2027-12-31', daysLeft: 61, warn: false });
    expect(calendarCoverage(shipped(), '2027-11-02')).toEqual({ lastDay: '2027-12-31', daysLeft: 60, warn: true });
    expect(calendarCoverage(shipped(), '2027-12-31')).toEqual({ lastDay: '2027-12-31', daysLeft: 1, warn: true });
  });

  it('has run out in a year without data, and stops at a gap between years', () => {
    expect(calendarCoverage(shipped(), '2028-01-01')).toEqual({ lastDay: null, daysLeft: 0, warn: true });
    const gap = parseProductionCalendar({ country: 'RU', years: { '2026': { off: [] }, '2028': { off: [] } } });
    expect(calendarCoverage(gap, '2026-06-01', 30)).toEqual({ lastDay: '2026-12-31', daysLeft: 214, warn: false });
  });
});
