import { TicketEntity } from '../../../src/persistence/entities';
import { ticketHistory } from '../../../src/persistence/repositories/ticket-history';
import { openTestDatabase, type TestDatabase } from '../../support/database';
import { createPeople, outboxFor, sweep, ticketIn, type People } from './scheduler-fixtures';

const BEFORE_DOWNTIME = new Date('2026-03-03T09:00:00Z');
/** Thursday 2026-03-12 13:00 Moscow, a week later. */
const BACK = new Date('2026-03-12T10:00:00Z');

describe('the first sweep after a week of downtime', () => {
  let db: TestDatabase;
  let people: People;

  beforeAll(async () => {
    db = await openTestDatabase();
    people = await createPeople(db.dataSource.manager);
  });
  afterAll(() => db.close());

  it('does everything that fell due, once, without stale reminders or warnings', async () => {
    // Window ends Fri 13th 15:00: the 7- and 3-day reminders fell in the downtime, the 1-day one is ahead.
    const pending = await ticketIn(db, people, 'clarification', new Date('2026-02-27T12:00:00Z'));
    // Window ended Thu 12th 12:00 Moscow, during the downtime.
    const expired = await ticketIn(db, people, 'customer_testing', new Date('2026-02-26T09:00:00Z'));
    // Entered Mon 2nd: warning Wed 4th, deadline end of Thu 5th — both passed.
    const overdue = await ticketIn(db, people, 'new', new Date('2026-03-02T07:00:00Z'));

    expect((await sweep(db, BEFORE_DOWNTIME)).tickets).toBe(0);
    const report = await sweep(db, BACK);
    expect(report.tickets).toBe(3);
    expect(report.actions).toEqual({ reminder: 1, window_end: 1, review_breach: 1 });

    const reminders = await outboxFor(db, pending.id);
    expect(reminders.map((r) => [r.key, r.dedupeKey.split(':').pop(), r.nextAttemptAt.toISOString()])).toEqual([
      ['reminder.window.clarification', '3', BACK.toISOString()],
    ]);

    expect((await db.dataSource.manager.findOneBy(TicketEntity, { id: expired.id }))?.state).toBe('done');
    expect((await outboxFor(db, expired.id)).map((r) => r.key)).toEqual(['notify.auto_closed.customer_testing', 'notify.auto_closed.customer_testing']);
    expect(await ticketHistory(db.dataSource.manager, expired.id)).toEqual([
      expect.objectContaining({ from: 'customer_testing', to: 'done', actorId: null, at: BACK }),
    ]);

    expect((await outboxFor(db, overdue.id)).map((r) => [r.key, r.recipientId])).toEqual([['reminder.review_breach', people.adminId]]);

    // Nothing is done twice; the 1-day reminder comes at its own time.
    expect((await sweep(db, BACK)).tickets).toBe(0);
    const later = await sweep(db, new Date('2026-03-12T12:00:00Z'));
    expect(later.actions).toEqual({ reminder: 1 });
    expect((await outboxFor(db, pending.id)).map((r) => r.dedupeKey.split(':').pop())).toEqual(['3', '1']);
  });
});

describe('coming back at night', () => {
  let db: TestDatabase;
  let people: People;

  beforeAll(async () => {
    db = await openTestDatabase();
    people = await createPeople(db.dataSource.manager);
  });
  afterAll(() => db.close());

  it('queues an overdue reminder for the morning, not for 02:00', async () => {
    const ticket = await ticketIn(db, people, 'clarification', new Date('2026-02-27T12:00:00Z'));
    const night = new Date('2026-03-11T23:00:00Z'); // Thursday 12th, 02:00 Moscow
    expect((await sweep(db, night)).actions).toEqual({ reminder: 1 });
    const [row] = await outboxFor(db, ticket.id);
    expect(row?.nextAttemptAt.toISOString()).toBe('2026-03-12T06:00:00.000Z');
  });
});
