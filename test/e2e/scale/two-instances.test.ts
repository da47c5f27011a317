import { seedPeople, seedTickets } from '../../../bench/seed';
import { openTestDatabase, type TestDatabase } from '../../support/database';
import { FakeTelegram, type FakeUser } from '../../../src/fake-telegram';
import { TestClock } from '../support/clock';
import { WEBHOOK_SECRET, http, sample, webhookInstance, type TestInstance } from '../../integration/server/server-fixtures';
import { Balancer } from './balancer';

/** Wednesday 2026-03-11 12:00 Moscow: working hours, so reminders go out at once. */
const NOW = new Date('2026-03-11T09:00:00Z');
const FAST = { limits: { globalPerSecond: 1000, privateIntervalMs: 5, groupIntervalMs: 5 } };

async function handled(node: TestInstance): Promise<number> {
  const text = await node.metrics.render();
  return text
    .split('\n')
    .filter((line) => line.startsWith('desk_updates_handled_total{'))
    .reduce((sum, line) => sum + Number(line.split(' ')[1]), 0);
}

async function count(db: TestDatabase, sql: string): Promise<number> {
  return Number(((await db.dataSource.query(sql)) as { n: string }[])[0]?.n);
}

describe('one instance on the embedded engine', () => {
  test('an update with a wrong secret token is refused; with the right one it is handled', async () => {
    const fake = await FakeTelegram.start();
    const db = await openTestDatabase();
    const node = await webhookInstance(db, fake);
    try {
      const body = JSON.stringify({
        update_id: 1,
        message: { message_id: 1, date: 1, chat: { id: 77, type: 'private', first_name: 'X' }, from: { id: 77, is_bot: false, first_name: 'X' }, text: 'hi' },
      });
      const post = (secret: string) =>
        http(node.webhookUrl, { method: 'POST', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': secret }, body });
      expect((await post('not_the_secret_at_all')).status).toBe(401);
      expect(await handled(node)).toBe(0);
      fake.user({ id: 77, first_name: 'X', language_code: 'ru' });
      expect((await post(WEBHOOK_SECRET)).status).toBe(200);
      expect(await handled(node)).toBe(1);
    } finally {
      await node.instance.stop();
      await fake.stop();
      await db.close();
    }
  });
});

describe('two instances sharing one PostgreSQL database', () => {
  let fake: FakeTelegram;
  let db: TestDatabase;
  let a: TestInstance;
  let b: TestInstance;
  let balancer: Balancer;
  const clock = new TestClock(NOW);
  let nextId = 6_400_000_000 + (process.pid % 1000) * 1000;
  const stranger = (): FakeUser => fake.user({ id: ++nextId, first_name: 'Anna', language_code: 'ru' });

  beforeAll(async () => {
    fake = await FakeTelegram.start();
    db = await openTestDatabase();
    a = await webhookInstance(db, fake, { clock, dispatcher: FAST });
    b = await webhookInstance(db, fake, { clock, dispatcher: FAST });
    balancer = new Balancer([a.webhookUrl, b.webhookUrl]);
    fake.useWebhook(await balancer.listen(), WEBHOOK_SECRET);
  });

  afterAll(async () => {
    await a?.instance.stop();
    await b?.instance.stop();
    await balancer?.close();
    await fake?.stop();
    await db?.close();
  });

  test('updates delivered alternately are each handled once, by both instances between them', async () => {
    const users = Array.from({ length: 6 }, () => stranger());
    for (const user of users) await user.command('start');
    for (const user of users) await fake.waitForMessage(user.id);
    await fake.waitForIdle();
    const [byA, byB] = [await handled(a), await handled(b)];
    expect(byA).toBe(3);
    expect(byB).toBe(3);
    expect(await count(db, `SELECT count(*) AS n FROM processed_updates`)).toBe(6);
    const replies = users.map((u) => fake.messages(u.id).length);
    expect(new Set(replies).size).toBe(1);
  });

  test('the same update delivered to both instances at once acts once', async () => {
    const once = stranger();
    await once.command('start');
    await fake.waitForMessage(once.id);
    await fake.waitForIdle();
    const single = fake.messages(once.id).length;

    balancer.mode = 'both';
    const twice = stranger();
    const before = (await handled(a)) + (await handled(b));
    await twice.command('start');
    await fake.waitForMessage(twice.id);
    await fake.waitForIdle();
    balancer.mode = 'round-robin';
    // Each instance saw it at least once; one that got it while the other was still handling it
    // answered 500 (not acknowledged: that handling might still fail) and saw it again later.
    expect((await handled(a)) + (await handled(b))).toBeGreaterThanOrEqual(before + 2);
    expect(fake.messages(twice.id)).toHaveLength(single);
  });

  test('due tickets swept by both schedulers at once give one set of notifications, each sent once', async () => {
    const base = 8_300_000_000 + (process.pid % 1000) * 100;
    const people = await seedPeople(db.dataSource, base);
    for (let n = 1; n <= 5; n++) fake.user({ id: base + n, first_name: `P${n}`, language_code: 'ru' });
    await seedTickets(db.dataSource, people, 12, 9, NOW);
    clock.set(NOW);

    const [ra, rb] = await Promise.all([a.instance.scheduler.tick(), b.instance.scheduler.tick()]);
    expect(ra.sweep.tickets + rb.sweep.tickets).toBe(9);
    expect(await count(db, `SELECT count(*) AS n FROM tickets WHERE next_due_at <= '${NOW.toISOString()}'`)).toBe(0);
    expect(await count(db, `SELECT count(*) AS n FROM ticket_history`)).toBe(3);
    // 3 auto-rejections (author + owner), 3 review warnings (3 engineers), and the 3 testing
    // reminders of the one author as digests: one per sweep batch that found some (reminders due
    // to one client in one batch are one message), so 1 to 3 depending on how the two sweepers
    // split the due tickets.
    const ours = `FROM outbox o JOIN users u ON u.id = o.recipient_id WHERE u.telegram_id BETWEEN ${base + 1} AND ${base + 5}`;
    const rows = await count(db, `SELECT count(*) AS n ${ours}`);
    expect(rows).toBeGreaterThanOrEqual(3 * 2 + 1 + 3 * 3);
    expect(rows).toBeLessThanOrEqual(3 * 2 + 3 + 3 * 3);

    const deadline = Date.now() + 30_000;
    while ((await count(db, `SELECT count(*) AS n FROM outbox WHERE status IN ('pending', 'sending')`)) > 0) {
      if (Date.now() > deadline) throw new Error('the outbox did not drain');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await fake.waitForIdle();
    expect(await count(db, `SELECT count(*) AS n ${ours} AND o.status = 'sent'`)).toBe(rows);
    let delivered = 0;
    for (let n = 1; n <= 5; n++) delivered += fake.messages(base + n).length;
    expect(delivered).toBe(rows);
    const sends = async (node: TestInstance) => sample(await node.metrics.render(), 'desk_outbox_sends_total{method="sendMessage",result="ok"}') ?? 0;
    expect((await sends(a)) + (await sends(b))).toBe(rows);
  });
});
