import { ClaimCompletions } from '../../../src/bot/claim-completions';
import { silentLogger } from '../../../src/logger';
import { putDialogSessions } from '../../../src/persistence/repositories/dialog-sessions';
import { completeUpdates } from '../../../src/persistence/repositories/processed-updates';
import { claimUpdateWithContext, type UpdateContextQuery } from '../../../src/persistence/repositories/update-context';
import { findUserByTelegramId } from '../../../src/persistence/repositories/users';
import { openTestDatabase, type TestDatabase } from '../../support/database';
import { createClient, createCompany, createContract, createEngineer, seededDepartment } from '../../support/mothers';

const NOW = new Date('2026-03-02T08:00:00Z');
const LEASE_START = new Date(NOW.getTime() - 5 * 60_000);

describe('claiming an update with its context in one statement', () => {
  let db: TestDatabase;
  let updateId = 4_000_000_000;
  const query = (fields: Partial<UpdateContextQuery>): UpdateContextQuery => ({
    updateId: ++updateId,
    now: NOW,
    staleBefore: LEASE_START,
    claimer: null,
    forgetBefore: new Date(NOW.getTime() - 48 * 3_600_000),
    telegramId: null,
    chatId: null,
    today: '2026-03-02',
    ...fields,
  });

  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(() => db.close());

  it('reads the user exactly as the entity does, with their dialog in this chat', async () => {
    const m = db.dataSource.manager;
    const company = await createCompany(m);
    await createContract(m, company.id);
    const client = await createClient(m, company.id, { blocked: true, blockedReason: 'audit', username: null });
    await putDialogSessions(m, [
      { chatId: client.telegramId, userId: client.telegramId, state: { flow: 'new_ticket', step: 'subject' }, at: NOW },
      { chatId: -100, userId: client.telegramId, state: { flow: 'reply' }, at: NOW },
    ]);

    const context = await claimUpdateWithContext(m, query({ telegramId: client.telegramId, chatId: client.telegramId }));

    expect(context.fresh).toBe(true);
    expect(context.user).toEqual(await findUserByTelegramId(m, client.telegramId));
    expect(context.session).toEqual({ flow: 'new_ticket', step: 'subject' });
    expect(context.regulationVersion).toBe(1);
    expect(context.contractValid).toBe(true);
  });

  it('acts once: the second delivery of an update is not fresh, a stale open claim is taken over', async () => {
    const m = db.dataSource.manager;
    const first = query({});
    expect((await claimUpdateWithContext(m, first)).fresh).toBe(true);
    expect((await claimUpdateWithContext(m, first)).fresh).toBe(false);
    // Within the lease the open claim still holds; after it, a redelivery takes it over once.
    expect((await claimUpdateWithContext(m, { ...first, now: new Date(NOW.getTime() + 60_000) })).fresh).toBe(false);
    const later = new Date(NOW.getTime() + 10 * 60_000);
    expect((await claimUpdateWithContext(m, { ...first, now: later, staleBefore: new Date(later.getTime() - 5 * 60_000) })).fresh).toBe(true);
    expect((await claimUpdateWithContext(m, { ...first, now: later, staleBefore: new Date(later.getTime() - 5 * 60_000) })).fresh).toBe(false);
  });

  it('says whether a client company has a valid contract today and names the company, and nothing for staff or strangers', async () => {
    const m = db.dataSource.manager;
    const lapsed = await createCompany(m, { name: 'Lapsed Ltd' });
    await createContract(m, lapsed.id, { startsOn: '2025-01-01', endsOn: '2026-02-28' });
    const client = await createClient(m, lapsed.id);
    const engineer = await createEngineer(m, (await seededDepartment(m)).id);

    expect(await claimUpdateWithContext(m, query({ telegramId: client.telegramId, chatId: client.telegramId }))).toMatchObject({
      contractValid: false,
      companyName: 'Lapsed Ltd',
    });
    expect((await claimUpdateWithContext(m, query({ telegramId: client.telegramId, today: '2026-02-28' }))).contractValid).toBe(true);
    expect(await claimUpdateWithContext(m, query({ telegramId: engineer.telegramId }))).toMatchObject({ contractValid: null, companyName: null });
    const stranger = await claimUpdateWithContext(m, query({ telegramId: 5_555_555_555, chatId: 5_555_555_555 }));
    expect(stranger).toEqual({ fresh: true, inProgress: false, user: null, session: null, regulationVersion: 1, contractValid: null, companyName: null });
  });

  it('records finished updates as completed in batches, and at flush', async () => {
    const m = db.dataSource.manager;
    const completions = new ClaimCompletions((updateIds) => completeUpdates(m, updateIds, NOW), silentLogger(), { delayMs: 60_000, maxBatch: 3 });
    const ids = [query({}), query({}), query({}), query({})];
    for (const q of ids) await claimUpdateWithContext(m, q);
    const completed = async (): Promise<number> => {
      const [row] = (await m.query(`SELECT count(*)::int AS n FROM processed_updates WHERE update_id = ANY($1::bigint[]) AND completed_at IS NOT NULL`, [
        ids.map((q) => q.updateId),
      ])) as { n: number }[];
      return row?.n ?? 0;
    };

    // Three fill a batch, which goes out at once (the timer is a minute away).
    for (const q of ids.slice(0, 3)) completions.add(q.updateId);
    const deadline = Date.now() + 5_000;
    while ((await completed()) < 3 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(await completed()).toBe(3);
    // The fourth waits for its timer or a flush (an instance flushes at shutdown).
    completions.add(ids[3]!.updateId);
    expect(await completed()).toBe(3);
    await completions.flush();
    expect(await completed()).toBe(4);
    // A completed claim is never taken over, however old.
    const muchLater = new Date(NOW.getTime() + 3_600_000);
    expect((await claimUpdateWithContext(m, { ...ids[0]!, now: muchLater, staleBefore: muchLater })).fresh).toBe(false);
  });
});
