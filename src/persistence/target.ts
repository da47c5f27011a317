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
  const url = env.DATABASE_URL?.trim();
  if (url) {
    const raw = env.DATABASE_POOL_SIZE;
    if (raw === undefined || raw === '') return { kind: 'postgres', url };
    const poolSize = Number(raw);
    if (!Number.isInteger(poolSize) || poolSize < 1) {
      throw new Error(`DATABASE_POOL_SIZE must be a positive whole number, got "${String(raw)}"`);
    }
    return { kind: 'postgres', url, poolSize };
  }
  const dataDir = env.DATA_DIR?.trim();
  return { kind: 'embedded', dataDir: dataDir ? dataDir : DEFAULT_DATA_DIR };
}
