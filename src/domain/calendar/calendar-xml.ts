import type { IsoDate } from './business-calendar';
import { addDays, isIsoDate, weekdayOf } from './local-time';
import { CalendarDataError, parseProductionCalendar, type ProductionCalendarData } from './production-calendar';

/**
 * A year of the Russian production calendar in the XML form it is commonly published in
 * (xmlcalendar): `<calendar year="2026"><days><day d="01.01" t="1" h="1"/>…</days></calendar>`,
 * listing only the days that differ from an ordinary Monday–Friday week: t=1 a day off (a
 * holiday, or a day off moved by decree — `f="MM.DD"` names the day it was moved from), t=2 a
 * working day shortened by an hour, t=3 a working Saturday or Sunday. A shortened Saturday
 * (t=2 on a weekend, e.g. 2025-11-01) is a working weekend day that is also shortened.
 */
export interface CalendarYear {
  readonly year: number;
  /** Days off, sorted. */
  readonly off: readonly IsoDate[];
  /** Saturdays and Sundays that are working days, sorted. */
  readonly workingWeekend: readonly IsoDate[];
  /** Working days shortened by an hour, sorted. */
  readonly shortened: readonly IsoDate[];
  /** Business days in the year (the count the regulation's norm-hours are planned on). */
  readonly businessDays: number;
  /** Things worth a look that do not make the file invalid (e.g. a statutory holiday not off). */
  readonly warnings: readonly string[];
}

/** A year has about 247 business days; a count outside this range means a broken file. */
export const BUSINESS_DAYS_RANGE = { min: 240, max: 255 } as const;

/** Non-working public holidays of the Labour Code, art. 112 (MM-DD). */
const STATUTORY_HOLIDAYS = ['01-01', '01-02', '01-03', '01-04', '01-05', '01-06', '01-07', '01-08', '02-23', '03-08', '05-01', '05-09', '06-12', '11-04'];

const CALENDAR_TAG = /<calendar\b([^>]*)>/;
const DAY_TAG = /<day\b([^>]*?)\/?>/g;
const ATTRIBUTE = /([A-Za-z_][\w-]*)\s*=\s*("([^"]*)"|'([^']*)')/g;

function attributes(text: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const m of text.matchAll(ATTRIBUTE)) found.set(m[1] ?? '', m[3] ?? m[4] ?? '');
  return found;
}

/**
 * Parses and validates one year of the XML production calendar.
 * Checks: one `<calendar year="YYYY">` with a `<days>` list; every `<day>` has `d="MM.DD"` (a
 * real date of that year, listed once), `t` of 1, 2 or 3, and a valid `f="MM.DD"` if any; t=3
 * falls on a Saturday or Sunday; the year has BUSINESS_DAYS_RANGE business days. Statutory
 * holidays that are not days off are reported as warnings. Pure: takes the file's text.
 * @throws CalendarDataError listing every problem found.
 */
export function parseCalendarXml(xml: string): CalendarYear {
  const problems: string[] = [];
  const calendarTag = CALENDAR_TAG.exec(xml);
  if (!calendarTag) throw new CalendarDataError(['no <calendar year="…"> element: not a production calendar XML file']);
  const yearText = attributes(calendarTag[1] ?? '').get('year') ?? '';
  if (!/^\d{4}$/.test(yearText)) throw new CalendarDataError([`<calendar year="${yearText}">: the year must be YYYY`]);
  const year = Number(yearText);
  const daysStart = xml.indexOf('<days', calendarTag.index);
  const daysEnd = xml.indexOf('</days>', daysStart);
  if (daysStart < 0 || daysEnd < 0) throw new CalendarDataError([`${year}: no <days>…</days> list`]);

  const dateOf = (mmdd: string | undefined): IsoDate | null => {
    const m = /^(\d{2})\.(\d{2})$/.exec(mmdd ?? '');
    const date = m ? `${year}-${m[1]}-${m[2]}` : '';
    return isIsoDate(date) ? date : null;
  };

  const off = new Set<IsoDate>();
  const workingWeekend = new Set<IsoDate>();
  const shortened = new Set<IsoDate>();
  const seen = new Set<IsoDate>();
  for (const tag of xml.slice(daysStart, daysEnd).matchAll(DAY_TAG)) {
    const attrs = attributes(tag[1] ?? '');
    const d = attrs.get('d');
    const date = dateOf(d);
    if (date === null) {
      problems.push(`<day d="${d ?? ''}">: not a date MM.DD of ${year}`);
      continue;
    }
    if (seen.has(date)) problems.push(`${date}: listed more than once`);
    seen.add(date);
    const from = attrs.get('f');
    // The day a day off was moved from may lie in another year: only its form is checked.
    if (from !== undefined && !/^(0[1-9]|1[0-2])\.(0[1-9]|[12]\d|3[01])$/.test(from)) problems.push(`${date}: f="${from}" is not MM.DD`);
    const weekend = weekdayOf(date) >= 6;
    switch (attrs.get('t')) {
      case '1':
        off.add(date);
        break;
      case '2':
        shortened.add(date);
        if (weekend) workingWeekend.add(date);
        break;
      case '3':
        if (weekend) workingWeekend.add(date);
        else problems.push(`${date}: t="3" (a working weekend day) on a weekday`);
        break;
      default:
        problems.push(`${date}: t="${attrs.get('t') ?? ''}" must be 1 (day off), 2 (shortened) or 3 (working weekend day)`);
    }
  }
  if (seen.size === 0) problems.push(`${year}: the <days> list is empty`);

  let businessDays = 0;
  for (let date = `${year}-01-01`; date.startsWith(String(year)); date = addDays(date, 1)) {
    if (!off.has(date) && (weekdayOf(date) < 6 || workingWeekend.has(date))) businessDays++;
  }
  if (businessDays < BUSINESS_DAYS_RANGE.min || businessDays > BUSINESS_DAYS_RANGE.max) {
    problems.push(`${year}: ${businessDays} business days, expected ${BUSINESS_DAYS_RANGE.min}–${BUSINESS_DAYS_RANGE.max} (about 247)`);
  }
  if (problems.length > 0) throw new CalendarDataError(problems);

  const warnings = STATUTORY_HOLIDAYS.map((mmdd) => `${year}-${mmdd}`)
    .filter((date) => !off.has(date))
    .map((date) => `${date} is a statutory holiday but not listed as a day off`);
  const sorted = (days: Set<IsoDate>): IsoDate[] => [...days].sort();
  return { year, off: sorted(off), workingWeekend: sorted(workingWeekend), shortened: sorted(shortened), businessDays, warnings };
}

/**
 * The calendar data (calendar/ru.json's shape) with `year` added, or replacing the year of the
 * same number; years stay in order. The result is validated as a whole.
 * @throws CalendarDataError when the merged data is invalid.
 */
export function mergeCalendarYear(data: ProductionCalendarData, year: CalendarYear): ProductionCalendarData {
  const years = { ...data.years, [String(year.year)]: { off: [...year.off], workingWeekend: [...year.workingWeekend], shortened: [...year.shortened] } };
  const ordered = Object.fromEntries(Object.entries(years).sort(([a], [b]) => a.localeCompare(b)));
  return parseProductionCalendar({ ...data, years: ordered });
}

/** The business days of one year of calendar data (for reports and the import's summary). */
export function businessDaysInYear(data: ProductionCalendarData, year: number): number | null {
  const days = data.years[String(year)];
  if (!days) return null;
  const off = new Set(days.off);
  const working = new Set(days.workingWeekend);
  let count = 0;
  for (let date = `${year}-01-01`; date.startsWith(String(year)); date = addDays(date, 1)) {
    if (!off.has(date) && (weekdayOf(date) < 6 || working.has(date))) count++;
  }
  return count;
}

/** How long the calendar data lasts, seen from `today` (SPEC §6: business days come from it). */
export interface CalendarCoverage {
  /** The last day of the last year with data in the unbroken run of years from `today`'s; null if `today`'s year has none. */
  readonly lastDay: IsoDate | null;
  /** Days from `today` to the first day without data: 1 on the last covered day, 0 once it ran out. */
  readonly daysLeft: number;
  /** True when `daysLeft` is at most the warning horizon: time to import the next year. */
  readonly warn: boolean;
}

/** The admins are warned this many days before the calendar data runs out (issue 12). */
export const CALENDAR_WARNING_DAYS = 60;

/**
 * How many days remain before the calendar data runs out, counted from local date `today`
 * over the unbroken run of years with data starting at today's year, and whether that is
 * within `warningDays` (the admin alert and /readyz warn then). Pure.
 */
export function calendarCoverage(data: ProductionCalendarData, today: IsoDate, warningDays: number = CALENDAR_WARNING_DAYS): CalendarCoverage {
  return coverageOfYears(Object.keys(data.years).map(Number), today, warningDays);
}

/** calendarCoverage over the years a loaded calendar covers (BusinessCalendar.coveredYears). */
export function coverageOfYears(years: readonly number[], today: IsoDate, warningDays: number = CALENDAR_WARNING_DAYS): CalendarCoverage {
  const known = new Set(years);
  let year = Number(today.slice(0, 4));
  if (!known.has(year)) return { lastDay: null, daysLeft: 0, warn: true };
  while (known.has(year + 1)) year++;
  const lastDay = `${year}-12-31`;
  const daysLeft = Math.round((Date.parse(`${lastDay}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000) + 1;
  return { lastDay, daysLeft, warn: daysLeft <= warningDays };
}
