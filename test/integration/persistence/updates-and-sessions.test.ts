import {
  completeUpdate,
  markUpdateProcessed,
  pruneProcessedUpdates,
  releaseUnfinishedUpdates,
} from '../../../src/persistence/repositories/processed-updates';
import {
  deleteDialogSession,
  getDialogSession,
  putDialogSession,
} from '../../../src/persistence/repositories/dialog-sessions';
import { openTestDatabase, type TestDatabase } from '../../support/database';

const NOW = new Date('2026-02-24T08:00:00Z');
const NEXT_DAY = new Date('2026-02-25T08:00:01Z');

describe('processed updates and dialog sessions', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(() => db.close());

  it('marks an update once: a second delivery gets false', async () => {
    const manager = db.dataSource.manager;
    expect(await markUpdateProcessed(manager, 123_456_789_012, NOW)).toBe(true);
    expect(await markUpdateProcessed(manager, 123_456_789_012, NOW)).toBe(false);
    expect(await markUpdateProcessed(manager, 123_456_789_013, NOW)).toBe(true);
  });

  it('forgets the mark when the transaction that handled the update fails', async () => {
    await expect(
      db.dataSource.transaction(async (m) => {
        expect(await markUpdateProcessed(m, 5, NOW)).toBe(true);
        throw new Error('handler failed');
      }),
    ).rejects.toThrow('handler failed');
    expect(await markUpdateProcessed(db.dataSource.manager, 5, NOW)).toBe(true);
  });

  it('prunes old markers', async () => {
    const manager = db.dataSource.manager;
    await markUpdateProcessed(manager, 77, NEXT_DAY);
    expect(await pruneProcessedUpdates(manager, new Date('2026-02-25T00:00:00Z'))).toBe(3);
    expect(await markUpdateProcessed(manager, 5, NEXT_DAY)).toBe(true);
    expect(await markUpdateProcessed(manager, 77, NEXT_DAY)).toBe(false);
  });

  it('lets a redelivery take over a claim whose handler died, never a completed one', async () => {
    const manager = db.dataSource.manager;
    const later = new Date(NEXT_DAY.getTime() + 10 * 60_000);
    expect(await markUpdateProcessed(manager, 9_001, NEXT_DAY)).toBe(true);
    expect(await markUpdateProcessed(manager, 9_002, NEXT_DAY)).toBe(true);
    await completeUpdate(manager, 9_002, NEXT_DAY);
    // Within the lease the open claim still holds; after it, a redelivery takes it over once.
    expect(await markUpdateProcessed(manager, 9_001, later, NEXT_DAY)).toBe(false);
    expect(await markUpdateProcessed(manager, 9_001, later, later)).toBe(true);
    expect(await markUpdateProcessed(manager, 9_001, later, later)).toBe(false);
    expect(await markUpdateProcessed(manager, 9_002, later, later)).toBe(false);
    // At a polling start every open claim is released, so the redelivered update is handled.
    expect(await releaseUnfinishedUpdates(manager)).toBeGreaterThanOrEqual(1);
    expect(await markUpdateProcessed(manager, 9_001, later)).toBe(true);
    expect(await markUpdateProcessed(manager, 9_002, later)).toBe(false);
  });

  it('stores, replaces and deletes the dialog state of one user in one chat', async () => {
    const manager = db.dataSource.manager;
    const key = { chatId: -1_001_234_567_890, userId: 7_000_000_123 };
    const otherChat = { chatId: 7_000_000_123, userId: 7_000_000_123 };
    expect(await getDialogSession(manager, key)).toBeNull();

    const draft = { step: 'subject', draft: { service: 'support.phone', files: ['AgAD1'] }, n: 1.5, ok: true, none: null };
    await putDialogSession(manager, key, draft, NOW);
    await putDialogSession(manager, otherChat, { step: 'menu' }, NOW);
    expect(await getDialogSession(manager, key)).toEqual(draft);

    await putDialogSession(manager, key, { step: 'confirm' }, NEXT_DAY);
    expect(await getDialogSession(manager, key)).toEqual({ step: 'confirm' });

    await deleteDialogSession(manager, key);
    expect(await getDialogSession(manager, key)).toBeNull();
    expect(await getDialogSession(manager, otherChat)).toEqual({ step: 'menu' });
  });
});
