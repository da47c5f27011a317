import type { DataSource } from 'typeorm';
import type { ScheduleContext } from '../../domain/schedule';
import { BatchRecipients } from './recipients';
import { planDueWork, reminderMessages } from './due-work';
import { enqueueNotifications } from '../../persistence/repositories/outbox';
import { syncTopicStates } from '../topics/topic-routing';
import { anythingDue, insertHistory, lockDueTickets, updateTickets } from '../../persistence/repositories/ticket-sweep';

export interface SweepDeps extends ScheduleContext {
  readonly dataSource: DataSource;
}

export interface SweepOptions {
  /** Tickets claimed per transaction (SCHEDULER_BATCH_SIZE). */
  readonly batchSize: number;
  /** Stop after this many batches (the rest waits for the next tick); default: until none is due. */
  readonly maxBatches?: number;
  /**
   * Batches worked on at once, each in its own transaction and connection (default 1). Like
   * several instances, they never take the same ticket (SKIP LOCKED); more than one overlaps the
   * planning in Node with the writes in PostgreSQL.
   */
  readonly concurrency?: number;
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
  const total = { tickets: 0, batches: 0, enqueued: 0, actions: {} as Record<string, number> };
  let started = 0;
  let exhausted = false;

  const runBatch = async (): Promise<number> => {
    let done: { count: number; actions: string[]; added: number } = { count: 0, actions: [], added: 0 };
    await deps.dataSource.transaction(async (manager) => {
      const rows = await lockDueTickets(manager, now, options.batchSize);
      if (rows.length === 0) return;
      const recipients = new BatchRecipients(manager);
      const works = [];
      for (const row of rows) works.push(await planDueWork(row, now, ctx, recipients));
      await updateTickets(manager, works.map((w) => w.update), now);
      await insertHistory(manager, works.flatMap((w) => w.history));
      // A client's reminders due in this batch go out as one message (SPEC §6).
      const messages = [...works.flatMap((w) => w.messages), ...reminderMessages(works.flatMap((w) => w.reminders), ctx)];
      const added = await enqueueNotifications(manager, messages, now);
      // Team topics: an automatic close or rejection renames and closes the ticket's topic.
      await syncTopicStates(manager, rows.map((row) => row.snapshot.id), now);
      done = { count: rows.length, actions: works.flatMap((w) => w.actions), added };
    });
    // Counted after the commit: a batch that failed to commit has thrown past this.
    if (done.count > 0) {
      total.batches++;
      total.tickets += done.count;
      total.enqueued += done.added;
      for (const action of done.actions) total.actions[action] = (total.actions[action] ?? 0) + 1;
      options.onBatch?.(done.count);
    }
    return done.count;
  };

  const worker = async (): Promise<void> => {
    while (!exhausted && (options.maxBatches === undefined || started < options.maxBatches)) {
      started++;
      // A short batch means the due rows ran out, or the rest are held by other sweepers.
      if ((await runBatch()) < options.batchSize) exhausted = true;
    }
  };
  if (!(await anythingDue(deps.dataSource.manager, now))) return { tickets: 0, batches: 0, actions: {}, enqueued: 0 };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 1) }, worker));
  return { tickets: total.tickets, batches: total.batches, actions: total.actions, enqueued: total.enqueued };
}
