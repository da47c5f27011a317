import { claimNotifications } from '../../../src/persistence/repositories/outbox';
import { addAttachments, addComment, type NewAttachment } from '../../../src/persistence/repositories/comments';
import { UserEntity } from '../../../src/persistence/entities';
import { openTestDatabase, type TestDatabase } from '../../support/database';
import { FakeTelegram } from '../../../src/fake-telegram';
import { createClient, createCompany, createEngineer, createTicket, seededDepartment } from '../../support/mothers';
import { dispatcherFor, enqueue, outboxRow, settled } from './notify-fixtures';

const OPEN_BUTTON = { rows: [[{ action: 'open', ticket: 7 }]] } as const;

describe('outbox dispatcher against the Bot API', () => {
  let db: TestDatabase;
  let fake: FakeTelegram;
  let companyId: string;

  beforeAll(async () => {
    db = await openTestDatabase();
    fake = await FakeTelegram.start();
    companyId = (await createCompany(db.dataSource.manager)).id;
  });
  afterAll(async () => {
    await fake.stop();
    await db.close();
  });

  /** A client user with a private chat on the fake. */
  async function recipient(language: 'ru' | 'en' = 'ru'): Promise<UserEntity> {
    const user = await createClient(db.dataSource.manager, companyId, { language });
    fake.user({ id: user.telegramId, first_name: user.displayName, language_code: language });
    return user;
  }

  it('renders in the recipient’s language, splits long texts and puts the buttons under the last part', async () => {
    const en = await recipient('en');
    const ru = await recipient('ru');
    const long = 'x'.repeat(5000);
    const ids = [
      await enqueue(db, { recipientId: en.id, key: 'notify.client_commented_text', params: { number: 7, text: long }, keyboard: OPEN_BUTTON }),
      await enqueue(db, { recipientId: ru.id, key: 'notify.assigned_owner', params: { number: 7 }, keyboard: OPEN_BUTTON }),
    ];
    const dispatcher = await dispatcherFor(db, fake);
    const rows = await settled(db, ids);
    await dispatcher.stop();

    expect(rows.map((r) => r.status)).toEqual(['sent', 'sent']);
    const parts = fake.messages(en.telegramId);
    expect(parts.length).toBeGreaterThanOrEqual(2);
    expect(parts.every((p) => (p.text ?? '').length <= 4096)).toBe(true);
    expect(parts.map((p) => p.text ?? '').join('').replace(/\s/g, '')).toContain(long);
    expect(parts[0]?.text).toContain('Client comment on ticket');
    expect(parts.slice(0, -1).every((p) => p.replyMarkup === undefined)).toBe(true);
    expect(JSON.stringify(parts.at(-1)?.replyMarkup)).toContain('"text":"Open","callback_data":"tk:open:7"');
    expect(rows[0]?.telegramMessageId).toBe(parts[0]?.messageId);
    const [russian] = fake.messages(ru.telegramId);
    expect(russian?.text).toContain('№7');
    expect(russian?.replyMarkup).toEqual({ inline_keyboard: [[{ text: 'Открыть', callback_data: 'tk:open:7' }]] });
    expect(russian?.parseMode).toBe('HTML');
  });

  it('waits retry_after on a 429 and then sends the message once', async () => {
    const user = await recipient();
    fake.tooManyRequests(1, { chatId: user.telegramId });
    const started = Date.now();
    const id = await enqueue(db, { recipientId: user.id, key: 'notify.assigned_owner', params: { number: 8 } });
    const dispatcher = await dispatcherFor(db, fake);
    const [row] = await settled(db, [id]);
    await dispatcher.stop();

    expect(row?.status).toBe('sent');
    expect(row?.attempts).toBe(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(fake.messages(user.telegramId)).toHaveLength(1);
  });

  it('marks a user who blocked the bot unreachable and stops trying them (403)', async () => {
    const user = await recipient();
    fake.blockedByUser({ chatId: user.telegramId });
    const first = await enqueue(db, { recipientId: user.id, key: 'notify.assigned_owner', params: { number: 9 } });
    const dispatcher = await dispatcherFor(db, fake);
    await settled(db, [first]);
    const second = await enqueue(db, { recipientId: user.id, key: 'notify.assigned_responsible', params: { number: 9 } });
    await settled(db, [second]);
    await dispatcher.stop();

    expect((await outboxRow(db, first)).status).toBe('unreachable');
    expect((await outboxRow(db, first)).lastError).toContain('403');
    expect((await outboxRow(db, second)).status).toBe('unreachable');
    expect((await db.dataSource.manager.findOneByOrFail(UserEntity, { id: user.id })).unreachable).toBe(true);
    expect(fake.messages(user.telegramId)).toHaveLength(0);
    expect(fake.calls('sendMessage').filter((c) => String(c.params?.chat_id) === String(user.telegramId))).toHaveLength(1);
  });

  it('retries a 500 with backoff and sends once; fails other 4xx with the error recorded', async () => {
    const flaky = await recipient();
    const gone = await recipient();
    fake.serverError(500, { chatId: flaky.telegramId });
    fake.failNext({ kind: 'bad-request', description: 'chat not found' }, { chatId: gone.telegramId });
    const ok = await enqueue(db, { recipientId: flaky.id, key: 'notify.assigned_owner', params: { number: 10 } });
    const bad = await enqueue(db, { recipientId: gone.id, key: 'notify.assigned_owner', params: { number: 10 } });
    const dispatcher = await dispatcherFor(db, fake);
    const [sent, failed] = await settled(db, [ok, bad]);
    await dispatcher.stop();

    expect(sent?.status).toBe('sent');
    expect(sent?.attempts).toBe(2);
    expect(fake.messages(flaky.telegramId)).toHaveLength(1);
    expect(failed?.status).toBe('failed');
    expect(failed?.lastError).toBe('400 Bad Request: chat not found');
  });

  it('sends a new ticket’s photos as an album and its documents by file id', async () => {
    const engineer = await recipient();
    const client = fake.user({ id: 99_000_001, first_name: 'Client' });
    const photos = await Promise.all([client.sendPhoto(Buffer.from('photo-1')), client.sendPhoto(Buffer.from('photo-2'))]);
    const doc = await client.sendDocument(Buffer.from('spec'), { file_name: 'spec.pdf', mime_type: 'application/pdf' });
    const manager = db.dataSource.manager;
    const author = await createClient(manager, companyId);
    const ticket = await createTicket(manager, { companyId, authorId: author.id, departmentId: (await seededDepartment(manager)).id });
    const photoIds = photos.map((p) => p.message.photo?.at(-1)?.file_id ?? '');
    await addAttachments(
      manager,
      ticket.id,
      null,
      [
        ...photoIds.map((fileId) => ({ fileId, fileUniqueId: fileId, fileName: null, mimeType: 'image/jpeg', sizeBytes: 7, purpose: 'screenshot' as const, mediaGroupId: null })),
        { fileId: doc.message.document?.file_id ?? '', fileUniqueId: 'doc', fileName: 'spec.pdf', mimeType: 'application/pdf', sizeBytes: 4, purpose: 'specification', mediaGroupId: null },
      ],
      new Date(),
    );
    const id = await enqueue(db, {
      recipientId: engineer.id,
      ticketId: ticket.id,
      key: 'notify.ticket_created',
      params: { number: ticket.number, subject: 'Report <b>broken</b>', deadline: '26.02.2026 23:59' },
    });
    const dispatcher = await dispatcherFor(db, fake);
    const [row] = await settled(db, [id]);
    await dispatcher.stop();

    expect(row?.status).toBe('sent');
    const messages = fake.messages(engineer.telegramId);
    expect(messages.map((m) => m.method)).toEqual(['sendMessage', 'sendMediaGroup', 'sendMediaGroup', 'sendDocument']);
    expect(messages[0]?.text).toContain('Report <b>broken</b>');
    expect(new Set(messages.slice(1, 3).flatMap((m) => m.photoFileIds?.slice(-1) ?? [])).size).toBe(2);
  });

  it('sends the files of the comment that caused a notification after its text; an internal note’s files only to staff', async () => {
    const client = await recipient();
    const manager = db.dataSource.manager;
    const department = await seededDepartment(manager);
    const engineer = await createEngineer(manager, department.id);
    fake.user({ id: engineer.telegramId, first_name: engineer.displayName, language_code: 'ru' });
    const sender = fake.user({ id: 99_000_002, first_name: 'Engineer' });
    const photos = await Promise.all([sender.sendPhoto(Buffer.from('shot-1')), sender.sendPhoto(Buffer.from('shot-2'))]);
    const doc = await sender.sendDocument(Buffer.from('log'), { file_name: 'log.txt', mime_type: 'text/plain' });
    const secret = await sender.sendPhoto(Buffer.from('internal'));
    const ticket = await createTicket(manager, { companyId, authorId: client.id, departmentId: department.id });
    const photo = (fileId: string): NewAttachment => ({ fileId, fileUniqueId: fileId, fileName: null, mimeType: 'image/jpeg', sizeBytes: 6, purpose: 'other', mediaGroupId: null });
    const photoIds = photos.map((p) => p.message.photo?.at(-1)?.file_id ?? '');
    const docId = doc.message.document?.file_id ?? '';
    const secretId = secret.message.photo?.at(-1)?.file_id ?? '';
    // A file given with the ticket itself is not sent again with a comment's notification.
    await addAttachments(manager, ticket.id, null, [photo(secretId)], new Date());
    const publicId = await addComment(
      manager,
      { ticketId: ticket.id, authorId: engineer.id, visibility: 'public', text: 'See the screenshots', sourceChatId: null, sourceMessageId: null },
      [...photoIds.map(photo), { fileId: docId, fileUniqueId: 'log', fileName: 'log.txt', mimeType: 'text/plain', sizeBytes: 3, purpose: 'other', mediaGroupId: null }],
      new Date(),
    );
    const internalId = await addComment(
      manager,
      { ticketId: ticket.id, authorId: engineer.id, visibility: 'internal', text: 'Staff only', sourceChatId: null, sourceMessageId: null },
      [photo(secretId)],
      new Date(),
    );
    const text = { number: ticket.number, text: 'See the screenshots' };
    const ids = [
      await enqueue(db, { recipientId: client.id, ticketId: ticket.id, key: 'notify.client_commented_text', params: { ...text, commentId: publicId } }),
      // A row naming an internal comment for a client (never written so): text only, no files.
      await enqueue(db, { recipientId: client.id, ticketId: ticket.id, key: 'notify.client_commented_text', params: { ...text, commentId: internalId } }),
      await enqueue(db, { recipientId: engineer.id, ticketId: ticket.id, key: 'notify.client_commented_text', params: { ...text, commentId: internalId } }),
    ];
    const dispatcher = await dispatcherFor(db, fake);
    const rows = await settled(db, ids);
    await dispatcher.stop();

    expect(rows.map((r) => r.status)).toEqual(['sent', 'sent', 'sent']);
    const toClient = fake.messages(client.telegramId);
    expect(toClient.map((m) => m.method)).toEqual(['sendMessage', 'sendMediaGroup', 'sendMediaGroup', 'sendDocument', 'sendMessage']);
    expect(toClient[0]?.text).toContain(`№${ticket.number}`);
    expect(toClient[0]?.text).not.toContain(publicId);
    expect(new Set(toClient.slice(1, 3).flatMap((m) => m.photoFileIds?.slice(-1) ?? []))).toEqual(new Set(photoIds));
    expect(toClient[3]?.documentFileId).toBe(docId);
    expect(toClient.flatMap((m) => m.photoFileIds ?? [])).not.toContain(secretId);
    const toEngineer = fake.messages(engineer.telegramId);
    expect(toEngineer.map((m) => m.method)).toEqual(['sendMessage', 'sendPhoto']);
    expect(toEngineer[1]?.photoFileIds?.at(-1)).toBe(secretId);
  });

  it('sends a row claimed by a dispatcher that died once its lease runs out', async () => {
    const user = await recipient();
    const id = await enqueue(db, { recipientId: user.id, key: 'notify.assigned_owner', params: { number: 12 } });
    const claimedAt = new Date();
    // A dispatcher claims the row (lease of 2 minutes) and dies before sending or recording.
    const [claimed] = await claimNotifications(db.dataSource.manager, claimedAt, new Date(claimedAt.getTime() + 120_000), 10, []);
    expect(claimed?.id).toBe(id);

    const early = await dispatcherFor(db, fake);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await early.stop();
    expect((await outboxRow(db, id)).status).toBe('sending');
    expect(fake.messages(user.telegramId)).toHaveLength(0);

    const later = new Date(claimedAt.getTime() + 121_000);
    const afterLease = await dispatcherFor(db, fake, { clock: { now: () => later } });
    const [row] = await settled(db, [id]);
    await afterLease.stop();
    expect(row?.status).toBe('sent');
    expect(row?.attempts).toBe(2);
    expect(fake.messages(user.telegramId)).toHaveLength(1);
  });

  it('makes a second enqueue of the same event a no-op', async () => {
    const user = await recipient();
    const message = { recipientId: user.id, key: 'notify.assigned_owner', params: { number: 11 }, dedupeKey: `dup:${user.id}` };
    const first = await enqueue(db, message);
    const second = await enqueue(db, message);
    expect(second).toBe(first);
    const dispatcher = await dispatcherFor(db, fake);
    await settled(db, [first]);
    await dispatcher.stop();
    expect(fake.messages(user.telegramId)).toHaveLength(1);
  });
});
