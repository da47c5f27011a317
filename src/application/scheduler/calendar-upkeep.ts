import type { DataSource } from 'typeorm';
import { coverageOfYears, formatDate, toLocalDate, type CalendarCoverage } from '../../domain/calendar';
import { nextWorkingOpening } from '../../domain/calendar/working-hours';
import type { ScheduleContext } from '../../domain/schedule';
import { enqueueNotifications, type OutboxMessage } from '../../persistence/repositories/outbox';
import { admins } from '../../persistence/repositories/users';

/** How much production-calendar data is left at `now` (vendor's zone), as calendarCoverage says. */
export function calendarCoverageAt(now: Date, ctx: ScheduleContext): CalendarCoverage {
  return coverageOfYears(ctx.calendar.coveredYears?.() ?? [], toLocalDate(now, ctx.policy.zone));
}

export interface CalendarUpkeepReport extends CalendarCoverage {
  /** Outbox rows added now (0 when the admins were told already, or nothing to tell). */
  readonly told: number;
}

/**
 * Calendar upkeep (issue 12), run daily by the scheduler: within CALENDAR_WARNING_DAYS (60) of
 * the last day with production-calendar data, every admin is told in chat to import the next
 * year (`npm run calendar -- import FILE.xml`) — once per data end and admin (the dedupe key
 * names the last day: importing a year moves it, and the next warning comes 60 days before the
 * new end); once the data has run out, they are told that too, once. Messages wait for working
 * hours. /readyz reports the same coverage as a warning.
 */
export async function notifyCalendarCoverage(dataSource: DataSource, now: Date, ctx: ScheduleContext): Promise<CalendarUpkeepReport> {
  const coverage = calendarCoverageAt(now, ctx);
  if (!coverage.warn) return { ...coverage, told: 0 };
  const ranOut = coverage.daysLeft <= 0;
  // With no data for this year the last covered day is unknown: the key names the year instead.
  const end = coverage.lastDay ?? `none-${toLocalDate(now, ctx.policy.zone).slice(0, 4)}`;
  const lastDay = coverage.lastDay ? formatDate(coverage.lastDay) : '—';
  const notBefore = nextWorkingOpening(now, ctx.calendar, ctx.policy);
  const told = await dataSource.transaction(async (manager) => {
    const messages: OutboxMessage[] = (await admins(manager)).map((admin) => ({
      recipientId: admin.id,
      key: ranOut ? 'upkeep.calendar.ran_out' : 'upkeep.calendar.running_out',
      params: { lastDay, days: coverage.daysLeft },
      dedupeKey: `calendar_${ranOut ? 'ran_out' : 'running_out'}:${end}:${admin.id}`,
      notBefore,
    }));
    return enqueueNotifications(manager, messages, now);
  });
  return { ...coverage, told };
}
