import { chargesInMonth, recordHoursCharge } from '../../../src/persistence/repositories/hours';
import { openTestDatabase, type TestDatabase } from '../../support/database';
import { createClient, createCompany, createTicket, seededDepartment } from '../../support/mothers';

const AT = new Date('2026-02-24T08:00:00Z');

/**
 * The OneLiveCharge migration corrects charges written under the old rule (every acceptance
 * charged the full plan again, a rejection kept its hours): reverted (with the migrations after
 * it), fed old rows, run again.
 */
describe('migration OneLiveCharge', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(() => db.close());

  it('brings every ticket to its live charge in the month of its first charge, keeping the old rows', async () => {
    const ds = db.dataSource;
    const index = ds.migrations.findIndex((migration) => migration.name === 'OneLiveCharge1767225840000');
    expect(index).toBeGreaterThan(0);
    for (let i = ds.migrations.length; i > index; i--) await ds.undoLastMigration({ transaction: 'each' });

    const m = ds.manager;
    const companyId = (await createCompany(m)).id;
    const department = await seededDepartment(m);
    const who = { companyId, authorId: (await createClient(m, companyId)).id, departmentId: department.id };
    // Accepted 4 h, clarified, re-accepted 4 h, refused, accepted 2 h: 10 h stored, plan 2 h.
    const twice = await createTicket(m, who, { state: 'accepted', plannedHours: 2, plannedDate: '2026-03-10', chargedMonth: '2026-02' });
    // The same history, then withdrawn: 10 h stored, nothing live.
    const withdrawn = await createTicket(m, who, { state: 'rejected', plannedHours: 2, plannedDate: '2026-03-10', chargedMonth: '2026-02' });
    // Accepted 3 h in February, re-accepted 3 h in March: charged to both months.
    const moved = await createTicket(m, who, { state: 'accepted', plannedHours: 3, plannedDate: '2026-03-10', chargedMonth: '2026-03' });
    // A correct one: accepted once with an admin override.
    const fine = await createTicket(m, who, { state: 'accepted', plannedHours: 5, plannedDate: '2026-03-10', chargedMonth: '2026-02' });
    const old = (ticketId: string, month: string, hours: number, minutes: number, overridden = false) =>
      m.query(
        `INSERT INTO hour_charges (ticket_id, company_id, contract_kind, month, hours, overridden, created_at)
         VALUES ($1, $2, 'support', $3, $4, $5, $6)`,
        [ticketId, companyId, month, hours, overridden, new Date(AT.getTime() + minutes * 60_000)],
      );
    for (const id of [twice.id, withdrawn.id]) {
      await old(id, '2026-02', 4, 1);
      await old(id, '2026-02', 4, 2);
      await old(id, '2026-02', 2, 3);
    }
    await old(moved.id, '2026-02', 3, 1);
    await old(moved.id, '2026-03', 3, 40_000);
    await old(fine.id, '2026-02', 5, 1, true);

    await ds.runMigrations({ transaction: 'each' });

    const chargeOf = async (ticketId: string): Promise<number> =>
      Number(((await m.query('SELECT coalesce(sum(hours), 0)::text AS hours FROM hour_charges WHERE ticket_id = $1', [ticketId])) as { hours: string }[])[0]?.hours);
    expect(await chargeOf(twice.id)).toBe(2);
    expect(await chargeOf(withdrawn.id)).toBe(0);
    expect(await chargeOf(moved.id)).toBe(3);
    expect(await chargeOf(fine.id)).toBe(5);
    expect(await chargesInMonth(m, companyId, '2026-02')).toEqual([{ companyId, contractKind: 'support', month: '2026-02', hours: 10 }]);
    expect(await chargesInMonth(m, companyId, '2026-03')).toEqual([{ companyId, contractKind: 'support', month: '2026-03', hours: 0 }]);
    const months: { id: string; charged_month: string }[] = await m.query(
      'SELECT id, charged_month FROM tickets WHERE id = ANY($1) ORDER BY id',
      [[twice.id, withdrawn.id, moved.id, fine.id]],
    );
    expect(new Set(months.map((r) => r.charged_month))).toEqual(new Set(['2026-02']));
    const rows: { ticket_id: string; cause: string | null; hours: string; overridden: boolean }[] = await m.query(
      `SELECT ticket_id, cause, hours::text AS hours, overridden FROM hour_charges WHERE company_id = $1 ORDER BY created_at, hours`,
      [companyId],
    );
    expect(rows.filter((r) => r.cause === 'correction').map((r) => [r.ticket_id, Number(r.hours)]).sort()).toEqual(
      [[twice.id, -8], [withdrawn.id, -10], [moved.id, -3]].sort(),
    );
    // The old rows, the admin override among them, are all still there.
    expect(rows.filter((r) => r.cause === null)).toHaveLength(9);
    expect(rows.filter((r) => r.overridden).map((r) => r.ticket_id)).toEqual([fine.id]);

    // New rows carry their cause and the ticket's total.
    await recordHoursCharge(m, { ticketId: fine.id, companyId, contractKind: 'support', month: '2026-02', hours: -1, total: 4, cause: 'replan', overridden: false, at: AT });
    expect(await chargeOf(fine.id)).toBe(4);
  });
});
