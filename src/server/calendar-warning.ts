import type { CalendarCoverage } from '../domain/calendar';

/**
 * /readyz's calendar warning (issue 12): within 60 days of the end of the production calendar's
 * data, or past it. A warning, not a failure: the instance works (deadlines fall back to
 * Monday–Friday), but someone must import the next year.
 */
export function calendarWarnings(coverage: CalendarCoverage): string[] {
  if (!coverage.warn) return [];
  if (coverage.lastDay === null || coverage.daysLeft <= 0) {
    return [`production calendar has no data for today${coverage.lastDay ? ` (it ended ${coverage.lastDay})` : ''}: run npm run calendar -- import FILE.xml`];
  }
  return [`production calendar data ends ${coverage.lastDay} (${coverage.daysLeft} days left): run npm run calendar -- import FILE.xml`];
}
