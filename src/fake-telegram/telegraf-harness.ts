import type { Context, Telegraf } from 'telegraf';
import { startPolling } from '../server/polling';
import type { WaitOptions } from './change-signal';
import type { FakeTelegram } from './fake-telegram';

export interface RunningBot {
  /** Stops polling and waits until the last handled updates are confirmed. */
  stop(): Promise<void>;
}

/** The bot's error handler let the update go on unacknowledged (bot/errors.ts UpdateNotAcknowledged). */
const notAcknowledged = (error: unknown): boolean => error instanceof Error && error.name === 'UpdateNotAcknowledged';

/**
 * Launches a telegraf bot with long polling against the fake, as production polls (the loop of
 * src/server/polling.ts: the offset never passes an update that was not acknowledged), and
 * resolves once it polls. Use the returned stop() before fake.stop().
 */
export async function launchBot<C extends Context>(
  bot: Telegraf<C>,
  fake: FakeTelegram,
  options: WaitOptions & { dropPendingUpdates?: boolean } = {},
): Promise<RunningBot> {
  const pollsBefore = fake.calls('getUpdates').length;
  let failure: { error: unknown } | undefined;
  await bot.telegram.deleteWebhook({ drop_pending_updates: options.dropPendingUpdates ?? false });
  const quiet = { warn: () => undefined, error: () => undefined };
  const polling = startPolling(bot as unknown as Parameters<typeof startPolling>[0], quiet, { mustRedeliver: notAcknowledged, retryMs: 200 });
  const running = polling.done.catch((error: unknown) => {
    failure = { error };
  });
  await fake.waitUntil(
    () => (failure !== undefined || fake.calls('getUpdates').length > pollsBefore ? true : undefined),
    'the bot to start polling',
    options,
  );
  if (failure) throw failure.error;
  let stopped = false;
  return {
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await polling.stop();
      await running;
    },
  };
}
