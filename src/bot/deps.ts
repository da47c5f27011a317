import type { Desk } from '../application/desk';
import type { Clock, TimePolicy } from '../domain/calendar';
import type { Config } from '../config';
import type { Language, Translate } from '../i18n';
import type { Logger } from '../logger';

/** The parts of the configuration the bot reads. */
export interface BotSettings {
  readonly defaultLanguage: Language;
  /** Telegram ids (as text) that are admins: their users row is created or upgraded on /start. */
  readonly adminTelegramIds: readonly string[];
  readonly floodLimitPerMinute: number;
  /** Largest file accepted, in bytes (MAX_FILE_MB). */
  readonly maxFileBytes: number;
}

/** Everything the bot needs, passed as one plain object (built in main.ts or a test harness). */
export interface BotDeps {
  /** The one door to the data: use cases and queries (src/application/desk.ts). */
  readonly desk: Desk;
  readonly clock: Clock;
  /** The regulation's clocks: the zone dates are shown in, working hours, windows. */
  readonly policy: TimePolicy;
  readonly translate: Translate;
  readonly logger: Logger;
  readonly settings: BotSettings;
}

export function botSettingsFromConfig(config: Config): BotSettings {
  return {
    defaultLanguage: config.DEFAULT_LANGUAGE,
    adminTelegramIds: config.ADMIN_TELEGRAM_IDS,
    floodLimitPerMinute: config.FLOOD_LIMIT_PER_MINUTE,
    maxFileBytes: Math.floor(config.MAX_FILE_MB * 1024 * 1024),
  };
}
