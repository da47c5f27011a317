import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import type { AppDeps } from './application/deps';
import { setDefaultCommands } from './bot/commands';
import { createBot } from './bot/create-bot';
import { botSettingsFromConfig, type BotDeps } from './bot/deps';
import { ConfigError, loadConfig, type Config } from './config';
import { loadBusinessCalendar, type TimePolicy } from './domain/calendar';
import { createTranslator } from './i18n';
import { createLogger } from './logger';
import { startDispatcher } from './notify';
import { openDatabase } from './persistence/data-source';
import { databaseTargetFromEnv } from './persistence/target';
import { startScheduler } from './scheduler';

function timePolicy(config: Config): TimePolicy {
  return {
    zone: config.TIME_ZONE,
    reviewBusinessDays: config.REVIEW_BUSINESS_DAYS,
    windowDays: {
      clarification: config.CLARIFICATION_WINDOW_DAYS,
      customer_testing: config.TESTING_WINDOW_DAYS,
      ready_for_install: config.INSTALL_WINDOW_DAYS,
    },
    reminderOffsetsDays: config.REMINDER_OFFSETS_DAYS,
    workingHours: { start: config.WORKING_HOURS_START, end: config.WORKING_HOURS_END },
  };
}

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

async function main(): Promise<void> {
  const config = readConfig();
  const logger = createLogger(config.LOG_LEVEL, config.NODE_ENV === 'development');
  if (!config.BOT_TOKEN) {
    process.stderr.write('Invalid configuration:\n  - BOT_TOKEN: required to run the bot\n');
    process.exit(1);
  }
  if (config.BOT_MODE === 'webhook') {
    // Webhook mode belongs to a separate issue: the HTTP endpoint, the secret check and setWebhook
    // are not built yet. Long polling below is the only mode for now.
    process.stderr.write('BOT_MODE=webhook is not implemented yet; run with BOT_MODE=polling\n');
    process.exit(1);
  }
  const calendar = loadBusinessCalendar(JSON.parse(readFileSync(config.CALENDAR_FILE, 'utf8')), {
    warn: (w) => logger.warn({ year: w.year }, w.message),
  });
  const dataSource = await openDatabase(databaseTargetFromEnv(config));
  logger.info({ engine: dataSource.options.type }, 'database ready, migrations applied');
  const translate = await createTranslator(config.DEFAULT_LANGUAGE);
  const app: AppDeps = {
    dataSource,
    clock: { now: () => new Date() },
    calendar,
    policy: timePolicy(config),
    attachmentMaxBytes: Math.floor(config.MAX_FILE_MB * 1024 * 1024),
  };
  const deps: BotDeps = { app, translate, logger, settings: botSettingsFromConfig(config) };
  const bot = createBot(config.BOT_TOKEN, deps, { telegram: { apiRoot: config.TELEGRAM_API_ROOT } });

  await setDefaultCommands(bot.telegram, translate);
  // The outbox dispatcher sends what use cases enqueued; the scheduler enforces SPEC §6 deadlines.
  const dispatcher = startDispatcher({ app, translate, logger, config, telegram: bot.telegram });
  const scheduler = startScheduler({ app, logger, config });

  const polling = bot.launch({ dropPendingUpdates: false }, () => logger.info('long polling started'));

  let stopping = false;
  const shutdown = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    try {
      bot.stop(signal);
    } catch {
      // not running
    }
    await polling.catch(() => undefined);
    await scheduler.stop();
    await dispatcher.stop();
    await dataSource.destroy();
    logger.info('stopped');
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  await polling;
}

main().catch((error: unknown) => {
  process.stderr.write(`Fatal: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
