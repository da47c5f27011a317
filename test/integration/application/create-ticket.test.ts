import { createTicket, type CreateTicketInput, type DraftFile } from '../../../src/application/tickets/create-ticket';
import { refreshTicketSchedule } from '../../../src/application/scheduler/refresh-schedule';
import { RegulationNotAcceptedError, UserBlockedError } from '../../../src/application/tickets/errors';
import { InvalidInputError, NotPermittedError } from '../../../src/domain/ticket/errors';
import { AttachmentEntity, CommentEntity, TicketEntity, type UserEntity } from '../../../src/persistence/entities';
import { openTestDatabase, type TestDatabase } from '../../support/database';
import { createClient, createCompany, createContract, createEngineer, seededDepartment } from '../../support/mothers';
import { actorOf, appDeps, historyOf, manualClock, outboxOf } from './fixture';

// Friday 2026-02-20 09:00 Moscow; review due at the end of Thu 2026-02-26 (SPEC §6 example).
const clock = manualClock('2026-02-20T06:00:00Z');
let db: TestDatabase;
let client: UserEntity;
let engineers: UserEntity[];

beforeAll(async () => {
  db = await openTestDatabase();
  const m = db.dataSource.manager;
  const company = await createCompany(m);
  await createContract(m, company.id);
  const support = await seededDepartment(m, 'support');
  client = await createClient(m, company.id);
  engineers = [await createEngineer(m, support.id), await createEngineer(m, support.id)];
  await createEngineer(m, support.id, { blocked: true });
  await createEngineer(m, (await seededDepartment(m, 'sales')).id);
});
afterAll(() => db.close());

const screenshot: DraftFile = {
  kind: 'photo',
  purpose: 'screenshot',
  fileId: 'AgAD-photo-1',
  fileUniqueId: 'uniq-photo-1',
  fileName: null,
  mimeType: 'image/jpeg',
  sizeBytes: 120_000,
  mediaGroupId: 'album-1',
};

const problem = (overrides: Partial<CreateTicketInput> = {}): CreateTicketInput => ({
  actor: actorOf(client),
  serviceCode: 'support.remote',
  type: 'problem',
  priority: 'normal',
  subject: '  Report does not open ',
  description: 'The monthly report shows an empty page since this morning.',
  steps: 'Open Reports → Monthly → Build',
  errorText: 'HTTP 500',
  attachments: [screenshot, { ...screenshot, fileId: 'AgAD-photo-2', fileUniqueId: 'uniq-photo-2' }],
  ...overrides,
});

describe('createTicket', () => {
  it('stores the ticket, its files, history and one outbox row per department engineer', async () => {
    const deps = appDeps(db.dataSource, clock);
    const result = await createTicket(deps, problem());
    expect(result.created).toBe(true);
    expect(result.queuePosition).toBe(1);
    expect(result.ticket).toMatchObject({ state: 'new', authorId: client.id, billing: 'contract', contractKind: 'support' });
    expect(result.ticket.reviewDueAt?.toISOString()).toBe('2026-02-26T20:59:59.999Z');

    const m = db.dataSource.manager;
    const row = await m.findOneByOrFail(TicketEntity, { id: result.ticket.id });
    expect(row).toMatchObject({ number: result.ticket.number, subject: 'Report does not open', steps: 'Open Reports → Monthly → Build' });
    expect(row.nextDueAt).not.toBeNull();
    // Stored with the row at creation: what a refresh of the stored row computes, unchanged by it.
    const stored = { at: row.nextDueAt, kind: row.nextDueKind };
    await db.dataSource.transaction((tx) => refreshTicketSchedule(tx, row.id, clock.now(), { calendar: deps.calendar, policy: deps.policy }));
    const refreshed = await m.findOneByOrFail(TicketEntity, { id: row.id });
    expect({ at: refreshed.nextDueAt, kind: refreshed.nextDueKind }).toEqual(stored);
    expect(stored.kind).toBe('review_warning');
    const files = await m.find(AttachmentEntity, { where: { ticketId: row.id } });
    expect(files.map((f) => [f.fileId, f.purpose, f.commentId, f.mediaGroupId])).toEqual(
      expect.arrayContaining([
        ['AgAD-photo-1', 'screenshot', null, 'album-1'],
        ['AgAD-photo-2', 'screenshot', null, 'album-1'],
      ]),
    );
    expect((await historyOf(m, row.id)).map((h) => [h.field, h.fromValue, h.toValue, h.actorId])).toEqual([
      ['created', null, 'new', client.id],
    ]);
    const outbox = await outboxOf(m, row.id);
    expect(outbox.map((o) => o.recipientId).sort()).toEqual(engineers.map((e) => e.id).sort());
    expect(outbox[0]).toMatchObject({ key: 'notify.ticket_created', params: { number: row.number, subject: 'Report does not open' } });
    expect(outbox[0]?.keyboard).toEqual({
      rows: [
        [
          { action: 'accept', ticket: row.number },
          { action: 'clarify', ticket: row.number },
        ],
        [{ action: 'open', ticket: row.number }],
      ],
    });
  });

  it('is idempotent by request key: a repeated confirm returns the first ticket', async () => {
    const deps = appDeps(db.dataSource, clock);
    const [first, second] = await Promise.all([
      createTicket(deps, problem({ requestKey: 'draft-42' })),
      createTicket(deps, problem({ requestKey: 'draft-42' })),
    ]);
    const third = await createTicket(deps, problem({ requestKey: 'draft-42' }));
    expect([first.created, second.created].sort()).toEqual([false, true]);
    expect(second.ticket.id).toBe(first.ticket.id);
    expect(third).toMatchObject({ created: false, ticket: { id: first.ticket.id, number: first.ticket.number } });
    expect(await db.dataSource.manager.countBy(TicketEntity, { requestKey: 'draft-42' })).toBe(1);
  });

  it('uses up no ticket number for a repeated confirm or an unknown service: the next ticket gets the next number', async () => {
    const deps = appDeps(db.dataSource, clock);
    const first = await createTicket(deps, problem({ requestKey: 'draft-43' }));
    await createTicket(deps, problem({ requestKey: 'draft-43' }));
    await expect(createTicket(deps, problem({ serviceCode: 'no.such.service' }))).rejects.toMatchObject({ field: 'service' });
    const next = await createTicket(deps, problem());
    expect(next.ticket.number).toBe(first.ticket.number + 1);
  });

  it('keeps a modification’s specification text as the author’s public comment', async () => {
    const deps = appDeps(db.dataSource, clock);
    const result = await createTicket(
      deps,
      problem({
        type: 'modification',
        serviceCode: 'support_paid.modification',
        specificationText: 'Add a column with the patient’s age.',
        attachments: [{ ...screenshot, purpose: 'mockup', fileId: 'mock', fileUniqueId: 'mock-u' }],
      }),
    );
    expect(result.ticket).toMatchObject({ billing: 'paid', contractKind: null, type: 'modification' });
    const comments = await db.dataSource.manager.find(CommentEntity, { where: { ticketId: result.ticket.id } });
    expect(comments.map((c) => [c.text, c.visibility, c.authorId])).toEqual([['Add a column with the patient’s age.', 'public', client.id]]);
  });

  it('refuses invalid drafts, unknown services, engineers, and users behind on the regulation', async () => {
    const deps = appDeps(db.dataSource, clock);
    await expect(createTicket(deps, problem({ attachments: [] }))).rejects.toMatchObject({
      constructor: InvalidInputError,
      rule: 'screenshot_required',
    });
    await expect(createTicket(deps, problem({ serviceCode: 'support' }))).rejects.toMatchObject({ field: 'service' });
    await expect(createTicket(deps, problem({ actor: actorOf(engineers[0] as UserEntity) }))).rejects.toBeInstanceOf(
      NotPermittedError,
    );
    const m = db.dataSource.manager;
    const newcomer = await createClient(m, client.companyId ?? '', { acceptedRegulationVersion: null });
    await expect(createTicket(deps, problem({ actor: actorOf(newcomer) }))).rejects.toBeInstanceOf(RegulationNotAcceptedError);
    const blocked = await createClient(m, client.companyId ?? '', { blocked: true });
    await expect(createTicket(deps, problem({ actor: actorOf(blocked) }))).rejects.toBeInstanceOf(UserBlockedError);
  });
});
