import type { EntityManager } from 'typeorm';
import { openTestDatabase, type TestDatabase } from '../../support/database';

/**
 * The sweeps and lists must be served by their indexes, not by reading whole tables. With
 * sequential scans priced out, the plan names the index when the query can use it.
 */
async function plan(manager: EntityManager, sql: string, params: unknown[]): Promise<string> {
  await manager.query('SET LOCAL enable_seqscan = off');
  const rows: Record<string, string>[] = await manager.query(`EXPLAIN ${sql}`, params);
  return rows.map((r) => Object.values(r).join(' ')).join('\n');
}

const DEPARTMENT = '00000000-0000-4000-8000-000000000000';
const NOW = new Date('2026-02-24T08:00:00Z');

describe('query plans', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(() => db.close());

  const explain = (sql: string, params: unknown[] = []): Promise<string> =>
    db.dataSource.transaction((m) => plan(m, sql, params));

  it('reads the queue in order from tickets_queue_idx', async () => {
    const text = await explain(
      `SELECT id FROM tickets WHERE department_id = $1 AND state IN ('new', 'accepted')
        ORDER BY (priority = 'high') DESC, entered_new_at, number LIMIT 10`,
      [DEPARTMENT],
    );
    expect(text).toContain('tickets_queue_idx');
    expect(text).not.toMatch(/\bSort\b/);
  });

  it('finds due tickets through tickets_next_due_idx', async () => {
    expect(await explain('SELECT id FROM tickets WHERE next_due_at <= $1 ORDER BY next_due_at LIMIT 10', [NOW])).toContain(
      'tickets_next_due_idx',
    );
  });

  it('finds due notifications through outbox_due_idx', async () => {
    expect(
      await explain(
        `SELECT id FROM outbox WHERE status IN ('pending', 'sending') AND next_attempt_at <= $1 ORDER BY next_attempt_at LIMIT 10`,
        [NOW],
      ),
    ).toContain('outbox_due_idx');
  });

  it("lists a company's tickets newest first through tickets_company_idx", async () => {
    const text = await explain('SELECT id FROM tickets WHERE company_id = $1 ORDER BY number DESC LIMIT 10', [DEPARTMENT]);
    expect(text).toContain('tickets_company_idx');
  });
});
