import { lockTicketForWriting } from '../../../src/application/tickets/ticket-ref';
import { NotFoundError } from '../../../src/domain/ticket/errors';
import type { UserEntity } from '../../../src/persistence/entities';
import { openTestDatabase, type TestDatabase } from '../../support/database';
import { createClient, createCompany, createContract, createEngineer, createTicket, seededDepartment } from '../../support/mothers';
import { actorOf } from './fixture';

let db: TestDatabase;
let client: UserEntity;
let outOfContract: UserEntity;
let engineer: UserEntity;
let ticket: { id: string; number: number };

beforeAll(async () => {
  db = await openTestDatabase();
  const m = db.dataSource.manager;
  const company = await createCompany(m);
  await createContract(m, company.id);
  const lapsed = await createCompany(m);
  await createContract(m, lapsed.id, { startsOn: '2025-01-01', endsOn: '2025-12-31' });
  const support = await seededDepartment(m, 'support');
  client = await createClient(m, company.id);
  outOfContract = await createClient(m, lapsed.id);
  engineer = await createEngineer(m, support.id);
  ticket = await createTicket(m, { companyId: company.id, authorId: client.id, departmentId: support.id });
});
afterAll(() => db.close());

const DAY = '2026-03-02';

describe('lockTicketForWriting: the ticket locked and its writer, one statement', () => {
  it('reads the ticket by number or by id with the acting user as stored, the contract validity and the regulation version', async () => {
    await db.dataSource.transaction(async (m) => {
      const byNumber = await lockTicketForWriting(m, { number: ticket.number }, actorOf(client), DAY);
      expect(byNumber.ticket).toMatchObject({ id: ticket.id, number: ticket.number });
      expect(byNumber.user?.id).toBe(client.id);
      expect(byNumber.actor).toMatchObject({ kind: 'user', userId: client.id, role: 'client' });
      expect(byNumber.contractValid).toBe(true);
      const [latest] = (await m.query('SELECT max(version) AS v FROM regulation_versions')) as { v: number | null }[];
      expect(byNumber.regulationVersion).toBe(latest?.v === null || latest?.v === undefined ? null : Number(latest.v));
      const byId = await lockTicketForWriting(m, { id: ticket.id }, actorOf(engineer), DAY);
      expect(byId.ticket.number).toBe(ticket.number);
      expect(byId.user?.id).toBe(engineer.id);
      // Staff have no contract of their own: null, as findUserWithContract says.
      expect(byId.contractValid).toBeNull();
      const lapsed = await lockTicketForWriting(m, { id: ticket.id }, actorOf(outOfContract), DAY);
      expect(lapsed.contractValid).toBe(false);
    });
  });

  it('finds the comment a Telegram message already became (a redelivery), and none for a new message or no message', async () => {
    const m = db.dataSource.manager;
    const [stored] = (await m.query(
      `INSERT INTO comments (ticket_id, author_id, visibility, text, source_chat_id, source_message_id, created_at)
       VALUES ($1, $2, 'public', 'first delivery', 555, 77, now()) RETURNING id`,
      [ticket.id, client.id],
    )) as { id: string }[];
    await db.dataSource.transaction(async (t) => {
      expect((await lockTicketForWriting(t, { id: ticket.id }, actorOf(client), DAY, { chatId: 555, messageId: 77 })).storedCommentId).toBe(stored!.id);
      expect((await lockTicketForWriting(t, { id: ticket.id }, actorOf(client), DAY, { chatId: 555, messageId: 78 })).storedCommentId).toBeNull();
      expect((await lockTicketForWriting(t, { id: ticket.id }, actorOf(client), DAY)).storedCommentId).toBeNull();
    });
  });

  it('the system writes without a user', async () => {
    await db.dataSource.transaction(async (m) => {
      const system = await lockTicketForWriting(m, { id: ticket.id }, 'system', DAY);
      expect(system).toMatchObject({ actor: { kind: 'system' }, user: null, contractValid: null });
    });
  });

  it('no such ticket is NotFoundError(ticket), even for a user who is gone too; a gone user on a real ticket is NotFoundError(user)', async () => {
    const ghost = { ...actorOf(client), userId: '00000000-0000-4000-8000-000000000000' };
    await db.dataSource.transaction(async (m) => {
      await expect(lockTicketForWriting(m, { number: 987_654 }, ghost, DAY)).rejects.toMatchObject({ constructor: NotFoundError, entity: 'ticket', id: '987654' });
    });
    await db.dataSource.transaction(async (m) => {
      await expect(lockTicketForWriting(m, { number: ticket.number }, ghost, DAY)).rejects.toMatchObject({ constructor: NotFoundError, entity: 'user', id: ghost.userId });
    });
  });

  it('holds the ticket row locked until the transaction ends (a second writer cannot take it)', async () => {
    await db.dataSource.transaction(async (m) => {
      await lockTicketForWriting(m, { id: ticket.id }, actorOf(client), DAY);
      const other = db.dataSource.createQueryRunner();
      try {
        await other.startTransaction();
        await expect(other.query('SELECT id FROM tickets WHERE id = $1 FOR UPDATE NOWAIT', [ticket.id])).rejects.toThrow(/could not obtain lock/);
        await other.rollbackTransaction();
      } finally {
        await other.release();
      }
    });
  });
});
