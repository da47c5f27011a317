import { applyTicketEvent } from '../../../src/application/tickets/apply-ticket-event';
import { logWork } from '../../../src/application/tickets/log-work';
import { companyBudget } from '../../../src/application/tickets/queries/budget-view';
import { planBudget } from '../../../src/application/tickets/queries/ticket-view';
import { BudgetExceededError, NotPermittedError } from '../../../src/domain/ticket/errors';
import { HourChargeEntity, TicketHistoryEntity, type UserEntity } from '../../../src/persistence/entities';
import type { NewTicket } from '../../../src/persistence/repositories/tickets';
import { openTestDatabase, type TestDatabase } from '../../support/database';
import { createAdmin, createClient, createCompany, createContract, createEngineer, createTicket, seededDepartment } from '../../support/mothers';
import { actorOf, appDeps, manualClock } from './fixture';

const clock = manualClock('2026-02-20T08:00:00Z');
let db: TestDatabase;
let engineer: UserEntity;
let admin: UserEntity;
let departmentId: string;

beforeAll(async () => {
  db = await openTestDatabase();
  departmentId = (await seededDepartment(db.dataSource.manager)).id;
  engineer = await createEngineer(db.dataSource.manager, departmentId);
  admin = await createAdmin(db.dataSource.manager);
});
afterAll(() => db.close());

const deps = (): ReturnType<typeof appDeps> => appDeps(db.dataSource, clock);

/** A company with a 40 h/month support contract for 2026, its client, and a ticket maker. */
async function company() {
  const m = db.dataSource.manager;
  const c = await createCompany(m);
  await createContract(m, c.id, { monthlyHours: 40 });
  const client = await createClient(m, c.id);
  const ticket = (overrides: Partial<NewTicket> = {}) => createTicket(m, { companyId: c.id, authorId: client.id, departmentId }, overrides);
  return { id: c.id, client, ticket };
}

const accept = (plannedHours: number, extra: { overrideReason?: string } = {}) =>
  ({ kind: 'accept', plannedHours, plannedDate: '2026-03-31', ...extra }) as const;

describe('norm-hours on acceptance (SPEC §7)', () => {
  it('refuses accepting past the month’s norm and says how much is left', async () => {
    clock.set('2026-02-20T08:00:00Z');
    const c = await company();
    const first = await c.ticket();
    const second = await c.ticket();
    await applyTicketEvent(deps(), { ticket: { id: first.id }, actor: actorOf(engineer), event: accept(30) });
    const error: unknown = await applyTicketEvent(deps(), { ticket: { id: second.id }, actor: actorOf(engineer), event: accept(15) }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(BudgetExceededError);
    expect(error).toMatchObject({ code: 'errors.budget_exceeded', params: { remaining: 10, requested: 15 } });
    const fits = await applyTicketEvent(deps(), { ticket: { id: second.id }, actor: actorOf(engineer), event: accept(10) });
    expect(fits.ticket.state).toBe('accepted');
    const view = await companyBudget(deps(), { actor: actorOf(c.client), month: '2026-02' });
    expect(view.contracts).toEqual([expect.objectContaining({ kind: 'support', norm: 40, planned: 40, actual: 0, remaining: 0 })]);
  });

  it('lets only an admin override, with the reason recorded in history and on the charge', async () => {
    clock.set('2026-02-20T08:00:00Z');
    const c = await company();
    const ticket = await c.ticket();
    await expect(
      applyTicketEvent(deps(), { ticket: { id: ticket.id }, actor: actorOf(engineer), event: accept(50, { overrideReason: 'urgent' }) }),
    ).rejects.toMatchObject({ constructor: NotPermittedError, params: { reason: 'admin_only' } });
    await applyTicketEvent(deps(), { ticket: { id: ticket.id }, actor: actorOf(admin), event: accept(50, { overrideReason: 'Clinic is down' }) });
    const m = db.dataSource.manager;
    const state = await m.findOneByOrFail(TicketHistoryEntity, { ticketId: ticket.id, field: 'state' });
    expect(state).toMatchObject({ toValue: 'accepted', reason: 'Clinic is down', actorId: admin.id });
    const charges = await m.findBy(HourChargeEntity, { ticketId: ticket.id });
    expect(charges.map((ch) => [ch.month, ch.hours, ch.overridden])).toEqual([['2026-02', 50, true]]);
    const view = await companyBudget(deps(), { actor: actorOf(c.client), month: '2026-02' });
    expect(view.contracts[0]).toMatchObject({ planned: 50, remaining: -10 });
  });

  it('checks a replan that adds hours against the month the ticket was charged to', async () => {
    clock.set('2026-02-20T08:00:00Z');
    const c = await company();
    const ticket = await c.ticket();
    await applyTicketEvent(deps(), { ticket: { id: ticket.id }, actor: actorOf(engineer), event: accept(30) });
    clock.set('2026-03-02T08:00:00Z'); // March is empty, but the plan was charged to February
    await expect(
      applyTicketEvent(deps(), { ticket: { id: ticket.id }, actor: actorOf(engineer), event: { kind: 'replan', plannedHours: 45 } }),
    ).rejects.toMatchObject({ constructor: BudgetExceededError, params: { remaining: 10, requested: 15 } });
    await applyTicketEvent(deps(), { ticket: { id: ticket.id }, actor: actorOf(engineer), event: { kind: 'replan', plannedHours: 20 } });
    const charges = await db.dataSource.manager.find(HourChargeEntity, { where: { ticketId: ticket.id }, order: { createdAt: 'ASC' } });
    expect(charges.map((ch) => [ch.month, ch.hours])).toEqual([
      ['2026-02', 30],
      ['2026-02', -10],
    ]);
  });

  it.each([
    ['paid', 'support_paid.visit'],
    ['none', 'quality'],
  ] as const)('never charges %s services, however many hours', async (billing, serviceCode) => {
    clock.set('2026-02-20T08:00:00Z');
    const c = await company();
    const ticket = await c.ticket({ billing, contractKind: null, serviceCode });
    const result = await applyTicketEvent(deps(), { ticket: { id: ticket.id }, actor: actorOf(engineer), event: accept(200) });
    expect(result.ticket).toMatchObject({ state: 'accepted', chargedMonth: null });
    expect(await db.dataSource.manager.countBy(HourChargeEntity, { ticketId: ticket.id })).toBe(0);
    await logWork(deps(), { ticket: { id: ticket.id }, actor: actorOf(engineer), hours: 3 });
    const view = await companyBudget(deps(), { actor: actorOf(c.client), month: '2026-02' });
    expect(view.contracts[0]).toMatchObject({ planned: 0, actual: 0, remaining: 40 });
    expect(await planBudget(deps(), { ticket: { id: ticket.id }, actor: actorOf(engineer) })).toEqual({ kind: 'not_charged', billing });
  });

  it('counts months in Moscow time: accepting at 2026-01-31T21:30Z charges February', async () => {
    const c = await company();
    const january = await c.ticket();
    clock.set('2026-01-31T20:00:00Z'); // 23:00 in Moscow, still January
    await applyTicketEvent(deps(), { ticket: { id: january.id }, actor: actorOf(engineer), event: accept(40) });
    const late = await c.ticket();
    clock.set('2026-01-31T21:30:00Z'); // 00:30 on 1 February in Moscow
    expect(await planBudget(deps(), { ticket: { id: late.id }, actor: actorOf(engineer) })).toMatchObject({
      kind: 'charged',
      contractKind: 'support',
      month: '2026-02',
      remaining: 40,
    });
    const result = await applyTicketEvent(deps(), { ticket: { id: late.id }, actor: actorOf(engineer), event: { ...accept(8), plannedDate: '2026-02-01' } });
    expect(result.ticket.chargedMonth).toBe('2026-02');
    const charges = await db.dataSource.manager.findBy(HourChargeEntity, { companyId: c.id });
    expect(charges.map((ch) => [ch.month, ch.hours]).sort()).toEqual([
      ['2026-01', 40],
      ['2026-02', 8],
    ]);
  });

  it('shows actual hours logged on contract tickets and refuses accepting without a valid contract', async () => {
    clock.set('2026-02-20T08:00:00Z');
    const c = await company();
    const ticket = await c.ticket();
    await applyTicketEvent(deps(), { ticket: { id: ticket.id }, actor: actorOf(engineer), event: accept(4) });
    await logWork(deps(), { ticket: { id: ticket.id }, actor: actorOf(engineer), hours: 2.5, date: '2026-02-19' });
    const view = await companyBudget(deps(), { actor: actorOf(c.client), month: '2026-02' });
    expect(view.contracts[0]).toMatchObject({ norm: 40, planned: 4, actual: 2.5, remaining: 36 });

    const implementation = await c.ticket({ serviceCode: 'implementation', contractKind: 'implementation' });
    await expect(
      applyTicketEvent(deps(), { ticket: { id: implementation.id }, actor: actorOf(engineer), event: accept(1) }),
    ).rejects.toMatchObject({ constructor: BudgetExceededError, params: { remaining: 0, requested: 1 } });
  });
});
