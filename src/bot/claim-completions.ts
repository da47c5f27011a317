import type { Logger } from '../logger';

/** Where completions are written: desk.session.completeUpdates. */
export type CompleteUpdates = (updateIds: readonly number[]) => Promise<void>;

export interface ClaimCompletionsOptions {
  /** How long a finished update may wait for the others of its batch. */
  readonly delayMs?: number;
  /** A batch this large is written at once. */
  readonly maxBatch?: number;
}

/**
 * Records finished updates as completed, many per statement. A claim left open a little longer
 * changes nothing for a redelivery (an open claim younger than the lease is a duplicate too),
 * and one that never gets written — the process died in between — is what a crash leaves
 * anyway: taken over after the lease, or released when polling starts. In exchange the update
 * path saves a round trip, and the webhook answers Telegram without waiting for it.
 */
export class ClaimCompletions {
  private pending: number[] = [];
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();
  private readonly delayMs: number;
  private readonly maxBatch: number;

  constructor(
    private readonly complete: CompleteUpdates,
    private readonly logger: Logger,
    options: ClaimCompletionsOptions = {},
  ) {
    this.delayMs = options.delayMs ?? 20;
    this.maxBatch = options.maxBatch ?? 200;
  }

  /** The update was handled to the end (or failed with an answered error). */
  add(updateId: number): void {
    this.pending.push(updateId);
    if (this.pending.length >= this.maxBatch) {
      void this.flush();
    } else if (!this.timer) {
      this.timer = setTimeout(() => void this.flush(), this.delayMs);
      this.timer.unref();
    }
  }

  /** Writes what is pending; resolves when every completion added before the call is written. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.pending;
    this.pending = [];
    if (batch.length > 0) {
      this.writing = this.writing.then(() =>
        this.complete(batch).catch((error: unknown) =>
          this.logger.warn({ err: error, updates: batch.length }, 'could not record updates as handled'),
        ),
      );
    }
    return this.writing;
  }
}
