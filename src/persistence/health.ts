import type { DataSource } from 'typeorm';

/** The database answers a trivial statement (/readyz). Rejects when it cannot be reached. */
export async function pingDatabase(dataSource: DataSource): Promise<void> {
  await dataSource.query('SELECT 1');
}

/** Migrations of this release not yet run on the database (an instance waits for them). */
export function hasPendingMigrations(dataSource: DataSource): Promise<boolean> {
  return dataSource.showMigrations();
}
