import { Telegram } from 'telegraf';
import { createDesk } from '../../../src/application/desk';
import { DEFAULT_TIME_POLICY } from '../../../src/domain/calendar';
import { LANGUAGES, type Language } from '../../../src/i18n';
import { FakeTelegram, inlineButtons, type ChatMessage, type FakeUser } from '../../../src/fake-telegram';
import { openTestDatabase, type TestDatabase } from '../../support/database';
import { png } from '../support/files';
import { createClient, createCompany, createContract, createEngineer, createTicket, seededDepartment } from '../../support/mothers';
import { WEBHOOK_SECRET, calendar, translate, webhookInstance, type TestInstance } from '../../integration/server/server-fixtures';

/**
 * Issue 11, point 4: a reply Telegram keeps refusing with 429 goes through the outbox instead of
 * being dropped — with its buttons, whatever their kind: the inline buttons of a list and the
 * client's menu keyboard (a reply keyboard). The user gets it once, and the buttons work.
 */
jest.setTimeout(120_000);

describe('a reply with buttons that Telegram keeps refusing', () => {
  let fake: FakeTelegram;
  let db: TestDatabase;
  let node: TestInstance;
  let ids = 8_800_000_000 + (process.pid % 1000) * 1000;
  let company: { id: string };
  let departmentId: string;

  beforeAll(async () => {
    fake = await FakeTelegram.start({ rateLimits: true });
    db = await openTestDatabase();
    const m = db.dataSource.manager;
    company = await createCompany(m, { name: 'Deferred Co' });
    await createContract(m, company.id, { monthlyHours: 40 });
    departmentId = (await seededDepartment(m, 'support')).id;
    node = await webhookInstance(db, fake);
    fake.useWebhook(node.webhookUrl, WEBHOOK_SECRET);
  });

  afterAll(async () => {
    await node?.instance.stop();
    await fake?.stop();
    await db?.close();
  });

  async function client(lang: Language): Promise<{ user: FakeUser; ticket: number }> {
    const m = db.dataSource.manager;
    const user = fake.user({ id: ++ids, first_name: 'Olga', language_code: lang });
    const row = await createClient(m, company.id, { telegramId: user.id, language: lang, displayName: 'Olga' });
    const ticket = await createTicket(m, { companyId: company.id, authorId: row.id, departmentId });
    return { user, ticket: ticket.number };
  }

  const fromBot = (user: FakeUser): ChatMessage[] => fake.messages(user.id).filter((msg) => msg.sender === 'bot');
  const refusals = (user: FakeUser): number => fake.calls('sendMessage').filter((c) => Number(c.params.chat_id) === user.id && c.httpStatus === 429).length;
  const deferred = async (user: FakeUser): Promise<string[]> =>
    ((await db.dataSource.query(`SELECT status FROM outbox WHERE key = 'reply.deferred' AND chat_id = $1`, [user.id])) as { status: string }[]).map((r) => r.status);

  test('a deferred reply made in a forum topic goes to that topic', async () => {
    const forum = fake.forum({ title: 'Support team' });
    const topic = await new Telegram(fake.token, fake.telegrafOptions().telegram).createForumTopic(forum.id, 'Questions');
    // What the reply budget enqueues for a reply it could not send in a topic (send-budget.ts).
    const desk = createDesk({ dataSource: db.dataSource, clock: { now: () => new Date() }, calendar, policy: DEFAULT_TIME_POLICY, attachmentMaxBytes: 1 });
    expect(await desk.outbox.deferReply({ chatId: forum.id, html: '<b>Noted</b> for the team', markup: null, dedupeKey: `topic-${forum.id}`, threadId: topic.message_thread_id })).toBe(true);
    const reply = await fake.waitForMessage(forum.id, (msg) => msg.sender === 'bot' && msg.text === 'Noted for the team', { timeoutMs: 30_000 });
    expect(reply.message?.message_thread_id).toBe(topic.message_thread_id);
    expect(reply.message?.is_topic_message).toBe(true);
  });

  describe.each(LANGUAGES)('%s', (lang) => {
    test('the ticket list with its inline buttons arrives once through the outbox, and its button opens the ticket', async () => {
      const { user, ticket } = await client(lang);
      // Every try the reply budget allows (4) is refused: the reply is deferred.
      fake.tooManyRequests(1, { method: 'sendMessage', chatId: user.id, times: 4 });
      await user.command('my');
      const list = await fake.waitForMessage(user.id, (msg) => msg.sender === 'bot' && inlineButtons(msg.replyMarkup).length > 0, { timeoutMs: 30_000 });
      await fake.waitForIdle();
      expect(refusals(user)).toBe(4);
      expect(await deferred(user)).toEqual(['sent']);
      expect(fromBot(user)).toHaveLength(1);
      expect(list.text).toContain(`№${ticket}`);
      expect(list.text).toContain('Deferred Co');
      expect(inlineButtons(list.replyMarkup).map((b) => (b as { callback_data?: string }).callback_data)).toContain(`tk:open:${ticket}`);

      await user.pressData(`tk:open:${ticket}`, list);
      const card = await fake.waitForMessage(user.id, (msg) => msg.sender === 'bot' && msg.messageId > list.messageId);
      expect(card.text).toContain(`№${ticket}`);
    });

    test('files an engineer asks for arrive once through the outbox when Telegram keeps refusing them', async () => {
      const m = db.dataSource.manager;
      const { user, ticket } = await client(lang);
      // A photo Telegram knows (the fake checks file ids): one the bot once sent to the client.
      const uploaded = await new Telegram(fake.token, fake.telegrafOptions().telegram).sendPhoto(user.id, { source: png() });
      const fileId = uploaded.photo.at(-1)?.file_id ?? '';
      const engineer = fake.user({ id: ++ids, first_name: 'Ivan', language_code: lang });
      await createEngineer(m, departmentId, { telegramId: engineer.id, language: lang, displayName: 'Ivan' });
      const row = await m.query<{ id: string }[]>(`SELECT id FROM tickets WHERE number = $1`, [ticket]);
      await m.query(
        `INSERT INTO attachments (ticket_id, file_id, file_unique_id, file_name, mime_type, size_bytes, purpose, kind, created_at)
         VALUES ($1, $2, 'deferred-photo-u', NULL, 'image/png', 1000, 'screenshot', 'photo', now())`,
        [row[0]?.id, fileId],
      );
      fake.tooManyRequests(1, { method: 'sendPhoto', chatId: engineer.id, times: 4 });
      await engineer.command('files', String(ticket));
      const photo = await fake.waitForMessage(engineer.id, (msg) => msg.sender === 'bot' && msg.photoFileIds !== undefined, { timeoutMs: 30_000 });
      await fake.waitForIdle();
      expect(fake.calls('sendPhoto').filter((c) => Number(c.params.chat_id) === engineer.id && c.httpStatus === 429)).toHaveLength(4);
      expect(await deferred(engineer)).toEqual(['sent']);
      expect(fromBot(engineer).filter((msg) => msg.photoFileIds !== undefined)).toHaveLength(1);
      expect(photo.photoFileIds).toContain(fileId);
      expect(photo.caption).toContain(`№${ticket}`);
    });

    test('the help with the client’s menu keyboard arrives once through the outbox, keyboard and all', async () => {
      const t = await translate();
      const { user } = await client(lang);
      fake.tooManyRequests(1, { method: 'sendMessage', chatId: user.id, times: 4 });
      await user.command('help');
      const help = await fake.waitForMessage(user.id, (msg) => msg.sender === 'bot', { timeoutMs: 30_000 });
      await fake.waitForIdle();
      expect(refusals(user)).toBe(4);
      expect(await deferred(user)).toEqual(['sent']);
      expect(fromBot(user)).toHaveLength(1);
      const rows = (help.replyMarkup as { keyboard?: Array<Array<string | { text: string }>> } | undefined)?.keyboard ?? [];
      const labels = rows.flat().map((b) => (typeof b === 'string' ? b : b.text));
      expect(labels).toContain(t(lang, 'client.menu.my'));
    });
  });
});
