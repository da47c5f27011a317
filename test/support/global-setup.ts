import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { recoverStaleServer, startEmbeddedServer, type EmbeddedServer } from '../../src/persistence/embedded-server';

/** Each run's server lives in <tmp>/desk-test-postgres/<pid of the jest process>. */
export const TEST_SERVERS_DIR = join(tmpdir(), 'desk-test-postgres');

interface RunServer {
  readonly server: EmbeddedServer;
  readonly dir: string;
}

const KEY = '__deskTestPostgres';
type WithServer = typeof globalThis & { [KEY]?: RunServer };

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Servers of runs that were killed before their teardown: stopped and removed. */
async function removeAbandoned(): Promise<void> {
  let entries: string[] = [];
  try {
    entries = readdirSync(TEST_SERVERS_DIR);
  } catch {
    return;
  }
  for (const name of entries) {
    const pid = Number(name);
    if (!Number.isInteger(pid) || alive(pid)) continue;
    const dir = join(TEST_SERVERS_DIR, name);
    await recoverStaleServer(join(dir, 'data', 'postgres')).catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * jest globalSetup: without TEST_DATABASE_URL the run starts one embedded PostgreSQL (not
 * durable: no fsync) and hands it to the test files as TEST_DATABASE_URL, so every file gets
 * a database of its own on it, as on a server.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.TEST_DATABASE_URL) {
    process.env.TEST_DATABASE_ENGINE ??= 'postgres';
    return;
  }
  await removeAbandoned();
  const dir = join(TEST_SERVERS_DIR, String(process.pid));
  rmSync(dir, { recursive: true, force: true });
  // 0755 all the way: as root the server runs as the postgres OS user and must reach its files.
  mkdirSync(dir, { recursive: true, mode: 0o755 });
  const server = await startEmbeddedServer(join(dir, 'data'), { durable: false, maxConnections: 200 });
  process.env.TEST_DATABASE_URL = server.adminUrl;
  process.env.TEST_DATABASE_ENGINE = 'embedded';
  (globalThis as WithServer)[KEY] = { server, dir };
}

/** jest globalTeardown: stops the run's embedded server and removes its files. */
export async function globalTeardown(): Promise<void> {
  const run = (globalThis as WithServer)[KEY];
  if (!run) return;
  await run.server.stop();
  rmSync(run.dir, { recursive: true, force: true });
}
