export interface WaitOptions {
  /** Default 5000 ms; keep below jest's test timeout so the failure explains itself. */
  timeoutMs?: number;
}

export const DEFAULT_WAIT_MS = 5000;

interface Waiter {
  check(): void;
  fail(error: Error): void;
}

/**
 * Lets tests wait for a condition on the fake's state without sleeping: every state change
 * re-evaluates the pending probes, and a timeout reports what was being waited for.
 */
export class ChangeSignal {
  private readonly waiters = new Set<Waiter>();

  notify(): void {
    for (const waiter of [...this.waiters]) waiter.check();
  }

  /** Resolves with the probe's first non-undefined value. */
  waitFor<T>(probe: () => T | undefined, describe: () => string, options: WaitOptions = {}): Promise<T> {
    const timeoutMs = options.timeoutMs ?? DEFAULT_WAIT_MS;
    return new Promise<T>((resolve, reject) => {
      const waiter: Waiter = {
        check: () => {
          let value: T | undefined;
          try {
            value = probe();
          } catch (error) {
            waiter.fail(error instanceof Error ? error : new Error(String(error)));
            return;
          }
          if (value === undefined) return;
          finish();
          resolve(value);
        },
        fail: (error) => {
          finish();
          reject(error);
        },
      };
      const timer = setTimeout(
        () => waiter.fail(new Error(`Timed out after ${timeoutMs} ms waiting for ${describe()}`)),
        timeoutMs,
      );
      const finish = (): void => {
        clearTimeout(timer);
        this.waiters.delete(waiter);
      };
      this.waiters.add(waiter);
      waiter.check();
    });
  }

  /** Fails every pending wait (the fake is stopping). */
  cancelAll(reason: string): void {
    for (const waiter of [...this.waiters]) waiter.fail(new Error(reason));
  }
}

export const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
