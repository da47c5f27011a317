import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTranslator } from '../src/i18n';
import { FakeTelegram, type FakeUser } from '../src/fake-telegram';
import { connectDatabase } from '../src/persistence/data-source';
import {
  DESK_SCRIPT,
  ECHO_SCRIPT,
  WEBHOOK_PATH,
  deskSteps,
  failuresOf,
  measure,
  productionNodeOptions,
  rateOf,
  seedChats,
  type BotLoadOptions,
} from './bot-load';
import { freePort, startBotProcess, type BotProcess } from './bot-process';
import { percentile, type Step, type Webhook } from './load-driver';
import type { BenchFigure, BenchSection } from './report';

const ROOT = join(__dirname, '..');
const TARGET_READY_S = 3;
const TARGET_PSS_MB = 200;
const IDLE_WAIT_MS = 5_000;
const mb = (bytes: number): number => bytes / 2 ** 20;

/** Pss of /proc/<pid>/smaps_rollup in bytes (shared pages split between the processes sharing them); 0 when gone. */
function pss(pid: number): number {
  try {
    const match = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
    return match?.[1] ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** The postmaster of DATA_DIR and every process it started (backends, checkpointer, walwriter…). */
function serverProcesses(dataDir: string): number[] {
  let postmaster: number;
  try {
    postmaster = Number(readFileSync(join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);
  } catch {
    return [];
  }
  const children = readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((name) => {
      try {
        const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === postmaster;
      } catch {
        return false;
      }
    })
    .map(Number);
  return [postmaster, ...children];
}

interface Footprint {
  readonly bot: number;
  readonly server: number;
  readonly serverProcesses: number;
}

function footprint(botPid: number, dataDir: string | null): Footprint {
  const server = dataDir ? serverProcesses(dataDir) : [];
  return { bot: pss(botPid), server: server.reduce((sum, pid) => sum + pss(pid), 0), serverProcesses: server.length };
}

/** Samples the footprint every 100 ms; stop() returns the sample with the largest total. */
function peakSampler(botPid: number, dataDir: string | null): { stop(): Footprint } {
  let peak: Footprint = { bot: 0, server: 0, serverProcesses: 0 };
  const sample = (): void => {
    const now = footprint(botPid, dataDir);
    if (now.bot + now.server > peak.bot + peak.server) peak = now;
  };
  const timer = setInterval(sample, 100);
  return {
    stop() {
      clearInterval(timer);
      sample();
      return peak;
    },
  };
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

interface Started {
  readonly bot: BotProcess;
  readonly webhook: Webhook;
  /** Seconds from spawn to /readyz answering 200. */
  readonly readySeconds: number;
}

/** `npm start`'s command line (without npm) on the embedded PostgreSQL in `dataDir`, webhook mode. */
async function startDeskOnEmbedded(fake: FakeTelegram, dataDir: string): Promise<Started> {
  const port = await freePort();
  const secret = randomBytes(24).toString('base64url');
  const env = {
    NODE_ENV: 'production',
    DATA_DIR: dataDir,
    BOT_TOKEN: fake.token,
    TELEGRAM_API_ROOT: fake.url,
    BOT_MODE: 'webhook',
    WEBHOOK_URL: `http://127.0.0.1:${port}${WEBHOOK_PATH}`,
    WEBHOOK_PATH,
    WEBHOOK_SECRET: secret,
    PORT: String(port),
    LOG_LEVEL: 'warn',
    FLOOD_LIMIT_PER_MINUTE: '1000',
    // The bench measures what handling an update costs the bot, not Telegram's global send limit
    // (about 30 messages/s for any bot, which the dispatcher suite measures): the shared send
    // budget is opened to its largest setting so that it does not cap every reply at 30/s.
    SEND_RATE_PER_SECOND: '1000',
    // Each bench user sends its 26 updates in seconds, faster than Telegram lets a bot answer one
    // chat (about once a second): the per-chat pacing is lifted too, as for a local Bot API server.
    SEND_PRIVATE_INTERVAL_MS: '0',
    PATH: process.env.PATH ?? '',
  };
  const started = Date.now();
  const bot = startBotProcess('the desk bot (embedded)', { script: DESK_SCRIPT, nodeOptions: productionNodeOptions(), cwd: ROOT, env, port });
  try {
    await bot.waitReady('/readyz', 120_000, 10);
    const readySeconds = (Date.now() - started) / 1000;
    await fake.waitUntil(() => fake.webhookConfig(), 'the desk bot to call setWebhook', { timeoutMs: 30_000 });
    fake.useLongPolling();
    return { bot, webhook: { url: `${bot.baseUrl}${WEBHOOK_PATH}`, secret, executeReply: (body) => fake.executeWebhookReply(body) }, readySeconds };
  } catch (error) {
    await bot.stop();
    throw error;
  }
}

async function startEchoTimed(fake: FakeTelegram): Promise<Started> {
  const port = await freePort();
  const secret = randomBytes(24).toString('base64url');
  const env = { BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.url, WEBHOOK_PATH, WEBHOOK_SECRET: secret, PORT: String(port) };
  const started = Date.now();
  const bot = startBotProcess('the echo bot', { script: ECHO_SCRIPT, cwd: ROOT, env, port });
  try {
    await bot.waitReady('/readyz', 60_000, 10);
    return { bot, webhook: { url: `${bot.baseUrl}${WEBHOOK_PATH}`, secret, executeReply: (body) => fake.executeWebhookReply(body) }, readySeconds: (Date.now() - started) / 1000 };
  } catch (error) {
    await bot.stop();
    throw error;
  }
}

export interface EmbeddedBenchOptions extends BotLoadOptions {
  /** Warm starts measured after the first (cold) one; the last one stays up for the load. */
  readonly warmStarts: number;
}

/**
 * `npm start` on the embedded default, as a newcomer runs it: the time to ready (cold: the
 * cluster is created; warm: it exists), the memory of the bot and its PostgreSQL together (PSS,
 * so pages shared between the server's processes count once) idle after start and at the peak
 * of the same load the bot suite runs, and a bare Telegraf echo bot measured alike beside it.
 */
export async function benchEmbedded(options: EmbeddedBenchOptions): Promise<BenchSection> {
  const fake = await FakeTelegram.start();
  const dir = mkdtempSync(join(tmpdir(), 'desk-bench-embedded-'));
  // As root the server runs as the postgres OS user, which must enter it.
  chmodSync(dir, 0o755);
  const dataDir = join(dir, 'data');
  try {
    const cold = await startDeskOnEmbedded(fake, dataDir);
    await cold.bot.stop();
    const warm: number[] = [];
    let running: Started | undefined;
    for (let i = 0; i < options.warmStarts; i++) {
      running = await startDeskOnEmbedded(fake, dataDir);
      warm.push(running.readySeconds);
      if (i < options.warmStarts - 1) await running.bot.stop();
    }
    if (!running) throw new Error('bench: warmStarts must be at least 1');
    await sleep(IDLE_WAIT_MS);
    const idle = footprint(running.bot.pid, dataDir);

    // The load of the bot suite, seeded through the bot's own server (the bench joins it).
    const dataSource = await connectDatabase({ kind: 'embedded', dataDir }, { migrate: false });
    const chats = await seedChats({ dataSource, url: '', drop: () => Promise.resolve() }, fake, options.users);
    const [version] = await dataSource.query<{ v: string }[]>(`SELECT current_setting('server_version') AS v`);
    await dataSource.destroy();
    const translate = await createTranslator('ru');
    const steps = deskSteps(fake, (key) => translate('ru', key));
    const deskSampler = peakSampler(running.bot.pid, dataDir);
    const desk = await measure(running, chats, steps, options).catch((error: unknown) => {
      deskSampler.stop();
      throw error;
    });
    const deskPeak = deskSampler.stop();

    const echoStarted = await startEchoTimed(fake);
    await sleep(IDLE_WAIT_MS);
    const echoIdle = footprint(echoStarted.bot.pid, null);
    const echoSteps: Step[] = steps.map(() => async (u: FakeUser) => (await u.send('ping')).update);
    for (const chat of chats) chat.made = 0;
    const echoSampler = peakSampler(echoStarted.bot.pid, null);
    const echo = await measure(echoStarted, chats, echoSteps, options).catch((error: unknown) => {
      echoSampler.stop();
      throw error;
    });
    const echoPeak = echoSampler.stop();

    const sorted = [...warm].sort((a, b) => a - b);
    const warmWorst = sorted.at(-1) ?? Number.NaN;
    const idleTotal = mb(idle.bot + idle.server);
    const peakTotal = mb(deskPeak.bot + deskPeak.server);
    const deskFailed = failuresOf(desk);
    const how = `node ${[...productionNodeOptions(), DESK_SCRIPT].join(' ')} (npm start without npm), DATABASE_URL unset, DATA_DIR in a new temporary directory, BOT_MODE=webhook, LOG_LEVEL=warn`;
    const figures: BenchFigure[] = [
      { name: 'desk bot: ready, cold start', value: cold.readySeconds, unit: 's', note: `spawn to the first 200 from /readyz (asked every 10 ms), the cluster created by initdb on this start; ${how}` },
      {
        name: `desk bot: ready, warm start (worst of ${warm.length})`,
        value: warmWorst,
        unit: 's',
        target: `≤ ${TARGET_READY_S}`,
        ok: warmWorst <= TARGET_READY_S,
        note: `the same with the cluster in place (each start stopped with SIGTERM before the next): ${warm.map((s) => s.toFixed(2)).join(', ')} s; median ${percentile(sorted, 50).toFixed(2)} s`,
      },
      {
        name: 'desk bot + embedded PostgreSQL: PSS idle',
        value: idleTotal,
        unit: 'MB',
        target: `≤ ${TARGET_PSS_MB}`,
        ok: idleTotal <= TARGET_PSS_MB,
        note: `${IDLE_WAIT_MS / 1000} s after ready: Pss of /proc/<pid>/smaps_rollup summed over the node process (${mb(idle.bot).toFixed(1)} MB) and the ${idle.serverProcesses} PostgreSQL processes (${mb(idle.server).toFixed(1)} MB)`,
      },
      {
        name: 'desk bot + embedded PostgreSQL: PSS peak under load',
        value: peakTotal,
        unit: 'MB',
        target: `≤ ${TARGET_PSS_MB}`,
        ok: peakTotal <= TARGET_PSS_MB,
        note: `largest sum sampled every 100 ms during both loads: node ${mb(deskPeak.bot).toFixed(1)} MB + ${deskPeak.serverProcesses} PostgreSQL processes ${mb(deskPeak.server).toFixed(1)} MB`,
      },
      { name: 'desk bot (embedded): throughput', value: rateOf(desk.closed), unit: 'updates/s', note: `the bot suite's closed loop (${options.concurrency} chats in flight, ${options.users} clients × ${options.rounds} round) on the embedded server` },
      { name: `desk bot (embedded): latency p99 at ${options.rate ?? 500}/s offered`, value: percentile(desk.open.latencies, 99), unit: 'ms', note: "the bot suite's open loop on the embedded server" },
      { name: 'desk bot (embedded): failed updates', value: deskFailed, unit: '', target: '0', ok: deskFailed === 0 },
      { name: 'echo bot: ready', value: echoStarted.readySeconds, unit: 's', note: 'bare Telegraf (dist/bench/echo-bot.js), spawn to the first 200 from /readyz, measured alike' },
      { name: 'echo bot: PSS idle', value: mb(echoIdle.bot), unit: 'MB', note: `${IDLE_WAIT_MS / 1000} s after ready` },
      { name: 'echo bot: PSS peak under load', value: mb(echoPeak.bot), unit: 'MB', note: `the same chats and update counts (text messages), ${mb(echo.peakRss).toFixed(1)} MB peak RSS` },
    ];
    return { title: `\`npm start\` on the embedded PostgreSQL ${version?.v ?? ''}: start-up and memory (bot and database together, beside a bare echo bot)`, figures };
  } finally {
    await fake.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
