import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Telegram } from 'telegraf';
import { createDesk } from '../../../src/application/desk';
import { DEFAULT_TIME_POLICY, loadBusinessCalendar, type Clock } from '../../../src/domain/calendar';
import { createTranslator, type Translate } from '../../../src/i18n';
import { startDispatcher, type DispatcherOptions, type RunningDispatcher } from '../../../src/notify';
import { OutboxEntity } from '../../../src/persistence/entities';
import { enqueueNotification, type OutboxMessage } from '../../../src/persistence/repositories/outbox';
import type { TestDatabase } from '../../support/database';
import type { FakeTelegram } from '../../../src/fake-telegram';

export const calendar = loadBusinessCalendar(JSON.parse(readFileSync(join(__dirname, '../../../calendar/ru.json'), 'utf8')));
export const policy = DEFAULT_TIME_POLICY;
export const realClock: Clock = { now: () => new Date() };

let translator: Promise<Translate> | null = null;
export function translate(): Promise<Translate> {
  translator ??= createTranslator('ru');
  return translator;
}

export function telegramFor(fake: FakeTelegram): Telegram {
  return new Telegram(fake.token, fake.telegrafOptions().telegram);
}

export async function dispatcherFor(
  db: TestDatabase,
  fake: FakeTelegram,
  options: DispatcherOptions & { clock?: Clock } = {},
): Promise<RunningDispatcher> {
  const clock = options.clock ?? realClock;
  const desk = createDesk({ dataSource: db.dataSource, clock, calendar, policy, attachmentMaxBytes: 20 * 1024 * 1024 });
  return startDispatcher(
    { desk, clock, translate: await translate() },
    { pollMs: 25, telegram: telegramFor(fake), ...options },
  );
}

let keys = 0;
export async function enqueue(db: TestDatabase, message: Partial<OutboxMessage> & Pick<OutboxMessage, 'key'>, now = new Date()): Promise<string> {
  const dedupeKey = message.dedupeKey ?? `test:${process.pid}:${++keys}`;
  await enqueueNotification(db.dataSource.manager, { recipientId: null, ...message, dedupeKey }, now);
  const row = await db.dataSource.manager.findOneByOrFail(OutboxEntity, { dedupeKey });
  return row.id;
}

export function outboxRow(db: TestDatabase, id: string): Promise<OutboxEntity> {
  return db.dataSource.manager.findOneByOrFail(OutboxEntity, { id });
}

/** Waits until none of the rows is pending or being sent. */
export async function settled(db: TestDatabase, ids: readonly string[], timeoutMs = 20_000): Promise<OutboxEntity[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const rows = await Promise.all(ids.map((id) => outboxRow(db, id)));
    if (rows.every((r) => r.status !== 'pending' && r.status !== 'sending')) return rows;
    if (Date.now() > deadline) throw new Error(`outbox rows not settled: ${rows.map((r) => `${r.id}=${r.status}`).join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
