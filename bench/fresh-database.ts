import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { openDatabase } from '../src/persistence/data-source';

export interface FreshDatabase {
  readonly dataSource: DataSource;
  readonly url: string;
  drop(): Promise<void>;
}

/** Creates a new database on the server at `serverUrl`, migrated; drop() removes it. */
export async function createFreshDatabase(serverUrl: string, poolSize = 10): Promise<FreshDatabase> {
  const name = `bench_${process.pid}_${randomBytes(3).toString('hex')}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const dataSource = await openDatabase({ kind: 'postgres', url: url.toString(), poolSize });
  return {
    dataSource,
    url: url.toString(),
    async drop() {
      if (dataSource.isInitialized) await dataSource.destroy();
      if (process.env.BENCH_KEEP_DB) {
        // BENCH_KEEP_DB=1: the database stays for inspection (EXPLAIN on the state a run left).
        console.log(`bench: kept database ${name}`);
        return;
      }
      const dropper = new Client({ connectionString: serverUrl });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    },
  };
}
