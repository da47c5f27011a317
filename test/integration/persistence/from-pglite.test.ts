import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { openDatabase } from '../../../src/persistence/data-source';
import { CompanyEntity, TicketEntity, UserEntity } from '../../../src/persistence/entities';
import { fromPglite, type OldDatabase } from '../../../src/persistence/from-pglite';
import { openTestDatabase, type TestDatabase } from '../../support/database';
import { createClient, createCompany, createContract, createTicket, seededDepartment } from '../../support/mothers';

/**
 * The copy out of a former PGlite directory. PGlite itself is not a dependency any more (the
 * command installs it on demand), so here the "old database" is another PostgreSQL database
 * with the same schema, read through the same interface.
 */
describe('npm run data:from-pglite', () => {
  let source: TestDatabase;
  let dir: string;
  const oldDatabase = async (): Promise<OldDatabase> => {
    const client = new Client({ connectionString: source.url });
    await client.connect();
    return { query: async <T>(sql: string, parameters?: unknown[]) => (await client.query(sql, parameters)).rows as T[], close: () => client.end() };
  };

  beforeAll(async () => {
    source = await openTestDatabase();
    dir = mkdtempSync(join(tmpdir(), 'desk-from-pglite-'));
    chmodSync(dir, 0o755);
  });
  afterAll(async () => {
    await source.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('moves the old directory aside and copies every row and sequence into the embedded PostgreSQL', async () => {
    const m = source.dataSource.manager;
    const company = await createCompany(m, { name: 'Поликлиника №5' });
    await createContract(m, company.id, { monthlyHours: 40 });
    const department = await seededDepartment(m, 'support');
    const client = await createClient(m, company.id, { telegramId: 7_000_111, displayName: 'Olga' });
    const who = { companyId: company.id, authorId: client.id, departmentId: department.id };
    await createTicket(m, who, { subject: 'First' });
    const last = await createTicket(m, who, { subject: 'Second' });

    const dataDir = join(dir, 'data');
    mkdirSync(dataDir);
    writeFileSync(join(dataDir, 'PG_VERSION'), '17\n');
    const lines: string[] = [];
    await fromPglite(dataDir, { out: (line) => lines.push(line), openOld: oldDatabase });
    expect(existsSync(join(`${dataDir}-pglite`, 'PG_VERSION'))).toBe(true);
    expect(lines.at(-1)).toContain('Copied');

    const copied = await openDatabase({ kind: 'embedded', dataDir });
    try {
      expect(await copied.manager.findOneByOrFail(CompanyEntity, { id: company.id })).toMatchObject({ name: 'Поликлиника №5' });
      expect(await copied.manager.findOneByOrFail(UserEntity, { id: client.id })).toMatchObject({ displayName: 'Olga' });
      expect((await copied.manager.find(TicketEntity, { order: { number: 'ASC' } })).map((t) => t.subject)).toEqual(['First', 'Second']);
      // The next ticket number continues after the copied ones.
      const [next] = await copied.query<{ n: number }[]>(`SELECT nextval('ticket_number_seq')::int AS n`);
      expect(next?.n).toBe(last.number + 1);
    } finally {
      await copied.destroy();
    }
  });

  it('refuses a directory that is not a PGlite one, and one whose -pglite copy exists already', async () => {
    const plain = join(dir, 'plain');
    mkdirSync(plain);
    await expect(fromPglite(plain, { out: () => undefined, openOld: oldDatabase })).rejects.toThrow(/not a data directory of the PGlite engine/);
    const again = join(dir, 'again');
    mkdirSync(again);
    writeFileSync(join(again, 'PG_VERSION'), '17\n');
    mkdirSync(`${again}-pglite`);
    await expect(fromPglite(again, { out: () => undefined, openOld: oldDatabase })).rejects.toThrow(/exists already/);
  });
});
