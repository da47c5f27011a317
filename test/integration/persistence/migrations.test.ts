import type { DataSource } from 'typeorm';
import { openTestDatabase, type TestDatabase } from '../../support/database';

const TABLES = [
  'attachments',
  'bot_messages',
  'bot_sessions',
  'budget_approvals',
  'comment_edits',
  'comments',
  'companies',
  'contracts',
  'department_members',
  'departments',
  'hour_charges',
  'invites',
  'migrations',
  'outbox',
  'processed_updates',
  'regulation_acceptances',
  'regulation_versions',
  'send_budget',
  'services',
  'ticket_history',
  'ticket_ratings',
  'ticket_topics',
  'tickets',
  'topic_groups',
  'users',
  'work_logs',
];

async function tables(ds: DataSource): Promise<string[]> {
  const rows: { table_name: string }[] = await ds.query(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`,
  );
  return rows.map((r) => r.table_name);
}

async function sequences(ds: DataSource): Promise<string[]> {
  const rows: { sequence_name: string }[] = await ds.query(
    `SELECT sequence_name FROM information_schema.sequences
      WHERE sequence_schema = 'public' ORDER BY sequence_name`,
  );
  return rows.map((r) => r.sequence_name);
}

async function count(ds: DataSource, table: string): Promise<number> {
  const [row] = await ds.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM ${table}`);
  return row?.n ?? -1;
}

describe('migrations', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(() => db.close());

  it('create every table and the ticket number sequence from zero', async () => {
    expect(await tables(db.dataSource)).toEqual(TABLES);
    expect(await sequences(db.dataSource)).toEqual(['migrations_id_seq', 'ticket_number_seq']);
  });

  it('give every entity column a column of the same name in its table', async () => {
    const rows: { table_name: string; column_name: string }[] = await db.dataSource.query(
      `SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public'`,
    );
    const stored = new Set(rows.map((r) => `${r.table_name}.${r.column_name}`));
    const mapped = db.dataSource.entityMetadatas.flatMap((e) => e.columns.map((c) => `${e.tableName}.${c.databaseName}`));
    expect(db.dataSource.entityMetadatas.map((e) => e.tableName).sort()).toEqual(TABLES.filter((t) => t !== 'migrations'));
    expect(mapped.filter((column) => !stored.has(column))).toEqual([]);
  });

  it('seed the four departments, the service catalog and regulation version 1', async () => {
    const departments: { code: string; name_en: string }[] = await db.dataSource.query(
      'SELECT code, name_en FROM departments ORDER BY code',
    );
    expect(departments).toEqual([
      { code: 'implementation', name_en: 'Implementation' },
      { code: 'quality', name_en: 'Quality control' },
      { code: 'sales', name_en: 'Sales' },
      { code: 'support', name_en: 'Support' },
    ]);

    const services: { code: string; selectable: boolean; billing: string; contract_kind: string | null; dept: string }[] =
      await db.dataSource.query(
        `SELECT s.code, s.selectable, s.billing, s.contract_kind, d.code AS dept
           FROM services s JOIN departments d ON d.id = s.default_department_id ORDER BY s.sort_order`,
      );
    expect(services.map((s) => [s.code, s.selectable, s.billing, s.contract_kind, s.dept])).toEqual([
      ['implementation_paid', true, 'paid', null, 'implementation'],
      ['implementation', true, 'contract', 'implementation', 'implementation'],
      ['quality', true, 'none', null, 'quality'],
      ['sales', true, 'none', null, 'sales'],
      ['support_paid', false, 'paid', null, 'support'],
      ['support_paid.visit', true, 'paid', null, 'support'],
      ['support_paid.modification', true, 'paid', null, 'support'],
      ['support_paid.after_hours', true, 'paid', null, 'support'],
      ['support', false, 'contract', 'support', 'support'],
      ['support.visit', true, 'contract', 'support', 'support'],
      ['support.office_work', true, 'contract', 'support', 'support'],
      ['support.phone', true, 'contract', 'support', 'support'],
      ['support.remote', true, 'contract', 'support', 'support'],
    ]);

    const [regulation] = await db.dataSource.query<{ version: number; url: string; summary_ru: string }[]>(
      'SELECT version, url, summary_ru FROM regulation_versions',
    );
    expect(regulation).toMatchObject({ version: 1, url: 'https://www.medis-plus.ru/OTRS.pdf' });
    expect(regulation?.summary_ru).toContain('3 рабочих дней');
  });

  it('revert down to zero and run up again', async () => {
    const ds = db.dataSource;
    const applied = await count(ds, 'migrations');
    expect(applied).toBe(ds.migrations.length);
    for (let i = 0; i < applied; i++) await ds.undoLastMigration({ transaction: 'each' });

    expect(await tables(ds)).toEqual(['migrations']);
    expect(await sequences(ds)).toEqual(['migrations_id_seq']);
    expect(await count(ds, 'migrations')).toBe(0);

    const ran = await ds.runMigrations({ transaction: 'each' });
    expect(ran.map((m) => m.name)).toEqual(ds.migrations.map((m) => m.name));
    expect(await tables(ds)).toEqual(TABLES);
    expect(await count(ds, 'services')).toBe(13);
  });
});
