import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeTelegram } from '../../../src/fake-telegram';

const root = join(__dirname, '..', '..', '..');

function run(env: Record<string, string>): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/main.ts'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

test('a bad configuration prints each problem and exits with 1', async () => {
  const { exited, output } = run({ BOT_TOKEN: 'nope', TIME_ZONE: 'Mars/Olympus' });
  expect(await exited).toBe(1);
  expect(output()).toContain('BOT_TOKEN');
  expect(output()).toContain('TIME_ZONE');
});

test('main starts polling on an embedded database, answers, sets the menus and stops on SIGTERM', async () => {
  const fake = await FakeTelegram.start();
  const dataDir = mkdtempSync(join(tmpdir(), 'desk-main-'));
  const { child, exited, output } = run({
    BOT_TOKEN: fake.token,
    TELEGRAM_API_ROOT: fake.url,
    DATA_DIR: dataDir,
    OUTBOX_POLL_MS: '200',
  });
  try {
    await fake.waitUntil(() => (fake.calls('getUpdates').length > 0 ? true : undefined), 'polling', { timeoutMs: 60_000 });
    expect(fake.commands(undefined, 'en').map((c) => c.command)).toEqual(['start', 'language', 'help']);
    const user = fake.user({ id: 4242, first_name: 'Nobody', language_code: 'en' });
    await user.send('hi');
    const reply = await fake.waitForMessage(user.id, '4242', { timeoutMs: 20_000 });
    expect(reply.text).toContain('invitation');
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${String(error)}\n--- process output ---\n${output()}`);
  } finally {
    await fake.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}, 120_000);
