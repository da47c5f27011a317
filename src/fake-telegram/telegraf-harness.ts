import type { Context, Telegraf } from 'telegraf';
import type { WaitOptions } from './change-signal';
import type { FakeTelegram } from './fake-telegram';

export interface RunningBot {
  /** Stops polling and waits until telegraf has confirmed its last updates. */
  stop(): Promise<void>;
}

/**
 * Launches a telegraf bot with long polling against the fake and resolves once it polls.
 * Use the returned stop() before fake.stop(): telegraf retries a vanished server forever.
 */
export async function launchBot<C extends Context>(
  bot: Telegraf<C>,
  fake: FakeTelegram,
  options: WaitOptions & { dropPendingUpdates?: boolean } = {},
): Promise<RunningBot> {
  const pollsBefore = fake.calls('getUpdates').length;
  let failure: { error: unknown } | undefined;
  const running = bot.launch({ dropPendingUpdates: options.dropPendingUpdates ?? false }).catch((error: unknown) => {
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
      try {
        bot.stop('test finished');
      } catch {
        // "Bot is not running!": it already stopped (e.g. after an error), nothing to do.
      }
      await running;
    },
  };
}
