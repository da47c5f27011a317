import 'reflect-metadata';
import { DataSource, type DataSourceOptions, type LoggerOptions } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from '../../migrations';
import { startEmbeddedServer, type EmbeddedServer } from './embedded-server';
import type { DatabaseTarget, ServerTarget } from './target';

export type { DatabaseTarget } from './target';

function options(target: ServerTarget, logging: LoggerOptions): DataSourceOptions {
  return {
    type: 'postgres',
    url: target.url,
    poolSize: target.poolSize ?? 10,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    // The schema comes only from migrations; uuids come from gen_random_uuid(), built in since
    // PostgreSQL 13, so TypeORM must not try to create uuid-ossp.
    installExtensions: false,
    logging,
  };
}

/** Connections to the embedded server unless DATABASE_POOL_SIZE says otherwise: each is a server process (~3 MB). */
export const EMBEDDED_POOL_SIZE = 3;

/** A data source on the program's own embedded server: destroying it stops the server too. */
class EmbeddedDataSource extends DataSource {
  constructor(
    opts: DataSourceOptions,
    private readonly server: EmbeddedServer,
  ) {
    super(opts);
  }

  override async destroy(): Promise<void> {
    try {
      if (this.isInitialized) await super.destroy();
    } finally {
      await this.server.stop();
    }
  }
}

/** A data source on a PostgreSQL server, not yet connected. */
export function createDataSource(target: ServerTarget, logging: LoggerOptions = false): DataSource {
  return new DataSource(options(target, logging));
}

export interface ConnectOptions {
  /** Apply pending migrations after connecting. */
  readonly migrate: boolean;
  readonly logging?: LoggerOptions;
}

/**
 * Connects to the target: for the embedded engine it first starts (or, beside a running bot,
 * joins) the PostgreSQL server in its data directory; destroy() stops what it started. Throws
 * LegacyEmbeddedDataError for a data directory of the former PGlite engine.
 */
export async function connectDatabase(target: DatabaseTarget, { migrate, logging = false }: ConnectOptions): Promise<DataSource> {
  let dataSource: DataSource;
  if (target.kind === 'postgres') {
    dataSource = createDataSource(target, logging);
  } else {
    const server = await startEmbeddedServer(target.dataDir, target.durable === false ? { durable: false } : {});
    dataSource = new EmbeddedDataSource(options({ kind: 'postgres', url: server.url, poolSize: target.poolSize ?? EMBEDDED_POOL_SIZE }, logging), server);
  }
  try {
    await dataSource.initialize();
    if (migrate) await dataSource.runMigrations({ transaction: 'each' });
  } catch (error) {
    await dataSource.destroy().catch(() => undefined);
    throw error;
  }
  return dataSource;
}

/** Connects and applies pending migrations; returns the ready data source. */
export function openDatabase(target: DatabaseTarget, logging: LoggerOptions = false): Promise<DataSource> {
  return connectDatabase(target, { migrate: true, logging });
}
