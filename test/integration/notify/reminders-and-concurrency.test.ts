import { TELEGRAM_SEND_LIMITS } from '../../../src/notify';
import { OutboxEntity } from '../../../src/persistence/entities';
import { openTestDatabase, type TestDatabase } from '../../support/database';
import { FakeTelegram } from '../../../src/fake-telegram';
import { createClient, createCompany, createTicket, seededDepartment } from '../../support/mothers';
import { dispatcherFor, enqueue, settled } from './notify-fixtures';

/** Thursday 2026-03-12 02:00 Moscow, and 10:00 the same day. */
const NIGHT = new Date('2026-03-11T23:00:00Z');
const MORNING = new Date('2026-03-12T07:00:00Z');
const WINDOW_ENDS = new Date('2026-03-13T12:00:00Z');

describe('client reminders in the dispatcher', () => {
  let db: TestDatabase;
  let fake: FakeTelegram;

  beforeAll(async () => {
    db = await openTestDatabase();
    fake = await FakeTelegram.start();
  });
  afterAll(async () => {
    await fake.stop();
    await db.close();
  });

  async function reminderFor(windowEndsAt: Date, ticketWindowEndsAt: Date | null, state: 'clarification' | 'new' = 'clarification') {
    const m = db.dataSource.manager;
    const company = await createCompany(m);
    const client = await createClient(m, company.id);
    fake.user({ id: client.telegramId, first_name: 'Client' });
    const ticket = await createTicket(
      m,
      { companyId: company.id, authorId: client.id, departmentId: (await seededDepartment(m)).id },
      { state, windowEndsAt: ticketWindowEndsAt },
    );
    const id = await enqueue(
      db,
      {
        recipientId: client.id,
        ticketId: ticket.id,
        key: 'reminder.window.clarification',
        params: { number: ticket.number, subject: 'S', deadline: '13.03.2026 15:00', windowEndsAt: windowEndsAt.toISOString() },
      },
      NIGHT,
    );
    return { id, chat: client.telegramId };
  }

  it('sends nothing at night: a reminder due at 02:00 waits for 09:00', async () => {
    const { id, chat } = await reminderFor(WINDOW_ENDS, WINDOW_ENDS);
    const dispatcher = await dispatcherFor(db, fake, { clock: { now: () => NIGHT } });
    await new Promise((resolve) => setTimeout(resolve, 400));
    await dispatcher.stop();
    const row = await db.dataSource.manager.findOneByOrFail(OutboxEntity, { id });
    expect(row.status).toBe('pending');
    expect(row.attempts).toBe(0);
    expect(row.nextAttemptAt.toISOString()).toBe('2026-03-12T06:00:00.000Z');
    expect(fake.messages(chat)).toHaveLength(0);

    const morning = await dispatcherFor(db, fake, { clock: { now: () => MORNING } });
    const [sent] = await settled(db, [id]);
    await morning.stop();
    expect(sent?.status).toBe('sent');
    expect(fake.messages(chat)).toHaveLength(1);
  });

  it('drops a reminder whose window closed before it went out (the client answered)', async () => {
    const { id, chat } = await reminderFor(WINDOW_ENDS, null, 'new');
    const dispatcher = await dispatcherFor(db, fake, { clock: { now: () => MORNING } });
    const [row] = await settled(db, [id]);
    await dispatcher.stop();
    expect(row?.status).toBe('failed');
    expect(row?.lastError).toMatch(/^cancelled: /);
    expect(fake.messages(chat)).toHaveLength(0);
  });
});

describe('several dispatchers at once', () => {
  let db: TestDatabase;
  let fake: FakeTelegram;

  beforeAll(async () => {
    db = await openTestDatabase();
    fake = await FakeTelegram.start({ rateLimits: true });
  });
  afterAll(async () => {
    await fake.stop();
    await db.close();
  });

  it('send every message exactly once, in order per chat, within the limits', async () => {
    const company = await createCompany(db.dataSource.manager);
    const ids: string[] = [];
    const chats: number[] = [];
    for (let i = 0; i < 40; i++) {
      const user = await createClient(db.dataSource.manager, company.id);
      fake.user({ id: user.telegramId, first_name: `U${i}` });
      chats.push(user.telegramId);
      for (let n = 1; n <= 2; n++) ids.push(await enqueue(db, { recipientId: user.id, key: 'notify.assigned_owner', params: { number: n } }));
    }
    // Three instances share the bot's global limit: each gets a third of it.
    const limits = { ...TELEGRAM_SEND_LIMITS, globalPerSecond: 9.5 };
    const dispatchers = await Promise.all([1, 2, 3].map(() => dispatcherFor(db, fake, { limits })));
    const rows = await settled(db, ids, 30_000);
    await Promise.all(dispatchers.map((d) => d.stop()));

    expect(rows.every((r) => r.status === 'sent')).toBe(true);
    for (const chat of chats) {
      expect(fake.messages(chat).map((m) => m.text?.match(/№(\d+)/)?.[1])).toEqual(['1', '2']);
    }
    expect(fake.stats().rateLimited).toBe(0);
  });
});
