import { scheduleJob } from 'node-schedule';
import type { Desk } from '../application/desk';
import type { ContractNoticeReport } from '../application/scheduler/contract-notices';
import type { SweepReport } from '../application/scheduler/sweep';
import type { Config } from '../config';
import type { Clock, TimePolicy } from '../domain/calendar';
import { toLocalDate } from '../domain/calendar/local-time';
import type { Logger } from '../logger';

export interface SchedulerDeps {
  /** The one door to the data: the ticker runs its scheduler use cases. */
  readonly desk: Pick<Desk, 'scheduler'>;
  readonly clock: Clock;
  /** Its zone says when a local day begins (contract notices run once a day). */
  readonly policy: Pick<TimePolicy, 'zone'>;
  readonly logger?: Logger;
  readonly config?: Pick<Config, 'SCHEDULER_CRON' | 'SCHEDULER_BATCH_SIZE' | 'CONTRACT_END_NOTICE_DAYS'>;
  /**
   * Bounded growth (issue 11): prunes old update ids, finished outbox rows and abandoned
   * dialogs (desk.session.pruneLedgers with the configured ages). Run on the first tick and
   * then at most once every HOUSEKEEPING_EVERY_MS, after the sweep.
   */
  readonly housekeeping?: (now: Date) => Promise<unknown>;
}

/** How often the housekeeping runs. */
export const HOUSEKEEPING_EVERY_MS = 3_600_000;

export interface SchedulerOptions {
  /** When to tick (SCHEDULER_CRON, default every minute). */
  readonly cron?: string;
  /** Tickets per transaction (SCHEDULER_BATCH_SIZE). */
  readonly batchSize?: number;
  /** CONTRACT_END_NOTICE_DAYS. */
  readonly contractNoticeDays?: number;
  /** Batches in flight at once during a catch-up (default 2). */
  readonly concurrency?: number;
}

export interface TickReport {
  readonly sweep: SweepReport;
  /** Present on the first tick of each local day (and the first tick after start). */
  readonly contracts: ContractNoticeReport | null;
}

export interface RunningScheduler {
  /** Runs a tick now (or joins the one running). */
  tick(): Promise<TickReport>;
  /** Cancels the ticker and waits for a tick in progress. */
  stop(): Promise<void>;
}

/**
 * Starts the ticker. The deadlines live in the tickets table; node-schedule only says "look
 * now": each tick sweeps whatever has fallen due (so the first tick after downtime catches up
 * on everything), and once a day checks contract ends. A tick never overlaps the previous one
 * in this process; other processes may tick at the same time (the sweep is safe for that).
 * The first tick runs at once.
 */
export function startScheduler(deps: SchedulerDeps, options: SchedulerOptions = {}): RunningScheduler {
  const cron = options.cron ?? deps.config?.SCHEDULER_CRON ?? '* * * * *';
  const batchSize = options.batchSize ?? deps.config?.SCHEDULER_BATCH_SIZE ?? 500;
  const noticeDays = options.contractNoticeDays ?? deps.config?.CONTRACT_END_NOTICE_DAYS ?? 14;
  const concurrency = options.concurrency ?? 2;
  const { desk, clock, policy, logger } = deps;
  let running: Promise<TickReport> | null = null;
  let contractsCheckedOn: string | null = null;
  let housekeptAt = -Infinity;

  const runTick = async (): Promise<TickReport> => {
    const now = clock.now();
    const started = performance.now();
    const sweep = await desk.scheduler.sweep({ now, batchSize, concurrency });
    const today = toLocalDate(now, policy.zone);
    let contracts: ContractNoticeReport | null = null;
    if (contractsCheckedOn !== today) {
      contracts = await desk.scheduler.contractNotices({ now, noticeDays });
      // Calendar upkeep (issue 12): the admins hear 60 days before the calendar data runs out.
      const calendar = await desk.scheduler.calendarUpkeep({ now });
      const realigned = await desk.scheduler.realignWindows({ now });
      if (realigned > 0) logger?.info({ realigned }, 'open windows moved to the SPEC §6 window end');
      if (calendar.told > 0) logger?.warn({ lastDay: calendar.lastDay, daysLeft: calendar.daysLeft }, 'production calendar running out: admins told');
      contractsCheckedOn = today;
    }
    if (deps.housekeeping && now.getTime() - housekeptAt >= HOUSEKEEPING_EVERY_MS) {
      housekeptAt = now.getTime();
      try {
        const pruned = await deps.housekeeping(now);
        logger?.info({ pruned, ms: Math.round(performance.now() - started) }, 'housekeeping');
      } catch (error) {
        logger?.error({ err: error }, 'housekeeping failed');
      }
    }
    if (sweep.tickets > 0 || (contracts && contracts.endingSoon + contracts.blocked > 0)) {
      logger?.info({ ...sweep, contracts, ms: Math.round(performance.now() - started) }, 'scheduler tick');
    }
    return { sweep, contracts };
  };

  const tick = (): Promise<TickReport> => {
    running ??= runTick().finally(() => {
      running = null;
    });
    return running;
  };
  const safeTick = (): void => {
    tick().catch((error: unknown) => logger?.error({ err: error }, 'scheduler tick failed'));
  };

  const job = scheduleJob(cron, safeTick);
  if (!job) throw new Error(`startScheduler: invalid cron expression ${JSON.stringify(cron)}`);
  safeTick();
  return {
    tick,
    async stop() {
      job.cancel();
      await running?.catch(() => undefined);
    },
  };
}
