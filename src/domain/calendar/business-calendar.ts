/**
 * A calendar date written as YYYY-MM-DD. Dates are days in the vendor's time zone, never
 * instants; an instant becomes a date only through `toLocalDate(instant, zone)`.
 */
export type IsoDate = string;

/** Business days from a production calendar (SPEC §6). All methods are pure. */
export interface BusinessCalendar {
  /** True for a working day: a weekday that is not a holiday, or a working Saturday/Sunday by decree. */
  isBusinessDay(date: IsoDate): boolean;
  /** True for a working day shortened by one hour (the eve of a holiday). */
  isShortened(date: IsoDate): boolean;
  /**
   * The `days`-th business day strictly after `date` (or strictly before it for a negative
   * count). `days = 0` returns `date` itself, business day or not.
   */
  addBusinessDays(date: IsoDate, days: number): IsoDate;
  /** The first business day strictly after `date`. */
  nextBusinessDay(date: IsoDate): IsoDate;
  /**
   * The years the production calendar has data for, ascending (calendar upkeep: the admins are
   * warned before the data runs out). Optional: a calendar without data (tests) has none.
   */
  coveredYears?(): readonly number[];
}
