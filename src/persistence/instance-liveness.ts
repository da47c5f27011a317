import { randomInt } from 'node:crypto';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';

/**
 * Advisory-lock namespace of "instance N is alive". An instance holds pg_advisory_lock(class, N)
 * on a session of its own for as long as it runs: the lock dies with that session, i.e. with
 * the process (SIGKILL, crash, a lost connection). Claims (processed_updates.claimed_by,
 * outbox.claimed_by) name N, and a claim whose N holds no lock belongs to a dead claimer.
 */
export const LIVENESS_LOCK_CLASS = 7302;

/**
 * SQL: true when the claimer named by `column` is alive (its lock is held in this database).
 * Only evaluated on the rare paths (a redelivered update, a row still marked sending).
 */
export function claimerAliveSql(column: string): string {
  return `EXISTS (SELECT 1 FROM pg_locks l
                   WHERE l.locktype = 'advisory' AND l.granted AND l.classid = ${LIVENESS_LOCK_CLASS}
                     AND l.objid = ${column}::oid AND l.objsubid = 2
                     AND l.database = (SELECT d.oid FROM pg_database d WHERE d.datname = current_database()))`;
}

/** SQL: how many instances are alive in this database (liveness locks held). */
export const LIVE_INSTANCES_SQL = `SELECT count(*)::int AS n FROM pg_locks l
  WHERE l.locktype = 'advisory' AND l.granted AND l.classid = ${LIVENESS_LOCK_CLASS} AND l.objsubid = 2
    AND l.database = (SELECT d.oid FROM pg_database d WHERE d.datname = current_database())`;

export interface InstanceLiveness {
  /** This instance's claimer id (a positive int4). */
  readonly id: number;
  /** Whether the lock is held right now (false while the database is unreachable). */
  readonly alive: boolean;
  /** Resolves once the lock is held (after a reconnect too). */
  ready(): Promise<void>;
  /** Releases the lock (closes its session). */
  stop(): Promise<void>;
}

interface LivenessOptions {
  /** Retry interval while the database cannot be reached. */
  readonly retryMs?: number;
  readonly onError?: (error: unknown) => void;
}

/**
 * Holds this instance's liveness lock on a dedicated connection (outside the pool), taking it
 * again after the connection is lost (a database restart ends every session, so every
 * instance's claims look dead until it reconnects; each retries every `retryMs`).
 */
export function holdInstanceLiveness(dataSource: DataSource, options: LivenessOptions = {}): InstanceLiveness {
  const id = randomInt(1, 2 ** 31 - 1);
  const url = (dataSource.options as { url?: string }).url;
  if (!url) throw new Error('holdInstanceLiveness: the data source has no url');
  const retryMs = options.retryMs ?? 250;
  let client: Client | null = null;
  let alive = false;
  let stopped = false;
  let waiters: Array<() => void> = [];
  let timer: NodeJS.Timeout | undefined;

  const connect = async (): Promise<void> => {
    if (stopped) return;
    const next = new Client({ connectionString: url, connectionTimeoutMillis: 2000, application_name: `desk-liveness-${id}` });
    next.on('error', (error) => {
      options.onError?.(error);
    });
    next.on('end', () => {
      if (client === next) {
        alive = false;
        client = null;
        schedule();
      }
    });
    try {
      await next.connect();
      // The same id cannot be held twice: pg_advisory_lock would wait for the previous holder
      // (our own dead session, until the server notices it) — that is exactly what we want.
      await next.query('SELECT pg_advisory_lock($1, $2)', [LIVENESS_LOCK_CLASS, id]);
      if (stopped) {
        await next.end().catch(() => undefined);
        return;
      }
      client = next;
      alive = true;
      for (const resolve of waiters) resolve();
      waiters = [];
    } catch (error) {
      options.onError?.(error);
      await next.end().catch(() => undefined);
      schedule();
    }
  };
  const schedule = (): void => {
    if (stopped || timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      void connect();
    }, retryMs);
    timer.unref();
  };
  void connect();

  return {
    id,
    get alive() {
      return alive;
    },
    ready() {
      if (alive) return Promise.resolve();
      return new Promise((resolve) => waiters.push(resolve));
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      const current = client;
      client = null;
      alive = false;
      for (const resolve of waiters) resolve();
      waiters = [];
      await current?.end().catch(() => undefined);
    },
  };
}
