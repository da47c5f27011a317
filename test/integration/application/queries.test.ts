import { addComment } from '../../../src/application/tickets/add-comment';
import { createTicketsDesk } from '../../../src/application/desk/tickets-desk';
import { applyTicketEvent } from '../../../src/application/tickets/apply-ticket-event';
import { ticketCard, ticketHistoryView } from '../../../src/application/tickets/queries/ticket-card';
import { companyTickets, departmentQueue, myTickets } from '../../../src/application/tickets/queries/ticket-lists';
import { NotFoundError } from '../../../src/domain/ticket/errors';
import type { UserEntity } from '../../../src/persistence/entities';
import { openTestDatabase, type TestDatabase } from '../../support/database';
import { createClient, createCompany, createContract, createEngineer, createTicket, seededDepartment } from '../../support/mothers';
import { actorOf, appDeps, manualClock } from './fixture';

const clock = manualClock('2026-02-20T08:00:00Z');
let db: TestDatabase;
let client: UserEntity;
let stranger: UserEntity;
let engineer: UserEntity;
let companyId: string;
let departmentId: string;

beforeAll(async () => {
  db = await openTestDatabase();
  const m = db.dataSource.manager;
  companyId = (await createCompany(m)).id;
  await createContract(m, companyId);
  const otherCompany = await createCompany(m);
  await createContract(m, otherCompany.id);
  departmentId = (await seededDepartment(m)).id;
  client = await createClient(m, companyId, { displayName: 'Client Clara' });
  stranger = await createClient(m, otherCompany.id);
  engineer = await createEngineer(m, departmentId, { displayName: 'Engineer Egor' });
});
afterAll(() => db.close());

const deps = (): ReturnType<typeof appDeps> => appDeps(db.dataSource, clock);
const ticket = (overrides: Parameters<typeof createTicket>[2] = {}) =>
  createTicket(db.dataSource.manager, { companyId, authorId: client.id, departmentId }, overrides);

describe('ticket queries', () => {
  it('shows the card by role: clients never see internal notes, nor another company’s ticket', async () => {
    const t = await ticket();
    await applyTicketEvent(deps(), { ticket: { id: t.id }, actor: actorOf(engineer), event: { kind: 'accept', plannedHours: 2, plannedDate: '2026-02-24' } });
    clock.set('2026-02-20T08:01:00Z');
    await addComment(deps(), { ticket: { id: t.id }, actor: actorOf(engineer), text: 'internal detail', visibility: 'internal' });
    clock.set('2026-02-20T08:02:00Z');
    await addComment(deps(), { ticket: { id: t.id }, actor: actorOf(engineer), text: 'public answer' });
    clock.set('2026-02-20T08:00:00Z');

    const forClient = await ticketCard(deps(), { ticket: { number: t.number }, actor: actorOf(client) });
    expect(forClient.comments.map((c) => c.text)).toEqual(['public answer']);
    expect(forClient).toMatchObject({ owner: { displayName: 'Engineer Egor' }, author: { displayName: 'Client Clara' }, service: { code: 'support.phone' } });
    expect(forClient.actions).toEqual(['client_message', 'withdraw']);
    expect(forClient.queuePosition).toBe(1);

    const forEngineer = await ticketCard(deps(), { ticket: { id: t.id }, actor: actorOf(engineer) });
    expect(forEngineer.comments.map((c) => [c.text, c.visibility])).toEqual([
      ['internal detail', 'internal'],
      ['public answer', 'public'],
    ]);
    expect(forEngineer.actions).toContain('send_to_testing');

    for (const query of [ticketCard, ticketHistoryView]) {
      await expect(query(deps(), { ticket: { number: t.number }, actor: actorOf(stranger) })).rejects.toMatchObject({
        constructor: NotFoundError,
        params: { entity: 'ticket', id: String(t.number) },
      });
    }
    const history = await ticketHistoryView(deps(), { ticket: { id: t.id }, actor: actorOf(client) });
    expect(history.entries.find((e) => e.field === 'state')).toMatchObject({ to: 'accepted', actor: { displayName: 'Engineer Egor' } });
    expect(history.people.get(engineer.id)?.displayName).toBe('Engineer Egor');
  });

  it('lists the company’s tickets (a client only ever their own), the queue and my tickets', async () => {
    const high = await ticket({ priority: 'high', subject: 'Everything is down' });
    const mine = await ticket({ state: 'accepted', ownerId: engineer.id, plannedDate: '2026-02-25', plannedHours: 1 });
    const resp = await ticket({ state: 'in_development', type: 'modification', responsibleId: engineer.id });
    await ticket({ state: 'done', ownerId: engineer.id });

    const page = await companyTickets(deps(), { actor: actorOf(client), companyId: 'ignored', filter: 'open', page: { offset: 0, limit: 50 } });
    expect(page.items.map((i) => i.number)).toEqual(expect.arrayContaining([high.number, mine.number, resp.number]));
    expect(page.items.every((i) => i.state !== 'done')).toBe(true);
    const strangers = await companyTickets(deps(), { actor: actorOf(stranger), companyId, filter: 'all', page: { offset: 0, limit: 50 } });
    expect(strangers.total).toBe(0);

    const queue = await departmentQueue(deps(), { departmentId, page: { offset: 0, limit: 10 } });
    expect(queue.items[0]?.number).toBe(high.number);
    expect((await ticketCard(deps(), { ticket: { id: high.id }, actor: actorOf(client) })).queuePosition).toBe(1);
    expect((await ticketCard(deps(), { ticket: { id: resp.id }, actor: actorOf(client) })).queuePosition).toBeNull();

    const my = await myTickets(deps(), { userId: engineer.id });
    expect(my.accepted?.map((i) => i.number)).toContain(mine.number);
    expect(my.in_development).toEqual([expect.objectContaining({ number: resp.number, owned: false })]);
    expect(my.done).toBeUndefined();
  });
});

describe('what the bot reads through the desk', () => {
  const desk = () => createTicketsDesk(deps());

  it('finds a ticket as a plain view for whoever may see it; another company’s is not found', async () => {
    const t = await ticket({ subject: 'Printer offline' });
    const view = await desk().find({ ticket: { number: t.number }, actor: actorOf(client) });
    expect(view).toMatchObject({ id: t.id, number: t.number, subject: 'Printer offline', state: 'new' });
    expect(view.constructor).toBe(Object);
    await expect(desk().find({ ticket: { number: t.number }, actor: actorOf(stranger) })).rejects.toBeInstanceOf(NotFoundError);
  });

  it('gives staff every file, clients none of an internal note’s', async () => {
    const t = await ticket({ state: 'accepted', ownerId: engineer.id, plannedHours: 1, plannedDate: '2026-02-25' });
    const file = (id: string) => ({ fileId: id, fileUniqueId: id, fileName: null, mimeType: 'image/png', sizeBytes: 10, purpose: 'other' as const, mediaGroupId: null });
    await addComment(deps(), { ticket: { id: t.id }, actor: actorOf(engineer), text: 'public', attachments: [file('pub-1')] });
    await addComment(deps(), { ticket: { id: t.id }, actor: actorOf(engineer), text: 'secret', attachments: [file('int-1')], visibility: 'internal' });
    const staff = await desk().files({ ticket: { number: t.number }, actor: actorOf(engineer) });
    expect(staff.files.map((f) => f.fileId).sort()).toEqual(['int-1', 'pub-1']);
    const forClient = await desk().files({ ticket: { number: t.number }, actor: actorOf(client) });
    expect(forClient).toEqual({ number: t.number, files: [expect.objectContaining({ fileId: 'pub-1' })] });
  });

  it('shows what an acceptance draws on: the contract’s month, or no contract', async () => {
    const t = await ticket();
    const budget = await desk().planBudget({ ticket: { id: t.id }, actor: actorOf(engineer) });
    expect(budget).toMatchObject({ kind: 'charged', contractKind: 'support', month: '2026-02', monthlyHours: 40 });
    const bare = await createCompany(db.dataSource.manager);
    const orphan = await createTicket(db.dataSource.manager, { companyId: bare.id, authorId: client.id, departmentId }, {});
    expect(await desk().planBudget({ ticket: { id: orphan.id }, actor: actorOf(engineer) })).toEqual({ kind: 'no_contract' });
  });

  it('names the queue’s department, the next new ticket, the departments and who may be assigned', async () => {
    const queue = await desk().departmentQueue({ departmentId, page: { offset: 0, limit: 5 } });
    expect(queue.department).toMatchObject({ id: departmentId });
    expect(queue.items.length).toBeGreaterThan(0);
    expect((await desk().departments()).map((d) => d.id)).toContain(departmentId);

    const blocked = await createEngineer(db.dataSource.manager, departmentId, { blocked: true, blockedReason: 'left' });
    const t = await ticket();
    const people = await desk().assignees({ ticket: { id: t.id }, actor: actorOf(engineer) });
    expect(people).toContainEqual({ id: engineer.id, displayName: 'Engineer Egor' });
    expect(people.map((p) => p.id)).not.toContain(blocked.id);
    expect(people.map((p) => p.id)).not.toContain(client.id);
  });

  it('lets only the department’s unblocked staff hold a ticket (assign)', async () => {
    const t = await ticket({ state: 'accepted', ownerId: engineer.id, plannedHours: 1, plannedDate: '2026-02-25' });
    const blocked = await createEngineer(db.dataSource.manager, departmentId, { blocked: true, blockedReason: 'left' });
    for (const ownerId of [client.id, blocked.id, 'not-a-user-id']) {
      await expect(
        applyTicketEvent(deps(), { ticket: { id: t.id }, actor: actorOf(engineer), event: { kind: 'assign', ownerId } }),
      ).rejects.toMatchObject({ field: 'assignee', rule: 'unknown_value' });
    }
    const colleague = await createEngineer(db.dataSource.manager, departmentId);
    const moved = await applyTicketEvent(deps(), { ticket: { id: t.id }, actor: actorOf(engineer), event: { kind: 'assign', responsibleId: colleague.id } });
    expect(moved.ticket.responsibleId).toBe(colleague.id);
  });

  it('lists my tickets by planned date within a state (unplanned last), then by number', async () => {
    const me = await createEngineer(db.dataSource.manager, departmentId);
    const late = await ticket({ state: 'accepted', ownerId: me.id, plannedHours: 1, plannedDate: '2026-03-10' });
    const soon = await ticket({ state: 'accepted', ownerId: me.id, plannedHours: 1, plannedDate: '2026-02-23' });
    const unplanned = await ticket({ state: 'accepted', responsibleId: me.id });
    const my = await desk().mine({ userId: me.id });
    expect(my.accepted?.map((i) => i.number)).toEqual([soon.number, late.number, unplanned.number]);
    expect(my.accepted?.map((i) => i.owned)).toEqual([true, true, false]);
  });
});
