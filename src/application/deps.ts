import type { DataSource } from 'typeorm';
import type { Config } from '../config';
import type { BusinessCalendar, Clock, TimePolicy } from '../domain/calendar';

/**
 * What every application use case needs, passed as a plain object (built once in main.ts).
 * Use cases read `clock.now()` once per command and pass that instant down.
 */
export interface AppDeps {
  readonly dataSource: DataSource;
  readonly clock: Clock;
  readonly calendar: BusinessCalendar;
  readonly policy: TimePolicy;
  /** Largest attachment accepted on a ticket, in bytes (config). */
  readonly attachmentMaxBytes: number;
}

/** The regulation's clocks (SPEC §6) as the configuration sets them. */
export function timePolicyFromConfig(config: Config): TimePolicy {
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
