import * as entities from '../../../src/persistence/entities/entity-classes';
import { insertEntities, selectEntities, selectEntity } from '../../../src/persistence/fast-select';
import { createInvite } from '../../../src/application/admin/invites';
import { addComment, logWork } from '../../../src/persistence/repositories/comments';
import { putDialogSessions } from '../../../src/persistence/repositories/dialog-sessions';
import { recordHoursCharge } from '../../../src/persistence/repositories/hours';
import { enqueueNotification } from '../../../src/persistence/repositories/outbox';
import { claimUpdateWithContext } from '../../../src/persistence/repositories/update-context';
import { acceptRegulation } from '../../../src/persistence/repositories/regulation';
import { appendHistory } from '../../../src/persistence/repositories/ticket-history';
import { addMembership } from '../../../src/persistence/repositories/departments';
import { rememberBotMessages } from '../../../src/persistence/repositories/bot-messages';
import { insertBudgetApproval } from '../../../src/persistence/repositories/budget-approvals';
import { editCommentBySource } from '../../../src/persistence/repositories/comment-edits';
import { upsertRating } from '../../../src/persistence/repositories/ratings';
import { openTestDatabase, type TestDatabase } from '../../support/database';
import { createClient, createCompany, createContract, createEngineer, createTicket, seededDepartment } from '../../support/mothers';
import { insertTicketTopic, saveTopicGroup, setTicketTopicThread } from '../../../src/persistence/repositories/team-topics';

const NOW = new Date('2026-03-02T08:00:00.123Z');

describe('entities read by hand-written SQL are the entities find() reads', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase();
    const m = db.dataSource.manager;
    const company = await createCompany(m);
    await createContract(m, company.id, { monthlyHours: 37.5, startsOn: '2026-01-01', endsOn: '2026-12-31' });
    const client = await createClient(m, company.id, { username: null, blockedReason: 'note' });
    const department = await seededDepartment(m);
    const engineer = await createEngineer(m, department.id);
    const who = { companyId: company.id, authorId: client.id, departmentId: department.id };
    await createTicket(m, who);
    const accepted = await createTicket(m, who, {
      state: 'accepted',
      ownerId: engineer.id,
      plannedHours: 2.25,
      plannedDate: '2026-03-05',
      windowEndsAt: NOW,
      steps: 'open, press',
    });
    await addComment(m, { ticketId: accepted.id, authorId: client.id, visibility: 'public', text: 'hi', sourceMessageId: 7, sourceChatId: client.telegramId }, [
      { fileId: 'f', fileUniqueId: 'u', fileName: 'a.png', mimeType: 'image/png', sizeBytes: 1234, purpose: 'screenshot', mediaGroupId: null },
    ], NOW);
    await logWork(m, { ticketId: accepted.id, userId: engineer.id, hours: 1.5, note: null, loggedOn: '2026-03-02' }, NOW);
    await recordHoursCharge(m, { ticketId: accepted.id, companyId: company.id, contractKind: 'support', month: '2026-03', hours: 2.25, overridden: false, at: NOW });
    await enqueueNotification(m, { recipientId: client.id, key: 'ticket.created', params: { number: 1, nested: { a: [1, 'b'] } }, keyboard: { rows: [[{ action: 'open', ticket: 1 }]] }, ticketId: accepted.id, dedupeKey: 'k1' }, NOW);
    await putDialogSessions(m, [{ chatId: client.telegramId, userId: client.telegramId, state: { flow: 'new_ticket', files: [] }, at: NOW }]);
    await claimUpdateWithContext(m, { updateId: 8_000_000_001, now: NOW, staleBefore: NOW, claimer: null, forgetBefore: NOW, telegramId: null, chatId: null, today: '2026-03-02' });
    await acceptRegulation(m, client.id, 1, NOW);
    await createInvite(m, { company: company.name, uses: 3, days: 7 }, NOW);
    await appendHistory(m, [{ ticketId: accepted.id, actorId: engineer.id, field: 'state', from: 'new', to: 'accepted', reason: null, at: NOW }]);
    await addMembership(m, engineer.id, (await seededDepartment(m, 'sales')).id, NOW);
    await rememberBotMessages(m, [{ chatId: client.telegramId, messageIds: [41, 42], ticketNumber: accepted.number }], NOW);
    await insertBudgetApproval(m, { ticketId: accepted.id, engineerId: engineer.id, kind: 'accept', plannedHours: 3.5, plannedDate: '2026-03-10' }, NOW);
    await editCommentBySource(m, { chatId: client.telegramId, messageId: 7 }, client.id, 'hi, edited', NOW);
    await upsertRating(m, { ticketId: accepted.id, companyId: company.id, engineerId: engineer.id, authorId: client.id, score: 4, comment: 'quick' }, NOW);
    await saveTopicGroup(m, { departmentId: department.id, chatId: -1_002_000_000_001, title: 'Support team', language: 'ru', linkedBy: engineer.id, now: NOW });
    await insertTicketTopic(m, { ticketId: accepted.id, chatId: -1_002_000_000_001, state: 'accepted', now: NOW });
    await setTicketTopicThread(m, accepted.id, 77);
  });
  afterAll(() => db.close());

  const classes: readonly (new () => object)[] = Object.values(entities);

  it.each(classes.map((entity) => [entity.name, entity] as const))('%s: same rows, same values, same types', async (_name, entity) => {
    const m = db.dataSource.manager;
    const metadata = db.dataSource.getMetadata(entity);
    const order = metadata.primaryColumns.map((c) => `"e"."${c.databaseName}"`).join(', ');
    const viaFind = await m.find(entity, { order: Object.fromEntries(metadata.primaryColumns.map((c) => [c.propertyName, 'ASC'])) });
    const viaSql = await selectEntities(m, entity, 'true', [], `ORDER BY ${order}`);
    expect(viaFind.length).toBeGreaterThan(0);
    expect(viaSql).toEqual(viaFind);
    expect(viaSql.map((row) => row.constructor)).toEqual(viaFind.map((row) => row.constructor));
  });

  it('takes conditions, parameters and a tail; one row or null', async () => {
    const m = db.dataSource.manager;
    const [first] = await m.find(entities.TicketEntity, { order: { number: 'ASC' }, take: 1 });
    expect(await selectEntity(m, entities.TicketEntity, '"e"."number" = $1', [first!.number])).toEqual(first);
    expect(await selectEntity(m, entities.TicketEntity, '"e"."number" = $1', [-1])).toBeNull();
  });

  it('inserts rows as manager.insert() does: same stored values, defaults where left out', async () => {
    const m = db.dataSource.manager;
    const [template] = await m.find(entities.TicketEntity, { where: { state: 'accepted' }, take: 1 });
    const { id: _id, number: _number, requestKey: _key, ...fields } = template!;
    const viaTypeorm = await m.insert(entities.TicketEntity, { ...fields, requestKey: 'via-typeorm' });
    const [viaSql] = await insertEntities(m, entities.TicketEntity, [{ ...fields, requestKey: 'via-sql' }], ['id', 'number']);
    const read = async (id: unknown): Promise<Record<string, unknown>> => {
      const { id: _i, number: _n, requestKey: _r, ...rest } = (await m.findOneByOrFail(entities.TicketEntity, { id: String(id) })) as unknown as Record<string, unknown>;
      return rest;
    };
    expect(typeof viaSql?.number).toBe('number');
    expect(await read(viaSql?.id)).toEqual(await read((viaTypeorm.identifiers[0] as { id: string }).id));

    const [comment] = await m.find(entities.CommentEntity, { take: 1 });
    const files = [
      { ticketId: template!.id, commentId: comment!.id, fileId: 'a', fileUniqueId: 'ua', fileName: null, mimeType: null, sizeBytes: null, purpose: 'screenshot' as const, mediaGroupId: 'g', kind: 'voice' as const, durationSeconds: 7, createdAt: NOW },
      { ticketId: template!.id, commentId: null, fileId: 'b', fileUniqueId: 'ub', fileName: 'b.pdf', mimeType: 'application/pdf', sizeBytes: 19_000_000, purpose: 'screenshot' as const, mediaGroupId: null, kind: 'document' as const, durationSeconds: null, createdAt: NOW },
    ];
    const ids = await insertEntities(m, entities.AttachmentEntity, files, ['id']);
    const stored = await selectEntities(m, entities.AttachmentEntity, '"e"."id" = ANY($1::uuid[])', [ids.map((r) => r.id)], 'ORDER BY "e"."file_id"');
    expect(stored.map(({ id: _i, ...rest }) => rest)).toEqual(files);
    await expect(insertEntities(m, entities.AttachmentEntity, [files[0]!, { ...files[1]!, mediaGroupId: undefined }])).rejects.toThrow('every row must set mediaGroupId');
  });
});
