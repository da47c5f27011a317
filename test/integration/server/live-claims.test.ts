import { createDesk } from '../../../src/application/desk';
import type { AppDeps } from '../../../src/application/deps';
import { DEFAULT_TIME_POLICY } from '../../../src/domain/calendar';
import { holdInstanceLiveness, type InstanceLiveness } from '../../../src/persistence/instance-liveness';
import { claimNotifications } from '../../../src/persistence/repositories/outbox';
import { pruneFinishedOutbox, pruneIdleDialogs } from '../../../src/persistence/repositories/housekeeping';
import { openTestDatabase, type TestDatabase } from '../../support/database';
import { enqueue } from '../notify/notify-fixtures';
import { calendar } from './server-fixtures';

/**
 * Issue 11: claims follow the process that holds them. An instance's liveness is a session
 * advisory lock; its update and outbox claims name it. A dead claimer's work is taken over at
 * once, a live one's never. Old update ids are forgotten (Telegram reuses ids), and the ledgers
 * are pruned.
 */
let db: TestDatabase;
let app: AppDeps;
const held: InstanceLiveness[] = [];

beforeAll(async () => {
  db = await openTestDatabase();
  app = { dataSource: db.dataSource, clock: { now: () => new Date() }, calendar, policy: DEFAULT_TIME_POLICY, attachmentMaxBytes: 1 };
});

afterAll(async () => {
  for (const l of held) await l.stop();
  await db?.close();
});

async function live(): Promise<InstanceLiveness> {
  const liveness = holdInstanceLiveness(db.dataSource);
  held.push(liveness);
  await liveness.ready();
  return liveness;
}

let nextUpdate = 900_000 + (process.pid % 1000) * 100;
const claim = (updateId: number, claimer: number | null, now = new Date()) =>
  createDesk(app).session.claimUpdate({ updateId, now, telegramId: null, chatId: null, claimer });

describe('update claims', () => {
  test('a redelivery while the claimer lives is not handled (and says it is in progress); once it dies, at once', async () => {
    const a = await live();
    const b = await live();
    const id = ++nextUpdate;
    await expect(claim(id, a.id)).resolves.toMatchObject({ fresh: true });
    await expect(claim(id, b.id)).resolves.toMatchObject({ fresh: false, inProgress: true });
    await a.stop();
    // No lease to wait for: the lock died with its session.
    await expect(claim(id, b.id)).resolves.toMatchObject({ fresh: true });
    await expect(claim(id, b.id + 1)).resolves.toMatchObject({ fresh: false, inProgress: true });
  });

  test('the claimer itself takes its own open claim back (its handling failed unacknowledged); a completed update never acts again', async () => {
    const a = await live();
    const id = ++nextUpdate;
    await claim(id, a.id);
    await expect(claim(id, a.id)).resolves.toMatchObject({ fresh: true });
    await createDesk(app).session.completeUpdates([id]);
    await expect(claim(id, a.id)).resolves.toMatchObject({ fresh: false, inProgress: false });
    const other = await live();
    await expect(claim(id, other.id)).resolves.toMatchObject({ fresh: false, inProgress: false });
  });

  test('a released claim is handled by any instance; an id older than 48 h is another update', async () => {
    const a = await live();
    const b = await live();
    const id = ++nextUpdate;
    await claim(id, a.id);
    await createDesk(app).session.releaseUpdates({ updateIds: [id], claimer: a.id });
    await expect(claim(id, b.id)).resolves.toMatchObject({ fresh: true });
    await createDesk(app).session.completeUpdates([id]);
    const later = new Date(Date.now() + 49 * 3_600_000);
    await expect(claim(id, b.id, later)).resolves.toMatchObject({ fresh: true });
  });

  test('housekeeping forgets update ids after 48 h, finished outbox rows and idle dialogs after their ages', async () => {
    const m = db.dataSource.manager;
    const old = new Date(Date.now() - 3 * 86_400_000);
    await m.query(`INSERT INTO processed_updates (update_id, processed_at, completed_at) SELECT g, $1::timestamptz, $1::timestamptz FROM generate_series(1, 12000) g ON CONFLICT DO NOTHING`, [old]);
    expect(Number((await m.query(`SELECT count(*) AS n FROM processed_updates WHERE processed_at < now() - interval '2 days'`))[0].n)).toBe(12000);
    const sent = await enqueue(db, { key: 'common.yes', chatId: 1, dedupeKey: `old-sent-${Date.now()}` });
    await m.query(`UPDATE outbox SET status = 'sent', sent_at = now() - interval '40 days' WHERE id = $1`, [sent]);
    const waiting = await enqueue(db, { key: 'common.yes', chatId: 1, dedupeKey: `old-pending-${Date.now()}`, notBefore: new Date(Date.now() + 86_400_000) });
    await m.query(`UPDATE outbox SET created_at = now() - interval '40 days' WHERE id = $1`, [waiting]);
    await m.query(`INSERT INTO bot_sessions (chat_id, user_id, state, updated_at) VALUES (1, 1, '{"flow":"x"}', now() - interval '40 days'), (2, 2, '{"flow":"x"}', now())`);
    const report = await createDesk(app).session.pruneLedgers({ now: new Date(), outboxRetentionDays: 30, dialogRetentionDays: 30, batch: 5000 });
    expect(report.updates).toBeGreaterThanOrEqual(12000);
    expect(report.outbox).toBe(1);
    expect(report.dialogs).toBe(1);
    const left = await m.query(`SELECT id FROM outbox WHERE id = ANY($1::uuid[])`, [[sent, waiting]]);
    expect(left).toEqual([{ id: waiting }]);
    expect(await pruneFinishedOutbox(m, new Date(), 10)).toBeGreaterThanOrEqual(0);
    expect(await pruneIdleDialogs(m, new Date(Date.now() - 86_400_000), 10)).toBe(0);
  });
});

describe('outbox claims', () => {
  test('a row claimed by a live dispatcher is never taken from it, even after its lease; one whose dispatcher died is taken at once', async () => {
    const a = await live();
    const b = await live();
    const id = await enqueue(db, { key: 'common.yes', chatId: 4_242_001, dedupeKey: `live-${Date.now()}` });
    const now = new Date();
    const claimedByA = await claimNotifications(db.dataSource.manager, now, new Date(now.getTime() + 1000), 10, [], a.id);
    expect(claimedByA.map((r) => r.id)).toContain(id);
    const afterLease = new Date(now.getTime() + 60_000);
    const byB = await claimNotifications(db.dataSource.manager, afterLease, new Date(afterLease.getTime() + 1000), 10, [], b.id);
    expect(byB.map((r) => r.id)).not.toContain(id);
    await a.stop();
    const soon = new Date(now.getTime() + 10);
    const taken = await claimNotifications(db.dataSource.manager, soon, new Date(soon.getTime() + 120_000), 10, [], b.id);
    expect(taken.map((r) => r.id)).toContain(id);
  });
});
