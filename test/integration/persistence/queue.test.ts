import type { TicketSnapshot, TicketState } from '../../../src/domain/ticket/types';
import { companyTicketsPage } from '../../../src/persistence/repositories/company-tickets';
import { departmentQueuePage, queuePosition } from '../../../src/persistence/repositories/queue';
import { openTestDatabase, type TestDatabase } from '../../support/database';
import { createClient, createCompany, createTicket, seededDepartment } from '../../support/mothers';

const at = (minute: number): Date => new Date(Date.UTC(2026, 1, 20, 6, minute));

describe('department queue and company ticket lists', () => {
  let db: TestDatabase;
  const t: Record<string, TicketSnapshot> = {};

  beforeAll(async () => {
    db = await openTestDatabase();
    const manager = db.dataSource.manager;
    const support = await seededDepartment(manager, 'support');
    const sales = await seededDepartment(manager, 'sales');
    const company = await createCompany(manager);
    const otherCompany = await createCompany(manager);
    const author = await createClient(manager, company.id);
    const otherAuthor = await createClient(manager, otherCompany.id);
    const who = { companyId: company.id, authorId: author.id, departmentId: support.id };
    const make = async (name: string, minute: number, state: TicketState, priority: 'normal' | 'high' = 'normal') => {
      t[name] = await createTicket(manager, who, { enteredNewAt: at(minute), createdAt: at(minute), state, priority });
    };
    // Created out of queue order on purpose: the query must sort, not the insertion.
    await make('normalOld', 1, 'new');
    await make('highLate', 9, 'new', 'high');
    await make('acceptedMid', 5, 'accepted');
    await make('highEarly', 3, 'accepted', 'high');
    await make('normalLate', 7, 'new');
    await make('waiting', 0, 'clarification', 'high');
    await make('done', 0, 'done', 'high');
    await make('rejected', 2, 'rejected');
    t.sales = await createTicket(manager, { ...who, departmentId: sales.id }, { enteredNewAt: at(0) });
    const quality = await seededDepartment(manager, 'quality');
    t.otherCompany = await createTicket(manager, { companyId: otherCompany.id, authorId: otherAuthor.id, departmentId: quality.id });
  });
  afterAll(() => db.close());

  const ids = (names: string[]): string[] => names.map((n) => t[n]?.id ?? `missing ${n}`);

  it('orders high before normal, then by the time each entered new, leaving out clarification and final tickets', async () => {
    const dept = t.normalOld?.departmentId ?? '';
    const page = await departmentQueuePage(db.dataSource.manager, dept, { offset: 0, limit: 10 });
    expect(page.items.map((i) => i.id)).toEqual(ids(['highEarly', 'highLate', 'normalOld', 'acceptedMid', 'normalLate']));
    expect(page.total).toBe(5);
    expect(page.items[0]).toMatchObject({ number: t.highEarly?.number, priority: 'high', state: 'accepted', enteredNewAt: at(3) });
  });

  it('pages through the queue', async () => {
    const dept = t.normalOld?.departmentId ?? '';
    const second = await departmentQueuePage(db.dataSource.manager, dept, { offset: 2, limit: 2 });
    expect(second).toEqual({ items: expect.any(Array), total: 5 });
    expect(second.items.map((i) => i.id)).toEqual(ids(['normalOld', 'acceptedMid']));
    expect((await departmentQueuePage(db.dataSource.manager, dept, { offset: 10, limit: 2 })).items).toEqual([]);
    await expect(departmentQueuePage(db.dataSource.manager, dept, { offset: -1, limit: 2 })).rejects.toThrow(RangeError);
  });

  it('tells a ticket its place, and null when it is out of the queue', async () => {
    const m = db.dataSource.manager;
    expect(await queuePosition(m, t.highEarly?.id ?? '')).toBe(1);
    expect(await queuePosition(m, t.normalLate?.id ?? '')).toBe(5);
    expect(await queuePosition(m, t.sales?.id ?? '')).toBe(1);
    expect(await queuePosition(m, t.waiting?.id ?? '')).toBeNull();
    expect(await queuePosition(m, t.done?.id ?? '')).toBeNull();
  });

  it('gives every queued ticket the place the queue page shows it at', async () => {
    const m = db.dataSource.manager;
    const page = await departmentQueuePage(m, t.normalOld?.departmentId ?? '', { offset: 0, limit: 10 });
    const places = await Promise.all(page.items.map((item) => queuePosition(m, item.id)));
    expect(places).toEqual([1, 2, 3, 4, 5]);
  });

  it("lists a company's tickets newest first, open or closed, and never another company's", async () => {
    const m = db.dataSource.manager;
    const company = t.normalOld?.companyId ?? '';
    const all = await companyTicketsPage(m, company, 'all', { offset: 0, limit: 20 });
    expect(all.total).toBe(9);
    expect(all.items.map((i) => i.number)).toEqual([...all.items.map((i) => i.number)].sort((a, b) => b - a));
    expect(all.items.map((i) => i.id)).not.toContain(t.otherCompany?.id);

    const closed = await companyTicketsPage(m, company, 'closed', { offset: 0, limit: 20 });
    expect(closed.items.map((i) => i.id)).toEqual(ids(['rejected', 'done']));
    const open = await companyTicketsPage(m, company, 'open', { offset: 0, limit: 3 });
    expect(open.total).toBe(7);
    expect(open.items.map((i) => i.id)).toEqual(ids(['sales', 'waiting', 'normalLate']));
    expect(open.items[0]).toMatchObject({ subject: 'Report does not open', serviceCode: 'support.phone', state: 'new' });
    expect(open.items[0]?.createdAt).toBeInstanceOf(Date);
    // The next page, and a page past the end, still know the total.
    const second = await companyTicketsPage(m, company, 'open', { offset: 3, limit: 3 });
    expect(second.total).toBe(7);
    expect(second.items).toHaveLength(3);
    expect(await companyTicketsPage(m, company, 'closed', { offset: 40, limit: 20 })).toEqual({ items: [], total: 2 });
  });
});
