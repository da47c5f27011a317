import { createDesk } from '../../../src/application/desk';
import { UPDATE_CLAIM_LEASE_MS } from '../../../src/application/session/update-ledger';
import { openTestDatabase, type TestDatabase } from '../../support/database';
import { createClient, createCompany, createContract, createEngineer, seededDepartment } from '../../support/mothers';
import { appDeps, manualClock } from './fixture';

const NOW = new Date('2026-03-02T08:00:00Z');

describe('the session desk: update ledger, dialogs, reachability', () => {
  let db: TestDatabase;
  const clock = manualClock(NOW);
  let desk: ReturnType<typeof createDesk>;
  let updateId = 6_000_000_000;
  const claim = (fields: { updateId?: number; now?: Date; telegramId?: number | null; chatId?: number | null } = {}) =>
    desk.session.claimUpdate({ updateId: fields.updateId ?? ++updateId, now: fields.now ?? NOW, telegramId: fields.telegramId ?? null, chatId: fields.chatId ?? null });

  beforeAll(async () => {
    db = await openTestDatabase();
    desk = createDesk(appDeps(db.dataSource, clock));
  });
  afterAll(() => db.close());

  it('claims an update with its sender as a plain view and the domain actor', async () => {
    const m = db.dataSource.manager;
    const company = await createCompany(m, { name: 'Clinic "Health"' });
    await createContract(m, company.id);
    const client = await createClient(m, company.id, { username: 'anna' });
    const context = await claim({ telegramId: client.telegramId, chatId: client.telegramId });
    expect(context).toEqual({
      fresh: true,
      // Nobody else is handling this update (issue 11: a live claimer elsewhere makes it true).
      inProgress: false,
      user: {
        id: client.id,
        telegramId: client.telegramId,
        role: 'client',
        companyId: company.id,
        departmentId: null,
        language: client.language,
        displayName: client.displayName,
        username: 'anna',
        blocked: false,
        blockedReason: null,
        acceptedRegulationVersion: client.acceptedRegulationVersion,
        unreachable: false,
      },
      actor: { kind: 'user', userId: client.id, role: 'client', companyId: company.id, departmentId: null },
      dialog: null,
      regulationVersion: 1,
      contractValid: true,
      // Read with the claim for titles (/my, /hours) and the no-contract notice.
      companyName: 'Clinic "Health"',
    });
    // A view, not an entity: nothing but the fields above.
    expect(Object.getPrototypeOf(context.user)).toBe(Object.prototype);
    expect(await claim({ telegramId: 5_555_555_555 })).toMatchObject({ fresh: true, user: null, actor: null, contractValid: null, companyName: null });
  });

  it('acts once per update: a duplicate is not fresh, an open claim is taken over after the lease, a completed one never', async () => {
    const open = ++updateId;
    const done = ++updateId;
    expect((await claim({ updateId: open })).fresh).toBe(true);
    expect((await claim({ updateId: done })).fresh).toBe(true);
    await desk.session.completeUpdates([done]);
    const withinLease = new Date(NOW.getTime() + UPDATE_CLAIM_LEASE_MS - 1_000);
    expect((await claim({ updateId: open, now: withinLease })).fresh).toBe(false);
    const afterLease = new Date(NOW.getTime() + UPDATE_CLAIM_LEASE_MS + 1_000);
    expect((await claim({ updateId: open, now: afterLease })).fresh).toBe(true);
    expect((await claim({ updateId: open, now: afterLease })).fresh).toBe(false);
    expect((await claim({ updateId: done, now: new Date(NOW.getTime() + 86_400_000) })).fresh).toBe(false);
  });

  it('releases every unfinished claim at a polling start, so the redelivery is handled; completed ones stay', async () => {
    const open = ++updateId;
    const done = ++updateId;
    await claim({ updateId: open });
    await claim({ updateId: done });
    await desk.session.completeUpdates([done]);
    expect(await desk.session.releaseUnfinishedUpdates()).toBeGreaterThanOrEqual(1);
    expect((await claim({ updateId: open })).fresh).toBe(true);
    expect((await claim({ updateId: done })).fresh).toBe(false);
  });

  it('stores, replaces and clears the dialog of one user in one chat; the claim reads it back', async () => {
    const userId = 7_000_000_123;
    const group = -1_001_234_567_890;
    const draft = { flow: 'new_ticket', draft: { service: 'support.phone', files: ['AgAD1'] }, n: 1.5, ok: true, none: null };
    expect((await claim({ telegramId: userId, chatId: group })).dialog).toBeNull();
    await desk.session.saveDialog({ chatId: group, userId, state: draft });
    await desk.session.saveDialog({ chatId: userId, userId, state: { flow: 'reply', number: 4 } });
    expect((await claim({ telegramId: userId, chatId: group })).dialog).toEqual(draft);
    await desk.session.saveDialog({ chatId: group, userId, state: { flow: 'refuse', number: 3 } });
    expect((await claim({ telegramId: userId, chatId: group })).dialog).toEqual({ flow: 'refuse', number: 3 });
    await desk.session.clearDialog({ chatId: group, userId });
    expect((await claim({ telegramId: userId, chatId: group })).dialog).toBeNull();
    expect((await claim({ telegramId: userId, chatId: userId })).dialog).toEqual({ flow: 'reply', number: 4 });
  });

  it('claims the updates that arrive at the same time in one statement, each with its own sender and dialog', async () => {
    const m = db.dataSource.manager;
    const company = await createCompany(m, { name: 'Batch Co' });
    await createContract(m, company.id);
    const clients = await Promise.all([1, 2, 3].map(() => createClient(m, company.id)));
    await desk.session.saveDialog({ chatId: clients[1]?.telegramId ?? 0, userId: clients[1]?.telegramId ?? 0, state: { flow: 'reply', number: 9 } });
    const ids = [1, 2, 3].map(() => ++updateId);
    const contexts = await Promise.all(
      clients.map((client, i) => claim({ updateId: ids[i], telegramId: client.telegramId, chatId: client.telegramId })),
    );
    expect(contexts.map((c) => [c.fresh, c.user?.id, c.companyName, c.contractValid])).toEqual(
      clients.map((client) => [true, client.id, 'Batch Co', true]),
    );
    expect(contexts.map((c) => c.dialog)).toEqual([null, { flow: 'reply', number: 9 }, null]);
    const rows = await db.dataSource.query<{ tx: string }[]>('SELECT xmin::text AS tx FROM processed_updates WHERE update_id = ANY($1::bigint[])', [ids]);
    expect(rows).toHaveLength(3);
    expect(new Set(rows.map((row) => row.tx)).size).toBe(1);
  });

  it('a second delivery of an update claimed at the same moment is not fresh: it waits for the next batch', async () => {
    const id = ++updateId;
    const both = await Promise.all([claim({ updateId: id }), claim({ updateId: id }), claim()]);
    expect(both.map((c) => c.fresh)).toEqual([true, false, true]);
    expect(both[1]?.inProgress).toBe(true);
  });

  it('writes the dialogs of updates handled at the same time in one statement, the last write of a dialog winning', async () => {
    const users = [1, 2, 3, 4, 5].map((i) => 7_100_000_000 + i);
    const [first] = users;
    await Promise.all([
      ...users.map((userId) => desk.session.saveDialog({ chatId: userId, userId, state: { flow: 'reply', number: userId } })),
      desk.session.saveDialog({ chatId: first ?? 0, userId: first ?? 0, state: { flow: 'refuse', number: 1 } }),
    ]);
    const rows = await db.dataSource.query<{ user_id: string; state: unknown; tx: string }[]>(
      'SELECT user_id::text, state, xmin::text AS tx FROM bot_sessions WHERE user_id = ANY($1::bigint[]) ORDER BY user_id',
      [users],
    );
    expect(rows.map((row) => row.state)).toEqual([{ flow: 'refuse', number: 1 }, ...users.slice(1).map((number) => ({ flow: 'reply', number }))]);
    // One transaction wrote them all: one statement, not five.
    expect(new Set(rows.map((row) => row.tx)).size).toBe(1);
    expect((await claim({ telegramId: users[2], chatId: users[2] })).dialog).toEqual({ flow: 'reply', number: users[2] });
  });

  it('a dialog the database refuses fails only its own save, not the others of its batch', async () => {
    const ok = [7_200_000_001, 7_200_000_003];
    const results = await Promise.allSettled([
      desk.session.saveDialog({ chatId: ok[0] ?? 0, userId: ok[0] ?? 0, state: { flow: 'reply', number: 1 } }),
      // Beyond bigint: PostgreSQL refuses the row.
      desk.session.saveDialog({ chatId: 2 ** 70, userId: 7_200_000_002, state: { flow: 'reply', number: 2 } }),
      desk.session.saveDialog({ chatId: ok[1] ?? 0, userId: ok[1] ?? 0, state: { flow: 'reply', number: 3 } }),
    ]);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const rows = await db.dataSource.query<{ n: number }[]>('SELECT count(*)::int AS n FROM bot_sessions WHERE user_id = ANY($1::bigint[])', [
      [...ok, 7_200_000_002],
    ]);
    expect(rows[0]?.n).toBe(2);
  });

  it('marks a user unreachable and reachable again', async () => {
    const m = db.dataSource.manager;
    const department = await seededDepartment(m);
    const engineer = await createEngineer(m, department.id);
    await desk.session.markReachability({ userId: engineer.id, reachable: false });
    expect((await claim({ telegramId: engineer.telegramId })).user?.unreachable).toBe(true);
    await desk.session.markReachability({ userId: engineer.id, reachable: true });
    expect((await claim({ telegramId: engineer.telegramId })).user?.unreachable).toBe(false);
  });
});
