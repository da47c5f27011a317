import { WorkLogEntity } from '../../../src/persistence/entities';
import {
  addAttachments,
  addComment,
  logWork,
  ticketAttachments,
  type NewAttachment,
} from '../../../src/persistence/repositories/comments';
import { ticketCardContext } from '../../../src/persistence/repositories/ticket-card-context';
import { openTestDatabase, type TestDatabase } from '../../support/database';
import { createClient, createCompany, createEngineer, createTicket, seededDepartment } from '../../support/mothers';

const NOW = new Date('2026-02-24T08:00:00Z');
const LATER = new Date('2026-02-24T09:00:00Z');

const file = (id: string, purpose: NewAttachment['purpose'], extra: Partial<NewAttachment> = {}): NewAttachment => ({
  fileId: `AgAC-${id}`,
  fileUniqueId: `AQAD-${id}`,
  fileName: null,
  mimeType: 'image/jpeg',
  sizeBytes: 123_456,
  purpose,
  mediaGroupId: null,
  ...extra,
});

describe('comments, attachments and work logs', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(() => db.close());

  it('keeps internal comments and their files away from the client view', async () => {
    const m = db.dataSource.manager;
    const company = await createCompany(m);
    const department = await seededDepartment(m);
    const client = await createClient(m, company.id);
    const engineer = await createEngineer(m, department.id);
    const ticket = await createTicket(m, { companyId: company.id, authorId: client.id, departmentId: department.id });

    await addAttachments(m, ticket.id, null, [file('shot', 'screenshot')], NOW);
    const publicId = await addComment(
      m,
      { ticketId: ticket.id, authorId: client.id, visibility: 'public', text: 'Вот ТЗ и макет', sourceMessageId: 4_242 },
      [
        file('spec', 'specification', { fileName: 'ТЗ.docx', mimeType: 'application/msword', mediaGroupId: '1300' }),
        file('mock', 'mockup', { mediaGroupId: '1300' }),
      ],
      NOW,
    );
    await addComment(
      m,
      { ticketId: ticket.id, authorId: engineer.id, visibility: 'internal', text: 'Check the log', sourceMessageId: null },
      [file('log', 'other', { fileName: 'server.log', mimeType: 'text/plain' })],
      LATER,
    );

    // The card reads the comments and files with its other facts, in one statement.
    const card = (includeInternal: boolean) => ticketCardContext(m, { ...ticket, linkedTicketId: null }, { loggedHours: false, rating: false, includeInternal });
    const forClient = (await card(false)).comments;
    expect(forClient).toEqual([expect.objectContaining({ id: publicId, text: 'Вот ТЗ и макет', sourceMessageId: 4_242, createdAt: NOW })]);
    expect((await card(true)).comments.map((c) => c.visibility)).toEqual(['public', 'internal']);
    expect((await card(true)).comments[1]).toMatchObject({ authorId: engineer.id, text: 'Check the log', sourceMessageId: null, createdAt: LATER });
    // The same files, hydrated alike, as the files query of the other screens.
    expect((await card(false)).files).toEqual(await ticketAttachments(m, ticket.id, { includeInternal: false }));
    expect((await card(true)).files).toEqual(await ticketAttachments(m, ticket.id, { includeInternal: true }));
    const clientFiles = await ticketAttachments(m, ticket.id, { includeInternal: false });
    expect(clientFiles.map((f) => f.purpose).sort()).toEqual(['mockup', 'screenshot', 'specification']);
    expect(clientFiles.find((f) => f.purpose === 'specification')).toMatchObject({
      commentId: publicId,
      fileName: 'ТЗ.docx',
      sizeBytes: 123_456,
      mediaGroupId: '1300',
    });
    expect(await ticketAttachments(m, ticket.id, { includeInternal: true })).toHaveLength(4);
  });

  it('logs actual time with its day', async () => {
    const m = db.dataSource.manager;
    const company = await createCompany(m);
    const department = await seededDepartment(m);
    const engineer = await createEngineer(m, department.id);
    const ticket = await createTicket(m, {
      companyId: company.id,
      authorId: (await createClient(m, company.id)).id,
      departmentId: department.id,
    });
    await logWork(m, { ticketId: ticket.id, userId: engineer.id, hours: 1.5, note: 'remote session', loggedOn: '2026-02-24' }, NOW);
    expect(await m.findOneByOrFail(WorkLogEntity, { ticketId: ticket.id })).toMatchObject({
      hours: 1.5,
      loggedOn: '2026-02-24',
      note: 'remote session',
    });
    await expect(
      logWork(m, { ticketId: ticket.id, userId: engineer.id, hours: 0, note: null, loggedOn: '2026-02-24' }, NOW),
    ).rejects.toThrow(/check constraint/);
  });
});
