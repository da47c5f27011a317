import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { Telegraf } from 'telegraf';
import { message } from 'telegraf/filters';
import type { Update } from 'telegraf/types';
import type { AppDeps } from '../src/application/deps';
import { createBot } from '../src/bot/create-bot';
import type { BotDeps } from '../src/bot/deps';
import { DEFAULT_TIME_POLICY, loadBusinessCalendar } from '../src/domain/calendar';
import { createTranslator, type Translate } from '../src/i18n';
import { FakeTelegram, type ChatMessage, type FakeUser, type TgUpdate } from '../test/support/fake-telegram';
import { createClient, createCompany, createContract, createEngineer, createTicket, seededDepartment } from '../test/support/mothers';
import type { FreshDatabase } from './fresh-database';
import type { BenchFigure, BenchSection } from './report';

const TELEGRAM_ID_BASE = 9_600_000_000;

export interface BotLoadOptions {
  /** Registered clients (regulation accepted), each a private chat. */
  readonly users: number;
  /** Scripted sessions per user (13 updates each). */
  readonly rounds: number;
  /** Chats handled at the same time (one chat's updates stay in order). */
  readonly concurrency: number;
}

interface Run {
  readonly latencies: number[];
  readonly seconds: number;
  readonly peakRss: number;
}

/** One user's next update, generated from what the fake chat shows now (like a real client). */
type Step = (user: FakeUser, ticketNumber: number) => Promise<TgUpdate>;

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

/** Samples process RSS every 20 ms; stop() returns the peak seen. */
function rssSampler(): { stop(): number } {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, process.memoryUsage().rss);
    },
  };
}

/**
 * Feeds every user's steps through `handle`, `rounds` times, with `concurrency` chats in flight;
 * a chat's next update is made only once the previous one was handled.
 */
async function drive(
  users: readonly { user: FakeUser; ticketNumber: number }[],
  steps: readonly Step[],
  options: BotLoadOptions,
  handle: (update: TgUpdate) => Promise<void>,
): Promise<Run> {
  const latencies: number[] = [];
  const sampler = rssSampler();
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < users.length) {
      const entry = users[next++];
      if (!entry) return;
      for (let round = 0; round < options.rounds; round++) {
        for (const step of steps) {
          const update = await step(entry.user, entry.ticketNumber);
          const started = performance.now();
          await handle(update);
          latencies.push(performance.now() - started);
        }
      }
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: options.concurrency }, () => worker()));
  const seconds = (performance.now() - started) / 1000;
  const peakRss = sampler.stop();
  latencies.sort((a, b) => a - b);
  return { latencies, seconds, peakRss };
}

function lastBotMessage(fake: FakeTelegram, user: FakeUser): ChatMessage {
  const last = fake
    .messages(user.id)
    .filter((record) => record.sender === 'bot' && !record.deleted)
    .at(-1);
  if (!last) throw new Error(`bench: no bot message in chat ${user.id}`);
  return last;
}

/** The realistic mix: /my, a ticket card, a comment on it, /hours, and the whole /new wizard. */
function deskSteps(fake: FakeTelegram, t: (key: string) => string): Step[] {
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

/** Counts error-level log lines (the bot logs every failed update) and discards the rest. */
function countingLogger(): { logger: pino.Logger; errors: () => number } {
  let errors = 0;
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      if (chunk.includes('"level":50') || chunk.includes('"level":60')) errors += 1;
      callback();
    },
  });
  return { logger: pino({ level: 'info' }, sink), errors: () => errors };
}

async function count(database: FreshDatabase, sql: string): Promise<number> {
  const [row] = (await database.dataSource.query(sql)) as { n: string }[];
  return Number(row?.n ?? 0);
}

/**
 * The desk bot on one instance against real PostgreSQL: updates go straight into
 * bot.handleUpdate (no polling), replies are real HTTP calls to the fake Bot API. Then a bare
 * Telegraf echo bot with the same number of updates, chats and concurrency over the same fake.
 */
export async function benchBotLoad(database: FreshDatabase, options: BotLoadOptions): Promise<BenchSection> {
  const rssAtStart = process.memoryUsage().rss;
  const fake = await FakeTelegram.start();
  try {
    const m = database.dataSource.manager;
    const company = await createCompany(m, { name: 'Load Co' });
    await createContract(m, company.id, { monthlyHours: 40 });
    const department = await seededDepartment(m, 'support');
    const engineer = await createEngineer(m, department.id, { telegramId: TELEGRAM_ID_BASE, displayName: 'Load Engineer' });
    fake.user({ id: TELEGRAM_ID_BASE, first_name: 'Engineer' });
    const users: { user: FakeUser; ticketNumber: number }[] = [];
    for (let i = 1; i <= options.users; i++) {
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
      users.push({ user, ticketNumber: ticket.number });
    }

    const calendar = loadBusinessCalendar(JSON.parse(readFileSync(join(__dirname, '..', 'calendar', 'ru.json'), 'utf8')));
    const translate: Translate = await createTranslator('ru');
    const app: AppDeps = {
      dataSource: database.dataSource,
      clock: { now: () => new Date() },
      calendar,
      policy: DEFAULT_TIME_POLICY,
      attachmentMaxBytes: 20 * 1024 * 1024,
    };
    const log = countingLogger();
    const deps: BotDeps = {
      app,
      translate,
      logger: log.logger,
      // 1000 is the largest FLOOD_LIMIT_PER_MINUTE allowed; every user stays far below it.
      settings: { defaultLanguage: 'ru', adminTelegramIds: [], floodLimitPerMinute: 1000, maxFileBytes: 20 * 1024 * 1024 },
    };
    const t = (key: string): string => translate('ru', key);
    const steps = deskSteps(fake, t);

    const desk = createBot(fake.token, deps, { telegram: { apiRoot: fake.url } });
    desk.botInfo = await desk.telegram.getMe();
    const deskRun = await drive(users, steps, options, (update) => desk.handleUpdate(update as Update));
    const created = await count(database, `SELECT count(*) AS n FROM tickets WHERE subject = 'Не открывается отчёт'`);
    const comments = await count(database, `SELECT count(*) AS n FROM comments`);

    // The echo bot gets the same number of updates in the same chats: plain text messages.
    const echo = new Telegraf(fake.token, { telegram: { apiRoot: fake.url } });
    echo.on(message('text'), (ctx) => ctx.reply(ctx.message.text));
    echo.botInfo = await echo.telegram.getMe();
    const echoSteps: Step[] = steps.map(() => async (u: FakeUser) => (await u.send('ping')).update);
    const echoRun = await drive(users, echoSteps, options, (update) => echo.handleUpdate(update as Update));

    const updates = deskRun.latencies.length;
    const expected = options.users * options.rounds;
    const deskRate = updates / deskRun.seconds;
    const echoRate = echoRun.latencies.length / echoRun.seconds;
    const deskP50 = percentile(deskRun.latencies, 50);
    const deskP99 = percentile(deskRun.latencies, 99);
    const echoP50 = percentile(echoRun.latencies, 50);
    const echoP99 = percentile(echoRun.latencies, 99);
    const mb = (bytes: number): number => bytes / 2 ** 20;
    const rss = mb(Math.max(deskRun.peakRss, echoRun.peakRss));
    const figures: BenchFigure[] = [
      {
        name: 'desk bot: updates handled',
        value: deskRate,
        unit: 'updates/s',
        target: '≥ 500',
        ok: deskRate >= 500,
        note: `${updates} updates in ${deskRun.seconds.toFixed(2)} s: ${options.users} clients × ${options.rounds} rounds of /my, a ticket card (tk:open), a comment (reply to the card), /hours and the /new wizard (/new, 4 button presses, subject, description, no files, create); ${options.concurrency} chats at a time; database pool of 10 (the DATABASE_POOL_SIZE default); the fake Bot API runs in the same process and event loop (see the echo bot for its share)`,
      },
      { name: 'desk bot: handling latency p50', value: deskP50, unit: 'ms' },
      { name: 'desk bot: handling latency p99', value: deskP99, unit: 'ms', target: '≤ 50', ok: deskP99 <= 50 },
      {
        name: 'peak RSS (whole process)',
        value: rss,
        unit: 'MB',
        target: '≤ 200',
        ok: rss <= 200,
        note: 'sampled every 20 ms during both runs; the process also holds the fake Bot API (every message it stored), the bench harness and whatever the suites run before this one in the same process left behind (see the RSS at the start of this suite)',
      },
      { name: 'RSS when this suite started', value: mb(rssAtStart), unit: 'MB' },
      { name: 'echo bot: updates handled', value: echoRate, unit: 'updates/s', note: 'bare Telegraf, ctx.reply(text), same chats, update count and concurrency, same fake server' },
      { name: 'echo bot: handling latency p50', value: echoP50, unit: 'ms' },
      { name: 'echo bot: handling latency p99', value: echoP99, unit: 'ms' },
      { name: 'throughput ratio desk / echo', value: deskRate / echoRate, unit: '×' },
      { name: 'p99 latency ratio desk / echo', value: deskP99 / echoP99, unit: '×' },
      {
        name: 'tickets created by the wizard',
        value: created,
        unit: '',
        target: `${expected}`,
        ok: created === expected,
      },
      { name: 'comments added', value: comments, unit: '', target: `${expected}`, ok: comments === expected },
      { name: 'failed updates (error log lines)', value: log.errors(), unit: '', target: '0', ok: log.errors() === 0 },
    ];
    return {
      title: `Bot under load (one instance, real PostgreSQL, ${updates} updates fed to bot.handleUpdate, replies over HTTP to the fake Bot API)`,
      figures,
    };
  } finally {
    await fake.stop();
  }
}
