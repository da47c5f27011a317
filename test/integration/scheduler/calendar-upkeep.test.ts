import { createSchedulerDesk } from '../../../src/application/desk/scheduler-desk';
import { notifyCalendarCoverage } from '../../../src/application/scheduler/calendar-upkeep';
import { OutboxEntity } from '../../../src/persistence/entities';
import { calendarWarnings } from '../../../src/server/calendar-warning';
import { checkReadiness } from '../../../src/server/readiness';
import { createAdmin } from '../../support/mothers';
import { openTestDatabase, type TestDatabase } from '../../support/database';
import { ctx } from './scheduler-fixtures';

// calendar/ru.json holds 2025–2027: the data ends 31.12.2027.
describe('calendar upkeep', () => {
  let db: TestDatabase;
  let adminIds: string[];

  beforeAll(async () => {
    db = await openTestDatabase();
    const m = db.dataSource.manager;
    adminIds = [(await createAdmin(m)).id, (await createAdmin(m)).id];
  });
  afterAll(() => db.close());

  const calendarRows = (): Promise<OutboxEntity[]> =>
    db.dataSource.manager.find(OutboxEntity, { where: [{ key: 'upkeep.calendar.running_out' }, { key: 'upkeep.calendar.ran_out' }], order: { seq: 'ASC' } });

  it('says nothing while more than 60 days of data are left', async () => {
    const report = await notifyCalendarCoverage(db.dataSource, new Date('2027-11-01T09:00:00Z'), ctx);
    expect(report).toMatchObject({ lastDay: '2027-12-31', daysLeft: 61, warn: false, told: 0 });
    expect(await calendarRows()).toHaveLength(0);
  });

  it('tells every admin once, 60 days before the data runs out, in working hours; the next days add nothing', async () => {
    // Tuesday 02.11.2027 02:00 Moscow: the message waits for 09:00.
    const first = await notifyCalendarCoverage(db.dataSource, new Date('2027-11-01T23:00:00Z'), ctx);
    expect(first).toMatchObject({ lastDay: '2027-12-31', daysLeft: 60, warn: true, told: 2 });
    for (const day of ['2027-11-03', '2027-11-20', '2027-12-30']) {
      expect((await notifyCalendarCoverage(db.dataSource, new Date(`${day}T09:00:00Z`), ctx)).told).toBe(0);
    }
    const rows = await calendarRows();
    expect(rows.map((r) => r.recipientId).sort()).toEqual([...adminIds].sort());
    expect(rows[0]).toMatchObject({ key: 'upkeep.calendar.running_out', params: { lastDay: '31.12.2027', days: 60 } });
    expect(rows[0]?.nextAttemptAt.toISOString()).toBe('2027-11-02T06:00:00.000Z');
  });

  it('tells them again, once, when the data has run out', async () => {
    const report = await notifyCalendarCoverage(db.dataSource, new Date('2028-01-10T09:00:00Z'), ctx);
    expect(report).toMatchObject({ lastDay: null, daysLeft: 0, warn: true, told: 2 });
    expect((await notifyCalendarCoverage(db.dataSource, new Date('2028-01-11T09:00:00Z'), ctx)).told).toBe(0);
    expect((await calendarRows()).filter((r) => r.key === 'upkeep.calendar.ran_out')).toHaveLength(2);
  });

  it('/readyz stays ready and reports the coverage as a warning', async () => {
    const desk = createSchedulerDesk({ dataSource: db.dataSource, clock: { now: () => new Date() }, calendar: ctx.calendar, policy: ctx.policy, attachmentMaxBytes: 1 });
    const warningsAt = (iso: string): string[] => calendarWarnings(desk.calendarCoverage({ now: new Date(iso) }));
    expect(await checkReadiness(db.dataSource, 2000, () => warningsAt('2026-06-01T09:00:00Z'))).toEqual({ ready: true });
    const soon = await checkReadiness(db.dataSource, 2000, () => warningsAt('2027-11-15T09:00:00Z'));
    expect(soon).toEqual({ ready: true, warnings: ['production calendar data ends 2027-12-31 (47 days left): run npm run calendar -- import FILE.xml'] });
    const past = await checkReadiness(db.dataSource, 2000, () => warningsAt('2028-02-01T09:00:00Z'));
    expect(past).toMatchObject({ ready: true, warnings: [expect.stringContaining('no data for today')] });
  });
});
