import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeTelegram } from '../../../src/fake-telegram';

/**
 * The program as `npm start` runs it: the launcher (scripts/start.js) builds dist/ when sources
 * changed and runs the compiled entry point in its own process, on the embedded PostgreSQL.
 */
jest.setTimeout(240_000);

const root = join(__dirname, '..', '..', '..');

interface Running {
  readonly child: ChildProcess;
  output(): string;
  readonly exited: Promise<number | null>;
}

function watch(child: ChildProcess): Running {
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

const baseEnv = (env: Record<string, string>): Record<string, string> => ({
  PATH: process.env.PATH ?? '',
  HOME: process.env.HOME ?? tmpdir(),
  NODE_ENV: 'production',
  LOG_LEVEL: 'info',
  OUTBOX_POLL_MS: '200',
  ...env,
});

/** What package.json's start script runs, without npm in between. */
function launch(env: Record<string, string>): Running {
  return watch(spawn(process.execPath, ['--max-old-space-size=192', 'scripts/start.js'], { cwd: root, env: baseEnv(env), stdio: ['ignore', 'pipe', 'pipe'] }));
}

/** A data directory the embedded server can reach also when the tests run as root. */
function dataDirectory(): { dir: string; dataDir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'desk-main-'));
  chmodSync(dir, 0o755);
  return { dir, dataDir: join(dir, 'data') };
}

function postmasterPid(dataDir: string): number | null {
  const file = join(dataDir, 'postgres', 'postmaster.pid');
  return existsSync(file) ? Number(readFileSync(file, 'utf8').split('\n')[0]) : null;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true;
  }
}

async function untilDead(pid: number): Promise<void> {
  for (let i = 0; i < 200 && alive(pid); i++) await new Promise((resolve) => setTimeout(resolve, 50));
}

/** Waits until the bot polls, then checks it answers a stranger with their id. */
async function answers(fake: FakeTelegram, userId: number, since = 0): Promise<void> {
  await fake.waitUntil(() => (fake.calls('getUpdates').length > since ? true : undefined), 'polling', { timeoutMs: 120_000 });
  const user = fake.user({ id: userId, first_name: 'Nobody', language_code: 'en' });
  await user.send('hi');
  const reply = await fake.waitForMessage(user.id, String(userId), { timeoutMs: 30_000 });
  expect(reply.text).toContain('invitation');
}

async function withDiagnostics<T>(runs: readonly Running[], work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    for (const run of runs) {
      try {
        // npm start runs in a group of its own: the bot under npm goes too.
        process.kill(-(run.child.pid ?? 0), 'SIGKILL');
      } catch {
        run.child.kill('SIGKILL');
      }
    }
    throw new Error(`${String(error)}\n--- process output ---\n${runs.map((r) => r.output()).join('\n---\n')}`);
  }
}

test('a bad configuration prints each problem and exits with 1', async () => {
  const { exited, output } = launch({ BOT_TOKEN: 'nope', TIME_ZONE: 'Mars/Olympus' });
  expect(await exited).toBe(1);
  expect(output()).toContain('BOT_TOKEN');
  expect(output()).toContain('TIME_ZONE');
});

test('main starts polling on the embedded PostgreSQL, answers, sets the menus and stops it all on SIGTERM', async () => {
  const fake = await FakeTelegram.start();
  const { dir, dataDir } = dataDirectory();
  const run = launch({ BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.url, DATA_DIR: dataDir });
  try {
    await withDiagnostics([run], async () => {
      await answers(fake, 4242);
      expect(fake.commands(undefined, 'en').map((c) => c.command)).toEqual(['start', 'language', 'help']);
      const server = postmasterPid(dataDir);
      expect(server).not.toBeNull();
      run.child.kill('SIGTERM');
      expect(await run.exited).toBe(0);
      expect(run.output()).toContain('"msg":"stopped"');
      // The embedded server went with it.
      await untilDead(server ?? 0);
      expect(alive(server ?? 0)).toBe(false);
      expect(postmasterPid(dataDir)).toBeNull();
    });
  } finally {
    await fake.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('after a SIGKILL the next start on the same DATA_DIR recovers the orphaned server and keeps the data', async () => {
  const fake = await FakeTelegram.start();
  const { dir, dataDir } = dataDirectory();
  const env = { BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.url, DATA_DIR: dataDir };
  const first = launch(env);
  let second: Running | undefined;
  try {
    await withDiagnostics([first], async () => {
      await answers(fake, 5151);
      const orphan = postmasterPid(dataDir) ?? 0;
      first.child.kill('SIGKILL');
      await first.exited;
      // SIGKILL gives the bot no chance to stop its server: it is left running, alone.
      expect(alive(orphan)).toBe(true);

      const polls = fake.calls('getUpdates').length;
      const restarted = launch(env);
      second = restarted;
      await withDiagnostics([restarted], async () => {
        await answers(fake, 6161, polls);
        expect(alive(orphan)).toBe(false);
        expect(postmasterPid(dataDir)).not.toBe(orphan);
        // The first run's user is still known: the data survived the kill.
        const stranger = fake.user({ id: 5151, first_name: 'Nobody', language_code: 'en' });
        await stranger.send('again');
        await fake.waitUntil(() => (fake.messages(5151).filter((m) => m.sender === 'bot').length >= 2 ? true : undefined), 'a second answer');
        restarted.child.kill('SIGTERM');
        expect(await restarted.exited).toBe(0);
      });
    });
  } finally {
    second?.child.kill('SIGKILL');
    await fake.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

/** `npm start` in a process group of its own, as a terminal runs it. */
function npmStart(env: Record<string, string>): Running {
  const npm = process.env.npm_execpath;
  const [program = 'npm', ...args] = npm ? [process.execPath, npm] : ['npm'];
  return watch(spawn(program, [...args, 'start', '--silent'], { cwd: root, env: baseEnv(env), stdio: ['ignore', 'pipe', 'pipe'], detached: true }));
}

test.each([
  ['SIGTERM to the npm process (docker stop, a process manager)', (run: Running) => run.child.kill('SIGTERM')],
  // The terminal signals the whole foreground group: npm and the bot both get SIGINT, and npm forwards its own too.
  ['Ctrl+C in a terminal (SIGINT to the process group)', (run: Running) => process.kill(-(run.child.pid ?? 0), 'SIGINT')],
])('`npm start` stops gracefully on %s: npm waits for the bot and nothing is left polling', async (_how, signal) => {
  const fake = await FakeTelegram.start();
  const { dir, dataDir } = dataDirectory();
  const run = npmStart({ BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.url, DATA_DIR: dataDir });
  try {
    await withDiagnostics([run], async () => {
      await answers(fake, 7171);
      const server = postmasterPid(dataDir) ?? 0;
      signal(run);
      expect(await run.exited).toBe(0);
      expect(run.output()).toContain('"msg":"stopped"');
      await untilDead(server);
      expect(alive(server)).toBe(false);
      const polls = fake.calls('getUpdates').length;
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(fake.calls('getUpdates').length).toBe(polls);
    });
  } finally {
    await fake.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('refuses a DATA_DIR made by the former PGlite engine, says what to do and changes nothing', async () => {
  const { dir, dataDir } = dataDirectory();
  mkdirSync(join(dataDir, 'base'), { recursive: true });
  writeFileSync(join(dataDir, 'PG_VERSION'), '17\n');
  try {
    const run = launch({ BOT_TOKEN: '123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ', DATA_DIR: dataDir, DEFAULT_LANGUAGE: 'en' });
    expect(await run.exited).toBe(1);
    expect(run.output()).toContain('PGlite');
    expect(run.output()).toContain(`mv ${dataDir} ${dataDir}-pglite`);
    expect(run.output()).toContain(`npm run data:from-pglite -- ${dataDir}`);
    expect(existsSync(join(dataDir, 'postgres'))).toBe(false);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
