import { deleteDialogSession, putDialogSessions, type DialogSessionRow } from '../../persistence/repositories/dialog-sessions';
import type { AppDeps } from '../deps';
import type { JsonValue } from '../views/json';
import type { DialogKey } from '../views/session';

interface Waiter {
  resolve(): void;
  reject(error: unknown): void;
}

interface QueuedWrite {
  readonly row: DialogSessionRow;
  readonly waiters: Waiter[];
}

/**
 * Stores what users are in the middle of in their chats (a wizard draft, a pending reason), so
 * that the next update — maybe after a restart — resumes it. The writes of updates handled at
 * the same time go out together, one upsert per batch (group commit): a write waits at most for
 * the batch already in flight, and resolves only once its own row is committed, so an update is
 * still acknowledged only after its dialog is stored. A failed batch of several rows is written
 * again row by row: one row the database refuses fails only its own update.
 */
export class DialogWriter {
  private queued = new Map<string, QueuedWrite>();
  private draining = false;

  constructor(private readonly deps: AppDeps) {}

  /** Stores the dialog of this user in this chat; resolves once it is committed. */
  save(input: DialogKey & { readonly state: JsonValue }): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const key = `${input.chatId}:${input.userId}`;
      const row: DialogSessionRow = { chatId: input.chatId, userId: input.userId, state: input.state, at: this.deps.clock.now() };
      // A later write of the same dialog before the batch left replaces the earlier one (the
      // database keeps only the last anyway); both callers resolve with that batch.
      const waiters = [...(this.queued.get(key)?.waiters ?? []), { resolve, reject }];
      this.queued.set(key, { row, waiters });
      if (!this.draining) {
        this.draining = true;
        // The writes of the other updates whose I/O completes in this turn of the loop join the batch.
        setImmediate(() => void this.drain());
      }
    });
  }

  private async drain(): Promise<void> {
    while (this.queued.size > 0) {
      const batch = [...this.queued.values()];
      this.queued = new Map();
      await this.write(batch);
    }
    this.draining = false;
  }

  private async write(batch: readonly QueuedWrite[]): Promise<void> {
    try {
      await putDialogSessions(this.deps.dataSource.manager, batch.map((write) => write.row));
    } catch (error) {
      if (batch.length === 1) {
        for (const waiter of batch[0]?.waiters ?? []) waiter.reject(error);
        return;
      }
      for (const write of batch) await this.write([write]);
      return;
    }
    for (const write of batch) for (const waiter of write.waiters) waiter.resolve();
  }
}

/** Forgets the dialog of this user in this chat (done, cancelled, or replaced). */
export async function clearDialog(deps: AppDeps, input: DialogKey): Promise<void> {
  await deleteDialogSession(deps.dataSource.manager, { chatId: input.chatId, userId: input.userId });
}
