import type { Telegraf } from 'telegraf';
import type { DataSource } from 'typeorm';
import { ClaimCompletions } from '../bot/claim-completions';
import type { DeskContext } from '../bot/context';
import { createBot, type CreateBotOptions } from '../bot/create-bot';
import { mustRedeliver } from '../bot/errors';
import type { BotDeps } from '../bot/deps';
import type { Config } from '../config';
import { countingSender, type Metrics } from '../metrics';
import { startDispatcher, type DispatcherOptions, type RunningDispatcher } from '../notify';
import { startScheduler, type RunningScheduler, type SchedulerOptions } from '../scheduler';
import { createOpsServer, type OpsServer } from './http-server';
import { calendarWarnings } from './calendar-warning';
import { checkReadiness } from './readiness';
import { instanceSendBudget } from '../notify/send-limiter';
import { startPolling } from './polling';
import { WebhookReplies } from '../telegram/webhook-replies';
import { updateMetrics } from './update-metrics';
import { registerWebhook, shutdownGracefully, webhookUrl } from './webhook';

export interface InstanceSettings {
  readonly mode: 'polling' | 'webhook';
  /** PORT (0: any free port, tests). */
  readonly port: number;
  readonly host?: string;
  /** Required in webhook mode. `url` null: do not call setWebhook (a test points the fake itself). */
  readonly webhook?: { readonly url: string | null; readonly path: string; readonly secret: string };
  readonly config?: Pick<Config, 'OUTBOX_POLL_MS' | 'DEFAULT_LANGUAGE' | 'SCHEDULER_CRON' | 'SCHEDULER_BATCH_SIZE' | 'CONTRACT_END_NOTICE_DAYS'> &
    Partial<Pick<Config, 'OUTBOX_RETENTION_DAYS' | 'DIALOG_RETENTION_DAYS' | 'SEND_RATE_PER_SECOND' | 'SEND_RATE_SHARE' | 'SEND_BULK_SHARE' | 'SEND_PRIVATE_INTERVAL_MS'>>;
  readonly dispatcher?: DispatcherOptions;
  readonly scheduler?: SchedulerOptions;
  /** Close the database on stop (true in main.ts; tests sharing a database say false). */
  readonly closeDatabase?: boolean;
}

export interface InstanceDeps {
  readonly bot: BotDeps;
  /**
   * The database, for the operations side only: /readyz asks it whether it answers and has no
   * pending migrations, and `closeDatabase` closes it at stop. The bot, the dispatcher and the
   * scheduler reach data through the desk (BotDeps.desk).
   */
  readonly dataSource: DataSource;
  readonly token: string;
  readonly metrics: Metrics;
  readonly botOptions?: Omit<CreateBotOptions, 'observe'>;
}

export interface RunningInstance {
  readonly bot: Telegraf<DeskContext>;
  readonly server: OpsServer;
  /** The port the HTTP server listens on. */
  readonly port: number;
  readonly dispatcher: RunningDispatcher;
  readonly scheduler: RunningScheduler;
  /** Resolves when polling ends (at once in webhook mode). */
  readonly done: Promise<void>;
  /** Graceful shutdown (see shutdownGracefully). Idempotent. */
  stop(): Promise<void>;
}

/**
 * One instance of the desk: the bot (webhook or long polling), the HTTP server (/healthz,
 * /readyz, /metrics and, in webhook mode, the webhook), the outbox dispatcher and the scheduler.
 * Any number of instances may share one database: updates are deduplicated by update_id, the
 * sweep and the outbox claims lock rows (SKIP LOCKED).
 */
export async function startInstance(deps: InstanceDeps, settings: InstanceSettings): Promise<RunningInstance> {
  const { desk, clock, policy, translate, logger } = deps.bot;
  // This process's liveness: its update and outbox claims name it, and die with it.
  const liveness = desk.session.startLiveness({ onError: (error) => logger.warn({ err: error }, 'liveness lock: database unreachable') });
  await Promise.race([liveness.ready(), new Promise((resolve) => setTimeout(resolve, 5000).unref())]);
  const claimer = (): number | null => liveness.id;
  const completions = new ClaimCompletions(desk.session.completeUpdates, logger);
  // One send budget for the bot: the replies (interactive) and the dispatcher (bulk) of every
  // instance take their turns from the database (notify/send-limiter.ts SharedSendBudget).
  const sendLimiter =
    settings.dispatcher?.limiter ??
    instanceSendBudget({
      turns: desk.outbox,
      ...(settings.config && { config: settings.config }),
      ...(settings.dispatcher?.limits && { limits: settings.dispatcher.limits }),
      ...(settings.dispatcher?.timer && { timer: settings.dispatcher.timer }),
      onError: (error) => logger.warn({ err: error }, 'send budget: database unreachable, pacing this instance alone'),
    });
  // Webhook mode: callback answers ride on the webhook response instead of a request each.
  const replies = settings.mode === 'webhook' ? new WebhookReplies() : undefined;
  const bot = createBot(deps.token, deps.bot, {
    sendLimiter,
    ...deps.botOptions,
    observe: updateMetrics(deps.metrics),
    completions,
    claimer,
    ...(replies && { webhookReplies: replies }),
  });
  const webhook = settings.webhook;
  if (settings.mode === 'webhook' && !webhook) throw new Error('startInstance: webhook settings required in webhook mode');

  const server = createOpsServer({
    logger,
    metrics: deps.metrics,
    readiness: () => checkReadiness(deps.dataSource, undefined, () => calendarWarnings(deps.bot.desk.scheduler.calendarCoverage({ now: deps.bot.clock.now() }))),
    ...(settings.mode === 'webhook' &&
      webhook && {
        webhook: {
          path: webhook.path,
          secret: webhook.secret,
          handleUpdate: (update) => (replies ? replies.handle(update, () => bot.handleUpdate(update)) : bot.handleUpdate(update)),
        },
      }),
  });
  const port = await server.listen(settings.port, settings.host);
  logger.info({ port, mode: settings.mode }, 'http server listening');

  const dispatcher = startDispatcher(
    { desk, clock, translate, logger, ...(settings.config && { config: settings.config }) },
    { claimer, ...settings.dispatcher, limiter: sendLimiter, telegram: countingSender(settings.dispatcher?.telegram ?? bot.telegram, deps.metrics) },
  );
  const retention = settings.config;
  const scheduler = startScheduler(
    {
      desk,
      clock,
      policy,
      logger,
      ...(settings.config && { config: settings.config }),
      housekeeping: (now) =>
        desk.session.pruneLedgers({
          now,
          outboxRetentionDays: retention?.OUTBOX_RETENTION_DAYS ?? 30,
          dialogRetentionDays: retention?.DIALOG_RETENTION_DAYS ?? 30,
        }),
    },
    settings.scheduler,
  );

  let done: Promise<void> = Promise.resolve();
  let intake: { close(): Promise<void> };
  if (settings.mode === 'webhook' && webhook) {
    if (webhook.url !== null) {
      const url = webhookUrl(webhook.url, webhook.path);
      await registerWebhook(bot.telegram, url, webhook.secret);
      logger.info({ url }, 'webhook set');
    }
    intake = server;
  } else {
    // Our own loop (src/server/polling.ts): the offset never passes an update that must come again.
    await bot.telegram.deleteWebhook({ drop_pending_updates: false }).catch((error: unknown) => logger.warn({ err: error }, 'deleteWebhook failed'));
    const polling = startPolling(bot, logger, { mustRedeliver });
    logger.info('long polling started');
    done = polling.done;
    intake = {
      async close() {
        await polling.stop();
        await server.close();
      },
    };
  }

  let stopping: Promise<void> | null = null;
  return {
    bot,
    server,
    port,
    dispatcher,
    scheduler,
    done,
    stop() {
      stopping ??= shutdownGracefully({
        intake,
        completions,
        scheduler,
        dispatcher,
        liveness,
        logger,
        ...(settings.closeDatabase && { dataSource: deps.dataSource }),
      });
      return stopping;
    },
  };
}
