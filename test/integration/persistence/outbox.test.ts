import { OutboxEntity } from '../../../src/persistence/entities';
import {
  claimNotifications,
  enqueueNotification,
  enqueueNotifications,
  recordAbandoned,
  recordRetry,
  recordSent,
  type OutboxMessage,
} from '../../../src/persistence/repositories/outbox';
import { openTestDatabase, type TestDatabase } from '../../support/database';
import { createAdmin } from '../../support/mothers';

const NOW = new Date('2026-02-24T08:00:00Z');
const LATER = new Date('2026-02-24T08:05:00Z');
const seconds = (s: number): Date => new Date(NOW.getTime() + s * 1000);

describe('notification outbox', () => {
  let db: TestDatabase;
  let recipientId: string;

  beforeAll(async () => {
    db = await openTestDatabase();
    recipientId = (await createAdmin(db.dataSource.manager)).id;
  });
  afterAll(() => db.close());
  beforeEach(() => db.dataSource.manager.clear(OutboxEntity));

  const message = (dedupeKey: string, extra: Partial<OutboxMessage> = {}): OutboxMessage => ({
    recipientId,
    key: 'ticket.created',
    params: { number: 17, subject: 'Отчёт не открывается' },
    keyboard: { rows: [[{ action: 'accept', ticket: 17 }], [{ action: 'open', ticket: 17 }]] },
    dedupeKey,
    ...extra,
  });

  it('stores the message with its parameters and buttons', async () => {
    expect(await enqueueNotification(db.dataSource.manager, message('created:17:admin'), NOW)).toBe(true);
    const [row] = await db.dataSource.manager.find(OutboxEntity);
    expect(row).toMatchObject({
      recipientId,
      chatId: null,
      key: 'ticket.created',
      params: { number: 17, subject: 'Отчёт не открывается' },
      keyboard: { rows: [[{ action: 'accept', ticket: 17 }], [{ action: 'open', ticket: 17 }]] },
      status: 'pending',
      attempts: 0,
      nextAttemptAt: NOW,
      createdAt: NOW,
    });
  });

  it('makes a second enqueue with the same dedupe key a no-op', async () => {
    const manager = db.dataSource.manager;
    expect(await enqueueNotification(manager, message('state:17:3'), NOW)).toBe(true);
    expect(await enqueueNotification(manager, message('state:17:3', { key: 'ticket.other' }), LATER)).toBe(false);
    expect(await enqueueNotifications(manager, [message('state:17:3'), message('state:17:4')], LATER)).toBe(1);
    const rows = await manager.find(OutboxEntity, { order: { dedupeKey: 'ASC' } });
    expect(rows.map((r) => [r.dedupeKey, r.key])).toEqual([
      ['state:17:3', 'ticket.created'],
      ['state:17:4', 'ticket.created'],
    ]);
  });

  it('keeps a duplicate out even inside a transaction that goes on afterwards', async () => {
    await db.dataSource.transaction(async (m) => {
      await enqueueNotification(m, message('dup'), NOW);
      expect(await enqueueNotification(m, message('dup'), NOW)).toBe(false);
      expect(await enqueueNotification(m, message('after-dup'), NOW)).toBe(true);
    });
    expect(await db.dataSource.manager.count(OutboxEntity)).toBe(2);
  });

  it('accepts a bare chat id as the recipient, and refuses a message with neither', async () => {
    const manager = db.dataSource.manager;
    expect(await enqueueNotification(manager, message('chat', { recipientId: null, chatId: 7_100_000_001 }), NOW)).toBe(true);
    expect((await manager.findOneByOrFail(OutboxEntity, { dedupeKey: 'chat' })).chatId).toBe(7_100_000_001);
    await expect(enqueueNotification(manager, message('nobody', { recipientId: null }), NOW)).rejects.toThrow(
      /outbox_recipient_check/,
    );
  });

  it('claims due messages once, retries an expired claim, and records the outcome', async () => {
    const manager = db.dataSource.manager;
    await enqueueNotifications(
      manager,
      [message('a'), message('b', { notBefore: seconds(30) }), message('c', { notBefore: seconds(600) })],
      NOW,
    );

    const keyOf = async (id: string): Promise<string> => (await manager.findOneByOrFail(OutboxEntity, { id })).dedupeKey;
    const firstClaim = await claimNotifications(manager, seconds(60), seconds(120), 10, []);
    expect(await Promise.all(firstClaim.map(async (r) => [await keyOf(r.id), r.attempts, r.keyboard]))).toEqual([
      ['a', 1, message('a').keyboard],
      ['b', 1, message('b').keyboard],
    ]);
    expect((await manager.findBy(OutboxEntity, { status: 'sending' })).map((r) => r.dedupeKey).sort()).toEqual(['a', 'b']);
    // Within the lease nobody else takes them.
    expect(await claimNotifications(manager, seconds(90), seconds(150), 10, [])).toEqual([]);

    const [a, b] = firstClaim;
    if (!a || !b) throw new Error('claim returned too little');
    await recordSent(manager, a.id, 501, seconds(61));
    // b's dispatcher died: after the lease it is claimed again.
    const again = await claimNotifications(manager, seconds(121), seconds(181), 10, []);
    expect(await Promise.all(again.map(async (r) => [await keyOf(r.id), r.attempts]))).toEqual([['b', 2]]);

    await recordRetry(manager, b.id, seconds(300), '429 Too Many Requests', true);
    expect(await manager.findOneByOrFail(OutboxEntity, { id: b.id })).toMatchObject({
      status: 'pending',
      nextAttemptAt: seconds(300),
      lastError: '429 Too Many Requests',
    });
    await recordAbandoned(manager, b.id, 'unreachable', '403 Forbidden: bot was blocked by the user');
    expect(await manager.findOneByOrFail(OutboxEntity, { id: a.id })).toMatchObject({
      status: 'sent',
      sentAt: seconds(61),
      telegramMessageId: 501,
    });
    expect((await manager.findOneByOrFail(OutboxEntity, { id: b.id })).status).toBe('unreachable');
  });

  it('claims at most the given number of one chat\'s rows, so a flood to one chat is not claimed and put back', async () => {
    const manager = db.dataSource.manager;
    const other = (await createAdmin(manager)).id;
    await enqueueNotifications(manager, Array.from({ length: 12 }, (_, i) => message(`flood:${i}`)), NOW);
    await enqueueNotifications(manager, [message('other:1', { recipientId: other }), message('other:2', { recipientId: other })], seconds(1));
    const claimed = await claimNotifications(manager, seconds(60), seconds(120), 20, [], null, 5);
    const keys = await Promise.all(claimed.map(async (r) => (await manager.findOneByOrFail(OutboxEntity, { id: r.id })).dedupeKey));
    // The flood's five oldest, then the other chat's two; the flood's other seven stay pending, unclaimed.
    expect(keys).toEqual(['flood:0', 'flood:1', 'flood:2', 'flood:3', 'flood:4', 'other:1', 'other:2']);
    expect(await manager.countBy(OutboxEntity, { status: 'pending' })).toBe(7);
    expect((await manager.findBy(OutboxEntity, { status: 'pending' })).every((r) => r.attempts === 0)).toBe(true);
  });
});
