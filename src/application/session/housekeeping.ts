import { pruneFinishedOutbox, pruneIdleDialogs, pruneSendBudget } from '../../persistence/repositories/housekeeping';
import type { AppDeps } from '../deps';
import { pruneUpdateLedger } from './update-ledger';

export interface HousekeepingInput {
  readonly now: Date;
  /** Finished outbox rows (sent, failed, unreachable) older than this many days go (OUTBOX_RETENTION_DAYS). */
  readonly outboxRetentionDays: number;
  /** Dialogs untouched for this many days go: abandoned drafts (DIALOG_RETENTION_DAYS). */
  readonly dialogRetentionDays: number;
  /** Rows per statement (short statements: nothing waits long on them). */
  readonly batch?: number;
}

export interface HousekeepingReport {
  readonly updates: number;
  readonly outbox: number;
  readonly dialogs: number;
  /** Chats' lanes of the shared send budget idle for an hour. */
  readonly sendLanes: number;
}

const DAY_MS = 86_400_000;
/** A chat's lane of the send budget matters for seconds after its last send (a 429's pause: at most minutes). */
const SEND_LANE_IDLE_MS = 3_600_000;

async function drain(step: (limit: number) => Promise<number>, batch: number): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await step(batch);
    total += n;
    if (n < batch) return total;
  }
}

/**
 * Bounded growth (issue 11): update ids older than 48 h (Telegram no longer redelivers them),
 * finished outbox rows and abandoned dialogs older than their configured ages. Run by the
 * scheduler once an hour; safe on any number of instances at once.
 */
export async function pruneLedgers(deps: AppDeps, input: HousekeepingInput): Promise<HousekeepingReport> {
  const batch = input.batch ?? 5000;
  const manager = deps.dataSource.manager;
  const updates = await pruneUpdateLedger(deps, { now: input.now, batch });
  const outboxBefore = new Date(input.now.getTime() - input.outboxRetentionDays * DAY_MS);
  const outbox = await drain((limit) => pruneFinishedOutbox(manager, outboxBefore, limit), batch);
  const dialogsBefore = new Date(input.now.getTime() - input.dialogRetentionDays * DAY_MS);
  const dialogs = await drain((limit) => pruneIdleDialogs(manager, dialogsBefore, limit), batch);
  const sendLanes = await drain((limit) => pruneSendBudget(manager, SEND_LANE_IDLE_MS, limit), batch);
  return { updates, outbox, dialogs, sendLanes };
}
