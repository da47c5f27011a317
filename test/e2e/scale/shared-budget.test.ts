import { FakeTelegram, type ChatMessage, type FakeUser } from '../../../src/fake-telegram';
import { openTestDatabase, type TestDatabase } from '../../support/database';
import { createClient, createCompany, createContract, createTicket, seededDepartment } from '../../support/mothers';
import { WEBHOOK_SECRET, webhookInstance, type TestInstance } from '../../integration/server/server-fixtures';
import { Balancer } from './balancer';

/**
 * Issue 11, point 4: two instances of the bot (each its own bot, send budget and dispatcher) on
 * one database behind a round-robin balancer, the fake Bot API enforcing Telegram's limits
 * (30 messages/s, one a second per private chat with a burst of 3, 20 a minute per group),
 * CLIENTS clients talking to the bot while REMINDERS notifications to the same clients go out.
 * The instances run with the production budget (30/s, 60 % for bulk, 1050 ms per private chat),
 * which they share through the database.
 */
const CLIENTS = 20;
const COMMENTS = 6;
const REMINDERS = 300;

jest.setTimeout(240_000);

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const bot = (fake: FakeTelegram, chatId: number): ChatMessage[] => fake.messages(chatId).filter((m) => m.sender === 'bot');
const isReminder = (msg: ChatMessage): boolean => (msg.text ?? '').startsWith('reminder r-');

async function updatesBy(node: TestInstance, result: 'ok' | 'error'): Promise<number> {
  const text = await node.metrics.render();
  return text
    .split('\n')
    .filter((line) => line.startsWith('desk_updates_handled_total{') && line.includes(`result="${result}"`))
    .reduce((sum, line) => sum + Number(line.split(' ')[1]), 0);
}

describe('two instances, one Telegram budget', () => {
  let fake: FakeTelegram;
  let db: TestDatabase;
  let nodes: TestInstance[] = [];
  let balancer: Balancer;

  afterAll(async () => {
    for (const node of nodes) await node.instance.stop();
    await balancer?.close();
    await fake?.stop();
    await db?.close();
  });

  test(`${CLIENTS} clients talking while ${REMINDERS} reminders go out: no 429, no failed update, every reminder once, every step answered`, async () => {
    fake = await FakeTelegram.start({ rateLimits: true });
    db = await openTestDatabase();
    const m = db.dataSource.manager;
    const base = 8_900_000_000 + (process.pid % 1000) * 1000;
    const company = await createCompany(m, { name: 'Budget Co' });
    await createContract(m, company.id, { monthlyHours: 40 });
    const department = await seededDepartment(m, 'support');
    const clients: Array<{ user: FakeUser; ticket: number }> = [];
    for (let i = 1; i <= CLIENTS; i++) {
      const user = fake.user({ id: base + i, first_name: `Client ${i}`, language_code: 'ru' });
      const row = await createClient(m, company.id, { telegramId: user.id, language: 'ru', displayName: `Client ${i}` });
      const ticket = await createTicket(m, { companyId: company.id, authorId: row.id, departmentId: department.id }, { createdAt: new Date(Date.now() - 86_400_000) });
      clients.push({ user, ticket: ticket.number });
    }
    // Production budget: no limits given, so each instance takes the configured defaults.
    nodes = [await webhookInstance(db, fake, { dispatcher: { pollMs: 100 } }), await webhookInstance(db, fake, { dispatcher: { pollMs: 100 } })];
    balancer = new Balancer(nodes.map((node) => node.webhookUrl));
    fake.useWebhook(await balancer.listen(), WEBHOOK_SECRET);

    // The reminders, all due at once, to the clients who are talking to the bot.
    await m.query(
      `INSERT INTO outbox (chat_id, key, params, dedupe_key)
       SELECT $1::bigint + 1 + (g % $2::int), 'reply.deferred', jsonb_build_object('html', 'reminder r-' || g), 'budget-r-' || g
         FROM generate_series(1, $3::int) g`,
      [base, CLIENTS, REMINDERS],
    );

    let steps = 0;
    let unanswered = 0;
    const answers = (user: FakeUser): ChatMessage[] => bot(fake, user.id).filter((msg) => !isReminder(msg));
    const answered = async (user: FakeUser, before: number): Promise<void> => {
      steps++;
      const deadline = Date.now() + 60_000;
      while (answers(user).length <= before) {
        if (Date.now() > deadline) {
          unanswered++;
          return;
        }
        await sleep(50);
      }
    };
    const talk = async ({ user, ticket }: { user: FakeUser; ticket: number }, index: number): Promise<void> => {
      await sleep(index * 50);
      let before = answers(user).length;
      await user.command('my');
      await answered(user, before);
      before = answers(user).length;
      await user.pressData(`tk:open:${ticket}`, answers(user).at(-1)!);
      await answered(user, before);
      const card = answers(user).filter((msg) => (msg.text ?? '').includes(`№${ticket}:`)).at(-1)!;
      for (let k = 1; k <= COMMENTS; k++) {
        await sleep(200 + Math.random() * 1300);
        before = answers(user).length;
        await user.replyTo(card, `c-${index}-${k} the report is still empty`);
        await answered(user, before);
      }
    };
    await Promise.all(clients.map(talk));

    const deadline = Date.now() + 120_000;
    for (;;) {
      const [row] = await m.query(`SELECT count(*) AS n FROM outbox WHERE dedupe_key LIKE 'budget-r-%' AND status <> 'sent'`);
      if (Number(row.n) === 0 || Date.now() > deadline) break;
      await sleep(200);
    }
    await fake.waitForIdle({ quietMs: 500, timeoutMs: 30_000 }).catch(() => undefined);

    const seen = new Map<string, number>();
    for (const msg of fake.allBotMessages()) if (isReminder(msg)) seen.set(msg.text ?? '', (seen.get(msg.text ?? '') ?? 0) + 1);
    const counts = Array.from({ length: REMINDERS }, (_, g) => seen.get(`reminder r-${g + 1}`) ?? 0);
    const comments = Number((await m.query(`SELECT count(DISTINCT split_part(text, ' ', 1)) AS n FROM comments WHERE text LIKE 'c-%'`))[0].n);
    const summary = {
      instances: nodes.length,
      clients: CLIENTS,
      steps,
      unanswered,
      updatesOk: (await updatesBy(nodes[0]!, 'ok')) + (await updatesBy(nodes[1]!, 'ok')),
      updatesFailed: (await updatesBy(nodes[0]!, 'error')) + (await updatesBy(nodes[1]!, 'error')),
      webhookNotAcknowledged: fake.webhookDeliveries().filter((d) => !d.ok).length,
      handledByEach: [await updatesBy(nodes[0]!, 'ok'), await updatesBy(nodes[1]!, 'ok')],
      remindersExpected: REMINDERS,
      remindersLost: counts.filter((n) => n === 0).length,
      remindersTwice: counts.reduce((sum, n) => sum + Math.max(0, n - 1), 0),
      commentsStored: comments,
      responses429: fake.calls().filter((c) => c.httpStatus === 429).length,
      botMessages: fake.allBotMessages().length,
    };
    process.stdout.write(`shared budget summary ${JSON.stringify(summary)}\n`);
    if (process.env.DEBUG_BUDGET) process.stdout.write(answers(clients[0]!.user).map((msg) => (msg.text ?? '').slice(0, 100)).join('\n'));

    expect(summary.responses429).toBe(0);
    expect(summary.updatesFailed).toBe(0);
    expect(summary.webhookNotAcknowledged).toBe(0);
    expect(summary.unanswered).toBe(0);
    expect(steps).toBe(CLIENTS * (2 + COMMENTS));
    expect(summary.remindersLost).toBe(0);
    expect(summary.remindersTwice).toBe(0);
    expect(comments).toBe(CLIENTS * COMMENTS);
    // Both instances did their part of the talking.
    expect(Math.min(...summary.handledByEach)).toBeGreaterThan(0);
  });
});
