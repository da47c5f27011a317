import 'reflect-metadata';
import { join } from 'node:path';
import { Client } from 'pg';
import { benchBotLoad } from './bot-load';
import { benchDispatcher } from './dispatcher-bench';
import { benchEmbedded } from './embedded-bench';
import { createFreshDatabase, type FreshDatabase } from './fresh-database';
import { benchPrune, type PruneBenchOptions } from './prune-bench';
import { machineDescription, printSection, renderReport, writeReport, type BenchSection } from './report';
import { benchScheduler } from './scheduler-bench';

/** A benchmark another issue adds: it gets a fresh, migrated database of its own. */
export type BenchSuite = (database: FreshDatabase) => Promise<BenchSection>;

/** A suite with the name BENCH_ONLY selects it by. */
export interface NamedBenchSuite {
  readonly name: string;
  readonly run: BenchSuite;
}

export interface BenchOptions {
  /** BENCH_DATABASE_URL: the server to create the throw-away databases on. */
  readonly serverUrl: string;
  /** Sections of other issues, run after the scheduler's and the dispatcher's. */
  readonly extraSuites?: readonly NamedBenchSuite[];
  /**
   * BENCH_ONLY: run only the suites named (a quick iteration); the figures are printed and
   * BENCHMARKS.md is left alone, since it would describe a partial run.
   */
  readonly only?: readonly string[];
  /** Where the report goes (BENCHMARKS.md at the repository root). */
  readonly reportPath?: string;
  readonly tickets?: number;
  readonly due?: number;
  readonly messages?: number;
  /** The housekeeping's tables (BENCH_PRUNE_UPDATES, BENCH_PRUNE_OUTBOX, BENCH_PRUNE_DIALOGS). */
  readonly prune?: Partial<PruneBenchOptions>;
}

/** Ctrl+C mid-suite: the database is dropped before the process goes (the bot processes are killed by bot-process.ts). */
function dropOnSignal(db: FreshDatabase): () => void {
  let dropping = false;
  // `on`, not `once`: bot-process.ts exits by itself when its handler is the only one left.
  const onSignal = (signal: NodeJS.Signals): void => {
    if (dropping) return;
    dropping = true;
    const code = signal === 'SIGINT' ? 130 : 143;
    setTimeout(() => process.exit(code), 5000).unref();
    void db
      .drop()
      .catch(() => undefined)
      .then(() => process.exit(code));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
}

/**
 * Writes the server's dirty pages now (CHECKPOINT needs a superuser or pg_checkpoint; without
 * either it is skipped): the million rows of the sweep would otherwise be flushed while the next
 * suite measures, on the same two cores.
 */
async function settleServer(serverUrl: string): Promise<void> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query('CHECKPOINT').catch(() => undefined);
  } finally {
    await client.end();
  }
}

async function withFreshDatabase<T>(serverUrl: string, work: (db: FreshDatabase) => Promise<T>): Promise<T> {
  await settleServer(serverUrl);
  const db = await createFreshDatabase(serverUrl);
  const forget = dropOnSignal(db);
  try {
    return await work(db);
  } finally {
    forget();
    await db.drop();
  }
}

/** The suites `only` names (all of them without it); an unknown name is an error, not a silent no-op. */
function selectSuites(suites: readonly NamedBenchSuite[], only: readonly string[] | undefined): NamedBenchSuite[] {
  if (!only) return [...suites];
  const unknown = only.filter((name) => !suites.some((suite) => suite.name === name));
  if (unknown.length > 0) throw new Error(`BENCH_ONLY: unknown suite ${unknown.join(', ')} (known: ${suites.map((s) => s.name).join(', ')})`);
  return suites.filter((suite) => only.includes(suite.name));
}

/**
 * Runs every benchmark (or those `only` names), each in a database it creates and drops, prints
 * the figures and, for a full run, writes BENCHMARKS.md with the machine and the command.
 * Returns the sections measured.
 */
export async function runBenchmarks(options: BenchOptions): Promise<BenchSection[]> {
  const all: NamedBenchSuite[] = [
    {
      name: 'scheduler',
      run: (db) =>
        benchScheduler(db.dataSource, {
          tickets: options.tickets ?? 1_000_000,
          due: options.due ?? 100_000,
          batchSize: 500,
          concurrency: 3,
          idleTicks: 200,
        }),
    },
    { name: 'dispatcher', run: (db) => benchDispatcher(db.dataSource, options.messages ?? 600) },
    {
      name: 'prune',
      run: (db) => benchPrune(db.dataSource, { updates: 1_000_000, outbox: 500_000, dialogs: 100_000, batch: 5000, ...options.prune }),
    },
    ...(options.extraSuites ?? []),
  ];
  const suites = selectSuites(all, options.only);
  const sections: BenchSection[] = [];
  let postgresVersion = 'unknown';
  for (const { run: suite } of suites) {
    const section = await withFreshDatabase(options.serverUrl, async (db) => {
      const [row] = (await db.dataSource.query('SHOW server_version')) as { server_version: string }[];
      postgresVersion = row?.server_version ?? postgresVersion;
      return suite(db);
    });
    printSection(section);
    sections.push(section);
  }
  if (options.only) return sections;
  const command = 'npm run bench';
  writeReport(options.reportPath ?? join(__dirname, '..', 'BENCHMARKS.md'), renderReport(sections, machineDescription(postgresVersion), command, new Date()));
  return sections;
}

if (require.main === module) {
  const number = (name: string): number | undefined => (process.env[name] ? Number(process.env[name]) : undefined);
  const only = process.env.BENCH_ONLY?.split(',')
    .map((name) => name.trim())
    .filter((name) => name.length > 0);
  runBenchmarks({
    serverUrl: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
    ...(number('BENCH_TICKETS') !== undefined && { tickets: number('BENCH_TICKETS') }),
    ...(number('BENCH_DUE') !== undefined && { due: number('BENCH_DUE') }),
    ...(number('BENCH_MESSAGES') !== undefined && { messages: number('BENCH_MESSAGES') }),
    prune: {
      ...(number('BENCH_PRUNE_UPDATES') !== undefined && { updates: number('BENCH_PRUNE_UPDATES') }),
      ...(number('BENCH_PRUNE_OUTBOX') !== undefined && { outbox: number('BENCH_PRUNE_OUTBOX') }),
      ...(number('BENCH_PRUNE_DIALOGS') !== undefined && { dialogs: number('BENCH_PRUNE_DIALOGS') }),
    },
    ...(only && only.length > 0 && { only }),
    // 200 chats, so that at 500 updates/s offered a chat is nearly always idle when an update is due.
    extraSuites: [
      { name: 'bot', run: (db) => benchBotLoad(db, { users: 200, rounds: 1, concurrency: 40, rate: 500, poolSize: 10 }) },
      // npm start on the embedded default: its own PostgreSQL in a temporary DATA_DIR (the fresh server database goes unused).
      { name: 'embedded', run: () => benchEmbedded({ users: 200, rounds: 1, concurrency: 40, rate: 500, poolSize: 10, warmStarts: 3 }) },
    ],
  })
    .then((sections) => {
      const missed = sections.flatMap((s) => s.figures).filter((f) => f.ok === false);
      process.exit(missed.length > 0 ? 2 : 0);
    })
    .catch((error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    });
}
