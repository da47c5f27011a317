/** Where the data lives: a PostgreSQL server, or the embedded PostgreSQL the program runs in a directory. */
export type DatabaseTarget = ServerTarget | EmbeddedTarget;

export interface ServerTarget {
  readonly kind: 'postgres';
  readonly url: string;
  readonly poolSize?: number;
}

export interface EmbeddedTarget {
  readonly kind: 'embedded';
  readonly dataDir: string;
  /** false: no fsync (tests, throw-away sandboxes). Default true. */
  readonly durable?: boolean;
  /** Default 5: one process owns the server, and each connection is a server process. */
  readonly poolSize?: number;
}

/** The variables that choose the database; both process.env and the parsed Config fit. */
export interface DatabaseEnv {
  readonly DATABASE_URL?: string | undefined;
  readonly DATABASE_POOL_SIZE?: string | number | undefined;
  readonly DATA_DIR?: string | undefined;
}

export const DEFAULT_DATA_DIR = './data';

/**
 * DATABASE_URL selects a server; without it the program runs its own PostgreSQL with its files
 * in DATA_DIR. An empty string counts as unset, as shells and .env files produce them.
 * Throws on a pool size that is not a positive whole number.
 */
export function databaseTargetFromEnv(env: DatabaseEnv): DatabaseTarget {
  const raw = env.DATABASE_POOL_SIZE;
  const poolSize = raw === undefined || raw === '' ? undefined : Number(raw);
  if (poolSize !== undefined && (!Number.isInteger(poolSize) || poolSize < 1)) {
    throw new Error(`DATABASE_POOL_SIZE must be a positive whole number, got "${String(raw)}"`);
  }
  const pool = poolSize === undefined ? {} : { poolSize };
  const url = env.DATABASE_URL?.trim();
  if (url) return { kind: 'postgres', url, ...pool };
  const dataDir = env.DATA_DIR?.trim();
  return { kind: 'embedded', dataDir: dataDir ? dataDir : DEFAULT_DATA_DIR, ...pool };
}
