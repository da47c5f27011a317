import { existsSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { DataSource } from 'typeorm';
import { connectDatabase } from './data-source';
import { migrationTemplate } from './migration-template';
import { databaseTargetFromEnv, type DatabaseEnv, type DatabaseTarget } from './target';

const USAGE = `Usage: ts-node src/persistence/cli.ts <command>
  run              apply pending migrations
  revert           undo the last applied migration
  generate <Name>  create an empty hand-written migration, e.g. generate AddTicketLabels
The database is DATABASE_URL when set, else the embedded PostgreSQL in DATA_DIR (default ./data).`;

export interface CliOptions {
  readonly env: DatabaseEnv;
  readonly out: (line: string) => void;
  readonly now?: () => Date;
  readonly migrationsDir?: string;
}

function describeTarget(target: DatabaseTarget): string {
  if (target.kind === 'embedded') return `embedded PostgreSQL in ${target.dataDir}`;
  const url = new URL(target.url);
  return `PostgreSQL ${url.host}${url.pathname}`;
}

async function lastApplied(dataSource: DataSource): Promise<string | null> {
  const [table] = await dataSource.query<{ present: boolean }[]>(
    `SELECT to_regclass('migrations') IS NOT NULL AS present`,
  );
  if (!table?.present) return null;
  const [row] = await dataSource.query<{ name: string }[]>('SELECT name FROM migrations ORDER BY id DESC LIMIT 1');
  return row?.name ?? null;
}

async function migrate(command: 'run' | 'revert', options: CliOptions): Promise<void> {
  const target = databaseTargetFromEnv(options.env);
  options.out(`Database: ${describeTarget(target)}`);
  const dataSource = await connectDatabase(target, { migrate: false });
  try {
    if (command === 'run') {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      options.out(applied.length === 0 ? 'No pending migrations.' : applied.map((m) => `Applied ${m.name}`).join('\n'));
      return;
    }
    const last = await lastApplied(dataSource);
    if (!last) {
      options.out('No migration to revert.');
      return;
    }
    await dataSource.undoLastMigration({ transaction: 'each' });
    options.out(`Reverted ${last}`);
  } finally {
    await dataSource.destroy();
  }
}

function generate(name: string | undefined, options: CliOptions): void {
  if (!name) throw new Error(`generate needs a name.\n${USAGE}`);
  const dir = options.migrationsDir ?? join(__dirname, '..', '..', 'migrations');
  const file = migrationTemplate(name, (options.now ?? (() => new Date()))());
  const path = join(dir, file.fileName);
  if (existsSync(path)) throw new Error(`${path} already exists`);
  writeFileSync(path, file.source, { flag: 'wx' });
  options.out(
    [
      'Migrations here are hand-written SQL (no schema diffing), so the same file runs on every supported PostgreSQL.',
      `Created ${relative(process.cwd(), path)}: write its up() and down(),`,
      `then add ${file.className} at the end of MIGRATIONS in migrations/index.ts.`,
    ].join('\n'),
  );
}

/** Runs one CLI command; throws with a message for the user on bad input. */
export async function runCli(args: readonly string[], options: CliOptions): Promise<void> {
  const [command, name] = args;
  if (command === 'run' || command === 'revert') return migrate(command, options);
  if (command === 'generate') return generate(name, options);
  throw new Error(USAGE);
}

if (require.main === module) {
  runCli(process.argv.slice(2), { env: process.env, out: (line) => process.stdout.write(`${line}\n`) }).catch(
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
