import pino from 'pino';
import type { Config } from './config';

export type Logger = pino.Logger;

/** One root logger per process (built in main.ts); features take child loggers per update. */
export function createLogger(level: Config['LOG_LEVEL'], pretty = false): Logger {
  return pino({
    level,
    base: undefined,
    ...(pretty && { transport: { target: 'pino-pretty', options: { colorize: true } } }),
  });
}

/** A logger that drops everything: tests that do not look at logs. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
