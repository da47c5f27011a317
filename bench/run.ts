import 'reflect-metadata';
import { join } from 'node:path';
import { benchBotLoad } from './bot-load';
import { benchDispatcher } from './dispatcher-bench';
import { createFreshDatabase, type FreshDatabase } from './fresh-database';
import { machineDescription, printSection, renderReport, writeReport, type BenchSection } from './report';
import { benchScheduler } from './scheduler-bench';

/** A benchmark another issue adds: it gets a fresh, migrated database of its own. */
export type BenchSuite = (database: FreshDatabase) => Promise<BenchSection>;

export interface BenchOptions {
  /** BENCH_DATABASE_URL: the server to create the throw-away databases on. */
  readonly serverUrl: string;
  /** Sections of other issues, run after the scheduler's and the dispatcher's. */
  readonly extraSuites?: readonly BenchSuite[];
  /** Where the report goes (BENCHMARKS.md at the repository root). */
  readonly reportPath?: string;
  readonly tickets?: number;
  readonly due?: number;
  readonly messages?: number;
}

async function withFreshDatabase<T>(serverUrl: string, work: (db: FreshDatabase) => Promise<T>): Promise<T> {
  const db = await createFreshDatabase(serverUrl);
  try {
    return await work(db);
  } finally {
    await db.drop();
  }
}

/**
 * Runs every benchmark, each in a database it creates and drops, prints the figures and writes
 * BENCHMARKS.md with the machine and the command. Returns the sections measured.
 */
export async function runBenchmarks(options: BenchOptions): Promise<BenchSection[]> {
  const suites: BenchSuite[] = [
    (db) =>
      benchScheduler(db.dataSource, {
        tickets: options.tickets ?? 1_000_000,
        due: options.due ?? 100_000,
        batchSize: 500,
        concurrency: 3,
        idleTicks: 200,
      }),
    (db) => benchDispatcher(db.dataSource, options.messages ?? 600),
    ...(options.extraSuites ?? []),
  ];
  const sections: BenchSection[] = [];
  let postgresVersion = 'unknown';
  for (const suite of suites) {
    const section = await withFreshDatabase(options.serverUrl, async (db) => {
      const [row] = (await db.dataSource.query('SHOW server_version')) as { server_version: string }[];
      postgresVersion = row?.server_version ?? postgresVersion;
      return suite(db);
    });
    printSection(section);
    sections.push(section);
  }
  const command = 'npm run bench';
  writeReport(options.reportPath ?? join(__dirname, '..', 'BENCHMARKS.md'), renderReport(sections, machineDescription(postgresVersion), command, new Date()));
  return sections;
}

if (require.main === module) {
  const number = (name: string): number | undefined => (process.env[name] ? Number(process.env[name]) : undefined);
  runBenchmarks({
    serverUrl: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
    ...(number('BENCH_TICKETS') !== undefined && { tickets: number('BENCH_TICKETS') }),
    ...(number('BENCH_DUE') !== undefined && { due: number('BENCH_DUE') }),
    ...(number('BENCH_MESSAGES') !== undefined && { messages: number('BENCH_MESSAGES') }),
    extraSuites: [(db) => benchBotLoad(db, { users: 50, rounds: 4, concurrency: 25 })],
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
