import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { openDatabase } from '../../src/persistence/data-source';

/** The real PostgreSQL server for integration tests, when the run has one. */
export const serverUrl: string | undefined = process.env.TEST_DATABASE_URL || undefined;

export interface TestDatabase {
  readonly dataSource: DataSource;
  readonly engine: 'postgres' | 'embedded';
  /** Connection URL of this test's own database (server engine only). */
  readonly url: string | null;
  close(): Promise<void>;
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/**
 * A fresh, fully migrated database for one test file: a new database on the server when
 * TEST_DATABASE_URL is set (so parallel test files never see each other's rows), otherwise an
 * in-memory embedded engine.
 */
export async function openTestDatabase(): Promise<TestDatabase> {
  if (!serverUrl) {
    const dataSource = await openDatabase({ kind: 'embedded', dataDir: null });
    return { dataSource, engine: 'embedded', url: null, close: () => dataSource.destroy() };
  }
  const name = `t_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = withDatabase(serverUrl, name);
  const dataSource = await openDatabase({ kind: 'postgres', url, poolSize: 20 });
  return {
    dataSource,
    engine: 'postgres',
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

/**
 * `describe` for tests that need several real connections (row locks, concurrent sweepers).
 * They run only against the server; without TEST_DATABASE_URL the run says it left them out.
 * A file using it must hold at least one ordinary test too (jest refuses an empty file).
 */
export function describeOnServer(name: string, fn: () => void): void {
  if (serverUrl) {
    describe(name, fn);
    return;
  }
  process.stderr.write(`[left out: needs TEST_DATABASE_URL for several connections] ${name}\n`);
}
