import pino from 'pino';
import type { Config } from './config';

export type Logger = pino.Logger;

/** Fields never written to the log, wherever they appear (top level or one level down). */
const SECRET_KEYS = [
  'token',
  'botToken',
  'BOT_TOKEN',
  'secret',
  'secretToken',
  'secret_token',
  'WEBHOOK_SECRET',
  'password',
  'authorization',
  'DATABASE_URL',
];

export const REDACT_PATHS: readonly string[] = [
  ...SECRET_KEYS,
  ...SECRET_KEYS.map((key) => `*.${key}`),
  'headers.authorization',
  'headers.cookie',
  'headers["x-telegram-bot-api-secret-token"]',
  '*.headers.authorization',
  '*.headers.cookie',
  '*.headers["x-telegram-bot-api-secret-token"]',
];

/** A bot token (123456:ABC…) anywhere in a string, e.g. inside https://api.telegram.org/bot<token>/sendMessage. */
const BOT_TOKEN_PATTERN = /\d{5,}:[\w-]{20,}/g;
/** user:password@ in connection URLs. */
const URL_PASSWORD_PATTERN = /(\/\/[^/:@\s]+:)[^@/\s]+@/g;

export function scrubSecrets(text: string): string {
  return text.replace(BOT_TOKEN_PATTERN, '[Redacted]').replace(URL_PASSWORD_PATTERN, '$1[Redacted]@');
}

/** A copy with every string scrubbed (depth-limited, cycles cut). */
function scrubValue(value: unknown, depth: number, seen: WeakSet<object>): unknown {
  if (typeof value === 'string') return scrubSecrets(value);
  if (typeof value !== 'object' || value === null || depth > 6) return value;
  if (value instanceof Error || value instanceof Date || Buffer.isBuffer(value)) return value;
  if (seen.has(value)) return '[Circular]';
  seen.add(value);
  if (Array.isArray(value)) return value.map((item) => scrubValue(item, depth + 1, seen));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[key] = scrubValue(item, depth + 1, seen);
  return out;
}

export interface LoggerOptions {
  /** pino-pretty output (development on a terminal only). */
  readonly pretty?: boolean;
  /** Where to write (tests); stdout by default. */
  readonly destination?: pino.DestinationStream;
}

/**
 * One root logger per process (built in main.ts); each update gets a child (update_id, user_id,
 * see src/bot/middlewares/prepare.ts). JSON lines unless `pretty`. Secrets are never written:
 * fields named like a token, secret, password or authorization are redacted, and bot tokens or
 * URL passwords inside any string (messages, error messages and stacks, nested fields) are
 * replaced with [Redacted].
 */
export function createLogger(level: Config['LOG_LEVEL'], options: boolean | LoggerOptions = false): Logger {
  const { pretty = false, destination } = typeof options === 'boolean' ? { pretty: options } : options;
  const errSerializer = (error: Error): unknown => scrubValue(pino.stdSerializers.err(error), 0, new WeakSet());
  const settings: pino.LoggerOptions = {
    level,
    base: undefined,
    redact: { paths: [...REDACT_PATHS], censor: '[Redacted]' },
    serializers: { err: errSerializer, error: errSerializer },
    formatters: {
      log: (object) => scrubValue(object, 0, new WeakSet()) as Record<string, unknown>,
    },
    hooks: {
      logMethod(args, method) {
        const scrubbed = args.map((arg) => (typeof arg === 'string' ? scrubSecrets(arg) : arg)) as Parameters<typeof method>;
        method.apply(this, scrubbed);
      },
    },
    ...(pretty && !destination && { transport: { target: 'pino-pretty', options: { colorize: true } } }),
  };
  return destination ? pino(settings, destination) : pino(settings);
}

/** Pretty output only in development on a terminal (tests and production write JSON lines). */
export function loggerFromConfig(config: Pick<Config, 'LOG_LEVEL' | 'NODE_ENV'>): Logger {
  return createLogger(config.LOG_LEVEL, { pretty: config.NODE_ENV === 'development' && process.stdout.isTTY });
}

/** A logger that drops everything: tests that do not look at logs. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
