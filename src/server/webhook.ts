import type { Telegram } from 'telegraf';
import type { DataSource } from 'typeorm';
import type { Logger } from '../logger';

/**
 * The URL given to setWebhook: WEBHOOK_URL as is when it already ends with WEBHOOK_PATH,
 * otherwise WEBHOOK_PATH appended to it (WEBHOOK_URL being the public base, e.g. https://desk.example.com).
 */
export function webhookUrl(base: string, path: string): string {
  const url = new URL(base);
  if (url.pathname.endsWith(path)) return url.toString();
  url.pathname = `${url.pathname.replace(/\/+$/, '')}${path}`;
  return url.toString();
}

/**
 * Points Telegram at this deployment. Every instance calls it at start with the same values,
 * which is harmless; pending updates are kept (drop_pending_updates: false). Never deleted at
 * shutdown: the other instances keep serving.
 */
export async function registerWebhook(telegram: Pick<Telegram, 'setWebhook'>, url: string, secret: string): Promise<void> {
  await telegram.setWebhook(url, { secret_token: secret, drop_pending_updates: false });
}

export interface Stoppable {
  stop(): Promise<void>;
}

export interface ShutdownParts {
  /** Stops accepting and waits for the updates in flight (the HTTP server, or polling). */
  readonly intake: { close(): Promise<void> };
  /** Finished updates not yet recorded as completed (ClaimCompletions). */
  readonly completions?: { flush(): Promise<void> };
  readonly scheduler?: Stoppable;
  /** Waits for the sends in flight; rows not started go back to the outbox. */
  readonly dispatcher?: Stoppable;
  /** This instance's liveness lock: released after everything it claimed is finished. */
  readonly liveness?: Stoppable;
  readonly dataSource?: DataSource;
  readonly logger?: Logger;
}

/**
 * Graceful shutdown, in order: stop taking updates and finish those in flight; record them as
 * completed; stop the scheduler (waits for a running sweep); stop the dispatcher (waits for
 * sends in flight); close the database. A step that fails is logged and the next still runs.
 */
export async function shutdownGracefully(parts: ShutdownParts): Promise<void> {
  const step = async (name: string, run: () => Promise<void>): Promise<void> => {
    try {
      await run();
    } catch (error) {
      parts.logger?.error({ err: error, step: name }, 'shutdown step failed');
    }
  };
  await step('intake', () => parts.intake.close());
  if (parts.completions) await step('completions', () => parts.completions!.flush());
  if (parts.scheduler) await step('scheduler', () => parts.scheduler!.stop());
  if (parts.dispatcher) await step('dispatcher', () => parts.dispatcher!.stop());
  if (parts.liveness) await step('liveness', () => parts.liveness!.stop());
  if (parts.dataSource?.isInitialized) await step('database', () => parts.dataSource!.destroy());
}
