import { applyTicketEvent } from '../../../src/application/tickets/apply-ticket-event';
import type { TicketCommand } from '../../../src/application/tickets/budget-check';
import { companyBudget } from '../../../src/application/tickets/queries/budget-view';
import { ticketCard } from '../../../src/application/tickets/queries/ticket-card';
import { buildMonthlyReport } from '../../../src/application/reports/monthly-report';
import { BudgetExceededError } from '../../../src/domain/ticket/errors';
import { HourChargeEntity, type UserEntity } from '../../../src/persistence/entities';
import { openTestDatabase, type TestDatabase } from '../../support/database';
import { createClient, createCompany, createContract, createEngineer, createTicket, seededDepartment } from '../../support/mothers';
import { actorOf, appDeps, manualClock } from './fixture';

/**
 * Issue 12, "Hours are charged again on every acceptance": the sequence played through
 * the use cases, and /hours (companyBudget), the ticket card and the monthly report read after
 * each step agree on the one live charge.
 */
const clock = manualClock('2026-02-19T09:00:00Z');
let db: TestDatabase;
let engineer: UserEntity;
let departmentId: string;

beforeAll(async () => {
  db = await openTestDatabase();
  departmentId = (await seededDepartment(db.dataSource.manager)).id;
  engineer = await createEngineer(db.dataSource.manager, departmentId);
});
afterAll(() => db.close());

const deps = (): ReturnType<typeof appDeps> => appDeps(db.dataSource, clock);
const accept = (plannedHours: number): TicketCommand => ({ kind: 'accept', plannedHours, plannedDate: '2026-03-31' });

async function company() {
  const m = db.dataSource.manager;
  const c = await createCompany(m);
  await createContract(m, c.id, { monthlyHours: 40 });
  const client = await createClient(m, c.id);
  return { id: c.id, client, ticket: () => createTicket(m, { companyId: c.id, authorId: client.id, departmentId }, { type: 'problem' }) };
}

/** /hours, the card and the report for February, and the ticket's ledger. */
async function figures(companyId: string, client: UserEntity, ticketId: string) {
  const hours = await companyBudget(deps(), { actor: actorOf(client), month: '2026-02' });
  const card = await ticketCard(deps(), { ticket: { id: ticketId }, actor: actorOf(engineer) });
  const report = await buildMonthlyReport(db.dataSource.manager, { month: '2026-02', companyId }, 'Europe/Moscow');
  const ledger = await db.dataSource.manager.findBy(HourChargeEntity, { ticketId });
  return {
    hours: hours.contracts[0]?.planned,
    card: card.ticket.state === 'rejected' ? 0 : card.ticket.plannedHours,
    report: report.companies[0]?.contracts.support?.planned,
    ledger: ledger.reduce((sum, c) => sum + Number(c.hours), 0),
  };
}

describe('one live charge per ticket through the use cases (SPEC §7, issue 12)', () => {
  it('accept 4 → clarification → reply → accept 4 → testing → refuse → accept 2 holds 2 h everywhere; the withdrawal releases it', async () => {
    clock.set('2026-02-19T09:00:00Z');
    const c = await company();
    const ticket = await c.ticket();
    const act = async (event: TicketCommand, by: UserEntity): Promise<void> => {
      clock.set(new Date(clock.now().getTime() + 60_000));
      await applyTicketEvent(deps(), { ticket: { id: ticket.id }, actor: actorOf(by), event });
    };
    const expectAll = async (hours: number): Promise<void> => {
      expect(await figures(c.id, c.client, ticket.id)).toEqual({ hours, card: hours, report: hours, ledger: hours });
    };

    await act(accept(4), engineer);
    await expectAll(4);
    await act({ kind: 'request_clarification', question: 'Which report?' }, engineer);
    await act({ kind: 'client_message', text: 'The monthly one' }, c.client);
    await act(accept(4), engineer);
    await expectAll(4);
    await act({ kind: 'send_to_testing', result: 'Fixed' }, engineer);
    await act({ kind: 'refuse', reason: 'Still wrong' }, c.client);
    await act(accept(2), engineer);
    await expectAll(2);
    await act({ kind: 'withdraw', reason: 'Not needed any more' }, c.client);
    await expectAll(0);
  });

  it('a re-acceptance in a later month is checked against the budget of the month it is charged to', async () => {
    clock.set('2026-02-20T09:00:00Z');
    const c = await company();
    const filler = await c.ticket();
    const ticket = await c.ticket();
    await applyTicketEvent(deps(), { ticket: { id: filler.id }, actor: actorOf(engineer), event: accept(36) });
    await applyTicketEvent(deps(), { ticket: { id: ticket.id }, actor: actorOf(engineer), event: accept(4) });
    await applyTicketEvent(deps(), { ticket: { id: ticket.id }, actor: actorOf(engineer), event: { kind: 'request_clarification', question: 'Which one?' } });
    await applyTicketEvent(deps(), { ticket: { id: ticket.id }, actor: actorOf(c.client), event: { kind: 'client_message', text: 'This one' } });

    // March: February is full (36 + 4 of 40), March untouched. One more hour would go to February.
    clock.set('2026-03-02T09:00:00Z');
    const refused: unknown = await applyTicketEvent(deps(), { ticket: { id: ticket.id }, actor: actorOf(engineer), event: accept(5) }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(BudgetExceededError);
    expect((refused as BudgetExceededError).params).toEqual({ remaining: 0, requested: 1 });
    // The same 4 h again add nothing: accepted, still charged to February.
    const again = await applyTicketEvent(deps(), { ticket: { id: ticket.id }, actor: actorOf(engineer), event: accept(4) });
    expect(again.ticket).toMatchObject({ state: 'accepted', chargedMonth: '2026-02' });
    expect((await figures(c.id, c.client, ticket.id)).hours).toBe(40);
  });
});
