import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { FakeTelegram, stripHtml, type ChatMessage, type FakeUser } from '../../src/fake-telegram';
import { createTranslator } from '../../src/i18n';
import { openTestDatabase, type TestDatabase } from '../support/database';
import { createClient, createCompany, createContract, createEngineer, createTicket, seededDepartment } from '../support/mothers';

/**
 * Issue 11, point 8: the production entry point (the compiled src/main.js, as `npm start`
 * runs it) as its own process in webhook mode, behind a TCP proxy to PostgreSQL the
 * test can cut; the fake Bot API enforcing Telegram's limits and redelivering what was not
 * acknowledged; CLIENTS clients commenting on their tickets and creating a ticket each through
 * the wizard while REMINDERS notifications go out; KILLS SIGKILLs aimed at updates in flight
 * (0–25 ms after the webhook POST began); one database outage of OUTAGE_MS; 429 and 5xx storms.
 * Then it counts, from the database and the fake's log, expected vs actual, prints a one-line
 * summary and asserts: no update lost or left unacknowledged, no comment or ticket lost or
 * stored twice, no notification lost, every step answered, every chat the bot still owed
 * something reached again within REACHED_AGAIN_MS of each crash; duplicates only within the
 * residual window (README "Clocks and delivery").
 */
const CLIENTS = Number(process.env.CHAOS_CLIENTS ?? 20);
const COMMENTS = Number(process.env.CHAOS_COMMENTS ?? 6);
const KILLS = Number(process.env.CHAOS_KILLS ?? 10);
const OUTAGE_MS = Number(process.env.CHAOS_OUTAGE_MS ?? 20_000);
const REMINDERS = Number(process.env.CHAOS_REMINDERS ?? 300);
/** The issue's bound: a chat reached again at most this long after a crash. */
const REACHED_AGAIN_MS = 10_000;
const ROOT = join(__dirname, '..', '..');
/**
 * The program compiled as `npm start` compiles it (tsconfig.build.json), into a directory of the
 * test's own (under node_modules/.cache, so its requires resolve): the test runs the compiled
 * production entry point, src/main.js, without the launcher's rebuild-when-stale step.
 */
const OUT = join(ROOT, 'node_modules', '.cache', `chaos-build-${process.pid}`);
const ENTRY = join(OUT, 'src', 'main.js');

function build(): void {
  const tsc = require.resolve('typescript/bin/tsc');
  // Emitted without type checking (--noCheck): the suite's typecheck is a step of its own, and
  // the check would double the build's time on a busy CI machine.
  spawnSync(process.execPath, [tsc, '-p', join(ROOT, 'tsconfig.build.json'), '--outDir', OUT, '--noCheck'], { cwd: ROOT, stdio: 'ignore' });
  if (!existsSync(ENTRY)) throw new Error('chaos: the build emitted no src/main.js');
}
const PATH = '/telegram';

jest.setTimeout(600_000);

/** CHAOS_VERBOSE=1: progress on stderr as it happens (a run that hangs says where). */
const progress = (line: string): void => {
  if (process.env.CHAOS_VERBOSE) process.stderr.write(`chaos ${new Date().toISOString().slice(11, 23)} ${line}\n`);
};
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const random = (min: number, max: number): number => min + Math.random() * (max - min);

/** A TCP proxy to PostgreSQL: cut() drops every connection and refuses new ones until restore(). */
class DatabaseProxy {
  private readonly sockets = new Set<Socket>();
  private down = false;
  private constructor(private readonly server: Server) {}

  static async start(target: { host: string; port: number }): Promise<DatabaseProxy> {
    const holder: { proxy?: DatabaseProxy } = {};
    const server = createServer((client) => holder.proxy?.accept(client, target));
    const proxy = new DatabaseProxy(server);
    holder.proxy = proxy;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  get port(): number {
    return (this.server.address() as { port: number }).port;
  }

  private accept(client: Socket, target: { host: string; port: number }): void {
    if (this.down) {
      client.destroy();
      return;
    }
    const upstream = connect(target.port, target.host);
    for (const s of [client, upstream]) {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
      s.on('error', () => undefined);
    }
    client.pipe(upstream).pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  }

  cut(): void {
    this.down = true;
    for (const s of this.sockets) s.destroy();
  }

  restore(): void {
    this.down = false;
  }

  async stop(): Promise<void> {
    this.cut();
    await new Promise((resolve) => this.server.close(resolve));
  }
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

class BotProcess {
  child: ChildProcess | null = null;
  output = '';
  constructor(private readonly env: Record<string, string>, private readonly port: number) {}

  async start(): Promise<void> {
    const child = spawn(process.execPath, ['--max-semi-space-size=4', ENTRY], { cwd: ROOT, env: this.env, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    const keep = (chunk: Buffer): void => {
      this.output = (this.output + chunk.toString()).slice(-20_000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    const deadline = Date.now() + 240_000;
    for (;;) {
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the bot exited at start:\n${this.output}`);
      const status = await fetch(`http://127.0.0.1:${this.port}/readyz`).then((r) => r.status, () => 0);
      if (status === 200) return;
      if (Date.now() > deadline) throw new Error(`the bot is not ready:\n${this.output}`);
      await sleep(100);
    }
  }

  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    // Not a dangling timer: jest must not wait 15 s for it after a clean stop.
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  }
}

const botMessages = (fake: FakeTelegram, chatId: number): ChatMessage[] => fake.messages(chatId).filter((m) => m.sender === 'bot');

describe('chaos: kills aimed at updates in flight, a database outage, 429/5xx storms', () => {
  let db: TestDatabase;
  let fake: FakeTelegram;
  let proxy: DatabaseProxy;
  let bot: BotProcess;

  beforeAll(() => build());

  afterAll(async () => {
    await bot?.stop();
    await fake?.stop();
    await proxy?.stop();
    await db?.close();
    rmSync(OUT, { recursive: true, force: true });
  });

  test('nothing lost, nothing twice', async () => {
    db = await openTestDatabase();
    const target = new URL(db.url);
    proxy = await DatabaseProxy.start({ host: target.hostname, port: Number(target.port || 5432) });
    const proxied = new URL(db.url);
    proxied.hostname = '127.0.0.1';
    proxied.port = String(proxy.port);
    fake = await FakeTelegram.start({ rateLimits: true, webhook: { maxAttempts: 100_000, retryDelaysMs: [100, 200, 400, 800, 1000] } });

    // Clients with a company, a contract and an open ticket each; an engineer to notify.
    const m = db.dataSource.manager;
    const base = 8_700_000_000 + (process.pid % 1000) * 1000;
    const company = await createCompany(m, { name: 'Chaos Co' });
    await createContract(m, company.id, { monthlyHours: 40 });
    const department = await seededDepartment(m, 'support');
    await createEngineer(m, department.id, { telegramId: base, displayName: 'Chaos Engineer' });
    fake.user({ id: base, first_name: 'Engineer' });
    const clients: Array<{ user: FakeUser; ticket: number }> = [];
    for (let i = 1; i <= CLIENTS; i++) {
      const user = fake.user({ id: base + i, first_name: `Client ${i}`, language_code: 'ru' });
      const row = await createClient(m, company.id, { telegramId: user.id, language: 'ru', displayName: `Client ${i}` });
      const ticket = await createTicket(m, { companyId: company.id, authorId: row.id, departmentId: department.id }, { createdAt: new Date(Date.now() - 86_400_000) });
      clients.push({ user, ticket: ticket.number });
    }
    const tickets0 = Number((await m.query(`SELECT count(*) AS n FROM tickets`))[0].n);

    const port = await freePort();
    const secret = randomBytes(24).toString('base64url');
    bot = new BotProcess(
      {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '/tmp',
        NODE_ENV: 'production',
        DATABASE_URL: proxied.toString(),
        MIGRATE_ON_START: 'false',
        BOT_TOKEN: fake.token,
        TELEGRAM_API_ROOT: fake.url,
        BOT_MODE: 'webhook',
        WEBHOOK_URL: `http://127.0.0.1:${port}${PATH}`,
        WEBHOOK_PATH: PATH,
        WEBHOOK_SECRET: secret,
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        FLOOD_LIMIT_PER_MINUTE: '1000',
        OUTBOX_POLL_MS: '200',
        SCHEDULER_CRON: '0 0 1 1 *',
      },
      port,
    );
    await bot.start();

    // The reminders: REMINDERS notifications to the clients, going out while they talk to the bot.
    await m.query(
      `INSERT INTO outbox (chat_id, key, params, dedupe_key)
       SELECT $1::bigint + 1 + (g % $2::int), 'reply.deferred', jsonb_build_object('html', 'reminder r-' || g), 'chaos-r-' || g
         FROM generate_series(1, $3::int) g`,
      [base, CLIENTS, REMINDERS],
    );

    // ---- the clients ----
    const translate = await createTranslator('ru');
    /** The start of translation `key` as the user sees it (tags removed, up to its first parameter). */
    const head = (key: string): string => stripHtml(translate('ru', key).split('{{')[0] ?? '').trim();
    const label = (key: string): string => stripHtml(translate('ru', key));
    // What the bot says while the database is away (once per chat); not an answer to the step.
    const unavailableNotice = head('common.database_unavailable');
    const isReminder = (msg: ChatMessage): boolean => (msg.text ?? '').startsWith('reminder r-');
    const isAnswer = (msg: ChatMessage): boolean => !isReminder(msg) && !(msg.text ?? '').startsWith(unavailableNotice);
    const answers = (user: FakeUser): ChatMessage[] => botMessages(fake, user.id).filter(isAnswer);
    let chaosOver = false;
    let createsInChaos = 0;
    let steps = 0;
    const unanswered: string[] = [];
    /** Does `act`, then waits for an answer (a new bot message that is not a reminder or the outage notice) that `expected` accepts. */
    const step = async (user: FakeUser, name: string, act: () => Promise<unknown>, expected: (msg: ChatMessage) => boolean): Promise<boolean> => {
      const before = answers(user).length;
      steps++;
      await act();
      const deadline = Date.now() + OUTAGE_MS + 30_000;
      while (Date.now() < deadline) {
        if (answers(user).slice(before).some(expected)) return true;
        await sleep(50);
      }
      unanswered.push(`${user.id} ${name}`);
      progress(`unanswered: ${user.id} ${name}; last: ${JSON.stringify(answers(user).at(-1)?.text?.slice(0, 80))}`);
      return false;
    };
    const sent = { comments: [] as string[], tickets: [] as string[] };
    const created = head('client.new.created');
    /** /new → Support → Phone consultation → question → normal → subject → description → no files → Create. */
    const wizard = async (user: FakeUser, index: number): Promise<void> => {
      const subject = `Хаос ${index}: отчёт не открывается`;
      const ok =
        (await step(user, 'new', () => user.command('new'), (msg) => (msg.text ?? '').includes(head('client.new.ask.category')))) &&
        (await step(user, 'category', () => user.press('Сопровождение'), (msg) => (msg.text ?? '').includes(head('client.new.ask.service')))) &&
        (await step(user, 'service', () => user.press('Телефонная консультация'), (msg) => (msg.text ?? '').includes(head('client.new.ask.type')))) &&
        (await step(user, 'type', () => user.press(label('ticket.type.question')), (msg) => (msg.text ?? '').includes(head('client.new.ask.priority')))) &&
        (await step(user, 'priority', () => user.press(label('ticket.priority.normal')), (msg) => (msg.text ?? '').includes(head('client.new.ask.subject')))) &&
        (await step(user, 'subject', () => user.send(subject), (msg) => (msg.text ?? '').includes(head('client.new.ask.description')))) &&
        (await step(user, 'description', () => user.send(`Клиент ${index}: ежемесячный отчёт показывает пустую страницу с утра.`), (msg) => (msg.text ?? '').includes(head('client.new.ask.files')))) &&
        (await step(user, 'files', () => user.press(label('client.new.done_files')), (msg) => (msg.text ?? '').includes(head('client.new.summary_title'))));
      if (!ok) return;
      sent.tickets.push(subject);
      await step(
        user,
        'create',
        () => {
          if (!chaosOver) createsInChaos++;
          return user.press(label('client.new.create'));
        },
        (msg) => (msg.text ?? '').startsWith(created),
      );
    };
    const runClient = async ({ user, ticket }: { user: FakeUser; ticket: number }, index: number): Promise<void> => {
      await sleep(index * 50);
      await step(user, '/my', () => user.command('my'), () => true);
      const list = answers(user).at(-1)!;
      await step(user, 'open', () => user.pressData(`tk:open:${ticket}`, list), (msg) => (msg.text ?? '').includes(`№${ticket}:`));
      // The newest card of the ticket: a press handled again (after a crash) sends it again, and
      // a person replies to the card they see last.
      const card = (): ChatMessage => answers(user).filter((msg) => (msg.text ?? '').includes(`№${ticket}:`)).at(-1)!;
      const added = `Добавлено к заявке №${ticket}.`;
      // Comments until the chaos is over (at least COMMENTS), the wizard somewhere among them.
      // Half the clients go through the wizard right after opening their ticket (their Create
      // falls among the kills and the outage), the others after a few comments.
      const wizardAfter = index % 2 === 0 ? 0 : 1 + (index % COMMENTS);
      if (wizardAfter === 0) await wizard(user, index);
      for (let k = 1; k <= COMMENTS || (!chaosOver && k <= 60); k++) {
        await sleep(random(200, 1200));
        const text = `c-${index}-${k}`;
        sent.comments.push(text);
        // A client left without an answer stops (the count says so): no point waiting on each next step.
        if (!(await step(user, text, () => user.replyTo(card(), `${text} the report is still empty`), (msg) => (msg.text ?? '').startsWith(added)))) return;
        if (k === wizardAfter) await wizard(user, index);
      }
    };
    const clientsRun = Promise.all(clients.map(runClient));

    // ---- the chaos ----
    const killTimes: number[] = [];
    /** When each killed process was seen to exit, before its successor was started (the same index as killTimes). */
    const exitTimes: number[] = [];
    let aimed = 0;
    let outage: { from: number; to: number } | null = null;
    const killOnce = async (): Promise<void> => {
      const deadline = Date.now() + 5000;
      while (fake.webhookInFlight() === undefined && Date.now() < deadline) await sleep(1);
      if (fake.webhookInFlight() !== undefined) aimed++;
      await sleep(random(0, 25));
      killTimes.push(Date.now());
      await bot.kill();
      exitTimes.push(Date.now());
      await bot.start();
      progress(`kill ${killTimes.length} (aimed ${aimed}): restarted in ${Date.now() - killTimes.at(-1)!} ms; steps ${steps}, unanswered ${unanswered.length}`);
    };
    for (let i = 0; i < KILLS; i++) {
      // Room between kills for the clients to get on (a restart takes 2–5 s of it).
      await sleep(random(1500, 3000));
      if (i === Math.floor(KILLS / 2)) {
        // 429 and 5xx storms, then the database outage.
        fake.tooManyRequests(1, { times: 15, method: 'sendMessage' });
        fake.serverError(502, { times: 10, method: 'sendMessage' });
        const from = Date.now();
        proxy.cut();
        progress('database cut');
        await sleep(OUTAGE_MS);
        proxy.restore();
        outage = { from, to: Date.now() };
      }
      await killOnce();
    }
    // Every kill's aftermath is seen under traffic before the clients wind down.
    await sleep(REACHED_AGAIN_MS);
    chaosOver = true;
    progress('chaos over; waiting for the clients');
    await clientsRun;
    progress(`clients done: ${steps} steps`);

    // ---- settle ----
    const settleBy = Date.now() + 120_000;
    for (;;) {
      // The engineer's chat is left out: ~140 notices at Telegram's one message a second per chat.
      const [row] = await m.query(`SELECT count(*) AS n FROM outbox WHERE status IN ('pending', 'sending') AND chat_id <> $1`, [base]);
      if (Number(row.n) === 0 && fake.pendingUpdates().length === 0) break;
      if (Date.now() > settleBy) break;
      await sleep(200);
    }
    await fake.waitForIdle({ quietMs: 1000, timeoutMs: 30_000 }).catch(() => undefined);

    // ---- count ----
    const comments: Array<{ text: string; n: string }> = await m.query(`SELECT split_part(text, ' ', 1) AS text, count(*) AS n FROM comments WHERE text LIKE 'c-%' GROUP BY 1`);
    const commentCounts = new Map(comments.map((c) => [c.text, Number(c.n)]));
    const lostAndTwice = (expected: readonly string[], counts: Map<string, number>): { lost: string[]; twice: number } => ({
      lost: expected.filter((key) => (counts.get(key) ?? 0) === 0),
      twice: expected.reduce((sum, key) => sum + Math.max(0, (counts.get(key) ?? 0) - 1), 0),
    });
    const commentTally = lostAndTwice(sent.comments, commentCounts);
    const ticketRows: Array<{ subject: string; n: string }> = await m.query(`SELECT subject, count(*) AS n FROM tickets WHERE subject LIKE 'Хаос %' GROUP BY 1`);
    const ticketTally = lostAndTwice(sent.tickets, new Map(ticketRows.map((r) => [r.subject, Number(r.n)])));
    const ticketsTotal = Number((await m.query(`SELECT count(*) AS n FROM tickets`))[0].n) - tickets0;
    const reminderSeen = new Map<string, number>();
    for (const msg of fake.allBotMessages()) {
      const text = msg.text ?? '';
      if (text.startsWith('reminder r-')) reminderSeen.set(text, (reminderSeen.get(text) ?? 0) + 1);
    }
    const reminderTally = lostAndTwice(
      Array.from({ length: REMINDERS }, (_, g) => `reminder r-${g + 1}`),
      reminderSeen,
    );
    // Every reminder sent twice must be explained by the residual window: a kill after its first
    // copy (sent, its mark not yet written) and before its second; a row is only sent again once
    // its claimer is dead. The kill's time is taken just before the signal, and the fake (in this
    // process) records a send when it reads the request: a send the killed process had already
    // made can show up a little after that time. A copy recorded before the killed process was
    // seen to exit (its successor not yet started) was its send, made before the kill. The gap
    // from the copy to the kill says how wide the window was: under CI's load the mark's write has
    // taken longer than 2 s, so the gap is reported, not bounded.

    const reminderCopies = new Map<string, number[]>();
    for (const msg of fake.allBotMessages()) {
      const text = msg.text ?? '';
      if (text.startsWith('reminder r-')) reminderCopies.set(text, [...(reminderCopies.get(text) ?? []), msg.sentAt]);
    }
    const resendGaps: number[] = [];
    const resendsUnexplained: string[] = [];
    for (const [text, copies] of reminderCopies) {
      for (const again of copies.slice(1)) {
        const first = copies[0]!;
        const kill = killTimes.find((k, i) => first <= Math.max(k, exitTimes[i] ?? k) && k <= again);
        if (kill === undefined) resendsUnexplained.push(text);
        else resendGaps.push(kill - first);
      }
    }
    // Answers beyond one per step: a step re-handled after a crash that had already answered.
    const answersRepeated = clients.reduce((sum, { user }) => sum + answers(user).length, 0) - steps;

    // A chat reached again after a crash, from the fake's log: for each kill, every client chat
    // that gets a message after it (before the next kill or the outage) — the time to its first.
    const disturbances = [...killTimes, ...(outage ? [outage.from] : [])].sort((a, b) => a - b);
    const reachedAgain: number[] = [];
    for (const killedAt of killTimes) {
      const next = disturbances.find((t) => t > killedAt) ?? Infinity;
      for (const { user } of clients) {
        const first = botMessages(fake, user.id).find((msg) => msg.sentAt > killedAt);
        if (first && first.sentAt < next) reachedAgain.push(first.sentAt - killedAt);
      }
    }
    const firstAfterKill = killTimes.map((killedAt) => Math.min(...fake.allBotMessages().filter((msg) => msg.sentAt > killedAt).map((msg) => msg.sentAt)) - killedAt);

    const deliveries = fake.webhookDeliveries();
    const updatesSent = new Set(fake.updates().map((u) => u.update_id)).size;
    const updatesDropped = deliveries.filter((d) => d.dropped).length;
    const acknowledged = new Set(deliveries.filter((d) => d.ok).map((d) => d.updateId));
    const updatesUnacknowledged = fake.updates().filter((u) => !acknowledged.has(u.update_id)).length;
    const pending = fake.pendingUpdates().length;
    const [ledger] = await m.query(`SELECT count(*) AS total, count(*) FILTER (WHERE completed_at IS NOT NULL) AS completed FROM processed_updates`);
    const [outbox] = await m.query(`SELECT count(*) AS n FROM outbox`);
    const rateLimited = fake.calls().filter((c) => c.httpStatus === 429).length;
    const engine = ((await m.query(`SHOW server_version`)) as Array<{ server_version: string }>)[0]!.server_version.split(' ')[0];
    // "The service is unavailable, your message is kept": told once, not per redelivery.
    const noticesPerChat = clients.map(({ user }) => botMessages(fake, user.id).filter((msg) => (msg.text ?? '').startsWith(unavailableNotice)).length);
    const summary = {
      engine,
      clients: CLIENTS,
      steps,
      unanswered: unanswered.length,
      answersRepeated,
      updates: updatesSent,
      updatesUnacknowledged,
      updatesCompleted: Number(ledger.completed),
      updatesPending: pending,
      updatesDropped,
      nonOkDeliveries: deliveries.filter((d) => !d.ok).length,
      kills: killTimes.length,
      killsAimed: aimed,
      outageS: outage ? Math.round((outage.to - outage.from) / 100) / 10 : 0,
      comments: `${sent.comments.length - commentTally.lost.length}/${sent.comments.length}`,
      commentsTwice: commentTally.twice,
      tickets: `${sent.tickets.length - ticketTally.lost.length}/${sent.tickets.length}`,
      ticketsTwice: ticketTally.twice,
      createsInChaos,
      ticketsOther: ticketsTotal - [...ticketRows].reduce((sum, r) => sum + Number(r.n), 0),
      reminders: `${REMINDERS - reminderTally.lost.length}/${REMINDERS}`,
      remindersTwice: reminderTally.twice,
      resendGapMaxMs: resendGaps.length > 0 ? Math.max(...resendGaps) : null,
      reachedAgainMaxMs: reachedAgain.length > 0 ? Math.max(...reachedAgain) : null,
      reachedAgainChats: reachedAgain.length,
      firstMessageAfterKillMaxMs: Math.max(...firstAfterKill),
      unavailableNotices: noticesPerChat.reduce((sum, n) => sum + n, 0),
      responses429: rateLimited,
      rows: { processedUpdates: Number(ledger.total), outbox: Number(outbox.n) },
    };
    process.stdout.write(`chaos summary ${JSON.stringify(summary)}\n`);
    if (unanswered.length > 0) process.stdout.write(`unanswered steps: ${unanswered.join(', ')}\n`);
    if (unanswered.length + commentTally.lost.length + ticketTally.lost.length > 0) process.stdout.write(`bot output (tail):\n${bot.output.slice(-6000)}\n`);
    for (const lost of [...commentTally.lost, ...ticketTally.lost]) {
      const client = clients.find((c, i) => lost.startsWith(`c-${i}-`) || lost.startsWith(`Хаос ${i}:`));
      if (!client) continue;
      const transcript = fake.messages(client.user.id).map((msg) => `${msg.sender}#${msg.messageId}${msg.message?.reply_to_message ? `>${msg.message.reply_to_message.message_id}` : ''}: ${(msg.text ?? '').slice(0, 70).replace(/\n/g, ' ')}`);
      process.stdout.write(`lost ${lost} (ticket ${client.ticket}):\n  ${transcript.filter((t) => !t.includes('reminder r-')).join('\n  ')}\n`);
    }

    expect(killTimes).toHaveLength(KILLS);
    expect(updatesDropped).toBe(0);
    expect(pending).toBe(0);
    expect(updatesUnacknowledged).toBe(0);
    // Handled and acknowledged, its completion not yet written (batched, ClaimCompletions) when
    // the process was killed: an open claim of a dead claimer, which a redelivery would take over.
    expect(updatesSent - Number(ledger.completed)).toBeLessThanOrEqual(KILLS);
    expect(commentTally.lost).toEqual([]);
    expect(commentTally.twice).toBe(0);
    expect(ticketTally.lost).toEqual([]);
    expect(ticketTally.twice).toBe(0);
    expect(summary.ticketsOther).toBe(0);
    expect(reminderTally.lost).toEqual([]);
    expect(unanswered).toEqual([]);
    expect(Math.max(...noticesPerChat)).toBeLessThanOrEqual(1);
    expect(reachedAgain.length).toBeGreaterThan(0);
    expect(summary.reachedAgainMaxMs).toBeLessThanOrEqual(REACHED_AGAIN_MS);
    // The residual window (README): a message whose send was in flight at Telegram (or accepted
    // and not yet recorded) when its process was killed is sent again by the next process — for
    // answers, one update in flight at a time (the webhook): at most one per kill; for
    // notifications, each duplicate explained by a kill right after its first copy.
    expect(answersRepeated).toBeLessThanOrEqual(KILLS);
    expect(resendsUnexplained).toEqual([]);
  });
});
