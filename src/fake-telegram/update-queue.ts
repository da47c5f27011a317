import { ApiError, conflict } from './api-error';
import { updateKind, UPDATE_KINDS, type TgUpdate, type UpdateKind } from './bot-api-types';

interface QueueEntry {
  readonly update: TgUpdate;
  /** A deliberate re-delivery of an update the bot may already have confirmed. */
  readonly redelivery: boolean;
  delivered: boolean;
}

interface PendingPoll {
  readonly limit: number;
  finish(result: TgUpdate[] | ApiError): void;
}

export interface PollRequest {
  offset?: number;
  limit?: number;
  timeoutSeconds?: number;
  allowedUpdates?: unknown;
  signal?: AbortSignal;
}

/**
 * Telegram's server-side update queue: updates stay until the bot confirms them by calling
 * getUpdates with a higher offset, long polls wait for the next update, and a second concurrent
 * getUpdates terminates the first one with 409, as two bot instances would see in production.
 */
export class UpdateQueue {
  private entries: QueueEntry[] = [];
  private poll: PendingPoll | undefined;
  private allowed: ReadonlySet<UpdateKind> = new Set(UPDATE_KINDS);

  constructor(private readonly onChange: () => void) {}

  /** Queues an update, keeping Telegram's increasing update_id order. */
  push(update: TgUpdate, redelivery = false): void {
    const entry: QueueEntry = { update, redelivery, delivered: false };
    const last = this.entries.at(-1);
    // A new update has the largest id so far: appended without a scan (only re-deliveries go back in).
    const at = last === undefined || last.update.update_id < update.update_id ? -1 : this.entries.findIndex((other) => other.update.update_id > update.update_id);
    if (at < 0) this.entries.push(entry);
    else this.entries.splice(at, 0, entry);
    this.onChange();
    this.wake();
  }

  get pendingCount(): number {
    return this.entries.length;
  }

  get hasWaitingPoll(): boolean {
    return this.poll !== undefined;
  }

  pending(): TgUpdate[] {
    return this.entries.map((entry) => entry.update);
  }

  first(): TgUpdate | undefined {
    return this.entries[0]?.update;
  }

  /** Removes one delivered update (webhook mode confirms per update). */
  remove(update: TgUpdate): void {
    this.entries = this.entries.filter((entry) => entry.update !== update);
    this.onChange();
  }

  clear(): void {
    this.entries = [];
    this.onChange();
  }

  async getUpdates(request: PollRequest): Promise<TgUpdate[]> {
    this.poll?.finish(conflict('terminated by other getUpdates request; make sure that only one bot instance is running'));
    this.setAllowed(request.allowedUpdates);
    this.confirm(request.offset ?? 0);
    const limit = Math.min(Math.max(request.limit ?? 100, 1), 100);
    const ready = this.take(limit);
    const timeout = request.timeoutSeconds ?? 0;
    if (ready.length > 0 || timeout <= 0 || request.signal?.aborted) return ready;
    return new Promise<TgUpdate[]>((resolve, reject) => {
      const poll: PendingPoll = {
        limit,
        finish: (result) => {
          if (this.poll !== poll) return;
          this.poll = undefined;
          clearTimeout(timer);
          request.signal?.removeEventListener('abort', onAbort);
          if (result instanceof ApiError) reject(result);
          else resolve(result);
        },
      };
      const onAbort = (): void => poll.finish([]);
      const timer = setTimeout(() => poll.finish([]), timeout * 1000);
      request.signal?.addEventListener('abort', onAbort);
      this.poll = poll;
    });
  }

  /** Answers a waiting long poll with an empty list (used when the fake stops). */
  releasePoll(): void {
    this.poll?.finish([]);
  }

  /** Updates below `offset` are confirmed and forgotten; a negative offset keeps the last -offset. */
  private confirm(offset: number): void {
    if (offset === 0) return;
    const before = this.entries.length;
    if (offset < 0) this.entries = this.entries.slice(offset);
    else {
      this.entries = this.entries.filter(
        (entry) => entry.update.update_id >= offset || (entry.redelivery && !entry.delivered),
      );
    }
    if (this.entries.length !== before) this.onChange();
  }

  private take(limit: number): TgUpdate[] {
    // Telegram silently drops updates of kinds the bot did not ask for.
    this.entries = this.entries.filter((entry) => {
      const kind = updateKind(entry.update);
      return kind === undefined || this.allowed.has(kind);
    });
    const batch = this.entries.slice(0, limit);
    for (const entry of batch) entry.delivered = true;
    return batch.map((entry) => entry.update);
  }

  /** allowed_updates persists between calls; an empty list restores the default set. */
  private setAllowed(value: unknown): void {
    if (!Array.isArray(value)) return;
    const kinds = value.filter((kind): kind is UpdateKind => UPDATE_KINDS.some((known) => known === kind));
    this.allowed = new Set(value.length === 0 ? UPDATE_KINDS : kinds);
  }

  private wake(): void {
    const poll = this.poll;
    if (!poll) return;
    const ready = this.take(poll.limit);
    if (ready.length > 0) poll.finish(ready);
  }
}
