import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import type { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';

interface NamedStatementClient {
  query(config: { readonly name: string; readonly text: string; readonly values: unknown[] }): Promise<{ readonly rows: unknown[] }>;
}

const names = new Map<string, string>();

/** A statement's name: the same text always gets the same one (pg refuses one name for two texts). */
function nameOf(text: string): string {
  let name = names.get(text);
  if (name === undefined) {
    name = `desk_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
    names.set(text, name);
  }
  return name;
}

/**
 * manager.query() for the statements every update runs, as a named prepared statement: the
 * server parses and plans it once per connection instead of on every call, and TypeORM's
 * query runner is skipped. Rows come back as from manager.query(). Inside a transaction the
 * transaction's connection is used. The embedded engine is a PostgreSQL server too, so both
 * engines take this path.
 */
export async function namedQuery<R>(manager: EntityManager, text: string, values: readonly unknown[]): Promise<R[]> {
  const pool: unknown = (manager.connection.driver as PostgresDriver).master;
  // A closed data source: manager.query() throws TypeORM's own "not connected" error.
  if (!manager.connection.isInitialized) return manager.query(text, [...values]);
  const runner = manager.queryRunner as PostgresQueryRunner | undefined;
  const client = (runner && !runner.isReleased ? await runner.connect() : pool) as NamedStatementClient;
  const result = await client.query({ name: nameOf(text), text, values: [...values] });
  return result.rows as R[];
}
