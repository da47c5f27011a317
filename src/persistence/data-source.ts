import 'reflect-metadata';
import { mkdirSync } from 'node:fs';
import { DataSource, type LoggerOptions } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from '../../migrations';
import { embeddedDriver } from './embedded-pool';
import type { DatabaseTarget } from './target';

export type { DatabaseTarget } from './target';

export function createDataSource(target: DatabaseTarget, logging: LoggerOptions = false): DataSource {
  const common = {
    type: 'postgres' as const,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each' as const,
    synchronize: false,
    // The schema comes only from migrations; uuids come from gen_random_uuid(), built in
    // since PostgreSQL 13, so TypeORM must not try to create uuid-ossp (PGlite lacks it).
    installExtensions: false,
    logging,
  };
  if (target.kind === 'postgres') {
    return new DataSource({ ...common, url: target.url, poolSize: target.poolSize ?? 10 });
  }
  if (target.dataDir) mkdirSync(target.dataDir, { recursive: true });
  return new DataSource({ ...common, driver: embeddedDriver(target.dataDir ?? undefined) });
}

/** Connects and applies pending migrations; returns the ready data source. */
export async function openDatabase(target: DatabaseTarget, logging: LoggerOptions = false): Promise<DataSource> {
  const dataSource = createDataSource(target, logging);
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  return dataSource;
}
