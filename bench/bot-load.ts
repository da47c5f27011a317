import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { createTranslator } from '../src/i18n';
import { FakeTelegram, type CallStats, type ChatMessage, type FakeUser, type TgUpdate } from '../src/fake-telegram';
import { createClient, createCompany, createContract, createEngineer, createTicket, seededDepartment } from '../test/support/mothers';
import { cpuSecondsBetween, cpuSecondsByName, freePort, processCpuSeconds, startBotProcess, type BotProcess } from './bot-process';
import type { FreshDatabase } from './fresh-database';
import { closedLoop, openLoop, percentile, staggerChats, type Chat, type LoadRun, type Step, type Webhook } from './load-driver';
import type { BenchFigure, BenchSection } from './report';

const TELEGRAM_ID_BASE = 9_600_000_000;
const ROOT = join(__dirname, '..');
/**
 * The production entry point as `npm start` runs it: the launcher, which runs the compiled
 * program (built by `npm run build`, which `npm run bench` runs first) in its own process.
 */
export const DESK_SCRIPT = 'scripts/start.js';

/**
 * The node options production runs the bot with: those of `npm start`
 * ("exec node <options> scripts/start.js" in package.json), so the bench measures that command line.
 */
export function productionNodeOptions(): string[] {
  const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts?: Record<string, string> }).scripts ?? {};
  const words = (scripts.start ?? '').trim().split(/\s+/);
  if (words[0] !== 'exec' || words[1] !== 'node' || words.at(-1) !== DESK_SCRIPT) {
    throw new Error(`bench: package.json start should read "exec node [options] ${DESK_SCRIPT}", not ${JSON.stringify(scripts.start)}`);
  }
  return words.slice(2, -1);
}
/** BENCH_CPU_PROF=<dir>: the desk bot writes a V8 CPU profile there when it stops (open it in Chrome DevTools). */
function cpuProfileOptions(): string[] {
  const dir = process.env.BENCH_CPU_PROF;
  return [...(dir ? ['--cpu-prof', `--cpu-prof-dir=${dir}`] : []), ...(process.env.BENCH_NODE_REQUIRE ? ['--require', process.env.BENCH_NODE_REQUIRE] : [])];
}
export const ECHO_SCRIPT = 'dist/bench/echo-bot.js';
export const WEBHOOK_PATH = '/telegram';
const TARGET_RATE = 500;
const TARGET_P99_MS = 50;
const TARGET_RSS_MB = 200;

export interface BotLoadOptions {
  /** Registered clients (regulation accepted), each a private chat. */
  readonly users: number;
  /** Scripted sessions (13 updates each) per user in each run: the closed loop and the open loop send users × rounds × 13 updates each. */
  readonly rounds: number;
  /**
   * Chats in flight at once in the closed loop (one chat's updates stay in order): 40 is what
   * Telegram itself keeps in flight to a webhook by default (setWebhook max_connections).
   */
  readonly concurrency: number;
  /** Offered rate of the open loop, updates/s (default 500, the target throughput). */
  readonly rate?: number;
  /** DATABASE_POOL_SIZE of the bot process (default 10, the variable's default). */
  readonly poolSize?: number;
}

/** CPU seconds (user + system) each party used during a loop. */
export interface CpuUse {
  readonly bot: number;
  /** Every process named postgres: the server the bot uses and its backends (the machine runs no other PostgreSQL load). */
  readonly postgres: number;
  /** The bench process: the fake Bot API and the load driver. */
  readonly bench: number;
}

/** What one bot process did under both loads. */
export interface BotRun {
  readonly closed: LoadRun;
  /** CPU used during the closed loop. */
  readonly closedCpu: CpuUse;
  /** The unmeasured updates that spread the chats over the script before the open loop. */
  readonly stagger: LoadRun;
  readonly open: LoadRun;
  /** Bytes: VmHWM of the bot process (and VmRSS sampled every 20 ms) over its whole life. */
  readonly peakRss: number;
  /** Bytes: VmRSS once ready, before the first update. */
  readonly readyRss: number;
  /** Bytes: the peak when the closed loop ended (before the open loop). */
  readonly closedPeakRss: number;
  readonly errorLines: number;
  readonly firstErrors: readonly string[];
}

function lastBotMessage(fake: FakeTelegram, user: FakeUser): ChatMessage {
  const last = fake
    .messages(user.id)
    .filter((record) => record.sender === 'bot' && !record.deleted)
    .at(-1);
  if (!last) throw new Error(`bench: no bot message in chat ${user.id}`);
  return last;
}

/** The step indexes whose 2xx answers must each leave a comment and a ticket behind. */
const COMMENT_STEP = 2;
const CREATE_STEP = 12;

/** The realistic mix: /my, a ticket card, a comment on it, /hours, and the whole /new wizard. */
export function deskSteps(fake: FakeTelegram, t: (key: string) => string): Step[] {
  const text = async (u: FakeUser, body: string): Promise<TgUpdate> => (await u.send(body)).update;
  const press = async (u: FakeUser, label: string): Promise<TgUpdate> => (await u.press(label)).update;
  return [
    async (u) => (await u.command('my')).update,
    async (u, n) => (await u.pressData(`tk:open:${n}`, lastBotMessage(fake, u))).update,
    async (u) => (await u.replyTo(lastBotMessage(fake, u), 'The report is still empty after the update, please check.')).update,
    async (u) => (await u.command('hours')).update,
    async (u) => (await u.command('new')).update,
    (u) => press(u, 'Сопровождение'),
    (u) => press(u, 'Телефонная консультация'),
    (u) => press(u, t('ticket.type.question')),
    (u) => press(u, t('ticket.priority.normal')),
    (u) => text(u, 'Не открывается отчёт'),
    (u) => text(u, 'Ежемесячный отчёт по приёмам показывает пустую страницу с утра.'),
    (u) => press(u, t('client.new.done_files')),
    (u) => press(u, t('client.new.create')),
  ];
}

async function count(database: FreshDatabase, sql: string): Promise<number> {
  const [row] = (await database.dataSource.query(sql)) as { n: string }[];
  return Number(row?.n ?? 0);
}

/** Clients with a company, a contract, one open and one accepted ticket each (the card the script opens). */
export async function seedChats(database: FreshDatabase, fake: FakeTelegram, users: number): Promise<Chat[]> {
  const m = database.dataSource.manager;
  const company = await createCompany(m, { name: 'Load Co' });
  await createContract(m, company.id, { monthlyHours: 40 });
  const department = await seededDepartment(m, 'support');
  const engineer = await createEngineer(m, department.id, { telegramId: TELEGRAM_ID_BASE, displayName: 'Load Engineer' });
  fake.user({ id: TELEGRAM_ID_BASE, first_name: 'Engineer' });
  const chats: Chat[] = [];
  for (let i = 1; i <= users; i++) {
    const user = fake.user({ id: TELEGRAM_ID_BASE + i, first_name: `Client ${i}`, language_code: 'ru' });
    const row = await createClient(m, company.id, { telegramId: user.id, language: 'ru', displayName: `Client ${i}` });
    const who = { companyId: company.id, authorId: row.id, departmentId: department.id };
    const ticket = await createTicket(m, who, { createdAt: new Date(Date.now() - 86_400_000) });
    await createTicket(m, who, {
      state: 'accepted',
      ownerId: engineer.id,
      plannedHours: 2,
      plannedDate: '2026-12-01',
      subject: 'Accepted earlier',
      createdAt: new Date(Date.now() - 2 * 86_400_000),
    });
    chats.push({ user, ticketNumber: ticket.number, made: 0 });
  }
  // Planner statistics for the seeded rows, as autovacuum keeps them in a database that has been
  // running (the CI machine's PostgreSQL runs with autovacuum off; a fresh table has none).
  await database.dataSource.query('ANALYZE');
  return chats;
}

/** The desk bot's environment: production webhook mode, nothing inherited from the bench's own. */
function deskEnv(database: FreshDatabase, fake: FakeTelegram, webhook: { port: number; secret: string }, poolSize: number): Record<string, string> {
  return {
    NODE_ENV: 'production',
    DATABASE_URL: database.url,
    MIGRATE_ON_START: 'false',
    DATABASE_POOL_SIZE: String(poolSize),
    BOT_TOKEN: fake.token,
    TELEGRAM_API_ROOT: fake.url,
    BOT_MODE: 'webhook',
    WEBHOOK_URL: `http://127.0.0.1:${webhook.port}${WEBHOOK_PATH}`,
    WEBHOOK_PATH,
    WEBHOOK_SECRET: webhook.secret,
    PORT: String(webhook.port),
    LOG_LEVEL: 'warn',
    // 1000 is the largest FLOOD_LIMIT_PER_MINUTE allowed; each user sends 26 updates in seconds.
    FLOOD_LIMIT_PER_MINUTE: '1000',
    // The bench measures what handling an update costs the bot, not Telegram's global send limit
    // (about 30 messages/s for any bot, which the dispatcher suite measures): the shared send
    // budget is opened to its largest setting so that it does not cap every reply at 30/s.
    SEND_RATE_PER_SECOND: '1000',
    // Each bench user sends its 26 updates in seconds, faster than Telegram lets a bot answer one
    // chat (about once a second): the per-chat pacing is lifted too, as for a local Bot API server.
    SEND_PRIVATE_INTERVAL_MS: '0',
  };
}

/**
 * Starts the desk bot; once it answers /readyz and has called setWebhook on the fake, the fake's
 * webhook is removed again: the bench is then the only one delivering updates (the fake's own
 * sender would otherwise post each update a second time, one at a time).
 */
async function startDesk(database: FreshDatabase, fake: FakeTelegram, poolSize: number): Promise<{ bot: BotProcess; webhook: Webhook }> {
  const port = await freePort();
  const secret = randomBytes(24).toString('base64url');
  const bot = startBotProcess('the desk bot', {
    script: DESK_SCRIPT,
    nodeOptions: [...(process.env.BENCH_NODE_OPTIONS?.split(' ') ?? productionNodeOptions()), ...cpuProfileOptions()],
    cwd: ROOT,
    env: deskEnv(database, fake, { port, secret }, poolSize),
    port,
  });
  try {
    await bot.waitReady('/readyz');
    await fake.waitUntil(() => fake.webhookConfig(), 'the desk bot to call setWebhook', { timeoutMs: 30_000 });
    fake.useLongPolling();
  } catch (error) {
    await bot.stop();
    throw error;
  }
  return { bot, webhook: { url: `${bot.baseUrl}${WEBHOOK_PATH}`, secret, executeReply: (body) => fake.executeWebhookReply(body) } };
}

export async function startEcho(fake: FakeTelegram): Promise<{ bot: BotProcess; webhook: Webhook }> {
  const port = await freePort();
  const secret = randomBytes(24).toString('base64url');
  const env = { BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.url, WEBHOOK_PATH, WEBHOOK_SECRET: secret, PORT: String(port) };
  const bot = startBotProcess('the echo bot', { script: ECHO_SCRIPT, cwd: ROOT, env, port });
  try {
    await bot.waitReady('/readyz');
  } catch (error) {
    await bot.stop();
    throw error;
  }
  return { bot, webhook: { url: `${bot.baseUrl}${WEBHOOK_PATH}`, secret, executeReply: (body) => fake.executeWebhookReply(body) } };
}

/** The closed loop, then the open loop, against one running bot process; stops it in every case. */
export async function measure(started: { bot: BotProcess; webhook: Webhook }, chats: readonly Chat[], steps: readonly Step[], options: BotLoadOptions): Promise<BotRun> {
  const { bot, webhook } = started;
  try {
    const readyRss = bot.rss();
    const before = { bot: processCpuSeconds(bot.pid), bench: process.cpuUsage(), postgres: cpuSecondsByName('postgres') };
    const closed = await closedLoop(webhook, chats, steps, options.rounds, options.concurrency);
    const benchUsage = process.cpuUsage(before.bench);
    const closedCpu: CpuUse = {
      bot: processCpuSeconds(bot.pid) - before.bot,
      postgres: cpuSecondsBetween(before.postgres, cpuSecondsByName('postgres')),
      bench: (benchUsage.user + benchUsage.system) / 1e6,
    };
    const closedPeakRss = bot.peakRss();
    const stagger = await staggerChats(webhook, chats, steps, options.concurrency);
    const open = await openLoop(webhook, chats, steps, chats.length * options.rounds * steps.length, options.rate ?? TARGET_RATE);
    const crash = bot.crashed();
    if (crash) throw crash;
    return { closed, closedCpu, stagger, open, peakRss: bot.peakRss(), readyRss, closedPeakRss, errorLines: bot.errorLines(), firstErrors: bot.firstErrors() };
  } finally {
    await bot.stop();
  }
}

const mb = (bytes: number): number => bytes / 2 ** 20;
export const rateOf = (run: LoadRun): number => run.latencies.length / run.seconds;
export const failuresOf = (run: BotRun): number => run.errorLines + run.closed.failures + run.stagger.failures + run.open.failures;

export function failureNote(run: BotRun): string {
  const first = [run.closed.firstFailure, run.stagger.firstFailure, run.open.firstFailure, ...run.firstErrors].filter((s): s is string => s !== undefined);
  const why = first.length > 0 ? `; first: ${first.slice(0, 3).join(' | ').slice(0, 600)}` : '';
  return `${run.errorLines} error-level log lines of the bot process ("level":50 or 60) + ${run.closed.failures + run.stagger.failures + run.open.failures} updates answered non-2xx, not answered or not made by the simulator${why}`;
}

/** What the desk bot left in the database against what the driver expects, and the fake's own deliveries. */
interface Checks {
  /** Create presses and replies to the card the bot answered 2xx, over both loads. */
  readonly expectedTickets: number;
  readonly expectedComments: number;
  readonly tickets: number;
  readonly comments: number;
  readonly fakeDeliveries: number;
}

/** Bot API calls per method between two snapshots of the fake's call log, and how many came in webhook responses. */
function callsDuring(before: CallStats, after: CallStats): { byMethod: Map<string, number>; inResponses: number } {
  const byMethod = new Map<string, number>();
  for (const [method, n] of Object.entries(after.byMethod)) {
    const made = n - (before.byMethod[method] ?? 0);
    if (made > 0) byMethod.set(method, made);
  }
  return { byMethod, inResponses: after.viaWebhookReply - before.viaWebhookReply };
}

function callsFigure(run: BotRun, calls: ReturnType<typeof callsDuring>): BenchFigure {
  const updates = run.closed.latencies.length + run.stagger.latencies.length + run.open.latencies.length;
  const total = [...calls.byMethod.values()].reduce((sum, n) => sum + n, 0);
  const perUpdate = (n: number): string => (n / updates).toFixed(2);
  const byMethod = [...calls.byMethod].sort((a, b) => b[1] - a[1]).map(([method, n]) => `${method} ${perUpdate(n)}`);
  return {
    name: 'desk bot: Bot API requests per update',
    value: (total - calls.inResponses) / updates,
    unit: '',
    note:
      `${total} calls the fake answered for ${updates} updates (all three loops): ${byMethod.join(', ')}; ` +
      `${calls.inResponses} of them (${perUpdate(calls.inResponses)} per update) came in webhook responses, without a request of their own`,
  };
}

/** CPU milliseconds per update of the closed loop, all parties together, with each party's share in the note. */
function cpuFigure(bot: string, run: BotRun): BenchFigure {
  const updates = run.closed.latencies.length;
  const perUpdate = (seconds: number): string => `${((seconds * 1000) / updates).toFixed(2)} ms`;
  const { bot: own, postgres, bench } = run.closedCpu;
  const cores = availableParallelism();
  return {
    name: `${bot}: CPU per update in the closed loop`,
    value: ((own + postgres + bench) * 1000) / updates,
    unit: 'ms',
    note: `the bot process ${perUpdate(own)}, PostgreSQL ${perUpdate(postgres)}, the bench process (fake Bot API + driver) ${perUpdate(bench)}; user + system time from /proc over the closed loop, ${cores} cores shared by all three (at most ${Math.round((cores * updates) / (own + postgres + bench))} updates/s if they were never idle)`,
  };
}

/** Every figure of the section, each with the note saying how it was measured. */
function figures(desk: BotRun, echo: BotRun, options: BotLoadOptions, checks: Checks): BenchFigure[] {
  const rate = options.rate ?? TARGET_RATE;
  const pool = options.poolSize ?? 10;
  const closedHow = `closed loop: ${options.concurrency} chats in flight (Telegram's default max_connections for a webhook is 40), each posting its next update only once the previous POST was answered; updates/s over the whole run`;
  const openHow = `open loop at ${rate} updates/s offered: the chats first spread over the script (chat i plays i mod 13 unmeasured updates, so every step is in the mix at any moment), then update k is due at t0 + k/${rate} s and goes to the chat idle longest (waiting if none is); latency from the due time to the end of the POST response, so queueing is not hidden`;
  const deskProcess = `the compiled production entry point as npm start runs it (node ${[...productionNodeOptions(), DESK_SCRIPT].join(' ')}, which runs dist/src/main.js in the same process) as its own process, BOT_MODE=webhook, DATABASE_POOL_SIZE=${pool}, LOG_LEVEL=warn, real PostgreSQL; the bench POSTs each update to its webhook with the secret header over keep-alive connections; the fake Bot API and the simulator run in the bench process (node options: ${process.execArgv.filter((arg) => arg.startsWith('--')).join(' ') || 'none'})`;
  const deskClosedP99 = percentile(desk.closed.latencies, 99);
  const deskP99 = percentile(desk.open.latencies, 99);
  const echoP99 = percentile(echo.open.latencies, 99);
  const deskRate = rateOf(desk.closed);
  const echoRate = rateOf(echo.closed);
  const deskRss = mb(desk.peakRss);
  const deskFailed = failuresOf(desk);
  const echoFailed = failuresOf(echo);
  return [
    {
      name: 'desk bot: throughput',
      value: deskRate,
      unit: 'updates/s',
      target: `≥ ${TARGET_RATE}`,
      ok: deskRate >= TARGET_RATE,
      note: `${desk.closed.latencies.length} updates in ${desk.closed.seconds.toFixed(2)} s; ${closedHow}; ${options.users} clients × ${options.rounds} round${options.rounds === 1 ? '' : 's'} of /my, a ticket card (tk:open), a comment (reply to the card), /hours and the /new wizard (/new, 4 button presses, subject, description, no files, create); ${deskProcess}`,
    },
    cpuFigure('desk bot', desk),
    { name: 'desk bot: closed-loop latency p50', value: percentile(desk.closed.latencies, 50), unit: 'ms', note: `POST to response end with ${options.concurrency} in flight (includes waiting inside the bot)` },
    { name: 'desk bot: closed-loop latency p99', value: deskClosedP99, unit: 'ms' },
    {
      name: `desk bot: latency p50 at ${rate}/s offered`,
      value: percentile(desk.open.latencies, 50),
      unit: 'ms',
      note: `${desk.open.latencies.length} updates, the same mix in ${options.users} chats; ${openHow}; right after the closed loop, same process`,
    },
    { name: `desk bot: latency p99 at ${rate}/s offered`, value: deskP99, unit: 'ms', target: `≤ ${TARGET_P99_MS}`, ok: deskP99 <= TARGET_P99_MS },
    { name: `desk bot: latency max at ${rate}/s offered`, value: desk.open.latencies.at(-1) ?? Number.NaN, unit: 'ms' },
    { name: 'desk bot: achieved rate of the open loop', value: rateOf(desk.open), unit: 'updates/s', note: 'updates answered / (t0 to the last answer)' },
    {
      name: 'desk bot: peak RSS',
      value: deskRss,
      unit: 'MB',
      target: `≤ ${TARGET_RSS_MB}`,
      ok: deskRss <= TARGET_RSS_MB,
      note: `the bot process only: VmHWM of /proc/<pid>/status of the node process (and VmRSS sampled every 20 ms) over its whole life, both loads included; RSS once ready: ${mb(desk.readyRss).toFixed(1)} MB, peak by the end of the closed loop: ${mb(desk.closedPeakRss).toFixed(1)} MB`,
    },
    {
      name: 'echo bot: throughput',
      value: echoRate,
      unit: 'updates/s',
      note: `bare Telegraf (bench/echo-bot.ts compiled to ${ECHO_SCRIPT}, its own process, telegraf's webhookCallback on node:http with the secret header, webhookReply off so ctx.reply(text) is an HTTP call like the desk bot's), same fake server, same chats, update counts, ${options.concurrency} in flight and ${rate}/s offered; text messages only`,
    },
    cpuFigure('echo bot', echo),
    { name: `echo bot: latency p50 at ${rate}/s offered`, value: percentile(echo.open.latencies, 50), unit: 'ms' },
    { name: `echo bot: latency p99 at ${rate}/s offered`, value: echoP99, unit: 'ms' },
    { name: `echo bot: latency max at ${rate}/s offered`, value: echo.open.latencies.at(-1) ?? Number.NaN, unit: 'ms' },
    { name: 'echo bot: achieved rate of the open loop', value: rateOf(echo.open), unit: 'updates/s' },
    { name: 'echo bot: peak RSS', value: mb(echo.peakRss), unit: 'MB', note: `VmHWM of the echo bot process, as for the desk bot; RSS once ready: ${mb(echo.readyRss).toFixed(1)} MB` },
    { name: 'throughput ratio desk / echo', value: deskRate / echoRate, unit: '×' },
    { name: `p99 latency ratio desk / echo (at ${rate}/s offered)`, value: deskP99 / echoP99, unit: '×' },
    {
      name: 'tickets created by the wizard',
      value: checks.tickets,
      unit: '',
      target: `${checks.expectedTickets}`,
      ok: checks.tickets === checks.expectedTickets,
      note: `expected: the create presses the bot answered 2xx, over both loads and the spreading (${2 * options.users * options.rounds} when every chat plays whole scripts; in the open loop a chat still busy at its turn is skipped)`,
    },
    {
      name: 'comments added',
      value: checks.comments,
      unit: '',
      target: `${checks.expectedComments}`,
      ok: checks.comments === checks.expectedComments,
      note: 'expected: the replies to the ticket card the bot answered 2xx, over both loads',
    },
    { name: 'desk bot: failed updates', value: deskFailed, unit: '', target: '0', ok: deskFailed === 0, note: failureNote(desk) },
    { name: 'echo bot: failed updates', value: echoFailed, unit: '', target: '0', ok: echoFailed === 0, note: failureNote(echo) },
    {
      name: "updates the fake's own webhook sender delivered",
      value: checks.fakeDeliveries,
      unit: '',
      target: '0',
      ok: checks.fakeDeliveries === 0,
      note: 'the fake forgets the webhook the desk bot sets at start, so every update reaches the bot exactly once, from the bench',
    },
  ];
}

/**
 * The desk bot as it runs in production — its own process from the compiled entry point, webhook
 * mode, real PostgreSQL — under a closed loop (throughput) and an open loop at the target rate
 * (latency), then a bare Telegraf echo bot treated the same way for the ratio. The fake Bot API
 * and the simulator stay in the bench process, so they neither count in the bot's RSS nor share
 * its event loop (they still share the machine's cores).
 */
export async function benchBotLoad(database: FreshDatabase, options: BotLoadOptions): Promise<BenchSection> {
  const fake = await FakeTelegram.start();
  try {
    const chats = await seedChats(database, fake, options.users);
    const translate = await createTranslator('ru');
    const steps = deskSteps(fake, (key) => translate('ru', key));

    const started = await startDesk(database, fake, options.poolSize ?? 10);
    const callsBefore = fake.stats();
    const desk = await measure(started, chats, steps, options);
    const calls = callsDuring(callsBefore, fake.stats());
    const handled = (step: number): number =>
      (desk.closed.handledPerStep[step] ?? 0) + (desk.stagger.handledPerStep[step] ?? 0) + (desk.open.handledPerStep[step] ?? 0);
    const checks: Checks = {
      expectedTickets: handled(CREATE_STEP),
      expectedComments: handled(COMMENT_STEP),
      tickets: await count(database, `SELECT count(*) AS n FROM tickets WHERE subject = 'Не открывается отчёт'`),
      comments: await count(database, `SELECT count(*) AS n FROM comments`),
      fakeDeliveries: fake.webhookDeliveries().length,
    };

    // The echo bot gets the same number of updates in the same chats: plain text messages.
    const echoSteps: Step[] = steps.map(() => async (u: FakeUser) => (await u.send('ping')).update);
    for (const chat of chats) chat.made = 0;
    const echo = await measure(await startEcho(fake), chats, echoSteps, options);

    const total = desk.closed.latencies.length + desk.open.latencies.length;
    return {
      title: `Bot under load (the production build as its own process, webhook mode, real PostgreSQL; ${total} updates POSTed to its webhook)`,
      figures: [...figures(desk, echo, options, checks), callsFigure(desk, calls)],
    };
  } finally {
    await fake.stop();
  }
}
