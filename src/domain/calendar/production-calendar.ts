import { z } from 'zod';
import type { BusinessCalendar, IsoDate } from './business-calendar';
import { addDays, isIsoDate, weekdayOf } from './local-time';

const isoDate = z.string().refine(isIsoDate, 'a real date YYYY-MM-DD');

const yearSchema = z.object({
  off: z.array(isoDate),
  workingWeekend: z.array(isoDate).default([]),
  shortened: z.array(isoDate).default([]),
});

/** The shape of calendar/ru.json: per year, days off, working weekend days and shortened days. */
export const productionCalendarSchema = z
  .object({
    country: z.string().min(2),
    source: z.string().optional(),
    legend: z.record(z.string(), z.string()).optional(),
    years: z.record(z.string().regex(/^\d{4}$/, 'a year YYYY'), yearSchema),
  })
  .superRefine((data, ctx) => {
    for (const [year, days] of Object.entries(data.years)) {
      const issue = (message: string): void => {
        ctx.addIssue({ code: 'custom', path: ['years', year], message });
      };
      const all = [...days.off, ...days.workingWeekend, ...days.shortened];
      for (const date of all.filter((d) => !d.startsWith(`${year}-`))) issue(`${date} is not in ${year}`);
      const off = new Set(days.off);
      const working = new Set(days.workingWeekend);
      for (const date of days.workingWeekend) {
        if (weekdayOf(date) < 6) issue(`working weekend ${date} is not a Saturday or Sunday`);
        if (off.has(date)) issue(`${date} is both off and a working weekend day`);
      }
      for (const date of days.shortened) {
        const working_ = !off.has(date) && (weekdayOf(date) < 6 || working.has(date));
        if (!working_) issue(`shortened day ${date} is not a working day`);
      }
    }
  });

export type ProductionCalendarData = z.infer<typeof productionCalendarSchema>;

/** Thrown by parseProductionCalendar when the data does not have the calendar's shape. */
export class CalendarDataError extends Error {
  constructor(
    readonly problems: readonly string[],
    options?: { cause?: unknown },
  ) {
    super(`Invalid production calendar:\n${problems.map((p) => `  - ${p}`).join('\n')}`, options);
    this.name = 'CalendarDataError';
  }
}

/**
 * Validates parsed JSON (e.g. calendar/ru.json) as production-calendar data.
 * @throws CalendarDataError listing every problem (bad dates, a date outside its year, a
 *   working weekend day that is a weekday or also off, a shortened day that is not working).
 */
export function parseProductionCalendar(json: unknown): ProductionCalendarData {
  const parsed = productionCalendarSchema.safeParse(json);
  if (!parsed.success) {
    throw new CalendarDataError(
      parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`),
      { cause: parsed.error },
    );
  }
  return parsed.data;
}

export interface CalendarWarning {
  readonly kind: 'year_missing';
  readonly year: number;
  readonly message: string;
}

export interface BusinessCalendarOptions {
  /** Told once per year that has no data (Mon–Fri is assumed for it). */
  readonly warn?: (warning: CalendarWarning) => void;
}

/** A year's worth of days is far more than any business-day count the rules ask for. */
const MAX_SCAN_DAYS = 3660;

/**
 * Builds a BusinessCalendar over validated data. A year without data counts Monday to Friday
 * as business days and reports `year_missing` through `options.warn` the first time it is
 * consulted. Methods throw RangeError on a malformed date.
 */
export function createBusinessCalendar(
  data: ProductionCalendarData,
  options: BusinessCalendarOptions = {},
): BusinessCalendar {
  const years = new Map(
    Object.entries(data.years).map(([year, d]) => [
      Number(year),
      { off: new Set(d.off), working: new Set(d.workingWeekend), shortened: new Set(d.shortened) },
    ]),
  );
  const warned = new Set<number>();

  const yearOf = (date: IsoDate): ReturnType<typeof years.get> => {
    const year = Number(date.slice(0, 4));
    const found = years.get(year);
    if (!found && !warned.has(year)) {
      warned.add(year);
      options.warn?.({
        kind: 'year_missing',
        year,
        message: `production calendar has no data for ${year}; counting Monday to Friday as business days`,
      });
    }
    return found;
  };

  const isBusinessDay = (date: IsoDate): boolean => {
    const weekday = weekdayOf(date);
    const year = yearOf(date);
    if (!year) return weekday < 6;
    if (year.off.has(date)) return false;
    return weekday < 6 || year.working.has(date);
  };

  const addBusinessDays = (date: IsoDate, days: number): IsoDate => {
    if (!Number.isInteger(days)) throw new RangeError(`business days must be whole: ${days}`);
    if (!isIsoDate(date)) throw new RangeError(`not a date YYYY-MM-DD: ${JSON.stringify(date)}`);
    const step = days < 0 ? -1 : 1;
    let current = date;
    let left = Math.abs(days);
    for (let scanned = 0; left > 0; scanned++) {
      if (scanned > MAX_SCAN_DAYS) throw new RangeError(`no business day within ${MAX_SCAN_DAYS} days of ${date}`);
      current = addDays(current, step);
      if (isBusinessDay(current)) left--;
    }
    return current;
  };

  const covered = [...years.keys()].sort((a, b) => a - b);
  return {
    coveredYears: () => covered,
    isBusinessDay,
    isShortened: (date) => isBusinessDay(date) && (yearOf(date)?.shortened.has(date) ?? false),
    addBusinessDays,
    nextBusinessDay: (date) => addBusinessDays(date, 1),
  };
}

/**
 * Parses and builds in one step: what the composition root calls with the JSON it read from
 * CALENDAR_FILE. @throws CalendarDataError when the data is invalid.
 */
export function loadBusinessCalendar(json: unknown, options: BusinessCalendarOptions = {}): BusinessCalendar {
  return createBusinessCalendar(parseProductionCalendar(json), options);
}
