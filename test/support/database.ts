import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { openDatabase } from '../../src/persistence/data-source';

/**
 * The PostgreSQL server of this run: the embedded one jest's globalSetup started, or the server
 * TEST_DATABASE_URL named (globalSetup sets it for the embedded one too).
 */
export const serverUrl: string = process.env.TEST_DATABASE_URL ?? '';
export const engine: 'postgres' | 'embedded' = process.env.TEST_DATABASE_ENGINE === 'embedded' ? 'embedded' : 'postgres';

export interface TestDatabase {
  readonly dataSource: DataSource;
  readonly engine: 'postgres' | 'embedded';
  /** Connection URL of this test's own database. */
  readonly url: string;
  close(): Promise<void>;
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/**
 * A fresh, fully migrated database for one test file on the run's server, so parallel test
 * files never see each other's rows. close() drops it.
 */
export async function openTestDatabase(): Promise<TestDatabase> {
  if (!serverUrl) throw new Error('TEST_DATABASE_URL is unset: run the tests with jest (its globalSetup starts the embedded PostgreSQL)');
  const name = `t_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = withDatabase(serverUrl, name);
  const dataSource = await openDatabase({ kind: 'postgres', url, poolSize: 20 });
  return {
    dataSource,
    engine,
    url,
    async close() {
      // A test may have destroyed its data source on purpose (database outage); drop anyway.
      if (dataSource.isInitialized) await dataSource.destroy().catch(() => undefined);
      const dropper = new Client({ connectionString: serverUrl });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    },
  };
}
