import { isDatabaseUnavailable } from '../../../src/bot/errors';
import { openDatabase } from '../../../src/persistence/data-source';
import { namedQuery } from '../../../src/persistence/named-query';
import { openTestDatabase, type TestDatabase } from '../../support/database';
import { createCompany } from '../../support/mothers';

describe('statements run by name', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(() => db.close());

  it('return the rows manager.query returns, with the same types', async () => {
    const m = db.dataSource.manager;
    const company = await createCompany(m, { name: 'Named Co' });
    const text = 'SELECT id, name, created_at, $2::int AS n, $3::bigint[] AS ids FROM companies WHERE id = $1';
    const values = [company.id, 7, [1, 2]];
    expect(await namedQuery(m, text, values)).toEqual(await m.query(text, values));
    // The same text again (by then a prepared statement on the server) still answers.
    expect(await namedQuery(m, text, values)).toEqual(await m.query(text, values));
  });

  it("run inside the caller's transaction: they see its rows, and its rollback undoes theirs", async () => {
    await expect(
      db.dataSource.transaction(async (m) => {
        await namedQuery(m, `INSERT INTO companies (name) VALUES ($1)`, ['Inside Co']);
        const seen = await namedQuery<{ n: number }>(m, `SELECT count(*)::int AS n FROM companies WHERE name = $1`, ['Inside Co']);
        expect(seen).toEqual([{ n: 1 }]);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await namedQuery(db.dataSource.manager, `SELECT count(*)::int AS n FROM companies WHERE name = $1`, ['Inside Co'])).toEqual([{ n: 0 }]);
  });

  it('fail as "database unavailable" once the data source is closed', async () => {
    const closed = await openDatabase({ kind: 'postgres', url: db.url, poolSize: 2 });
    await closed.destroy();
    const error: unknown = await namedQuery(closed.manager, 'SELECT 1', []).catch((e: unknown) => e);
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  describe('on the server (embedded or not)', () => {
    it('are parsed once per connection: the statement stays prepared on it', async () => {
      await db.dataSource.transaction(async (m) => {
        const text = 'SELECT $1::text AS echo';
        await namedQuery(m, text, ['a']);
        await namedQuery(m, text, ['b']);
        const prepared = await m.query<{ statement: string }[]>(`SELECT statement FROM pg_prepared_statements WHERE statement = $1`, [text]);
        expect(prepared).toHaveLength(1);
      });
    });
  });
});
