import { addComment } from '../../../src/application/tickets/add-comment';
import { StaffOnlyError, UserBlockedError } from '../../../src/application/tickets/errors';
import { logWork, WORK_LOG_MAX_HOURS } from '../../../src/application/tickets/log-work';
import { FinalStateError } from '../../../src/domain/ticket/errors';
import type { TicketState } from '../../../src/domain/ticket/types';
import { CommentEntity, TicketEntity, WorkLogEntity, type UserEntity } from '../../../src/persistence/entities';
import { openTestDatabase, type TestDatabase } from '../../support/database';
import { createClient, createCompany, createContract, createEngineer, createTicket, seededDepartment } from '../../support/mothers';
import { actorOf, appDeps, historyOf, manualClock, outboxOf } from './fixture';

const clock = manualClock('2026-03-02T08:00:00Z');
let db: TestDatabase;
let client: UserEntity;
let owner: UserEntity;
let responsible: UserEntity;
let colleague: UserEntity;
let companyId: string;
let departmentId: string;

beforeAll(async () => {
  db = await openTestDatabase();
  const m = db.dataSource.manager;
  companyId = (await createCompany(m)).id;
  await createContract(m, companyId);
  departmentId = (await seededDepartment(m)).id;
  client = await createClient(m, companyId);
  owner = await createEngineer(m, departmentId, { displayName: 'Owner Olga' });
  responsible = await createEngineer(m, departmentId);
  colleague = await createEngineer(m, departmentId);
});
afterAll(() => db.close());

const deps = (): ReturnType<typeof appDeps> => appDeps(db.dataSource, clock);

function ticketIn(state: TicketState, assigned = true) {
  const window = ['clarification', 'customer_testing', 'ready_for_install'].includes(state);
  return createTicket(
    db.dataSource.manager,
    { companyId, authorId: client.id, departmentId },
    {
      state,
      type: 'modification',
      ownerId: assigned ? owner.id : null,
      responsibleId: assigned ? responsible.id : null,
      windowEndsAt: window ? new Date('2026-03-10T06:00:00Z') : null,
      reviewDueAt: state === 'new' ? new Date('2026-03-04T20:59:59Z') : null,
    },
  );
}

let messageId = 100;
const source = () => ({ chatId: client.telegramId, messageId: ++messageId });

describe('addComment by a client', () => {
  it.each<TicketState>(['clarification', 'customer_testing'])('moves %s back to new and tells the vendor', async (state) => {
    const ticket = await ticketIn(state);
    const result = await addComment(deps(), { ticket: { number: ticket.number }, actor: actorOf(client), text: 'Here is the answer', source: source() });
    expect(result.ticket.state).toBe('new');
    expect(result.ticket.reviewDueAt).not.toBeNull();
    const m = db.dataSource.manager;
    expect((await historyOf(m, ticket.id)).map((h) => [h.fromValue, h.toValue, h.actorId])).toEqual([[state, 'new', client.id]]);
    const outbox = await outboxOf(m, ticket.id);
    expect(outbox.filter((o) => o.key.startsWith('notify.client_')).map((o) => o.recipientId).sort()).toEqual([owner.id, responsible.id].sort());
    expect(outbox.some((o) => o.recipientId === client.id)).toBe(false);
    expect((await m.findOneByOrFail(TicketEntity, { id: ticket.id })).nextDueKind).toBe('review_warning');
  });

  it.each<[TicketState, boolean]>([
    ['new', false],
    ['accepted', true],
    ['in_development', true],
    // Only "report a problem" reopens a ticket awaiting the install check (issue 12).
    ['ready_for_install', true],
  ])('on %s is a comment: the state stays, the vendor is told', async (state, assigned) => {
    const ticket = await ticketIn(state, assigned);
    const result = await addComment(deps(), { ticket: { id: ticket.id }, actor: actorOf(client), text: 'One more detail', source: source() });
    expect(result.ticket.state).toBe(state);
    const outbox = await outboxOf(db.dataSource.manager, ticket.id);
    expect(outbox.every((o) => o.key === 'notify.client_commented_text')).toBe(true);
    const expected = assigned ? [owner.id, responsible.id] : [owner.id, responsible.id, colleague.id];
    expect(outbox.map((o) => o.recipientId).sort()).toEqual(expected.sort());
  });

  it('on a final ticket gets FinalStateError and stores nothing', async () => {
    const ticket = await ticketIn('done');
    await expect(addComment(deps(), { ticket: { id: ticket.id }, actor: actorOf(client), text: 'It broke again' })).rejects.toBeInstanceOf(
      FinalStateError,
    );
    expect(await db.dataSource.manager.countBy(CommentEntity, { ticketId: ticket.id })).toBe(0);
  });

  it('is stored once per Telegram message, files included', async () => {
    const ticket = await ticketIn('clarification');
    const message = source();
    const file = { fileId: 'doc-1', fileUniqueId: 'doc-u1', fileName: 'log.txt', mimeType: 'text/plain', sizeBytes: 10, purpose: 'other' as const, mediaGroupId: null };
    const first = await addComment(deps(), { ticket: { id: ticket.id }, actor: actorOf(client), attachments: [file], source: message });
    const again = await addComment(deps(), { ticket: { id: ticket.id }, actor: actorOf(client), attachments: [file], source: message });
    expect(again).toMatchObject({ duplicate: true, commentId: first.commentId, effects: [] });
    const m = db.dataSource.manager;
    expect(await m.countBy(CommentEntity, { ticketId: ticket.id })).toBe(1);
    expect((await historyOf(m, ticket.id)).length).toBe(1);
    expect((await outboxOf(m, ticket.id)).find((o) => o.key.startsWith('notify.client_'))?.key).toBe('notify.client_replied');
  });

  it('notifies about two messages sent at one instant (a fixed clock) twice', async () => {
    const ticket = await ticketIn('accepted');
    await addComment(deps(), { ticket: { id: ticket.id }, actor: actorOf(client), text: 'First', source: source() });
    await addComment(deps(), { ticket: { id: ticket.id }, actor: actorOf(client), text: 'Second', source: source() });
    const outbox = await outboxOf(db.dataSource.manager, ticket.id);
    expect(outbox.filter((o) => o.recipientId === owner.id).map((o) => o.params['text'])).toEqual(['First', 'Second']);
  });

  it('may not write internal notes', async () => {
    const ticket = await ticketIn('accepted');
    await expect(
      addComment(deps(), { ticket: { id: ticket.id }, actor: actorOf(client), text: 'psst', visibility: 'internal' }),
    ).rejects.toBeInstanceOf(StaffOnlyError);
  });
});

describe('addComment by an engineer', () => {
  it('sends a public comment to the author with a reply button', async () => {
    const ticket = await ticketIn('accepted');
    const result = await addComment(deps(), { ticket: { id: ticket.id }, actor: actorOf(owner), text: 'Which build do you use?' });
    expect(result.notifications.map((n) => n.recipientId)).toEqual([client.id]);
    const [row] = await outboxOf(db.dataSource.manager, ticket.id);
    expect(row).toMatchObject({
      key: 'app.notify.engineer_commented',
      params: { number: ticket.number, author: 'Owner Olga', text: 'Which build do you use?' },
    });
    expect(row?.keyboard).toMatchObject({ rows: [[{ action: 'reply', ticket: ticket.number }, { action: 'open', ticket: ticket.number }]] });
  });

  it('keeps internal notes away from clients', async () => {
    const ticket = await ticketIn('accepted');
    await addComment(deps(), { ticket: { id: ticket.id }, actor: actorOf(owner), text: 'Customer DB is huge', visibility: 'internal' });
    const outbox = await outboxOf(db.dataSource.manager, ticket.id);
    expect(outbox.map((o) => [o.recipientId, o.key])).toEqual([[responsible.id, 'app.notify.internal_note']]);
    const comments = await db.dataSource.manager.findBy(CommentEntity, { ticketId: ticket.id });
    expect(comments.map((c) => c.visibility)).toEqual(['internal']);
  });
});

describe('logWork', () => {
  it('records actual hours for staff on any billing, and refuses clients', async () => {
    const ticket = await ticketIn('accepted');
    const logged = await logWork(deps(), { ticket: { number: ticket.number }, actor: actorOf(owner), hours: 1.5, note: ' call ' });
    expect(logged).toMatchObject({ hours: 1.5, loggedOn: '2026-03-02' });
    const rows = await db.dataSource.manager.findBy(WorkLogEntity, { ticketId: ticket.id });
    expect(rows.map((r) => [r.hours, r.note, r.userId])).toEqual([[1.5, 'call', owner.id]]);
    await expect(logWork(deps(), { ticket: { id: ticket.id }, actor: actorOf(client), hours: 1 })).rejects.toBeInstanceOf(StaffOnlyError);
    await expect(logWork(deps(), { ticket: { id: ticket.id }, actor: actorOf(owner), hours: 0.3 })).rejects.toMatchObject({ rule: 'hours_step' });
  });

  it('takes at most a day’s 24 h in one entry (WORK_LOG_MAX_HOURS), and nothing from a blocked engineer', async () => {
    const ticket = await ticketIn('accepted');
    await expect(logWork(deps(), { ticket: { id: ticket.id }, actor: actorOf(owner), hours: 24.25 })).rejects.toMatchObject({
      field: 'planned_hours',
      rule: 'hours_max',
      params: { limit: WORK_LOG_MAX_HOURS },
    });
    await expect(logWork(deps(), { ticket: { id: ticket.id }, actor: actorOf(owner), hours: 24 })).resolves.toMatchObject({ hours: 24 });
    const blocked = await createEngineer(db.dataSource.manager, departmentId, { blocked: true, blockedReason: 'left' });
    await expect(logWork(deps(), { ticket: { id: ticket.id }, actor: actorOf(blocked), hours: 1 })).rejects.toBeInstanceOf(UserBlockedError);
    expect(await db.dataSource.manager.countBy(WorkLogEntity, { ticketId: ticket.id })).toBe(1);
  });
});

describe('files on comments travel with the notifications (params.commentId)', () => {
  const file = (id: string) => ({ fileId: id, fileUniqueId: id, fileName: null, mimeType: 'image/png', sizeBytes: 10, purpose: 'other' as const, mediaGroupId: null });

  it('a client reply with files names its comment in the vendor’s rows, not in the author’s', async () => {
    const ticket = await ticketIn('clarification');
    const result = await addComment(deps(), { ticket: { number: ticket.number }, actor: actorOf(client), text: 'Screenshot', attachments: [file('c-1')], source: source() });
    const rows = await outboxOf(db.dataSource.manager, ticket.id);
    const vendor = rows.filter((r) => r.recipientId === owner.id || r.recipientId === responsible.id);
    expect(vendor).toHaveLength(2);
    for (const row of vendor) expect(row.params['commentId']).toBe(result.commentId);
    for (const row of rows.filter((r) => r.recipientId === client.id)) expect(row.params['commentId']).toBeUndefined();
  });

  it('a staff public comment with files names it for the client; without files, no comment id', async () => {
    const ticket = await ticketIn('accepted');
    const withFile = await addComment(deps(), { ticket: { number: ticket.number }, actor: actorOf(owner), text: 'Look', attachments: [file('s-1')] });
    await addComment(deps(), { ticket: { number: ticket.number }, actor: actorOf(owner), text: 'Plain text' });
    const rows = await outboxOf(db.dataSource.manager, ticket.id);
    expect(rows.filter((r) => r.recipientId === client.id).map((r) => r.params['commentId'] ?? null)).toEqual([withFile.commentId, null]);
  });

  it('an internal note’s files go only to staff rows', async () => {
    const ticket = await ticketIn('accepted');
    const result = await addComment(deps(), { ticket: { number: ticket.number }, actor: actorOf(owner), text: 'Internal', attachments: [file('i-1')], visibility: 'internal' });
    const rows = await outboxOf(db.dataSource.manager, ticket.id);
    expect(rows.map((r) => r.recipientId)).toEqual([responsible.id]);
    expect(rows[0]?.params['commentId']).toBe(result.commentId);
  });
});
