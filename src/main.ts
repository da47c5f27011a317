import 'reflect-metadata';
import { Telegram } from 'telegraf';
import { readFileSync } from 'node:fs';
import { createDesk } from './application/desk';
import { timePolicyFromConfig, type AppDeps } from './application/deps';
import { setDefaultCommands } from './bot/commands';
import { botSettingsFromConfig, type BotDeps } from './bot/deps';
import { ConfigError, loadConfig, type Config } from './config';
import { loadBusinessCalendar } from './domain/calendar';
import { createTranslator, type Translate } from './i18n';
import { loggerFromConfig } from './logger';
import { createMetrics } from './metrics';
import { connectDatabase } from './persistence/data-source';
import { EmbeddedServerError, LegacyEmbeddedDataError } from './persistence/embedded-server';
import { databaseTargetFromEnv } from './persistence/target';
import { startInstance } from './server/instance';

function readConfig(): Config {
  try {
    return loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\nSee .env.example for every variable and its default.\n`);
      process.exit(1);
    }
    throw error;
  }
}

/** The embedded engine's refusals, told to the person at the terminal in their language; anything else is rethrown. */
function exitOnEmbeddedFailure(error: unknown, translate: Translate, config: Config): never {
  if (error instanceof LegacyEmbeddedDataError) {
    process.stderr.write(`${translate(config.DEFAULT_LANGUAGE, 'startup.legacy_pglite', { dataDir: error.dataDir })}\n`);
    process.exit(1);
  }
  if (error instanceof EmbeddedServerError) {
    process.stderr.write(`${translate(config.DEFAULT_LANGUAGE, 'startup.embedded_failed', { reason: error.message })}\n`);
    process.exit(1);
  }
  throw error;
}

async function main(): Promise<void> {
  const config = readConfig();
  const logger = loggerFromConfig(config);
  if (!config.BOT_TOKEN) {
    process.stderr.write('Invalid configuration:\n  - BOT_TOKEN: required to run the bot\n');
    process.exit(1);
  }
  const calendar = loadBusinessCalendar(JSON.parse(readFileSync(config.CALENDAR_FILE, 'utf8')), {
    warn: (w) => logger.warn({ year: w.year }, w.message),
  });
  // Several instances: migrations run once per deploy (npm run migration:run) and the instances
  // start with MIGRATE_ON_START=false; they only connect, and /readyz says 503 while one is
  // pending. The embedded engine belongs to this one process, so it always migrates.
  const target = databaseTargetFromEnv(config);
  const migrate = config.MIGRATE_ON_START || target.kind === 'embedded';
  const translate = await createTranslator(config.DEFAULT_LANGUAGE);
  const dataSource = await connectDatabase(target, { migrate }).catch((error: unknown) => exitOnEmbeddedFailure(error, translate, config));
  logger.info({ engine: target.kind, migrated: migrate }, 'database ready');
  const app: AppDeps = {
    dataSource,
    clock: { now: () => new Date() },
    calendar,
    policy: timePolicyFromConfig(config),
    attachmentMaxBytes: Math.floor(config.MAX_FILE_MB * 1024 * 1024),
  };
  const desk = createDesk(app);
  const deps: BotDeps = { desk, clock: app.clock, policy: app.policy, translate, logger, settings: botSettingsFromConfig(config) };
  if (config.BOT_MODE === 'polling') {
    // One poller at a time: open claims belong to a process that died; Telegram redelivers them.
    const released = await desk.session.releaseUnfinishedUpdates();
    if (released > 0) logger.info({ released }, 'released updates a previous run did not finish');
  }
  await setDefaultCommands(new Telegram(config.BOT_TOKEN, { apiRoot: config.TELEGRAM_API_ROOT }), translate);
  // One instance: the bot (webhook or long polling), the HTTP server (/healthz, /readyz, /metrics,
  // the webhook), the outbox dispatcher and the scheduler (SPEC §6 deadlines). Any number of
  // instances may share the database.
  const instance = await startInstance(
    { bot: deps, dataSource, token: config.BOT_TOKEN, metrics: createMetrics({ dataSource, processMetrics: true }), botOptions: { telegram: { apiRoot: config.TELEGRAM_API_ROOT } } },
    {
      mode: config.BOT_MODE,
      port: config.PORT,
      host: config.HOST,
      config,
      closeDatabase: true,
      ...(config.BOT_MODE === 'webhook' &&
        config.WEBHOOK_URL &&
        config.WEBHOOK_SECRET && { webhook: { url: config.WEBHOOK_URL, path: config.WEBHOOK_PATH, secret: config.WEBHOOK_SECRET } }),
    },
  );

  let stopping = false;
  const shutdown = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: finishing updates and sends in flight');
    await instance.stop();
    logger.info('stopped');
    process.exit(0);
  };
  // `on`, not `once`: Ctrl+C under `npm start` delivers SIGINT twice (from the terminal and from
  // npm, which forwards it); a second one must not kill the process mid-shutdown.
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  await instance.done;
}

main().catch((error: unknown) => {
  process.stderr.write(`Fatal: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
