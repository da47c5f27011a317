import { applyTicketEvent } from '../../../src/application/tickets/apply-ticket-event';
import {
  AlreadyAcceptedError,
  FinalStateError,
  NotFoundError,
  TransitionNotAllowedError,
} from '../../../src/domain/ticket/errors';
import { UserBlockedError } from '../../../src/application/tickets/errors';
import { CommentEntity, TicketEntity, type UserEntity } from '../../../src/persistence/entities';
import { openTestDatabase, type TestDatabase } from '../../support/database';
import {
  createClient,
  createCompany,
  createContract,
  createEngineer,
  createTicket,
  seededDepartment,
} from '../../support/mothers';
import { actorOf, appDeps, historyOf, manualClock, outboxOf } from './fixture';

const clock = manualClock('2026-02-20T08:00:00Z');
let db: TestDatabase;
let client: UserEntity;
let engineer: UserEntity;
let otherEngineer: UserEntity;
let companyId: string;
let departmentId: string;

beforeAll(async () => {
  db = await openTestDatabase();
  const m = db.dataSource.manager;
  companyId = (await createCompany(m)).id;
  await createContract(m, companyId);
  departmentId = (await seededDepartment(m)).id;
  client = await createClient(m, companyId);
  engineer = await createEngineer(m, departmentId, { displayName: 'Anna Petrova' });
  otherEngineer = await createEngineer(m, departmentId);
});
afterAll(() => db.close());

const deps = (): ReturnType<typeof appDeps> => appDeps(db.dataSource, clock);
const newTicket = () => createTicket(db.dataSource.manager, { companyId, authorId: client.id, departmentId });
const accept = { kind: 'accept', plannedHours: 4, plannedDate: '2026-02-27' } as const;

describe('applyTicketEvent', () => {
  it('accept → testing → confirm writes history, outbox rows with keyboards and public comments', async () => {
    clock.set('2026-02-20T08:00:00Z');
    const ticket = await newTicket();
    const accepted = await applyTicketEvent(deps(), { ticket: { number: ticket.number }, actor: actorOf(engineer), event: accept });
    expect(accepted.ticket).toMatchObject({ state: 'accepted', ownerId: engineer.id, plannedHours: 4, chargedMonth: '2026-02' });

    clock.set('2026-02-24T10:00:00Z');
    const tested = await applyTicketEvent(deps(), {
      ticket: { id: ticket.id },
      actor: actorOf(engineer),
      event: { kind: 'send_to_testing', result: '  Fixed the report filter.  ' },
    });
    expect(tested.ticket.state).toBe('customer_testing');
    expect(tested.ticket.windowEndsAt).not.toBeNull();

    clock.set('2026-02-25T10:00:00Z');
    const confirmed = await applyTicketEvent(deps(), { ticket: { id: ticket.id }, actor: actorOf(client), event: { kind: 'confirm' } });
    expect(confirmed.ticket.state).toBe('done');

    const m = db.dataSource.manager;
    const history = await historyOf(m, ticket.id);
    expect(history.filter((h) => h.field === 'state').map((h) => [h.fromValue, h.toValue, h.actorId])).toEqual([
      ['new', 'accepted', engineer.id],
      ['accepted', 'customer_testing', engineer.id],
      ['customer_testing', 'done', client.id],
    ]);
    expect(history.map((h) => h.field)).toEqual(expect.arrayContaining(['owner', 'planned_hours', 'planned_date']));

    const outbox = await outboxOf(m, ticket.id);
    expect(outbox.map((o) => [o.recipientId, o.key])).toEqual([
      [client.id, 'notify.state_changed.accepted'],
      [client.id, 'notify.state_changed.customer_testing'],
      [engineer.id, 'notify.client_confirmed'],
    ]);
    expect(outbox[1]?.keyboard).toEqual({
      rows: [
        [
          { action: 'confirm', ticket: ticket.number },
          { action: 'refuse', ticket: ticket.number },
        ],
        [{ action: 'open', ticket: ticket.number }],
      ],
    });
    expect(outbox[1]?.params).toMatchObject({ number: ticket.number, result: 'Fixed the report filter.' });
    expect(new Set(outbox.map((o) => o.dedupeKey)).size).toBe(3);

    const comments = await m.find(CommentEntity, { where: { ticketId: ticket.id } });
    expect(comments.map((c) => [c.text, c.visibility, c.authorId])).toEqual([['Fixed the report filter.', 'public', engineer.id]]);
    const row = await m.findOneByOrFail(TicketEntity, { id: ticket.id });
    expect(row.nextDueAt).toBeNull();
  });

  it('gives the client a reply button with a question and confirm / report-a-problem for an install check', async () => {
    clock.set('2026-02-20T08:00:00Z');
    const m = db.dataSource.manager;
    const question = await newTicket();
    const asked = await applyTicketEvent(deps(), {
      ticket: { id: question.id },
      actor: actorOf(engineer),
      event: { kind: 'request_clarification', question: 'Which clinic branch?' },
      comment: { attachments: [{ fileId: 'f1', fileUniqueId: 'u1', fileName: 'form.pdf', mimeType: 'application/pdf', sizeBytes: 5, purpose: 'other', mediaGroupId: null }] },
    });
    expect(asked.ticket.state).toBe('clarification');
    const [clarify] = await outboxOf(m, question.id);
    expect(clarify).toMatchObject({ recipientId: client.id, key: 'notify.clarification_requested', params: { question: 'Which clinic branch?' } });
    expect(clarify?.keyboard).toEqual({
      rows: [[{ action: 'reply', ticket: question.number }], [{ action: 'open', ticket: question.number }]],
    });
    const comment = await m.findOneByOrFail(CommentEntity, { ticketId: question.id });
    expect(comment).toMatchObject({ text: 'Which clinic branch?', visibility: 'public', authorId: engineer.id });
    // The question's file goes with the notification: the dispatcher sends the comment's files after the text.
    expect(clarify?.params['commentId']).toBe(comment.id);
    expect(asked.commentId).toBe(comment.id);

    const change = await createTicket(m, { companyId, authorId: client.id, departmentId }, { type: 'modification', state: 'in_development', ownerId: engineer.id });
    await applyTicketEvent(deps(), { ticket: { id: change.id }, actor: actorOf(engineer), event: { kind: 'ready_for_install', note: 'Release 5.2.1' } });
    const [install] = await outboxOf(m, change.id);
    expect(install?.params['commentId']).toBeUndefined();
    expect(install?.keyboard).toEqual({
      rows: [
        [
          { action: 'confirm', ticket: change.number },
          { action: 'report_problem', ticket: change.number },
        ],
        [{ action: 'open', ticket: change.number }],
      ],
    });
  });

  it('tells the second engineer who accepted the ticket, by name', async () => {
    clock.set('2026-02-20T08:00:00Z');
    const ticket = await newTicket();
    await applyTicketEvent(deps(), { ticket: { id: ticket.id }, actor: actorOf(engineer), event: accept });
    const error: unknown = await applyTicketEvent(deps(), { ticket: { id: ticket.id }, actor: actorOf(otherEngineer), event: accept }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AlreadyAcceptedError);
    expect(error).toMatchObject({ params: { ownerId: engineer.id, name: 'Anna Petrova' } });
  });

  it('never reveals another company’s ticket to a client', async () => {
    const ticket = await newTicket();
    const m = db.dataSource.manager;
    const stranger = await createClient(m, (await createCompany(m)).id);
    await expect(
      applyTicketEvent(deps(), { ticket: { id: ticket.id }, actor: actorOf(stranger), event: { kind: 'withdraw' } }),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      applyTicketEvent(deps(), { ticket: { number: 999_999 }, actor: actorOf(client), event: { kind: 'withdraw' } }),
    ).rejects.toBeInstanceOf(NotFoundError);
  });

  it('refuses blocked clients and clients of a company without a valid contract', async () => {
    const m = db.dataSource.manager;
    const ticket = await newTicket();
    const blocked = await createClient(m, companyId, { blocked: true, blockedReason: 'left the company' });
    await expect(
      applyTicketEvent(deps(), { ticket: { id: ticket.id }, actor: actorOf(blocked), event: { kind: 'withdraw' } }),
    ).rejects.toMatchObject({ constructor: UserBlockedError, params: { reason: 'account', detail: 'left the company' } });

    const lapsed = await createCompany(m);
    await createContract(m, lapsed.id, { startsOn: '2025-01-01', endsOn: '2025-12-31' });
    const lapsedClient = await createClient(m, lapsed.id);
    const theirs = await createTicket(m, { companyId: lapsed.id, authorId: lapsedClient.id, departmentId });
    await expect(
      applyTicketEvent(deps(), { ticket: { id: theirs.id }, actor: actorOf(lapsedClient), event: { kind: 'withdraw' } }),
    ).rejects.toMatchObject({ constructor: UserBlockedError, params: { reason: 'no_contract' } });
  });

  it('lets domain errors through as they are and changes nothing', async () => {
    const ticket = await newTicket();
    await expect(
      applyTicketEvent(deps(), { ticket: { id: ticket.id }, actor: actorOf(client), event: { kind: 'confirm' } }),
    ).rejects.toBeInstanceOf(TransitionNotAllowedError);
    await applyTicketEvent(deps(), { ticket: { id: ticket.id }, actor: actorOf(client), event: { kind: 'withdraw', reason: 'Solved it' } });
    await expect(
      applyTicketEvent(deps(), { ticket: { id: ticket.id }, actor: actorOf(client), event: { kind: 'client_message', text: 'hi' } }),
    ).rejects.toBeInstanceOf(FinalStateError);
    const history = await historyOf(db.dataSource.manager, ticket.id);
    expect(history.map((h) => [h.toValue, h.reason])).toEqual([['rejected', 'Solved it']]);
  });
});
