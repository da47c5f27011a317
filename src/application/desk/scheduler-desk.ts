import type { AppDeps } from '../deps';
import { notifyContractEvents, type ContractNoticeReport } from '../scheduler/contract-notices';
import { sweepDueTickets, type SweepOptions, type SweepReport } from '../scheduler/sweep';

/** What the scheduler's ticker (src/scheduler) runs: the deadline sweep and the daily contract notices. */
export function createSchedulerDesk(deps: AppDeps) {
  const ctx = { calendar: deps.calendar, policy: deps.policy };
  return {
    /** Everything due at `now` (SPEC §6), batch by batch (see sweepDueTickets). */
    sweep: (input: SweepOptions & { readonly now: Date }): Promise<SweepReport> =>
      sweepDueTickets({ dataSource: deps.dataSource, ...ctx }, input.now, input),
    /** Contracts ending within `noticeDays` and companies left without one (SPEC §10). */
    contractNotices: (input: { readonly now: Date; readonly noticeDays: number }): Promise<ContractNoticeReport> =>
      notifyContractEvents(deps.dataSource, input.now, ctx, input.noticeDays),
  };
}

export type SchedulerDesk = ReturnType<typeof createSchedulerDesk>;
