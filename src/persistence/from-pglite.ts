import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { MIGRATIONS } from '../../migrations';
import { copyDatabase, type RowSource } from './copy-database';
import { openDatabase } from './data-source';

/** The PGlite version the former embedded engine wrote its directories with. */
const PGLITE = '@electric-sql/pglite@^0.5.16';

interface PGliteLike {
  query<T>(sql: string, parameters?: unknown[]): Promise<{ rows: T[] }>;
  close(): Promise<void>;
}

interface PGliteModule {
  PGlite: { create(options: { dataDir: string }): Promise<PGliteLike> };
}

export interface OldDatabase extends RowSource {
  close(): Promise<void>;
}

/**
 * Opens a PGlite directory with PGlite itself, installed on first use into a cache directory by
 * npm (the project no longer depends on it: it is needed once, for this copy).
 */
export async function openPGliteDirectory(dir: string, out: (line: string) => void): Promise<OldDatabase> {
  const cache = join(tmpdir(), 'desk-pglite-reader');
  const installed = join(cache, 'node_modules', '@electric-sql', 'pglite');
  if (!existsSync(installed)) {
    out(`Installing ${PGLITE} into ${cache} (once) to read the old directory…`);
    mkdirSync(cache, { recursive: true });
    const npm = process.env.npm_execpath ? [process.execPath, process.env.npm_execpath] : ['npm'];
    const [program = 'npm', ...args] = npm;
    execFileSync(program, [...args, 'install', '--no-save', '--no-package-lock', '--no-audit', '--no-fund', '--prefix', cache, PGLITE], { stdio: 'inherit' });
  }
  const pglite = createRequire(join(cache, 'package.json'))('@electric-sql/pglite') as PGliteModule;
  const db = await pglite.PGlite.create({ dataDir: dir });
  return {
    query: async <T>(sql: string, parameters?: unknown[]) => (await db.query<T>(sql, parameters)).rows,
    close: () => db.close(),
  };
}

export interface FromPgliteOptions {
  readonly out: (line: string) => void;
  /** How the old directory is opened (tests pass another PostgreSQL database). */
  readonly openOld?: (dir: string) => Promise<OldDatabase>;
}

/**
 * `npm run data:from-pglite -- [DATA_DIR]`: moves a PGlite DATA_DIR aside to <DATA_DIR>-pglite,
 * creates the embedded PostgreSQL in DATA_DIR, migrates it and copies every row over. Throws
 * when DATA_DIR is not a PGlite directory, when <DATA_DIR>-pglite exists already, or when the
 * old data comes from a newer version (a migration this one does not know).
 */
export async function fromPglite(dataDir: string, options: FromPgliteOptions): Promise<void> {
  const dir = resolve(dataDir);
  const old = `${dir}-pglite`;
  if (!existsSync(join(dir, 'PG_VERSION'))) throw new Error(`${dataDir} is not a data directory of the PGlite engine (it has no PG_VERSION)`);
  if (existsSync(old)) throw new Error(`${old} exists already: move it away first`);
  const source = await (options.openOld ?? ((d) => openPGliteDirectory(d, options.out)))(dir);
  let names: string[];
  try {
    names = (await source.query<{ name: string }>('SELECT name FROM migrations ORDER BY id')).map((row) => row.name);
  } finally {
    await source.close();
  }
  const unknown = names.filter((name) => !MIGRATIONS.some((migration) => migration.name === name));
  if (unknown.length > 0) throw new Error(`${dataDir} was written by a newer version (migrations ${unknown.join(', ')}); use that version`);

  renameSync(dir, old);
  options.out(`Moved ${dataDir} to ${old}.`);
  try {
    const reopened = await (options.openOld ?? ((d) => openPGliteDirectory(d, options.out)))(old);
    try {
      const target = await openDatabase({ kind: 'embedded', dataDir: dir });
      try {
        const report = await copyDatabase(reopened, target);
        for (const { table, rows } of report.tables) options.out(`  ${table}: ${rows} rows`);
        options.out(`Copied ${report.tables.length} tables and ${report.sequences} sequences into the embedded PostgreSQL in ${dataDir}. ${old} can be deleted once you are satisfied.`);
      } finally {
        await target.destroy();
      }
    } finally {
      await reopened.close();
    }
  } catch (error) {
    // Back as it was: the half-made new directory goes, the old one returns to its place.
    rmSync(dir, { recursive: true, force: true });
    renameSync(old, dir);
    options.out(`Nothing copied; ${dataDir} is back as it was.`);
    throw error;
  }
}

if (require.main === module) {
  const out = (line: string): void => void process.stdout.write(`${line}\n`);
  fromPglite(process.argv[2] ?? process.env.DATA_DIR ?? './data', { out }).catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
