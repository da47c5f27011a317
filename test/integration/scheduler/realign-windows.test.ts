import { realignWindowEnds } from '../../../src/application/scheduler/realign-windows';
import { windowEnd } from '../../../src/domain/calendar/window-end';
import { TicketEntity } from '../../../src/persistence/entities';
import { openTestDatabase, type TestDatabase } from '../../support/database';
import { createPeople, ctx, ticketIn, type People } from './scheduler-fixtures';

// ticketIn writes the window end as it was stored before the SPEC §6 rule: 14 days to the minute.
describe('open windows from before the window-end rule', () => {
  let db: TestDatabase;
  let people: People;

  beforeAll(async () => {
    db = await openTestDatabase();
    people = await createPeople(db.dataSource.manager);
  });
  afterAll(() => db.close());

  const row = (id: string): Promise<TicketEntity> => db.dataSource.manager.findOneByOrFail(TicketEntity, { id });

  it('get the rule’s later end and reminders planned from it, once; ended windows are left alone', async () => {
    // Mon 22.12.2025 10:00 Moscow: stored end Mon 05.01.2026 10:00 (a holiday); the rule gives the close (19:00) of Mon 12.01.2026.
    const holiday = await ticketIn(db, people, 'clarification', new Date('2025-12-22T07:00:00Z'));
    // Fri 06.03.2026 23:00 Moscow: stored end Fri 20.03.2026 23:00 (night); the rule: the close of Mon 23.03.
    const night = await ticketIn(db, people, 'customer_testing', new Date('2026-03-06T20:00:00Z'));
    const ended = await ticketIn(db, people, 'clarification', new Date('2025-11-03T07:00:00Z'));
    const now = new Date('2025-12-29T09:00:00Z');

    expect(await realignWindowEnds(db.dataSource, now, ctx)).toBe(2);
    const expected = windowEnd(new Date('2025-12-22T07:00:00Z'), 14, ctx.calendar, ctx.policy);
    expect(expected.toISOString()).toBe('2026-01-12T16:00:00.000Z');
    const moved = await row(holiday.id);
    expect(moved.windowEndsAt?.toISOString()).toBe(expected.toISOString());
    // The 7-day reminder of the old plan was due 29.12; the new plan's first one is later.
    expect(moved.nextDueKind).toBe('reminder');
    expect(moved.nextDueAt!.getTime()).toBeGreaterThan(now.getTime());
    expect((await row(night.id)).windowEndsAt?.toISOString()).toBe(
      windowEnd(new Date('2026-03-06T20:00:00Z'), 14, ctx.calendar, ctx.policy).toISOString(),
    );
    expect((await row(ended.id)).windowEndsAt?.toISOString()).toBe(ended.windowEndsAt?.toISOString());

    expect(await realignWindowEnds(db.dataSource, now, ctx)).toBe(0);
  });
});
