import { createDesk } from '../../../src/application/desk';
import { NotFoundError } from '../../../src/domain/ticket/errors';
import { openTestDatabase, type TestDatabase } from '../../support/database';
import { createClient, createCompany, createTicket, seededDepartment } from '../../support/mothers';
import { actorOf, appDeps, manualClock } from './fixture';

describe('the conversation desk: which ticket a bot message is about', () => {
  let db: TestDatabase;
  let desk: ReturnType<typeof createDesk>;

  beforeAll(async () => {
    db = await openTestDatabase();
    desk = createDesk(appDeps(db.dataSource, manualClock(new Date('2026-03-02T08:00:00Z'))));
  });
  afterAll(() => db.close());

  it('remembers the messages of a ticket by its number, once each, and routes replies to them only for its company', async () => {
    const m = db.dataSource.manager;
    const department = await seededDepartment(m);
    const company = await createCompany(m);
    const client = await createClient(m, company.id);
    const other = await createClient(m, (await createCompany(m)).id);
    const first = await createTicket(m, { companyId: company.id, authorId: client.id, departmentId: department.id });
    const second = await createTicket(m, { companyId: company.id, authorId: client.id, departmentId: department.id });
    const chatId = client.telegramId;

    await desk.conversation.remember({ chatId, messageIds: [501, 502], number: first.number });
    // Sent again (a redelivered update): kept once, now about the ticket named last.
    await desk.conversation.remember({ chatId, messageIds: [502], number: second.number });

    const ticketOf = (messageId: number, actor = actorOf(client)) => desk.conversation.ticketOf({ chatId, messageId, actor });
    expect(await ticketOf(501)).toBe(first.number);
    expect(await ticketOf(502)).toBe(second.number);
    expect(await ticketOf(503)).toBeNull();
    expect(await ticketOf(501, actorOf(other))).toBeNull();
    const rows = await db.dataSource.query<{ n: number }[]>('SELECT count(*)::int AS n FROM bot_messages WHERE chat_id = $1', [chatId]);
    expect(rows[0]?.n).toBe(2);
  });

  it('remembers the messages of updates handled at the same time in one statement; an unknown ticket fails only its own call', async () => {
    const m = db.dataSource.manager;
    const department = await seededDepartment(m);
    const company = await createCompany(m);
    const client = await createClient(m, company.id);
    const ticket = await createTicket(m, { companyId: company.id, authorId: client.id, departmentId: department.id });
    const chats = [-1_000_000_001, -1_000_000_002, -1_000_000_003];
    const results = await Promise.allSettled([
      desk.conversation.remember({ chatId: chats[0] ?? 0, messageIds: [11, 12], number: ticket.number }),
      desk.conversation.remember({ chatId: chats[1] ?? 0, messageIds: [11], number: 999_998 }),
      desk.conversation.remember({ chatId: chats[2] ?? 0, messageIds: [11, 11], number: ticket.number }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const rows = await db.dataSource.query<{ chat_id: string; message_id: string; tx: string }[]>(
      'SELECT chat_id::text, message_id::text, xmin::text AS tx FROM bot_messages WHERE chat_id = ANY($1::bigint[]) ORDER BY bot_messages.chat_id DESC, bot_messages.message_id',
      [chats],
    );
    expect(rows.map((r) => [Number(r.chat_id), Number(r.message_id)])).toEqual([
      [chats[0], 11],
      [chats[0], 12],
      [chats[2], 11],
    ]);
    expect(new Set(rows.map((r) => r.tx)).size).toBe(1);
  });

  it('refuses to remember messages of a ticket that does not exist', async () => {
    await expect(desk.conversation.remember({ chatId: 1, messageIds: [7], number: 999_999 })).rejects.toThrow(NotFoundError);
    await expect(desk.conversation.remember({ chatId: 1, messageIds: [], number: 999_999 })).resolves.toBeUndefined();
  });
});
