import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createDesk } from '../../../src/application/desk';
import { EXIT, runAdminCli } from '../../../src/cli/run-admin-cli';
import { DEFAULT_TIME_POLICY, loadBusinessCalendar } from '../../../src/domain/calendar';
import { openTestDatabase, type TestDatabase } from '../../support/database';
import { createClient, createCompany, createEngineer, seededDepartment } from '../../support/mothers';

const NOW = new Date('2026-03-02T09:00:00Z');
const calendar = loadBusinessCalendar(JSON.parse(readFileSync(join(__dirname, '../../../calendar/ru.json'), 'utf8')));

describe('an engineer in several departments (admin CLI)', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(() => db.close());

  const desk = () => createDesk({ dataSource: db.dataSource, clock: { now: () => NOW }, calendar, policy: DEFAULT_TIME_POLICY, attachmentMaxBytes: 1 });

  async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runAdminCli(args, {
      out: (l) => out.push(l),
      err: (l) => err.push(l),
      now: () => NOW,
      botUsername: 'desk_test_bot',
      openDesk: async () => ({ desk: desk(), close: async () => undefined }),
    });
    return { code, out: out.join('\n'), err: err.join('\n') };
  }

  it('user join / user leave add and end a membership; the primary department stays', async () => {
    const m = db.dataSource.manager;
    const support = await seededDepartment(m, 'support');
    const sales = await seededDepartment(m, 'sales');
    const engineer = await createEngineer(m, support.id, { telegramId: 7_100_001 });

    expect(await cli('user', 'join', '7100001', '--department', 'sales')).toMatchObject({ code: EXIT.ok, out: expect.stringContaining('now also works in sales') });
    expect(await cli('user', 'join', '7100001', '--department', 'sales')).toMatchObject({ code: EXIT.ok, out: expect.stringContaining('already works in sales') });
    expect(await cli('user', 'join', '7100001', '--department', 'support')).toMatchObject({ code: EXIT.ok, out: expect.stringContaining('already works in support') });
    expect(await desk().departments.memberDepartments({ userId: engineer.id })).toEqual([support.id, sales.id]);

    expect(await cli('user', 'leave', '7100001', '--department', 'sales')).toMatchObject({ code: EXIT.ok, out: expect.stringContaining('no longer works in sales') });
    expect(await desk().departments.memberDepartments({ userId: engineer.id })).toEqual([support.id]);
    expect(await cli('user', 'leave', '7100001', '--department', 'support')).toMatchObject({ code: EXIT.ok, out: expect.stringContaining('was not a member of support') });
  });

  it('a client cannot join a department', async () => {
    const m = db.dataSource.manager;
    const company = await createCompany(m);
    await createClient(m, company.id, { telegramId: 7_100_002 });
    expect((await cli('user', 'join', '7100002', '--department', 'sales')).code).not.toBe(EXIT.ok);
  });
});
