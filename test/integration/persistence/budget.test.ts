import {
  companyHasValidContract,
  contractsEndingBetween,
  findValidContract,
} from '../../../src/persistence/repositories/contracts';
import { actualHoursInMonth, chargeHours, hoursChargedInMonth } from '../../../src/persistence/repositories/hours';
import { WorkLogEntity } from '../../../src/persistence/entities';
import { openTestDatabase, type TestDatabase } from '../../support/database';
import {
  createClient,
  createCompany,
  createContract,
  createEngineer,
  createTicket,
  seededDepartment,
} from '../../support/mothers';

const NOW = new Date('2026-02-24T08:00:00Z');

describe('contracts and hours', () => {
  let db: TestDatabase;
  let companyId: string;
  let supportId: string;
  let renewalId: string;
  let implementationId: string;
  let who: { companyId: string; authorId: string; departmentId: string };
  let engineerId: string;

  beforeAll(async () => {
    db = await openTestDatabase();
    const m = db.dataSource.manager;
    companyId = (await createCompany(m)).id;
    supportId = (await createContract(m, companyId, { startsOn: '2025-03-01', endsOn: '2026-03-15' })).id;
    renewalId = (await createContract(m, companyId, { startsOn: '2026-03-01', endsOn: '2027-02-28' })).id;
    implementationId = (await createContract(m, companyId, { kind: 'implementation', endsOn: '2026-06-30' })).id;
    const department = await seededDepartment(m);
    engineerId = (await createEngineer(m, department.id)).id;
    who = { companyId, authorId: (await createClient(m, companyId)).id, departmentId: department.id };
  });
  afterAll(() => db.close());

  it('finds the contract valid on a day, the newest when renewals overlap', async () => {
    const m = db.dataSource.manager;
    expect((await findValidContract(m, companyId, 'support', '2026-02-28'))?.id).toBe(supportId);
    expect((await findValidContract(m, companyId, 'support', '2026-03-10'))?.id).toBe(renewalId);
    expect((await findValidContract(m, companyId, 'implementation', '2026-07-01'))).toBeNull();
    expect(await db.dataSource.transaction((tm) => findValidContract(tm, companyId, 'support', '2026-02-28', { lock: true })))
      .toMatchObject({ id: supportId, monthlyHours: 40 });
  });

  it('says whether a company has any valid contract', async () => {
    const m = db.dataSource.manager;
    expect(await companyHasValidContract(m, companyId, '2026-02-24')).toBe(true);
    expect(await companyHasValidContract(m, companyId, '2027-03-01')).toBe(false);
    expect(await companyHasValidContract(m, (await createCompany(m)).id, '2026-02-24')).toBe(false);
  });

  it('lists contracts ending in a date range', async () => {
    const ending = await contractsEndingBetween(db.dataSource.manager, '2026-03-01', '2026-06-30');
    expect(ending.map((c) => c.id)).toEqual([supportId, implementationId]);
  });

  it('sums the planned hours charged to a contract month; charging a ticket again replaces its charge', async () => {
    const m = db.dataSource.manager;
    const a = await createTicket(m, who);
    const b = await createTicket(m, who);
    await chargeHours(m, { ticketId: a.id, contractId: supportId, month: '2026-02', hours: 2.5, overrideReason: null }, NOW);
    await chargeHours(m, { ticketId: b.id, contractId: supportId, month: '2026-02', hours: 1.25, overrideReason: null }, NOW);
    await chargeHours(m, { ticketId: b.id, contractId: supportId, month: '2026-03', hours: 4, overrideReason: null }, NOW);
    expect(await hoursChargedInMonth(m, supportId, '2026-02')).toBe(3.75);

    await chargeHours(m, { ticketId: a.id, contractId: supportId, month: '2026-02', hours: 6, overrideReason: 'urgent' }, NOW);
    expect(await hoursChargedInMonth(m, supportId, '2026-02')).toBe(7.25);
    expect(await hoursChargedInMonth(m, supportId, '2026-03')).toBe(4);
    expect(await hoursChargedInMonth(m, renewalId, '2026-02')).toBe(0);
    await expect(hoursChargedInMonth(m, supportId, '2026-2')).rejects.toThrow(RangeError);
  });

  it("sums the actual hours logged in a month on the company's tickets of the contract's kind", async () => {
    const m = db.dataSource.manager;
    const supportTicket = await createTicket(m, who);
    const paidTicket = await createTicket(m, who, { serviceCode: 'support_paid.visit', billing: 'paid', contractKind: null });
    const log = (ticketId: string, hours: number, loggedOn: string) =>
      m.save(m.create(WorkLogEntity, { ticketId, userId: engineerId, hours, loggedOn, note: null, createdAt: NOW }));
    await log(supportTicket.id, 1.5, '2026-02-01');
    await log(supportTicket.id, 0.25, '2026-02-28');
    await log(supportTicket.id, 3, '2026-03-01');
    await log(paidTicket.id, 8, '2026-02-10');
    expect(await actualHoursInMonth(m, supportId, '2026-02')).toBe(1.75);
    expect(await actualHoursInMonth(m, implementationId, '2026-02')).toBe(0);
  });
});
