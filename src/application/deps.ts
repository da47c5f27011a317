import type { DataSource } from 'typeorm';
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
