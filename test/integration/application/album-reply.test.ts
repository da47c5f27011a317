import { applyTicketEvent } from '../../../src/application/tickets/apply-ticket-event';
import { ALBUM_WAIT_MS } from '../../../src/application/tickets/event-comment';
import { AttachmentEntity, CommentEntity, type UserEntity } from '../../../src/persistence/entities';
import type { NewAttachment } from '../../../src/persistence/repositories/comments';
import { openTestDatabase, type TestDatabase } from '../../support/database';
import { createClient, createCompany, createContract, createEngineer, createTicket, seededDepartment } from '../../support/mothers';
import { actorOf, appDeps, manualClock, outboxOf } from './fixture';

const clock = manualClock('2026-02-20T08:00:00Z');
let db: TestDatabase;
let client: UserEntity;
let companyId: string;
let departmentId: string;
const CHAT = 7_100_000_001;

beforeAll(async () => {
  db = await openTestDatabase();
  const m = db.dataSource.manager;
  companyId = (await createCompany(m)).id;
  await createContract(m, companyId);
  departmentId = (await seededDepartment(m)).id;
  client = await createClient(m, companyId);
  await createEngineer(m, departmentId);
});
afterAll(() => db.close());

const photo = (n: number, group: string | null): NewAttachment => ({
  fileId: `file-${group}-${n}`,
  fileUniqueId: `unique-${group}-${n}`,
  fileName: null,
  mimeType: 'image/jpeg',
  sizeBytes: 1000 + n,
  purpose: 'other',
  mediaGroupId: group,
});

/** A client's photo reply, as the bot hands it over: one message, one file, maybe a caption. */
function reply(ticketId: string, messageId: number, file: NewAttachment, text?: string) {
  return applyTicketEvent(appDeps(db.dataSource, clock), {
    ticket: { id: ticketId },
    actor: actorOf(client),
    event: { kind: 'client_message', ...(text !== undefined && { text }) },
    comment: { attachments: [file], source: { chatId: CHAT, messageId } },
  });
}

describe("a client's album sent as one reply", () => {
  it('becomes one comment with every file; its notifications wait for the rest of the album and carry all the files', async () => {
    const m = db.dataSource.manager;
    const ticket = await createTicket(m, { companyId, authorId: client.id, departmentId }, { state: 'clarification' });
    const first = await reply(ticket.id, 101, photo(1, 'g1'), 'Screens');
    expect(first.ticket.state).toBe('new');
    const second = await reply(ticket.id, 102, photo(2, 'g1'));
    const third = await reply(ticket.id, 103, photo(3, 'g1'), 'and the log');
    expect([second.commentId, third.commentId]).toEqual([first.commentId, first.commentId]);
    expect([second.notifications, third.notifications]).toEqual([[], []]);

    const comments = await m.findBy(CommentEntity, { ticketId: ticket.id });
    expect(comments.map((c) => c.text)).toEqual(['Screens\nand the log']);
    expect(await m.countBy(AttachmentEntity, { commentId: first.commentId! })).toBe(3);
    const rows = await outboxOf(m, ticket.id);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row.params).toMatchObject({ commentId: first.commentId });
      expect(row.nextAttemptAt.getTime()).toBe(clock.now().getTime() + ALBUM_WAIT_MS);
    }

    // An item delivered twice is stored once.
    expect((await reply(ticket.id, 102, photo(2, 'g1'))).duplicate).toBe(true);
    expect(await m.countBy(AttachmentEntity, { commentId: first.commentId! })).toBe(3);
  });

  it('an item arriving after the notifications left becomes a comment of its own (nothing is lost); other albums stay apart', async () => {
    const m = db.dataSource.manager;
    const ticket = await createTicket(m, { companyId, authorId: client.id, departmentId }, { state: 'accepted' });
    const first = await reply(ticket.id, 201, photo(1, 'g2'));
    await m.query(`UPDATE outbox SET status = 'sent', sent_at = now() WHERE ticket_id = $1`, [ticket.id]);
    const late = await reply(ticket.id, 202, photo(2, 'g2'));
    expect(late.commentId).not.toBe(first.commentId);
    const other = await reply(ticket.id, 203, photo(1, 'g3'));
    expect(other.commentId).not.toBe(first.commentId);
    const single = await reply(ticket.id, 204, photo(9, null), 'one photo');
    expect(single.commentId).not.toBe(other.commentId);
    expect(await m.countBy(CommentEntity, { ticketId: ticket.id })).toBe(4);
    // Only an album holds its notifications back.
    const singleRows = (await outboxOf(m, ticket.id)).filter((r) => (r.params as { commentId?: string }).commentId === single.commentId);
    expect(singleRows.length).toBeGreaterThan(0);
    for (const row of singleRows) expect(row.nextAttemptAt.getTime()).toBe(clock.now().getTime());
  });
});
