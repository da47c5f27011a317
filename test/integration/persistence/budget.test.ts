import {
  companyHasValidContract,
  contractsEndingBetween,
  findValidContract,
} from '../../../src/persistence/repositories/contracts';
import { HourChargeEntity, WorkLogEntity } from '../../../src/persistence/entities';
import { toContract } from '../../../src/persistence/mappers/contract';
import { chargesInMonth, loggedHoursInMonth, recordHoursCharge } from '../../../src/persistence/repositories/hours';
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
    const locked = await db.dataSource.transaction((tm) =>
      findValidContract(tm, companyId, 'support', '2026-02-28', { lock: true }),
    );
    expect(locked && toContract(locked)).toEqual({
      id: supportId,
      companyId,
      kind: 'support',
      validFrom: '2025-03-01',
      validTo: '2026-03-15',
      monthlyHours: 40,
    });
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

  it("sums the company's charges of a month per contract kind, replan differences included", async () => {
    const m = db.dataSource.manager;
    const a = await createTicket(m, who);
    const b = await createTicket(m, who);
    const charge = (ticketId: string, contractKind: 'support' | 'implementation', month: string, hours: number) =>
      recordHoursCharge(m, { ticketId, companyId, contractKind, month, hours, overridden: false, at: NOW });
    await charge(a.id, 'support', '2026-02', 2.5);
    await charge(b.id, 'support', '2026-02', 1.25);
    await charge(a.id, 'support', '2026-02', -0.5);
    await charge(b.id, 'implementation', '2026-02', 4);
    await charge(b.id, 'support', '2026-03', 8);
    await recordHoursCharge(m, {
      ticketId: a.id, companyId, contractKind: 'support', month: '2026-02', hours: 3, overridden: true, at: NOW,
    });

    expect(await chargesInMonth(m, companyId, '2026-02')).toEqual([
      { companyId, contractKind: 'implementation', month: '2026-02', hours: 4 },
      { companyId, contractKind: 'support', month: '2026-02', hours: 6.25 },
    ]);
    expect(await chargesInMonth(m, companyId, '2026-04')).toEqual([]);
    await expect(chargesInMonth(m, companyId, '2026-2')).rejects.toThrow(RangeError);
    expect(await m.countBy(HourChargeEntity, { overridden: true })).toBe(1);
  });

  it("sums the actual hours logged in a month on the company's contract-billed tickets, per kind", async () => {
    const m = db.dataSource.manager;
    const supportTicket = await createTicket(m, who);
    const paidTicket = await createTicket(m, who, { serviceCode: 'support_paid.visit', billing: 'paid', contractKind: null });
    const log = (ticketId: string, hours: number, loggedOn: string) =>
      m.save(m.create(WorkLogEntity, { ticketId, userId: engineerId, hours, loggedOn, note: null, createdAt: NOW }));
    await log(supportTicket.id, 1.5, '2026-02-01');
    await log(supportTicket.id, 0.25, '2026-02-28');
    await log(supportTicket.id, 3, '2026-03-01');
    await log(paidTicket.id, 8, '2026-02-10');
    expect(await loggedHoursInMonth(m, companyId, '2026-02')).toEqual([
      { companyId, contractKind: 'support', month: '2026-02', hours: 1.75 },
    ]);
  });
});
