import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';

/** A bot under test running as a process of its own, as it does in production. */
export interface BotProcess {
  /** The node process itself (spawned without a wrapper, so /proc/<pid> is the bot's). */
  readonly pid: number;
  /** http://127.0.0.1:<port> */
  readonly baseUrl: string;
  /** Error- and fatal-level log lines ("level":50 or 60) so far: the bot logs every failed update. */
  errorLines(): number;
  /** The first error-level lines, to show why updates failed. */
  firstErrors(): readonly string[];
  /** Peak RSS in bytes: VmHWM of the process, or the largest VmRSS sampled every 20 ms, whichever is larger. */
  peakRss(): number;
  /** VmRSS now, in bytes. */
  rss(): number;
  /** Resolves once GET <path> answers 200 (asked every `pollMs`, default 100); rejects if the process exits first or `timeoutMs` passes. */
  waitReady(path: string, timeoutMs?: number, pollMs?: number): Promise<void>;
  /** Why the process is gone if it exited on its own (before stop), with its last output; undefined while it runs. */
  crashed(): Error | undefined;
  /** SIGTERM (graceful shutdown), SIGKILL after `graceMs`; resolves once it exited. Never rejects (safe in finally). */
  stop(graceMs?: number): Promise<void>;
}

export interface BotProcessOptions {
  /** The compiled script, relative to `cwd`. */
  readonly script: string;
  /** Node options before the script (e.g. the heap limit of `npm run start:prod`). */
  readonly nodeOptions?: readonly string[];
  readonly cwd: string;
  /** The whole environment of the child: nothing of the bench's own environment leaks in. */
  readonly env: Readonly<Record<string, string>>;
  readonly port: number;
}

const TAIL_LINES = 30;
const FIRST_ERRORS = 5;

/** Children alive now: killed on every way out of the bench (normal exit, an exception, SIGINT). */
const alive = new Set<ChildProcess>();

function killAll(): void {
  for (const child of alive) child.kill('SIGKILL');
}

/** Kills the bots at once; exits unless someone else (run.ts, dropping its database) handles the signal too. */
function onSignal(signal: NodeJS.Signals): void {
  killAll();
  if (process.listenerCount(signal) === 1) process.exit(signal === 'SIGINT' ? 130 : 143);
}

/** The handlers exist only while a child does, so the rest of the bench keeps Node's defaults. */
function track(child: ChildProcess): void {
  if (alive.size === 0) {
    process.on('exit', killAll);
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  }
  alive.add(child);
  child.once('exit', () => {
    alive.delete(child);
    if (alive.size === 0) {
      process.off('exit', killAll);
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    }
  });
}

/** A port nobody listens on now (the OS picks it; the child binds it a moment later). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** A field of /proc/<pid>/status in bytes (the kernel writes kB); 0 once the process is gone. */
function procStatusBytes(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match?.[1] ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

const CLOCK_TICKS_PER_SECOND = 100;

/** CPU seconds (user + system) a process has used so far, from /proc/<pid>/stat; 0 once it is gone. */
export function processCpuSeconds(pid: number): number {
  try {
    // Fields after the command name (which may hold spaces and parentheses): utime is the 12th, stime the 13th.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/** CPU seconds used so far by every process named `name` (comm), by pid: PostgreSQL's server and backends. */
export function cpuSecondsByName(name: string): Map<number, number> {
  const used = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() !== name) continue;
    } catch {
      continue;
    }
    used.set(Number(entry), processCpuSeconds(Number(entry)));
  }
  return used;
}

/** CPU seconds the processes named `name` used between two snapshots (a process started since counts from 0). */
export function cpuSecondsBetween(before: ReadonlyMap<number, number>, after: ReadonlyMap<number, number>): number {
  let total = 0;
  for (const [pid, seconds] of after) total += seconds - (before.get(pid) ?? 0);
  return total;
}

function getStatus(url: string): Promise<number> {
  return new Promise((resolve) => {
    const req = request(url, { method: 'GET', timeout: 2000 }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(0));
    req.end();
  });
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Spawns `node <script>` with exactly `env`, reads its stdout and stderr line by line (pino JSON:
 * error-level lines are counted, the last lines kept for a crash report) and samples its RSS.
 */
export function startBotProcess(name: string, options: BotProcessOptions): BotProcess {
  if (!existsSync(`${options.cwd}/${options.script}`)) {
    throw new Error(`bench: ${options.script} is missing; run \`npm run build\` first (npm run bench does)`);
  }
  const child = spawn(process.execPath, [...(options.nodeOptions ?? []), options.script], { cwd: options.cwd, env: { ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  track(child);
  const pid = child.pid;
  if (pid === undefined) throw new Error(`bench: could not start ${name}`);

  let errors = 0;
  const first: string[] = [];
  const tail: string[] = [];
  const onLine = (line: string): void => {
    if (line.includes('"level":50') || line.includes('"level":60')) {
      errors += 1;
      if (first.length < FIRST_ERRORS) first.push(line);
    }
    tail.push(line);
    if (tail.length > TAIL_LINES) tail.shift();
  };
  createInterface({ input: child.stdout }).on('line', onLine);
  createInterface({ input: child.stderr }).on('line', onLine);

  let exit: string | undefined;
  let stopping = false;
  const exited = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exit = signal ? `signal ${signal}` : `code ${code ?? '?'}`;
      resolve();
    });
  });
  const crashReport = (): Error => new Error(`bench: ${name} exited (${exit ?? 'still running'}); its last output:\n${tail.join('\n')}`);

  let sampledPeak = 0;
  const sampler = setInterval(() => {
    sampledPeak = Math.max(sampledPeak, procStatusBytes(pid, 'VmRSS'));
  }, 20);
  void exited.then(() => clearInterval(sampler));

  const baseUrl = `http://127.0.0.1:${options.port}`;
  return {
    pid,
    baseUrl,
    errorLines: () => errors,
    firstErrors: () => first,
    peakRss: () => Math.max(sampledPeak, procStatusBytes(pid, 'VmHWM'), procStatusBytes(pid, 'VmRSS')),
    rss: () => procStatusBytes(pid, 'VmRSS'),
    async waitReady(path, timeoutMs = 60_000, pollMs = 100) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        if (exit !== undefined) throw crashReport();
        if ((await getStatus(`${baseUrl}${path}`)) === 200) return;
        if (Date.now() > deadline) throw new Error(`bench: ${name} not ready after ${timeoutMs} ms; its last output:\n${tail.join('\n')}`);
        await sleep(pollMs);
      }
    },
    crashed: () => (exit !== undefined && !stopping ? crashReport() : undefined),
    async stop(graceMs = 10_000) {
      stopping = true;
      if (exit === undefined) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
        await exited;
        clearTimeout(timer);
      }
    },
  };
}
