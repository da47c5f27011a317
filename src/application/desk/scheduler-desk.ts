import type { AppDeps } from '../deps';
import type { CalendarCoverage } from '../../domain/calendar';
import { calendarCoverageAt, notifyCalendarCoverage, type CalendarUpkeepReport } from '../scheduler/calendar-upkeep';
import { notifyContractEvents, type ContractNoticeReport } from '../scheduler/contract-notices';
import { realignWindowEnds } from '../scheduler/realign-windows';
import { sweepDueTickets, type SweepOptions, type SweepReport } from '../scheduler/sweep';

/** What the scheduler's ticker (src/scheduler) runs: the deadline sweep, the daily contract notices and calendar upkeep. */
export function createSchedulerDesk(deps: AppDeps) {
  const ctx = { calendar: deps.calendar, policy: deps.policy };
  return {
    /** Everything due at `now` (SPEC §6), batch by batch (see sweepDueTickets). */
    sweep: (input: SweepOptions & { readonly now: Date }): Promise<SweepReport> =>
      sweepDueTickets({ dataSource: deps.dataSource, ...ctx }, input.now, input),
    /** Contracts ending within `noticeDays` and companies left without one (SPEC §10). */
    contractNotices: (input: { readonly now: Date; readonly noticeDays: number }): Promise<ContractNoticeReport> =>
      notifyContractEvents(deps.dataSource, input.now, ctx, input.noticeDays),
    /** Daily: the admins are told 60 days before the production calendar's data runs out (issue 12). */
    calendarUpkeep: (input: { readonly now: Date }): Promise<CalendarUpkeepReport> => notifyCalendarCoverage(deps.dataSource, input.now, ctx),
    /** Daily: open windows still carrying an end from before the SPEC §6 rule get the rule's (later) end; how many moved. */
    realignWindows: (input: { readonly now: Date }): Promise<number> => realignWindowEnds(deps.dataSource, input.now, ctx),
    /** How much calendar data is left (no database): /readyz warns with it. */
    calendarCoverage: (input: { readonly now: Date }): CalendarCoverage => calendarCoverageAt(input.now, ctx),
  };
}

export type SchedulerDesk = ReturnType<typeof createSchedulerDesk>;
