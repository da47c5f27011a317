import type { Telegram } from 'telegraf';
import type { Update } from 'telegraf/types';
import type { Logger } from '../logger';

export interface PollingOptions {
  /** getUpdates long-poll timeout, seconds. */
  readonly timeoutSeconds?: number;
  /** Updates per getUpdates. */
  readonly limit?: number;
  /** Backoff after a failed fetch or an update that was not acknowledged. */
  readonly retryMs?: number;
  readonly allowedUpdates?: readonly string[];
  /** Whether a failed update must come again (bot/errors.ts mustRedeliver); others are done with. */
  readonly mustRedeliver: (error: unknown) => boolean;
  /** Called once getUpdates has been called the first time (the loop is polling). */
  readonly onStarted?: () => void;
}

export interface RunningPolling {
  /** Resolves when the loop ends (stop, or a fatal 401/409). */
  readonly done: Promise<void>;
  /** Stops fetching, waits for the batch in hand. */
  stop(): Promise<void>;
}

/** What the loop needs of a Telegraf bot (any context type). */
export interface PollingBot {
  handleUpdate(update: Update): Promise<void>;
  readonly telegram: Pick<Telegram, 'callApi' | 'getMe'>;
  botInfo?: unknown;
}

/**
 * Long polling whose offset this process controls (telegraf's own advances past a batch before
 * handling it). A batch is handled concurrently (per-chat order is kept by the bot); then the
 * offset moves past the batch only up to the first update that must come again — one whose
 * handling failed for a reason that is not the user's (the database away). getUpdates then
 * returns it again (after `retryMs`), with those behind it; the ones already handled are
 * duplicates the ledger ignores. Nothing is confirmed to Telegram that was not handled.
 */
export function startPolling(bot: PollingBot, logger: Pick<Logger, 'warn' | 'error'>, options: PollingOptions): RunningPolling {
  const abort = new AbortController();
  const timeout = options.timeoutSeconds ?? 30;
  const retryMs = options.retryMs ?? 1000;
  let offset = 0;
  let stopped = false;
  const sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      abort.signal.addEventListener('abort', () => {
        clearTimeout(timer);
        resolve();
      });
    });

  const loop = async (): Promise<void> => {
    // As telegraf's launch does: who the bot is (commands addressed to @it in groups, ctx.me).
    while (!stopped && bot.botInfo === undefined) {
      try {
        bot.botInfo = await bot.telegram.getMe();
      } catch (error) {
        if ((error as { code?: number }).code === 401) throw error;
        logger.warn({ err: error }, 'getMe failed: retrying');
        await sleep(retryMs);
      }
    }
    let first = true;
    while (!stopped) {
      let updates: Update[];
      try {
        const fetching = bot.telegram.callApi(
          'getUpdates',
          { offset, timeout, limit: options.limit ?? 100, ...(options.allowedUpdates && { allowed_updates: [...options.allowedUpdates] }) } as never,
          { signal: abort.signal } as never,
        );
        if (first) {
          first = false;
          options.onStarted?.();
        }
        updates = (await fetching) as unknown as Update[];
      } catch (error) {
        if (stopped) break;
        const code = (error as { code?: number }).code;
        if (code === 401 || code === 409) throw error;
        const retryAfter = (error as { parameters?: { retry_after?: number } }).parameters?.retry_after;
        logger.warn({ err: error }, 'getUpdates failed: retrying');
        await sleep(retryAfter !== undefined ? retryAfter * 1000 : retryMs);
        continue;
      }
      if (updates.length === 0) continue;
      const outcomes = await Promise.all(
        updates.map((update) =>
          bot.handleUpdate(update).then(
            () => ({ id: update.update_id, redeliver: false }),
            (error: unknown) => {
              const redeliver = options.mustRedeliver(error);
              if (!redeliver) logger.error({ err: error, update_id: update.update_id }, 'update failed');
              return { id: update.update_id, redeliver };
            },
          ),
        ),
      );
      const failed = outcomes.filter((o) => o.redeliver).map((o) => o.id);
      if (failed.length === 0) {
        offset = Math.max(...outcomes.map((o) => o.id)) + 1;
      } else {
        offset = Math.min(...failed);
        logger.warn({ updates: failed.length, offset }, 'updates not acknowledged (a dependency is unavailable): fetched again');
        await sleep(retryMs);
      }
    }
  };
  const done = loop().finally(async () => {
    // Confirms what was handled (Telegram forgets updates below the offset), unless nothing was fetched.
    if (offset > 0) {
      await bot.telegram
        .callApi('getUpdates', { offset, limit: 1, timeout: 0 } as never)
        .catch(() => undefined);
    }
  });
  return {
    done,
    async stop() {
      stopped = true;
      abort.abort();
      await done.catch(() => undefined);
    },
  };
}
