import { applyTicketEvent } from '../../../src/application/tickets/apply-ticket-event';
import { AlreadyAcceptedError, BudgetExceededError } from '../../../src/domain/ticket/errors';
import { HourChargeEntity, TicketEntity, type UserEntity } from '../../../src/persistence/entities';
import { openTestDatabase, type TestDatabase } from '../../support/database';
import { createClient, createCompany, createContract, createEngineer, createTicket, seededDepartment } from '../../support/mothers';
import { actorOf, appDeps, historyOf, manualClock, outboxOf } from './fixture';

const clock = manualClock('2026-02-20T08:00:00Z');
let db: TestDatabase;
let client: UserEntity;
let engineers: UserEntity[];
let companyId: string;
let departmentId: string;

beforeAll(async () => {
  db = await openTestDatabase();
  const m = db.dataSource.manager;
  companyId = (await createCompany(m)).id;
  await createContract(m, companyId, { monthlyHours: 40 });
  departmentId = (await seededDepartment(m)).id;
  client = await createClient(m, companyId);
  engineers = [];
  for (let i = 0; i < 10; i++) engineers.push(await createEngineer(m, departmentId, { displayName: `Engineer ${i}` }));
});
afterAll(() => db.close());

const deps = (): ReturnType<typeof appDeps> => appDeps(db.dataSource, clock);
const accept = (plannedHours: number) => ({ kind: 'accept', plannedHours, plannedDate: '2026-02-27' }) as const;

it('accepts one after the other on any engine: the second accept is told who won', async () => {
  const t = await createTicket(db.dataSource.manager, { companyId, authorId: client.id, departmentId });
  const [a, b] = engineers as [UserEntity, UserEntity];
  await applyTicketEvent(deps(), { ticket: { id: t.id }, actor: actorOf(a), event: accept(1) });
  await expect(applyTicketEvent(deps(), { ticket: { id: t.id }, actor: actorOf(b), event: accept(1) })).rejects.toMatchObject({
    params: { name: a.displayName },
  });
});

describe('concurrent accepts on real PostgreSQL', () => {
  it('10 parallel accepts of one ticket: exactly one wins, one history entry, one set of outbox rows', async () => {
    const t = await createTicket(db.dataSource.manager, { companyId, authorId: client.id, departmentId });
    const results = await Promise.allSettled(
      engineers.map((e) => applyTicketEvent(deps(), { ticket: { number: t.number }, actor: actorOf(e), event: accept(2) })),
    );
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(9);
    const m = db.dataSource.manager;
    const row = await m.findOneByOrFail(TicketEntity, { id: t.id });
    const winner = engineers.find((e) => e.id === row.ownerId);
    expect(winner).toBeDefined();
    for (const error of lost) {
      expect(error).toBeInstanceOf(AlreadyAcceptedError);
      expect(error).toMatchObject({ params: { ownerId: winner?.id, name: winner?.displayName } });
    }
    expect((await historyOf(m, t.id)).filter((h) => h.field === 'state')).toHaveLength(1);
    expect((await outboxOf(m, t.id)).map((o) => [o.recipientId, o.key])).toEqual([[client.id, 'notify.state_changed.accepted']]);
    expect(await m.countBy(HourChargeEntity, { ticketId: t.id })).toBe(1);
    expect(row.version).toBe(2);
  });

  it('two parallel accepts of two tickets that together exceed the month’s norm: one is refused', async () => {
    const m = db.dataSource.manager;
    const company = await createCompany(m);
    await createContract(m, company.id, { monthlyHours: 10 });
    const author = await createClient(m, company.id);
    const tickets = [
      await createTicket(m, { companyId: company.id, authorId: author.id, departmentId }),
      await createTicket(m, { companyId: company.id, authorId: author.id, departmentId }),
    ];
    const results = await Promise.allSettled(
      tickets.map((t, i) => applyTicketEvent(deps(), { ticket: { id: t.id }, actor: actorOf(engineers[i] as UserEntity), event: accept(6) })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((r) => r.status === 'rejected');
    expect(refused?.status === 'rejected' && refused.reason).toBeInstanceOf(BudgetExceededError);
    expect(refused?.status === 'rejected' && (refused.reason as BudgetExceededError).params).toEqual({ remaining: 4, requested: 6 });
    const charged = await m.findBy(HourChargeEntity, { companyId: company.id });
    expect(charged.reduce((sum, c) => sum + c.hours, 0)).toBe(6);
  });
});
