/**
 * Group commit for the statements every update runs: the calls made while a batch is in flight
 * (and those of the same turn of the event loop) go out together as the next batch, one
 * statement for all. A call resolves with its own result once its batch is done, so nothing is
 * acknowledged before it is stored; under no load a call waits for nothing but one setImmediate.
 */
export interface GroupCommitOptions<I, O> {
  /** Runs one batch (inputs with distinct keys) and returns one result per input, in order. */
  readonly run: (inputs: readonly I[]) => Promise<readonly O[]>;
  readonly keyOf: (input: I) => string;
  /**
   * A second call with a key already waiting: `replace` stores only the later input and gives
   * both callers its result (a dialog saved twice: the database keeps the last anyway);
   * `next` sends it in a later batch (an update delivered twice must be claimed twice, in order).
   */
  readonly sameKey: 'replace' | 'next';
  /** A failed batch of several is run again one input at a time, so one refused input fails only its own call. */
  readonly retryAlone: boolean;
}

interface Waiter<O> {
  resolve(result: O): void;
  reject(error: unknown): void;
}

interface Queued<I, O> {
  input: I;
  readonly waiters: Waiter<O>[];
}

export class GroupCommit<I, O> {
  private queued: Queued<I, O>[] = [];
  private draining = false;

  constructor(private readonly options: GroupCommitOptions<I, O>) {}

  submit(input: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      const waiter = { resolve, reject };
      const key = this.options.keyOf(input);
      const same = this.options.sameKey === 'replace' ? this.queued.find((q) => this.options.keyOf(q.input) === key) : undefined;
      if (same) {
        same.input = input;
        same.waiters.push(waiter);
      } else {
        this.queued.push({ input, waiters: [waiter] });
      }
      if (!this.draining) {
        this.draining = true;
        // The calls of the other updates whose I/O completes in this turn of the loop join the batch.
        setImmediate(() => void this.drain());
      }
    });
  }

  private async drain(): Promise<void> {
    while (this.queued.length > 0) {
      const batch: Queued<I, O>[] = [];
      const rest: Queued<I, O>[] = [];
      const keys = new Set<string>();
      for (const queued of this.queued) {
        const key = this.options.keyOf(queued.input);
        (keys.has(key) ? rest : batch).push(queued);
        keys.add(key);
      }
      this.queued = rest;
      await this.run(batch);
    }
    this.draining = false;
  }

  private async run(batch: readonly Queued<I, O>[]): Promise<void> {
    let results: readonly O[];
    try {
      results = await this.options.run(batch.map((queued) => queued.input));
      if (results.length !== batch.length) throw new Error(`group commit: ${results.length} results for ${batch.length} inputs`);
    } catch (error) {
      if (batch.length > 1 && this.options.retryAlone) {
        for (const queued of batch) await this.run([queued]);
      } else {
        for (const queued of batch) for (const waiter of queued.waiters) waiter.reject(error);
      }
      return;
    }
    batch.forEach((queued, i) => {
      for (const waiter of queued.waiters) waiter.resolve(results[i] as O);
    });
  }
}
