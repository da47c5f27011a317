import { commentRating, monthRatings, rateTicket } from '../../../src/application/tickets/rating';
import { InvalidInputError, NotFoundError, NotPermittedError, TransitionNotAllowedError } from '../../../src/domain/ticket/errors';
import type { UserEntity } from '../../../src/persistence/entities';
import { openTestDatabase, type TestDatabase } from '../../support/database';
import { createClient, createCompany, createContract, createEngineer, createTicket, seededDepartment } from '../../support/mothers';
import { actorOf, appDeps, manualClock, outboxOf } from './fixture';

const clock = manualClock('2026-03-02T08:00:00Z');
let db: TestDatabase;
let client: UserEntity;
let otherClient: UserEntity;
let owner: UserEntity;
let second: UserEntity;
let companyId: string;
let otherCompanyId: string;
let departmentId: string;

beforeAll(async () => {
  db = await openTestDatabase();
  const m = db.dataSource.manager;
  companyId = (await createCompany(m)).id;
  otherCompanyId = (await createCompany(m)).id;
  await createContract(m, companyId);
  departmentId = (await seededDepartment(m)).id;
  client = await createClient(m, companyId);
  otherClient = await createClient(m, otherCompanyId);
  owner = await createEngineer(m, departmentId, { displayName: 'Owner Olga' });
  second = await createEngineer(m, departmentId, { displayName: 'Second Sam' });
});
afterAll(() => db.close());

const deps = (): ReturnType<typeof appDeps> => appDeps(db.dataSource, clock);
const done = (ownerId: string, company = companyId, author = client) =>
  createTicket(db.dataSource.manager, { companyId: company, authorId: author.id, departmentId }, { state: 'done', ownerId, responsibleId: ownerId });

describe('ratings', () => {
  it('stores a done ticket rating, tells the owner, and a second score replaces the first', async () => {
    const ticket = await done(owner.id);
    const first = await rateTicket(deps(), { ticket: { number: ticket.number }, actor: actorOf(client), score: 4 });
    expect(first).toMatchObject({ number: ticket.number, changed: false, rating: { score: 4, comment: null } });
    const outbox = await outboxOf(db.dataSource.manager, ticket.id);
    expect(outbox.map((o) => [o.key, o.recipientId, o.params.score])).toEqual([['app.notify.rated', owner.id, 4]]);

    clock.set('2026-03-02T08:05:00Z');
    const again = await rateTicket(deps(), { ticket: { number: ticket.number }, actor: actorOf(client), score: 5 });
    expect(again).toMatchObject({ changed: true, rating: { score: 5 } });
    const commented = await commentRating(deps(), { ticket: { number: ticket.number }, actor: actorOf(client), comment: '  Fast and polite  ' });
    expect(commented.rating).toMatchObject({ score: 5, comment: 'Fast and polite' });
    expect(await db.dataSource.query('SELECT score, comment FROM ticket_ratings WHERE ticket_id = $1', [ticket.id])).toEqual([{ score: 5, comment: 'Fast and polite' }]);
    const keys = (await outboxOf(db.dataSource.manager, ticket.id)).map((o) => o.key);
    expect(keys).toEqual(['app.notify.rated', 'app.notify.rated', 'app.notify.rating_comment']);
  });

  it('refuses a score out of 1–5, a ticket not done, staff, and another company', async () => {
    const ticket = await done(owner.id);
    await expect(rateTicket(deps(), { ticket: { number: ticket.number }, actor: actorOf(client), score: 6 })).rejects.toBeInstanceOf(InvalidInputError);
    await expect(rateTicket(deps(), { ticket: { number: ticket.number }, actor: actorOf(owner), score: 3 })).rejects.toBeInstanceOf(NotPermittedError);
    await expect(rateTicket(deps(), { ticket: { number: ticket.number }, actor: actorOf(otherClient), score: 3 })).rejects.toBeInstanceOf(NotFoundError);
    const open = await createTicket(db.dataSource.manager, { companyId, authorId: client.id, departmentId }, { state: 'accepted', ownerId: owner.id });
    await expect(rateTicket(deps(), { ticket: { number: open.number }, actor: actorOf(client), score: 3 })).rejects.toBeInstanceOf(TransitionNotAllowedError);
    await expect(commentRating(deps(), { ticket: { number: open.number }, actor: actorOf(client), comment: 'x' })).rejects.toBeInstanceOf(TransitionNotAllowedError);
  });

  it('averages the month per company and per engineer (the monthly report figures)', async () => {
    clock.set('2026-04-10T08:00:00Z');
    for (const [who, score] of [[owner, 5], [owner, 4], [second, 2]] as const) {
      const t = await done(who.id);
      await rateTicket(deps(), { ticket: { number: t.number }, actor: actorOf(client), score });
    }
    const t = await done(second.id, otherCompanyId, otherClient);
    await rateTicket(deps(), { ticket: { number: t.number }, actor: actorOf(otherClient), score: 3 });
    clock.set('2026-05-01T08:00:00Z');
    const may = await done(owner.id);
    await rateTicket(deps(), { ticket: { number: may.number }, actor: actorOf(client), score: 1 });

    const april = await monthRatings(deps(), { month: '2026-04' });
    expect(april.companies).toEqual(
      [
        { id: companyId, count: 3, average: 3.67 },
        { id: otherCompanyId, count: 1, average: 3 },
      ].sort((a, b) => a.id.localeCompare(b.id)),
    );
    expect(april.engineers).toEqual(
      [
        { id: owner.id, count: 2, average: 4.5 },
        { id: second.id, count: 2, average: 2.5 },
      ].sort((a, b) => a.id.localeCompare(b.id)),
    );
    const one = await monthRatings(deps(), { month: '2026-04', companyId: otherCompanyId });
    expect(one).toEqual({ companies: [{ id: otherCompanyId, count: 1, average: 3 }], engineers: [{ id: second.id, count: 1, average: 3 }] });
    expect((await monthRatings(deps(), { month: '2026-05' })).companies).toEqual([{ id: companyId, count: 1, average: 1 }]);
  });
});
