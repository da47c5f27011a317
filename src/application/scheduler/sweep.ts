import type { DataSource } from 'typeorm';
import type { ScheduleContext } from '../../domain/schedule';
import { BatchRecipients } from './recipients';
import { planDueWork } from './due-work';
import { insertHistory, insertOutbox, lockDueTickets, updateTickets } from './sweep-store';

export interface SweepDeps extends ScheduleContext {
  readonly dataSource: DataSource;
}

export interface SweepOptions {
  /** Tickets claimed per transaction (SCHEDULER_BATCH_SIZE). */
  readonly batchSize: number;
  /** Stop after this many batches (the rest waits for the next tick); default: until none is due. */
  readonly maxBatches?: number;
  /** Told after each committed batch (progress logs, tests). */
  readonly onBatch?: (tickets: number) => void;
}

export interface SweepReport {
  /** Tickets whose due work was done. */
  readonly tickets: number;
  readonly batches: number;
  /** Actions by kind: reminder, window_end, review_warning, review_breach. */
  readonly actions: Readonly<Record<string, number>>;
  /** Outbox rows actually added (a dedupe key already used adds none). */
  readonly enqueued: number;
}

/**
 * Works through every ticket with something due at `now`, one short transaction per batch:
 * lock due rows (SKIP LOCKED), decide in memory (domain transition for window ends), write
 * tickets, history and outbox rows, commit, go on. A crash loses at most the open batch's
 * transaction, which the next sweep redoes; SKIP LOCKED lets several instances sweep at once,
 * each ticket's work being done by whoever holds its row.
 */
export async function sweepDueTickets(deps: SweepDeps, now: Date, options: SweepOptions): Promise<SweepReport> {
  const ctx: ScheduleContext = { calendar: deps.calendar, policy: deps.policy };
  const actions: Record<string, number> = {};
  let tickets = 0;
  let batches = 0;
  let enqueued = 0;
  for (;;) {
    if (options.maxBatches !== undefined && batches >= options.maxBatches) break;
    const claimed = await deps.dataSource.transaction(async (manager) => {
      const rows = await lockDueTickets(manager, now, options.batchSize);
      if (rows.length === 0) return 0;
      const recipients = new BatchRecipients(manager);
      const works = [];
      for (const row of rows) works.push(await planDueWork(row, now, ctx, recipients));
      await updateTickets(manager, works.map((w) => w.update), now);
      await insertHistory(manager, works.flatMap((w) => w.history));
      enqueued += await insertOutbox(manager, works.flatMap((w) => w.messages), now);
      for (const action of works.flatMap((w) => w.actions)) actions[action] = (actions[action] ?? 0) + 1;
      return rows.length;
    });
    if (claimed === 0) break;
    batches++;
    tickets += claimed;
    options.onBatch?.(claimed);
    if (claimed < options.batchSize) break;
  }
  return { tickets, batches, actions, enqueued };
}
