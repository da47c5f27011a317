import { z } from 'zod';

const hhmm = /^([01]\d|2[0-3]):[0-5]\d$/;

const csvNumbers = z
  .string()
  .regex(/^\s*\d+(\s*,\s*\d+)*\s*$/, 'a comma-separated list of whole numbers, e.g. 7,3,1')
  .transform((s) => s.split(',').map((x) => Number(x.trim())));

const csvTelegramIds = z
  .string()
  .regex(/^\s*(\d+(\s*,\s*\d+)*)?\s*$/, 'a comma-separated list of Telegram user ids')
  .transform((s) => s.split(',').map((x) => x.trim()).filter((x) => x.length > 0));

const validZone = (zone: string): boolean => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

/** Every environment variable the program reads, with its default. Documented in .env.example. */
export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  BOT_TOKEN: z.string().regex(/^\d+:[\w-]{20,}$/, 'a token from @BotFather, like 123456:ABC-DEF…').optional(),
  TELEGRAM_API_ROOT: z.url().default('https://api.telegram.org'),
  BOT_MODE: z.enum(['polling', 'webhook']).default('polling'),
  WEBHOOK_URL: z.url().optional(),
  WEBHOOK_SECRET: z.string().regex(/^[A-Za-z0-9_-]{16,256}$/, '16–256 characters of A–Z, a–z, 0–9, _ and -').optional(),
  WEBHOOK_PATH: z.string().startsWith('/').default('/telegram'),
  PORT: z.coerce.number().int().min(1).max(65535).default(8080),
  // The HTTP server's bind address: loopback by default (nginx in front proxies the webhook path).
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'a postgres:// connection URL').optional(),
  MIGRATE_ON_START: z
    .enum(['true', 'false'], 'true or false')
    .default('true')
    .transform((v) => v === 'true'),
  // Unset: 10 connections to a server, 5 to the embedded PostgreSQL (one process, a small machine).
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  TIME_ZONE: z.string().refine(validZone, 'an IANA time zone such as Europe/Moscow').default('Europe/Moscow'),
  CALENDAR_FILE: z.string().min(1).default('./calendar/ru.json'),
  REVIEW_BUSINESS_DAYS: z.coerce.number().int().min(1).max(30).default(3),
  CLARIFICATION_WINDOW_DAYS: z.coerce.number().int().min(1).max(365).default(14),
  TESTING_WINDOW_DAYS: z.coerce.number().int().min(1).max(365).default(14),
  INSTALL_WINDOW_DAYS: z.coerce.number().int().min(1).max(365).default(14),
  REMINDER_OFFSETS_DAYS: csvNumbers.default([7, 3, 1]),
  WORKING_HOURS_START: z.string().regex(hhmm, 'a time HH:MM').default('09:00'),
  WORKING_HOURS_END: z.string().regex(hhmm, 'a time HH:MM').default('19:00'),
  CONTRACT_END_NOTICE_DAYS: z.coerce.number().int().min(1).max(120).default(14),
  SCHEDULER_CRON: z.string().min(1).default('* * * * *'),
  SCHEDULER_BATCH_SIZE: z.coerce.number().int().min(1).max(10000).default(500),
  OUTBOX_POLL_MS: z.coerce.number().int().min(50).max(60000).default(500),
  // Telegram's budget for everything the bot sends (issue 11): messages/s for the bot overall,
  // shared by all its instances through the database (send_budget); the share of it one instance
  // keeps to on its own while the database cannot be asked; and the part of the budget bulk
  // notifications may use (the rest is kept for people talking to the bot).
  SEND_RATE_PER_SECOND: z.coerce.number().positive().max(1000).default(30),
  SEND_RATE_SHARE: z.coerce.number().positive().max(1).default(0.5),
  SEND_BULK_SHARE: z.coerce.number().positive().max(1).default(0.6),
  // Least time between two sends to one private chat (Telegram: about one message a second).
  SEND_PRIVATE_INTERVAL_MS: z.coerce.number().int().min(0).max(60000).default(1050),
  // Housekeeping (hourly): finished outbox rows and untouched dialogs older than this many days go.
  OUTBOX_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  DIALOG_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  ADMIN_TELEGRAM_IDS: csvTelegramIds.default([]),
  DEFAULT_LANGUAGE: z.enum(['ru', 'en']).default('ru'),
  MAX_FILE_MB: z.coerce.number().positive().max(2000).default(20),
  FLOOD_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(1000).default(40),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Config = z.infer<typeof envSchema>;

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment once. Throws ConfigError naming each bad variable and what is wrong. */
export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.') || '(environment)'}: ${i.message}`));
  }
  const config = parsed.data;
  const problems: string[] = [];
  if (config.BOT_MODE === 'webhook' && !config.WEBHOOK_URL) problems.push('WEBHOOK_URL: required when BOT_MODE=webhook');
  if (config.BOT_MODE === 'webhook' && !config.WEBHOOK_SECRET) problems.push('WEBHOOK_SECRET: required when BOT_MODE=webhook');
  if (config.WORKING_HOURS_START >= config.WORKING_HOURS_END) {
    problems.push('WORKING_HOURS_END: must be later than WORKING_HOURS_START');
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
