import type { Logger } from '../logger';

/** Where completions are written: desk.session.completeUpdates. */
export type CompleteUpdates = (updateIds: readonly number[]) => Promise<void>;

/** Where failed claims are given back: desk.session.releaseUpdates. */
export type ReleaseUpdates = (input: { readonly updateIds: readonly number[]; readonly claimer: number | null }) => Promise<void>;

export interface ClaimCompletionsOptions {
  /** How long a finished update may wait for the others of its batch. */
  readonly delayMs?: number;
  /** A batch this large is written at once. */
  readonly maxBatch?: number;
  /** How often giving back failed claims is retried while the database is away. */
  readonly releaseRetryMs?: number;
}

/**
 * Records finished updates as completed, many per statement, and gives back the claims of
 * updates that failed unacknowledged. A claim left open a little longer changes nothing for a
 * redelivery (an open claim of a live claimer is not handled twice), and one that never gets
 * written — the process died in between — is what a crash leaves anyway: taken over at once,
 * its claimer's liveness lock gone. In exchange the update path saves a round trip, and the
 * webhook answers Telegram without waiting for it.
 */
export class ClaimCompletions {
  private pending: number[] = [];
  private readonly unwritten = new Set<number>();
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
    this.releaseRetryMs = options.releaseRetryMs ?? 500;
  }

  private readonly releaseRetryMs: number;
  private releasing = new Map<number, number | null>();
  private releaseTimer: NodeJS.Timeout | undefined;
  private releaser: ReleaseUpdates | undefined;

  /** Where releases are written (desk.session.releaseUpdates); without it a failed claim waits for its claimer's death. */
  withRelease(release: ReleaseUpdates): this {
    this.releaser = release;
    return this;
  }

  /**
   * The update failed for a reason that is not the user's (the database away) and is not
   * acknowledged: its claim is given back so that its redelivery, on any instance, is handled.
   * Retried until the database takes it (the same instance would take it over anyway).
   */
  release(updateId: number, claimer: number | null): void {
    this.releasing.set(updateId, claimer);
    this.scheduleRelease(0);
  }

  /** Claims still waiting to be given back. */
  get pendingReleases(): number {
    return this.releasing.size;
  }

  private scheduleRelease(ms: number): void {
    if (this.releaseTimer || !this.releaser) return;
    this.releaseTimer = setTimeout(() => void this.writeReleases(), ms);
    this.releaseTimer.unref();
  }

  private async writeReleases(): Promise<void> {
    this.releaseTimer = undefined;
    const release = this.releaser;
    if (!release || this.releasing.size === 0) return;
    const byClaimer = new Map<number | null, number[]>();
    for (const [id, claimer] of this.releasing) byClaimer.set(claimer, [...(byClaimer.get(claimer) ?? []), id]);
    for (const [claimer, updateIds] of byClaimer) {
      try {
        await release({ updateIds, claimer });
        for (const id of updateIds) if (this.releasing.get(id) === claimer) this.releasing.delete(id);
      } catch (error) {
        this.logger.warn({ err: error, updates: updateIds.length }, 'could not give back failed update claims yet');
      }
    }
    if (this.releasing.size > 0) this.scheduleRelease(this.releaseRetryMs);
  }

  /** The update was handled to the end (or failed with an answered error). */
  add(updateId: number): void {
    this.releasing.delete(updateId);
    this.unwritten.add(updateId);
    this.pending.push(updateId);
    if (this.pending.length >= this.maxBatch) {
      void this.flush();
    } else if (!this.timer) {
      this.timer = setTimeout(() => void this.flush(), this.delayMs);
      this.timer.unref();
    }
  }

  /**
   * Finished here but not yet recorded (waiting for its batch, or for the database to come
   * back): a redelivery of it is a duplicate, though its claim still looks open.
   */
  finished(updateId: number): boolean {
    return this.unwritten.has(updateId);
  }

  /**
   * Writes what is pending; resolves when every completion added before the call is written (or
   * its write failed: it is then retried, every `releaseRetryMs`, until the database takes it).
   */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.pending;
    this.pending = [];
    if (batch.length > 0) {
      this.writing = this.writing.then(async () => {
        try {
          await this.complete(batch);
          for (const id of batch) this.unwritten.delete(id);
        } catch (error) {
          this.logger.warn({ err: error, updates: batch.length }, 'could not record updates as handled yet: retrying');
          this.pending.push(...batch);
          if (!this.timer) {
            this.timer = setTimeout(() => void this.flush(), this.releaseRetryMs);
            this.timer.unref();
          }
        }
      });
    }
    return this.writing;
  }
}
