import { readFile } from 'node:fs/promises';
import type { DataSource } from 'typeorm';
import type { Config } from '../config';
import { loadBusinessCalendar, type CalendarWarning, type Clock } from '../domain/calendar';
import { createDataSource, openDatabase } from '../persistence/data-source';
import { databaseTargetFromEnv } from '../persistence/target';
import { timePolicyFromConfig, type AppDeps } from './deps';
import { createDesk, type Desk } from './desk';

export interface OpenedDesk {
  readonly desk: Desk;
  readonly deps: AppDeps;
  /** For what is not data access: readiness probes, metrics of the pool, closing. */
  readonly dataSource: DataSource;
  close(): Promise<void>;
}

export interface OpenDeskOptions {
  /** Apply pending migrations first (the embedded engine always does: it belongs to this process). */
  readonly migrate: boolean;
  /** Default: the system clock. */
  readonly clock?: Clock;
  /** Told about production-calendar years that are missing or incomplete. */
  readonly warn?: (warning: CalendarWarning) => void;
}

/**
 * Opens the database the configuration names (DATABASE_URL, else the embedded engine in
 * DATA_DIR), reads the production calendar and builds the desk on them: what a composition
 * root (main.ts, the admin CLI) needs before it can reach any data. The callers never import
 * persistence themselves.
 */
export async function openDesk(config: Config, options: OpenDeskOptions): Promise<OpenedDesk> {
  const calendar = loadBusinessCalendar(JSON.parse(await readFile(config.CALENDAR_FILE, 'utf8')), options.warn ? { warn: options.warn } : {});
  const target = databaseTargetFromEnv(config);
  const dataSource = options.migrate || target.kind === 'embedded' ? await openDatabase(target) : await createDataSource(target).initialize();
  const deps: AppDeps = {
    dataSource,
    clock: options.clock ?? { now: () => new Date() },
    calendar,
    policy: timePolicyFromConfig(config),
    attachmentMaxBytes: Math.floor(config.MAX_FILE_MB * 1024 * 1024),
  };
  return { desk: createDesk(deps), deps, dataSource, close: () => dataSource.destroy() };
}
