import { EventEmitter } from 'node:events';
import Module from 'node:module';
import type * as PGliteModule from '@electric-sql/pglite';

type PGliteApi = typeof PGliteModule;
type Release = (error?: unknown) => void;
type ConnectCallback = (error: unknown, client: ExclusivePGlitePool | null, done: Release) => void;

/** What TypeORM's postgres query runner reads from a result (the shape `pg` returns). */
interface PgResult {
  readonly command: string | undefined;
  readonly rowCount: number;
  readonly rows: Record<string, unknown>[];
}

/**
 * Loads PGlite with Node's own module loader. PGlite's CommonJS build calls `import()` for
 * Node built-ins, which fails inside jest's sandbox unless node runs with
 * --experimental-vm-modules. Jest hands out a subclass of Module whose createRequire stays in
 * the sandbox; its parent class is Node's. Outside jest the parent test fails and this is
 * plain `require`.
 */
function loadPGlite(): PGliteApi {
  const parent: unknown = Object.getPrototypeOf(Module);
  const nodeModule = typeof parent === 'function' && 'createRequire' in parent ? (parent as typeof Module) : Module;
  return nodeModule.createRequire(__filename)('@electric-sql/pglite') as PGliteApi;
}

const isDate = (value: unknown): value is Date => Object.prototype.toString.call(value) === '[object Date]';

/**
 * Under jest PGlite lives in another realm, so values it builds fail `instanceof` checks
 * here (TypeORM's and jest's among them). Parsers defined in this module build Dates and JSON
 * in ours. `date` stays text (YYYY-MM-DD): PGlite would make a Date at UTC midnight, `pg` one
 * at local midnight, and TypeORM formats either with local getters.
 */
function codecs(pglite: PGliteApi): Pick<PGliteModule.PGliteOptions, 'parsers' | 'serializers'> {
  const { types } = pglite;
  const toDate = (text: string): Date => new Date(text);
  const fromDate = (value: unknown): string => (isDate(value) ? value.toISOString() : String(value));
  const fromJson = (text: string): unknown => JSON.parse(text);
  return {
    parsers: {
      [types.DATE]: (text: string) => text,
      [types.TIMESTAMP]: toDate,
      [types.TIMESTAMPTZ]: toDate,
      [types.JSON]: fromJson,
      [types.JSONB]: fromJson,
    },
    serializers: { [types.DATE]: fromDate, [types.TIMESTAMP]: fromDate, [types.TIMESTAMPTZ]: fromDate },
  };
}

/** Copies arrays (int[] columns, the row list) into this realm; see codecs(). */
function ownRealm(value: unknown): unknown {
  return Array.isArray(value) ? Array.from(value, ownRealm) : value;
}

function toPgResult(result: PGliteModule.Results<Record<string, unknown>> | undefined): PgResult {
  const rows = Array.from(result?.rows ?? [], (row) =>
    Object.fromEntries(Object.entries(row).map(([key, value]) => [key, ownRealm(value)])),
  );
  return { command: result?.command, rowCount: result?.affectedRows ?? rows.length, rows };
}

/**
 * A `pg`-shaped pool over one PGlite database. PGlite is a single database session, so the
 * pool hands it to one query runner at a time (a pool of size one): two transactions never
 * interleave their statements inside one BEGIN … COMMIT, and behave as they do on a server.
 */
export class ExclusivePGlitePool extends EventEmitter {
  private tail: Promise<void> = Promise.resolve();

  constructor(private readonly db: Promise<PGliteModule.PGlite>) {
    super();
    // A failed start is reported to the first connect(); this only keeps it from counting as unhandled.
    db.catch(() => undefined);
  }

  async connect(callback: ConnectCallback): Promise<void> {
    let release!: () => void;
    const turn = new Promise<void>((resolve) => (release = resolve));
    const previous = this.tail;
    this.tail = previous.then(() => turn);
    await previous;
    let released = false;
    const done: Release = () => {
      if (released) return;
      released = true;
      release();
    };
    try {
      await this.db;
    } catch (error) {
      done();
      callback(error, null, done);
      return;
    }
    callback(null, this, done);
  }

  /** Without parameters the simple protocol runs (it allows several statements, as `pg` does). */
  async query(sql: string, parameters?: unknown[]): Promise<PgResult> {
    const db = await this.db;
    if (parameters && parameters.length > 0) {
      return toPgResult(await db.query<Record<string, unknown>>(sql, parameters));
    }
    const results = await db.exec(sql);
    return toPgResult(results.at(-1) as PGliteModule.Results<Record<string, unknown>> | undefined);
  }

  end(callback: (error: unknown) => void): void {
    this.db
      .then((db) => db.close())
      .then(
        () => callback(null),
        (error: unknown) => callback(error),
      );
  }
}

/**
 * Driver object for TypeORM's `driver` option: each data source gets its own PGlite database,
 * in `dataDir` or (null) in memory. One directory must not be opened twice at once.
 */
export function embeddedDriver(dataDir: string | undefined): { Pool: new () => ExclusivePGlitePool } {
  const pglite = loadPGlite();
  const options: PGliteModule.PGliteOptions = { ...codecs(pglite), ...(dataDir ? { dataDir } : {}) };
  return {
    Pool: class extends ExclusivePGlitePool {
      constructor() {
        super(pglite.PGlite.create(options));
      }
    },
  };
}
