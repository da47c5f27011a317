import { createDesk } from '../../../src/application/desk';
import { startScheduler } from '../../../src/scheduler';
import { OutboxEntity } from '../../../src/persistence/entities';
import { TicketEntity } from '../../../src/persistence/entities';
import { openTestDatabase, type TestDatabase } from '../../support/database';
import { createAdmin, createClient, createCompany, createContract } from '../../support/mothers';
import { createPeople, ctx, ticketIn, type People } from './scheduler-fixtures';

describe('the ticker', () => {
  let db: TestDatabase;
  let people: People;
  let now: Date;
  const clock = { now: () => now };

  beforeAll(async () => {
    db = await openTestDatabase();
    people = await createPeople(db.dataSource.manager);
  });
  afterAll(() => db.close());

  function start() {
    const desk = createDesk({ dataSource: db.dataSource, clock, ...ctx, attachmentMaxBytes: 20 * 1024 * 1024 });
    return startScheduler({ desk, clock, policy: ctx.policy }, { cron: '* * * * * *', batchSize: 10 });
  }

  it('sweeps at once on start and then on every tick', async () => {
    const first = await ticketIn(db, people, 'clarification', new Date('2026-03-03T11:30:00Z'));
    const second = await ticketIn(db, people, 'ready_for_install', new Date('2026-03-05T11:30:00Z'));
    now = new Date('2026-03-18T08:00:00Z');
    const scheduler = start();
    try {
      const report = await scheduler.tick();
      expect(report.sweep.actions).toEqual({ window_end: 1, reminder: 1 }); // the second ticket's latest reminder
      expect((await db.dataSource.manager.findOneBy(TicketEntity, { id: first.id }))?.state).toBe('rejected');

      now = new Date('2026-03-20T08:00:00Z');
      const deadline = Date.now() + 5000;
      while ((await db.dataSource.manager.findOneBy(TicketEntity, { id: second.id }))?.state !== 'done') {
        if (Date.now() > deadline) throw new Error('the cron tick did not come');
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    } finally {
      await scheduler.stop();
    }
  });

  it('tells admins about a contract ending within 14 days and a blocked company’s users why — once each', async () => {
    const m = db.dataSource.manager;
    const admin = await createAdmin(m);
    const ending = await createCompany(m, { name: 'Ending Ltd' });
    const contract = await createContract(m, ending.id, { startsOn: '2026-01-01', endsOn: '2026-04-10', number: 'SUP-END' });
    const renewed = await createCompany(m, { name: 'Renewed Ltd' });
    await createContract(m, renewed.id, { startsOn: '2026-01-01', endsOn: '2026-04-05' });
    await createContract(m, renewed.id, { startsOn: '2026-04-06', endsOn: '2027-04-05' });
    const lapsed = await createCompany(m, { name: 'Lapsed Ltd' });
    await createContract(m, lapsed.id, { startsOn: '2025-04-01', endsOn: '2026-03-31' });
    const lapsedUsers = [await createClient(m, lapsed.id), await createClient(m, lapsed.id)];

    now = new Date('2026-04-01T07:00:00Z'); // Wednesday 10:00 Moscow
    const scheduler = start();
    try {
      await scheduler.tick();
      now = new Date('2026-04-02T07:00:00Z');
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await scheduler.tick();
    } finally {
      await scheduler.stop();
    }

    const rows = await m.find(OutboxEntity, { where: {}, order: { seq: 'ASC' } });
    const ending_ = rows.filter((r) => r.key.startsWith('contract.ending_soon'));
    expect(ending_.filter((r) => r.recipientId === admin.id).map((r) => [r.key, r.params])).toEqual([
      ['contract.ending_soon.support', { contract: contract.number, company: 'Ending Ltd', endsOn: '10.04.2026' }],
    ]);
    expect(ending_.every((r) => r.recipientId === admin.id || r.recipientId === people.adminId)).toBe(true);
    const blocked = rows.filter((r) => r.key === 'contract.company_blocked');
    expect(blocked.map((r) => r.recipientId).sort()).toEqual(lapsedUsers.map((u) => u.id).sort());
    expect(blocked[0]?.params).toMatchObject({ company: 'Lapsed Ltd', endedOn: '01.04.2026' });
    // The admins to contact (issue 14 §7), as people the dispatcher renders as tap-to-open links.
    const contacts = JSON.parse(String((blocked[0]?.params as { contacts?: string } | undefined)?.contacts)) as { displayName: string; username: string | null; telegramId: number }[];
    expect(contacts).toContainEqual({ displayName: admin.displayName, username: admin.username, telegramId: admin.telegramId });
  });
});
