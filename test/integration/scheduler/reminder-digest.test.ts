import { OutboxEntity } from '../../../src/persistence/entities';
import { createClient } from '../../support/mothers';
import { openTestDatabase, type TestDatabase } from '../../support/database';
import { createPeople, runClock, sweep, ticketIn, type People } from './scheduler-fixtures';

// Tuesday 2026-03-03 14:30 Moscow: windows opened then end Tuesday 2026-03-17 14:30 (fixture rule);
// their reminders fall due on 10.03 14:30, 16.03 09:00 and 16.03 14:30.
const ENTERED = new Date('2026-03-03T11:30:00Z');

describe('reminders due to one client at once', () => {
  let db: TestDatabase;
  let people: People;

  beforeAll(async () => {
    db = await openTestDatabase();
    people = await createPeople(db.dataSource.manager);
  });
  afterAll(() => db.close());

  const rowsFor = (recipientId: string): Promise<OutboxEntity[]> =>
    db.dataSource.manager.find(OutboxEntity, { where: { recipientId }, order: { seq: 'ASC' } });

  it('go out as one message listing every ticket, each with its own buttons; another client keeps a single reminder', async () => {
    const first = await ticketIn(db, people, 'clarification', ENTERED);
    const second = await ticketIn(db, people, 'customer_testing', ENTERED);
    const third = await ticketIn(db, people, 'ready_for_install', ENTERED);
    const other = await createClient(db.dataSource.manager, people.companyId);
    const alone = await ticketIn(db, { ...people, authorId: other.id }, 'clarification', ENTERED);

    await runClock(db, ENTERED, new Date('2026-03-17T06:00:00Z'));

    const mine = (await rowsFor(people.authorId)).filter((r) => r.key.startsWith('reminder.'));
    expect(mine.map((r) => [r.key, r.nextAttemptAt.toISOString()])).toEqual([
      ['reminder.digest', '2026-03-10T11:30:00.000Z'],
      ['reminder.digest', '2026-03-16T06:00:00.000Z'],
      ['reminder.digest', '2026-03-16T11:30:00.000Z'],
    ]);
    const [digest] = mine;
    expect(digest?.params).toMatchObject({ count: 3 });
    const lines = String(digest?.params['list']).split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(new RegExp(`^❓ №${first.number} «.*» · ⏳ 17\\.03\\.2026 14:30$`));
    expect(lines[1]).toMatch(new RegExp(`^🧪 №${second.number} «.*» · ⏳ 17\\.03\\.2026 14:30$`));
    expect(lines[2]).toMatch(new RegExp(`^📦 №${third.number} «.*» · ⏳ 17\\.03\\.2026 14:30$`));
    expect(digest?.keyboard).toEqual({
      rows: [
        [{ action: 'reply', ticket: first.number }],
        [{ action: 'open', ticket: first.number }],
        [
          { action: 'confirm', ticket: second.number },
          { action: 'refuse', ticket: second.number },
        ],
        [{ action: 'open', ticket: second.number }],
        [
          { action: 'confirm', ticket: third.number },
          { action: 'report_problem', ticket: third.number },
        ],
        [{ action: 'open', ticket: third.number }],
      ],
    });

    const theirs = (await rowsFor(other.id)).filter((r) => r.key.startsWith('reminder.'));
    expect(theirs.map((r) => r.key)).toEqual(['reminder.window.clarification', 'reminder.window.clarification', 'reminder.window.clarification']);
    expect(theirs.every((r) => r.ticketId === alone.id)).toBe(true);
  });

  it('a sweep redone after a crash enqueues the digest once', async () => {
    const at = new Date('2026-03-10T11:30:00Z');
    const before = await db.dataSource.manager.count(OutboxEntity);
    // Everything due then was handled: nothing is claimed, nothing added.
    const report = await sweep(db, at);
    expect(report.enqueued).toBe(0);
    expect(await db.dataSource.manager.count(OutboxEntity)).toBe(before);
  });
});
