import type { EntityManager } from 'typeorm';
import { claimUpdateWithContext } from '../../../src/persistence/repositories/update-context';
import { TicketEntity } from '../../../src/persistence/entities';
import { lockTicket, saveTicketSnapshot } from '../../../src/persistence/repositories/tickets';
import { openTestDatabase, type TestDatabase } from '../../support/database';
import { createClient, createCompany, createTicket, seededDepartment } from '../../support/mothers';

const NOW = new Date('2026-02-24T08:00:00Z');
const WAIT_MS = 300;
/** The update claim (the CTE of claimUpdateWithContext): true when this delivery may act. */
const claim = (m: EntityManager, updateId: number, now: Date): Promise<boolean> =>
  claimUpdateWithContext(m, { updateId, now, staleBefore: new Date(0), claimer: null, forgetBefore: new Date(0), telegramId: null, chatId: null, today: '2026-03-02' }).then((c) => c.fresh);

/** Resolves to 'waiting' if the promise has not settled within WAIT_MS. */
function settledWithin<T>(promise: Promise<T>): Promise<T | 'waiting'> {
  return Promise.race([promise, new Promise<'waiting'>((resolve) => setTimeout(() => resolve('waiting'), WAIT_MS))]);
}

/** Runs `work` in a transaction that stays open until the returned `commit` is called. */
async function holdTransaction(db: TestDatabase, work: (m: EntityManager) => Promise<void>) {
  let commit!: () => void;
  const committed = new Promise<void>((resolve) => (commit = resolve));
  let started!: () => void;
  const begun = new Promise<void>((resolve) => (started = resolve));
  const done = db.dataSource.transaction(async (m) => {
    await work(m);
    started();
    await committed;
  });
  await begun;
  return { commit, done };
}

describe('row locks', () => {
  let db: TestDatabase;
  let who: { companyId: string; authorId: string; departmentId: string };

  beforeAll(async () => {
    db = await openTestDatabase();
    const manager = db.dataSource.manager;
    const company = await createCompany(manager);
    const client = await createClient(manager, company.id);
    who = { companyId: company.id, authorId: client.id, departmentId: (await seededDepartment(manager)).id };
  });
  afterAll(() => db.close());

  it('a second change of a ticket waits for the first and sees its result', async () => {
    const ticket = await createTicket(db.dataSource.manager, who);
    const first = await holdTransaction(db, async (m) => {
      const locked = await lockTicket(m, ticket.id);
      if (!locked) throw new Error('ticket vanished');
      await saveTicketSnapshot(m, { ...locked, priority: 'high' }, NOW);
    });

    const second = db.dataSource.transaction((m) => lockTicket(m, ticket.id));
    expect(await settledWithin(second)).toBe('waiting');

    first.commit();
    await first.done;
    expect((await second)?.priority).toBe('high');
  });

  describe('on a server with several connections', () => {
    it('the lock holds only the locked ticket: others and plain reads go on', async () => {
      const locked = await createTicket(db.dataSource.manager, who);
      const other = await createTicket(db.dataSource.manager, who);
      const first = await holdTransaction(db, async (m) => {
        await lockTicket(m, locked.id);
      });

      expect(await settledWithin(db.dataSource.transaction((m) => lockTicket(m, other.id)))).toMatchObject({
        id: other.id,
      });
      expect(await settledWithin(db.dataSource.manager.findOneBy(TicketEntity, { id: locked.id }))).toMatchObject({ id: locked.id });
      const blocked = db.dataSource.transaction((m) => lockTicket(m, locked.id));
      expect(await settledWithin(blocked)).toBe('waiting');

      first.commit();
      await first.done;
      expect(await blocked).toMatchObject({ id: locked.id });
    });

    it('an update delivered twice at once is marked by one transaction only', async () => {
      const first = await holdTransaction(db, async (m) => {
        expect(await claim(m, 900_001, NOW)).toBe(true);
      });
      const second = db.dataSource.transaction((m) => claim(m, 900_001, NOW));
      expect(await settledWithin(second)).toBe('waiting');
      first.commit();
      await first.done;
      expect(await second).toBe(false);
    });
  });
});
