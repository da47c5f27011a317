import { refreshTicketSchedule } from '../../../src/application/scheduler/refresh-schedule';
import { transition } from '../../../src/domain/ticket/transition';
import { TicketEntity } from '../../../src/persistence/entities';
import { lockTicket, saveTicketSnapshot } from '../../../src/persistence/repositories/tickets';
import { appendHistory, ticketHistory } from '../../../src/persistence/repositories/ticket-history';
import { openTestDatabase, type TestDatabase } from '../../support/database';
import { createPeople, ctx, outboxFor, runClock, ticketIn, type People } from './scheduler-fixtures';

// Tuesday 2026-03-03 14:30 Moscow: the clarification window ends Tuesday 2026-03-17 14:30.
const ENTERED = new Date('2026-03-03T11:30:00Z');
const WINDOW_ENDS = new Date('2026-03-17T11:30:00Z');

describe('a clarification window on the clock', () => {
  let db: TestDatabase;
  let people: People;

  beforeAll(async () => {
    db = await openTestDatabase();
    people = await createPeople(db.dataSource.manager);
  });
  afterAll(() => db.close());

  it('reminds 7, 3 and 1 days before the end in working hours, then rejects the ticket at the end', async () => {
    const ticket = await ticketIn(db, people, 'clarification', ENTERED);
    await runClock(db, ENTERED, new Date('2026-03-19T00:00:00Z'));

    const rows = await outboxFor(db, ticket.id);
    const reminders = rows.filter((r) => r.key === 'reminder.window.clarification');
    expect(reminders.map((r) => [r.dedupeKey.split(':').pop(), r.nextAttemptAt.toISOString()])).toEqual([
      ['7', '2026-03-10T11:30:00.000Z'], // Tue 14:30, exactly 7 days before
      ['3', '2026-03-16T06:00:00.000Z'], // Sat 14 → Monday 09:00
      ['1', '2026-03-16T11:30:00.000Z'], // Mon 14:30, exactly 1 day before
    ]);
    expect(reminders.every((r) => r.recipientId === people.authorId)).toBe(true);
    expect(reminders[0]?.params).toMatchObject({ number: ticket.number, deadline: '17.03.2026 14:30' });
    expect(reminders[0]?.keyboard).toEqual({
      rows: [[{ action: 'reply', ticket: ticket.number }], [{ action: 'open', ticket: ticket.number }]],
    });

    const stored = await db.dataSource.manager.findOneBy(TicketEntity, { id: ticket.id });
    expect(stored?.state).toBe('rejected');
    expect(stored?.stateChangedAt.toISOString()).toBe(WINDOW_ENDS.toISOString());
    expect(stored?.nextDueAt).toBeNull();

    const history = await ticketHistory(db.dataSource.manager, ticket.id);
    expect(history).toEqual([
      expect.objectContaining({ field: 'state', from: 'clarification', to: 'rejected', actorId: null, at: WINDOW_ENDS }),
    ]);
    const endNotices = rows.filter((r) => r.key === 'notify.auto_rejected');
    expect(endNotices.map((r) => r.recipientId).sort()).toEqual([people.authorId, people.ownerId].sort());
    expect(rows).toHaveLength(5);
  });

  it('stops reminding when the client answers mid-window', async () => {
    const ticket = await ticketIn(db, people, 'clarification', ENTERED);
    await runClock(db, ENTERED, new Date('2026-03-11T09:00:00Z'));
    expect((await outboxFor(db, ticket.id)).map((r) => r.key)).toEqual(['reminder.window.clarification']);

    // The client answers on Wednesday 11th at 12:00 (what the application does on a message).
    const answeredAt = new Date('2026-03-11T09:00:00Z');
    await db.dataSource.transaction(async (m) => {
      const locked = await lockTicket(m, ticket.id);
      if (!locked) throw new Error('ticket vanished');
      const result = transition(locked, { kind: 'client_message', text: 'Here it is' }, {
        actor: { kind: 'user', userId: people.authorId, role: 'client', companyId: people.companyId, departmentId: null },
        now: answeredAt,
        ...ctx,
      });
      await saveTicketSnapshot(m, result.ticket, answeredAt);
      await appendHistory(m, result.effects.filter((e) => e.kind === 'history'));
      await refreshTicketSchedule(m, ticket.id, answeredAt, ctx);
    });
    expect((await db.dataSource.manager.findOneBy(TicketEntity, { id: ticket.id }))?.nextDueKind).toBe('review_warning');

    await runClock(db, answeredAt, new Date('2026-03-20T00:00:00Z'));
    const rows = await outboxFor(db, ticket.id);
    expect(rows.filter((r) => r.key.startsWith('reminder.window.'))).toHaveLength(1);
    expect((await db.dataSource.manager.findOneBy(TicketEntity, { id: ticket.id }))?.state).toBe('new');
    // Entered `new` Wed 11th → due end of Mon 16th; warned Fri 13th 09:00, breach after the deadline.
    expect(rows.filter((r) => r.key === 'reminder.review_warning').map((r) => r.nextAttemptAt.toISOString())).toEqual([
      '2026-03-13T06:00:00.000Z',
      '2026-03-13T06:00:00.000Z',
    ]);
    expect(rows.filter((r) => r.key === 'reminder.review_breach').map((r) => [r.recipientId, r.nextAttemptAt.toISOString()])).toEqual([
      [people.adminId, '2026-03-16T21:00:00.000Z'],
    ]);

    // The engineer asks again on Friday 20th 10:00 Moscow: a new window, a new series of three.
    const askedAt = new Date('2026-03-20T07:00:00Z');
    await db.dataSource.transaction(async (m) => {
      const locked = await lockTicket(m, ticket.id);
      if (!locked) throw new Error('ticket vanished');
      const result = transition(locked, { kind: 'request_clarification', question: 'And the log file, please?' }, {
        actor: { kind: 'user', userId: people.ownerId, role: 'engineer', companyId: null, departmentId: people.departmentId },
        now: askedAt,
        ...ctx,
      });
      await saveTicketSnapshot(m, result.ticket, askedAt);
      await refreshTicketSchedule(m, ticket.id, askedAt, ctx);
    });
    await runClock(db, askedAt, new Date('2026-04-04T00:00:00Z'));
    const second = (await outboxFor(db, ticket.id)).filter((r) => r.key.startsWith('reminder.window.'));
    expect(second.map((r) => r.dedupeKey.replace(`reminder:${ticket.id}:`, ''))).toEqual([
      '2026-03-03T11:30:00.000Z:7',
      '2026-03-20T07:00:00.000Z:7',
      '2026-03-20T07:00:00.000Z:3',
      '2026-03-20T07:00:00.000Z:1',
    ]);
    expect((await db.dataSource.manager.findOneBy(TicketEntity, { id: ticket.id }))?.state).toBe('rejected');
  });
});
