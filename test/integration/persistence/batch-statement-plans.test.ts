import type { EntityManager } from 'typeorm';
import { rememberBotMessages } from '../../../src/persistence/repositories/bot-messages';
import { claimUpdatesWithContext } from '../../../src/persistence/repositories/update-context';
import { openTestDatabase, type TestDatabase } from '../../support/database';
import { createClient, createCompany, createContract, createTicket, seededDepartment } from '../../support/mothers';

const NOW = new Date('2026-03-02T08:00:00Z');

/**
 * The group-commit statements take a JSON recordset, which the planner takes for 100 rows
 * whatever it holds. With plain joins it hashed whole tables for a batch of three — two days of
 * update ids on every claim. Each row must be looked up by its keys: with the tables large, the
 * statement reads none of them whole. pg_stat_xact_user_tables counts the scans this connection
 * has not reported yet (this transaction's among them): compared before and after the statement.
 */
describe('the batch statements probe rows by key, never scan a whole table', () => {
  let db: TestDatabase;
  let clientTelegramId: number;
  let ticketNumber: number;

  beforeAll(async () => {
    db = await openTestDatabase();
    const m = db.dataSource.manager;
    const company = await createCompany(m);
    await createContract(m, company.id);
    const support = await seededDepartment(m, 'support');
    const client = await createClient(m, company.id);
    clientTelegramId = client.telegramId;
    const ticket = await createTicket(m, { companyId: company.id, authorId: client.id, departmentId: support.id });
    ticketNumber = ticket.number;
    // Two days of traffic: update ids, dialogs, bot messages; and many tickets.
    await m.query(`INSERT INTO processed_updates (update_id, processed_at, completed_at)
                   SELECT 700000000 + g, $1::timestamptz - g * interval '1 second', $1 FROM generate_series(1, 30000) g`, [NOW]);
    await m.query(`INSERT INTO bot_sessions (chat_id, user_id, state, updated_at)
                   SELECT 800000000 + g, 800000000 + g, '{"flow":"x"}', $1 FROM generate_series(1, 5000) g`, [NOW]);
    const [columns] = (await m.query(
      `SELECT string_agg(quote_ident(column_name), ', ') AS list FROM information_schema.columns
        WHERE table_schema = current_schema() AND table_name = 'tickets' AND column_name NOT IN ('id', 'number', 'request_key')`,
    )) as { list: string }[];
    await m.query(`INSERT INTO tickets (${columns!.list}) SELECT ${columns!.list} FROM tickets t, generate_series(1, 3000) WHERE t.id = $1`, [ticket.id]);
    await m.query('ANALYZE processed_updates, bot_sessions, tickets, users');
  });
  afterAll(() => db.close());

  async function seqScans(m: EntityManager, table: string): Promise<number> {
    const [row] = (await m.query('SELECT seq_scan FROM pg_stat_xact_user_tables WHERE relname = $1', [table])) as { seq_scan: string }[];
    return Number(row?.seq_scan ?? 0);
  }

  it('the claim of three updates reads processed_updates and bot_sessions by key', async () => {
    await db.dataSource.transaction(async (m) => {
      const before = { updates: await seqScans(m, 'processed_updates'), sessions: await seqScans(m, 'bot_sessions') };
      const contexts = await claimUpdatesWithContext(
        m,
        { now: NOW, staleBefore: new Date(NOW.getTime() - 300_000), forgetBefore: new Date(NOW.getTime() - 48 * 3_600_000), today: '2026-03-02' },
        [
          { updateId: 900000001, telegramId: clientTelegramId, chatId: clientTelegramId, claimer: null },
          { updateId: 700000005, telegramId: 800000005, chatId: 800000005, claimer: null },
          { updateId: 900000003, telegramId: null, chatId: null, claimer: null },
        ],
      );
      // A fresh update, a completed one (not fresh, done), and one without a sender.
      expect(contexts.map((c) => [c.fresh, c.inProgress])).toEqual([
        [true, false],
        [false, false],
        [true, false],
      ]);
      expect(contexts[0]?.user?.telegramId).toBe(clientTelegramId);
      expect(await seqScans(m, 'processed_updates')).toBe(before.updates);
      expect(await seqScans(m, 'bot_sessions')).toBe(before.sessions);
    });
  });

  it('remembering bot messages finds each ticket by its number', async () => {
    await db.dataSource.transaction(async (m) => {
      const before = await seqScans(m, 'tickets');
      const counts = await rememberBotMessages(
        m,
        [
          { chatId: clientTelegramId, messageIds: [11, 12], ticketNumber },
          { chatId: clientTelegramId, messageIds: [13], ticketNumber: 987_654_321 },
        ],
        NOW,
      );
      expect(counts).toEqual([2, 0]);
      expect(await seqScans(m, 'tickets')).toBe(before);
    });
  });
});
