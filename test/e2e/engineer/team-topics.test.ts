import { defaultFeatures } from '../../../src/bot/features';
import { adminFeatures } from '../../../src/bot/features/admin';
import { engineerFeatures } from '../../../src/bot/features/engineer';
import { topicName } from '../../../src/domain/ticket/topic-name';
import { LANGUAGES, type Language } from '../../../src/i18n';
import { DepartmentEntity, type UserEntity } from '../../../src/persistence/entities';
import { startDispatcher, type RunningDispatcher } from '../../../src/notify';
import { TELEGRAM_SEND_LIMITS } from '../../../src/notify/send-limiter';
import { stripHtml, type ChatMessage, type FakeUser, type TgChat } from '../../../src/fake-telegram';
import { png } from '../support/files';
import { saidStart } from '../support/expect-text';
import { SUBJECT, fillCommon } from '../client/wizard-steps';
import { E2eWorld } from '../support/harness';

/**
 * Issue 14 §5, team topics: an admin links a staff supergroup with topics to the department;
 * each new ticket opens a topic "№N · Company · Subject" with its state emoji, kept current and
 * closed when the ticket is final; the card and the client's messages and files go there; a
 * staff message in the topic is an internal note unless sent with the button or /public; the
 * client then receives it. Strangers and clients in the group get no ticket data.
 */
let world: E2eWorld;
let dispatcher: RunningDispatcher;

beforeAll(async () => {
  world = await E2eWorld.start({ features: defaultFeatures([...engineerFeatures, ...adminFeatures]) });
  // Telegram's pacing, with the group interval shortened so the test does not wait 3 s a message.
  dispatcher = startDispatcher(
    { desk: world.deps.desk, clock: world.deps.clock, translate: world.translate },
    { telegram: world.bot.telegram, pollMs: 50, limits: { ...TELEGRAM_SEND_LIMITS, groupIntervalMs: 100 } },
  );
});

afterAll(async () => {
  await dispatcher.stop();
  await world.stop();
});

const textOf = (m: ChatMessage): string => m.text ?? m.caption ?? '';

function inThread(chatId: number, threadId: number): ChatMessage[] {
  return world.fake.messages(chatId).filter((m) => m.message.message_thread_id === threadId && m.method !== 'service');
}

/**
 * The ticket's topic once the desk has recorded it: the dispatcher stores the thread right after
 * createForumTopic and posts the ticket's card there after that, so staff writing in the topic
 * (as they do once they see the card) are never ahead of the desk.
 */
async function recordedTopic(forumId: number, number: number): Promise<number> {
  await until(() => world.fake.topics(forumId).length === 1, 'the topic');
  const thread = world.fake.topics(forumId)[0]!.threadId;
  await until(() => inThread(forumId, thread).some((m) => textOf(m).includes(`№${number}`)), 'the card in the topic');
  return thread;
}

async function until(probe: () => Promise<boolean> | boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function departmentName(lang: Language): Promise<string> {
  const d = await world.db.dataSource.manager.findOneByOrFail(DepartmentEntity, { id: world.department.id });
  return lang === 'en' ? d.nameEn : d.nameRu;
}

function createTicket(client: UserEntity, subject: string) {
  return world.deps.desk.tickets.create({
    actor: { kind: 'user', userId: client.id, role: 'client', companyId: client.companyId, departmentId: null },
    serviceCode: 'support.phone',
    type: 'question',
    priority: 'normal',
    subject,
    description: 'The monthly report shows an empty page since this morning.',
    attachments: [],
  });
}

/** Links a fresh forum to the support department as an admin: /link, then the department's button. */
async function linkedForum(lang: Language): Promise<{ forum: TgChat; admin: FakeUser }> {
  const { user: admin } = await world.staff('admin', lang);
  const forum = world.fake.forum({ title: `Support team ${lang}` });
  const adminInGroup = admin.in(forum);
  await adminInGroup.command('link');
  await world.fake.waitForMessage(forum.id, stripHtml(world.t(lang, 'topics.link.choose')));
  await adminInGroup.press(await departmentName(lang));
  await world.fake.waitForMessage(forum.id, stripHtml(world.t(lang, 'topics.link.done', { department: await departmentName(lang) })));
  return { forum, admin };
}

describe.each(LANGUAGES)('team topics (%s)', (lang: Language) => {
  const said = (key: string, params?: Record<string, string | number>): string => stripHtml(world.t(lang, key, params));

  test('/link says what is missing: an admin of the desk, a group with topics, the bot as an admin with "Manage topics"', async () => {
    const { user: engineer } = await world.staff('engineer', lang);
    const { user: admin } = await world.staff('admin', lang);
    const forum = world.fake.forum({ title: 'Team' });
    await engineer.in(forum).command('link');
    await world.fake.waitForMessage(forum.id, said('topics.link.not_admin'));

    const plain = world.fake.group({ title: 'No topics' });
    await admin.in(plain).command('link');
    await world.fake.waitForMessage(plain.id, said('topics.link.not_forum'));

    const memberOnly = world.fake.forum({ title: 'Bot not admin', botRights: { status: 'member' } });
    await admin.in(memberOnly).command('link');
    await world.fake.waitForMessage(memberOnly.id, said('topics.link.not_admin_bot'));

    const noTopicRight = world.fake.forum({ title: 'No topic right', botRights: { status: 'administrator', can_manage_topics: false } });
    await admin.in(noTopicRight).command('link', 'support');
    await world.fake.waitForMessage(noTopicRight.id, said('topics.link.no_topic_right'));
    // Fixed: the right granted, /link with the department's code links at once.
    world.fake.setBotRights(noTopicRight.id, { status: 'administrator', can_manage_topics: true });
    await admin.in(noTopicRight).command('link', 'support');
    await world.fake.waitForMessage(noTopicRight.id, said('topics.link.done', { department: await departmentName(lang) }));
    await admin.in(noTopicRight).command('unlink');
    await world.fake.waitForMessage(noTopicRight.id, said('topics.unlink.done'));
    await admin.in(noTopicRight).command('unlink');
    await world.fake.waitForMessage(noTopicRight.id, said('topics.unlink.not_linked'));
  });

  test('a new ticket opens one topic with the card; the client\'s messages and files go there; the engineer\'s note stays internal until sent', async () => {
    const { forum } = await linkedForum(lang);
    const { user: client, row: clientRow } = await world.client(lang);
    const { user: engineer, row: engineerRow } = await world.staff('engineer', lang);
    const subject = lang === 'ru' ? 'Не открывается отчёт' : 'Report does not open';
    const { ticket } = await createTicket(clientRow, subject);

    // The topic: "🆕 №N · Company · Subject", the new-ticket card its first message.
    await until(() => world.fake.topics(forum.id).length === 1, 'the topic');
    const topic = world.fake.topics(forum.id)[0]!;
    expect(topic.name).toBe(topicName({ number: ticket.number, company: world.company.name, subject, state: 'new' }));
    expect(topic.name.startsWith(`🆕 №${ticket.number} · `)).toBe(true);
    const thread = topic.threadId;
    await until(() => inThread(forum.id, thread).some((m) => textOf(m).includes(subject)), 'the card in the topic');
    const card = inThread(forum.id, thread).find((m) => textOf(m).includes(subject))!;
    expect(textOf(card)).toContain(world.company.name);
    expect(card.message.is_topic_message).toBe(true);
    // The department's alert went to the topic, not to each engineer's private chat.
    expect(world.fake.messages(engineer.id).some((m) => textOf(m).includes(subject))).toBe(false);

    // Delivered twice (a dispatcher that died after Telegram created the topic): still one topic.
    await world.db.dataSource.query(`UPDATE outbox SET status = 'pending', next_attempt_at = $2 WHERE key = 'topic.open' AND ticket_id = $1`, [ticket.id, world.clock.now()]);
    await until(async () => {
      const [row] = await world.db.dataSource.query(`SELECT status FROM outbox WHERE key = 'topic.open' AND ticket_id = $1`, [ticket.id]);
      return (row as { status: string }).status === 'sent';
    }, 'the repeated open row handled');
    expect(world.fake.topics(forum.id)).toHaveLength(1);

    // The client adds a comment and a screenshot from their private chat: both reach the topic.
    await client.command('ticket', String(ticket.number));
    const clientCard = await world.fake.waitForMessage(client.id, (m) => textOf(m).includes(`№${ticket.number}`) && m.replyMarkup !== undefined);
    await client.replyTo(clientCard, lang === 'ru' ? 'Отчёт за март тоже пустой' : 'The March report is empty too');
    await until(() => inThread(forum.id, thread).some((m) => textOf(m).includes(lang === 'ru' ? 'Отчёт за март тоже пустой' : 'The March report is empty too')), 'the client comment in the topic');
    // A screenshot through "💬 Add information": the file is sent into the topic after the notice.
    await client.press(/💬/, { message: clientCard });
    await world.fake.waitForIdle({ quietMs: 200 });
    await client.sendPhoto(png(), lang === 'ru' ? 'скрин' : 'screen');
    await until(() => inThread(forum.id, thread).some((m) => m.method === 'sendPhoto'), 'the screenshot in the topic');

    // The engineer writes in the topic: an internal note; the client is not told.
    const clientBefore = world.fake.messages(client.id).length;
    const engineerInTopic = engineer.inTopic(forum, thread);
    const noteText = lang === 'ru' ? 'Анна, могу поехать во вторник' : 'Anna, I can go on Tuesday';
    const noteMessage = await engineerInTopic.send(noteText);
    const saved = await world.fake.waitForMessage(forum.id, said('topics.note_saved', { number: ticket.number }));
    expect(saved.message.message_thread_id).toBe(thread);
    expect(saved.replyToMessageId).toBe(noteMessage.message.message_id);
    await world.fake.waitForIdle({ quietMs: 300 });
    expect(world.fake.messages(client.id).slice(clientBefore).some((m) => textOf(m).includes(noteText))).toBe(false);
    const [note] = await world.db.dataSource.query(`SELECT visibility, author_id FROM comments WHERE text = $1`, [noteText]);
    expect(note).toEqual({ visibility: 'internal', author_id: engineerRow.id });

    // "Send to client" under the note: the client receives it, the confirmation says so.
    await engineerInTopic.press(said('topics.send_to_client'), { message: saved });
    await world.fake.waitForMessage(client.id, (m) => textOf(m).includes(noteText));
    await until(() => textOf(world.fake.message(forum.id, saved.messageId)!).includes(said('topics.published', { number: ticket.number })), 'the confirmation edited');

    // /public <text>: straight to the client.
    const publicText = lang === 'ru' ? 'Исправили, проверьте, пожалуйста' : 'Fixed, please check';
    await engineerInTopic.send(`/public ${publicText}`, { entities: [{ type: 'bot_command', offset: 0, length: 7 }] });
    await world.fake.waitForMessage(client.id, (m) => textOf(m).includes(publicText));
    await world.fake.waitForMessage(forum.id, said('topics.published', { number: ticket.number }));
  });

  test('a problem ticket made by the wizard: the topic gets its card, its screenshots and the steps and error text the client entered', async () => {
    const { forum } = await linkedForum(lang);
    const { user: client } = await world.client(lang);
    const steps = lang === 'ru' ? '1. Открыть отчёт\n2. Нажать «Сформировать»' : '1. Open the report\n2. Press "Build"';
    const errorText = 'Error <42> & "null"';
    await fillCommon(world, client, lang, 'problem');
    await client.send(steps);
    await world.fake.waitForMessage(client.id, saidStart(world, lang, 'client.new.ask.error_text'));
    await client.send(errorText);
    await world.fake.waitForMessage(client.id, saidStart(world, lang, 'client.new.ask.screenshots'));
    await client.sendAlbum([png(), png(800, 600)]);
    await world.fake.waitForIdle({ quietMs: 400 });
    await client.press(world.t(lang, 'client.new.done_files'));
    await world.fake.waitForMessage(client.id, saidStart(world, lang, 'client.new.summary_title'));
    await client.press(world.t(lang, 'client.new.create'));
    const created = await world.fake.waitForMessage(client.id, saidStart(world, lang, 'client.new.created'));
    const number = Number(/№(\d+)/.exec(created.text ?? '')?.[1]);

    await until(() => world.fake.topics(forum.id).length === 1, 'the topic');
    const topic = world.fake.topics(forum.id)[0]!;
    expect(topic.name.startsWith(`🆕 №${number} · `)).toBe(true);
    expect(topic.name).toContain(SUBJECT[lang]);
    await until(() => inThread(forum.id, topic.threadId).some((m) => textOf(m).includes(errorText)), 'the evidence in the topic');
    const thread = inThread(forum.id, topic.threadId);
    const [alert, ...rest] = thread;
    expect(textOf(alert!)).toContain(SUBJECT[lang]);
    expect(rest.filter((m) => m.method === 'sendMediaGroup')).toHaveLength(2);
    const evidence = thread.find((m) => textOf(m).includes(errorText))!;
    expect(textOf(evidence)).toContain(steps);
    expect(textOf(evidence)).toContain(said('topics.evidence.error', { number, error: '' }).split('\n')[2]!);
    // In order: the card, the screenshots, then the steps and error.
    expect(thread.indexOf(evidence)).toBeGreaterThan(thread.findIndex((m) => m.method === 'sendMediaGroup'));
  });

  test('comments staff write from their private chats show in the topic; an internal note goes there instead of the owner\'s private chat', async () => {
    const { forum } = await linkedForum(lang);
    const { user: client, row: clientRow } = await world.client(lang);
    const { user: owner, row: ownerRow } = await world.staff('engineer', lang);
    const { row: colleagueRow } = await world.staff('engineer', lang);
    const { ticket } = await createTicket(clientRow, lang === 'ru' ? 'Нет связи с сервером' : 'No connection to the server');
    await until(() => world.fake.topics(forum.id).length === 1, 'the topic');
    const thread = world.fake.topics(forum.id)[0]!.threadId;
    const staffActor = (row: UserEntity) => ({ kind: 'user' as const, userId: row.id, role: 'engineer' as const, companyId: null, departmentId: world.department.id });
    await world.deps.desk.tickets.applyEvent({ ticket: { number: ticket.number }, actor: staffActor(ownerRow), event: { kind: 'assign', ownerId: ownerRow.id } });
    await world.fake.waitForIdle({ quietMs: 300 });

    const internal = lang === 'ru' ? 'Похоже на сертификат, проверю вечером' : 'Looks like the certificate, will check tonight';
    await world.deps.desk.tickets.comment({ ticket: { number: ticket.number }, actor: staffActor(colleagueRow), text: internal, visibility: 'internal' });
    const publicText = lang === 'ru' ? 'Перезапустите, пожалуйста, службу' : 'Please restart the service';
    await world.deps.desk.tickets.comment({ ticket: { number: ticket.number }, actor: staffActor(colleagueRow), text: publicText, visibility: 'public' });

    await until(() => inThread(forum.id, thread).some((m) => textOf(m).includes(internal)), 'the note in the topic');
    await until(() => inThread(forum.id, thread).some((m) => textOf(m).includes(publicText)), 'the public comment in the topic');
    await world.fake.waitForMessage(client.id, (m) => textOf(m).includes(publicText));
    await world.fake.waitForIdle({ quietMs: 300 });
    expect(world.fake.messages(owner.id).some((m) => textOf(m).includes(internal))).toBe(false);
    expect(world.fake.messages(client.id).some((m) => textOf(m).includes(internal))).toBe(false);
  });

  test('in a topic, staff who have not accepted the regulation are sent to accept it, and a blocked engineer is told so; nothing is stored', async () => {
    const { forum } = await linkedForum(lang);
    const { row: clientRow } = await world.client(lang);
    const { user: newcomer, row: newcomerRow } = await world.staff('engineer', lang);
    const { user: blocked, row: blockedRow } = await world.staff('engineer', lang);
    const { ticket } = await createTicket(clientRow, lang === 'ru' ? 'Сканер не видит штрихкод' : 'The scanner does not read barcodes');
    const thread = await recordedTopic(forum.id, ticket.number);
    await world.db.dataSource.query(`UPDATE users SET accepted_regulation_version = NULL WHERE id = $1`, [newcomerRow.id]);
    await world.db.dataSource.query(`UPDATE users SET blocked = true WHERE id = $1`, [blockedRow.id]);

    await newcomer.inTopic(forum, thread).send('first note');
    const told = await world.fake.waitForMessage(forum.id, (m) => textOf(m).includes(said('topics.accept_regulation_first', { link: '' }).split(':')[0]!));
    expect(told.message.message_thread_id).toBe(thread);
    const blockedNote = await blocked.inTopic(forum, thread).send('blocked note');
    await world.fake.waitForIdle({ quietMs: 300 });
    const [{ count }] = await world.db.dataSource.query(`SELECT count(*)::int AS count FROM comments WHERE text IN ('first note', 'blocked note')`);
    expect(count).toBe(0);
    // The blocked engineer got an answer in the topic too (the desk's refusal), not silence.
    const answers = world.fake.messages(forum.id).filter((m) => m.replyToMessageId === blockedNote.message.message_id);
    expect(answers).toHaveLength(1);
    expect(textOf(answers[0]!)).not.toContain(said('topics.note_saved', { number: ticket.number }));
    expect(textOf(answers[0]!)).not.toBe('');
  });

  test('in a topic, a note delivered twice is stored once, and "Send to client" tapped twice sends once', async () => {
    const { forum } = await linkedForum(lang);
    const { user: client, row: clientRow } = await world.client(lang);
    const { user: engineer } = await world.staff('engineer', lang);
    const { ticket } = await createTicket(clientRow, lang === 'ru' ? 'Не печатается счёт' : 'The invoice does not print');
    const thread = await recordedTopic(forum.id, ticket.number);
    const noteText = lang === 'ru' ? 'Проверьте драйвер принтера' : 'Check the printer driver';
    const sent = await engineer.inTopic(forum, thread).send(noteText);
    const saved = await world.fake.waitForMessage(forum.id, said('topics.note_saved', { number: ticket.number }));
    world.fake.redeliver(sent.update);
    await world.fake.waitForIdle({ quietMs: 300 });
    expect(world.fake.messages(forum.id).filter((m) => textOf(m) === textOf(saved))).toHaveLength(1);

    const callsBefore = world.fake.calls().length;
    const data = (saved.replyMarkup as { inline_keyboard: { callback_data?: string }[][] }).inline_keyboard[0]![0]!.callback_data!;
    const inTopic = engineer.inTopic(forum, thread);
    const [first, second] = await Promise.all([inTopic.pressData(data, saved), inTopic.pressData(data, saved)]);
    await Promise.all([first.waitForAnswer(), second.waitForAnswer()]);
    await world.fake.waitForIdle({ quietMs: 400 });
    const [{ count }] = await world.db.dataSource.query(`SELECT count(*)::int AS count FROM comments WHERE text = $1`, [noteText]);
    expect(count).toBe(2); // the note and its one public copy
    expect(world.fake.messages(client.id).filter((m) => textOf(m).includes(noteText))).toHaveLength(1);
    // Telegram refused nothing (no "message is not modified" from the second tap).
    expect(world.fake.calls().slice(callsBefore).filter((call) => call.response?.ok === false)).toEqual([]);
  });

  test('the bot lost "Manage topics" after the link: the new ticket\'s card reaches the group\'s General topic, nothing is lost', async () => {
    const { forum } = await linkedForum(lang);
    world.fake.setBotRights(forum.id, { status: 'administrator', can_manage_topics: false });
    const { row: clientRow } = await world.client(lang);
    const subject = lang === 'ru' ? 'Не работает эквайринг' : 'Card payments fail';
    await createTicket(clientRow, subject);
    const card = await world.fake.waitForMessage(forum.id, subject, { timeoutMs: 15_000 });
    expect(card.message.message_thread_id).toBeUndefined();
    expect(world.fake.topics(forum.id)).toEqual([]);
  });

  test('a ticket moved to another department leaves its topic closed', async () => {
    const { forum } = await linkedForum(lang);
    const { row: clientRow } = await world.client(lang);
    const { row: adminRow } = await world.staff('admin', lang);
    const { ticket } = await createTicket(clientRow, lang === 'ru' ? 'Нужен счёт на продление' : 'We need an invoice for the renewal');
    await until(() => world.fake.topics(forum.id).length === 1, 'the topic');
    const sales = await world.db.dataSource.manager.findOneByOrFail(DepartmentEntity, { code: 'sales' });
    await world.deps.desk.departments.transfer({
      ticket: { number: ticket.number },
      actor: { kind: 'user', userId: adminRow.id, role: 'admin', companyId: null, departmentId: null },
      departmentId: sales.id,
      reason: lang === 'ru' ? 'Это вопрос продаж' : 'This is a sales question',
    });
    await until(() => world.fake.topics(forum.id)[0]!.closed, 'the topic closed');
    expect(world.fake.topics(forum.id)[0]!.name.startsWith('🆕')).toBe(true);
  });

  test('a topic closed by hand in the group: the ticket\'s next notice reaches the group\'s General topic, nothing is lost', async () => {
    const { forum } = await linkedForum(lang);
    const { row: clientRow } = await world.client(lang);
    const { ticket } = await createTicket(clientRow, lang === 'ru' ? 'Касса зависает' : 'The till hangs');
    await until(() => world.fake.topics(forum.id).length === 1, 'the topic');
    const thread = world.fake.topics(forum.id)[0]!.threadId;
    await world.fake.waitForIdle({ quietMs: 300 });
    // Someone closes the topic in Telegram (not the bot).
    await world.bot.telegram.callApi('closeForumTopic' as never, { chat_id: forum.id, message_thread_id: thread } as never);
    const text = lang === 'ru' ? 'Снова зависла в 12:00' : 'It hung again at 12:00';
    await world.deps.desk.tickets.comment({
      ticket: { number: ticket.number },
      actor: { kind: 'user', userId: clientRow.id, role: 'client', companyId: clientRow.companyId, departmentId: null },
      text,
    });
    const general = await world.fake.waitForMessage(forum.id, text, { timeoutMs: 15_000 });
    expect(general.message.message_thread_id).toBeUndefined();
    expect(textOf(general)).toContain(`№${ticket.number}`);
  });

  test('state changes rename the topic (its emoji) and a final state closes it; strangers and clients in the group get no ticket data', async () => {
    const { forum } = await linkedForum(lang);
    const { user: client, row: clientRow } = await world.client(lang);
    const { row: engineerRow } = await world.staff('engineer', lang);
    const subject = lang === 'ru' ? 'Принтер не печатает чеки' : 'The printer does not print receipts';
    const { ticket } = await createTicket(clientRow, subject);
    await until(() => world.fake.topics(forum.id).length === 1, 'the topic');
    const thread = world.fake.topics(forum.id)[0]!.threadId;

    await world.deps.desk.tickets.applyEvent({
      ticket: { number: ticket.number },
      actor: { kind: 'user', userId: engineerRow.id, role: 'engineer', companyId: null, departmentId: world.department.id },
      event: { kind: 'request_clarification', question: lang === 'ru' ? 'Какая модель принтера?' : 'Which printer model?' },
    });
    const renamed = topicName({ number: ticket.number, company: world.company.name, subject, state: 'clarification' });
    await until(() => world.fake.topics(forum.id)[0]!.name === renamed, 'the topic renamed');
    expect(renamed.startsWith('❓')).toBe(true);

    // A stranger and the client write in the topic: nothing about the ticket comes back.
    const stranger = world.stranger(lang, 'Mallory').inTopic(forum, thread);
    const botBefore = world.fake.messages(forum.id).length;
    await stranger.send('what is this ticket about?');
    await stranger.command('ticket', String(ticket.number));
    await client.inTopic(forum, thread).send('hello from the client');
    await world.fake.waitForIdle({ quietMs: 300 });
    const answers = world.fake.messages(forum.id).slice(botBefore);
    expect(answers.every((m) => !textOf(m).includes(subject))).toBe(true);
    expect(answers.length).toBe(1); // only the pointer to the private chat for the command
    const [{ count }] = await world.db.dataSource.query(`SELECT count(*)::int AS count FROM comments WHERE text = 'hello from the client'`);
    expect(count).toBe(0);

    // The client withdraws the ticket: rejected, so the topic shows ⛔ and is closed.
    await world.deps.desk.tickets.applyEvent({
      ticket: { number: ticket.number },
      actor: { kind: 'user', userId: clientRow.id, role: 'client', companyId: clientRow.companyId, departmentId: null },
      event: { kind: 'withdraw', reason: lang === 'ru' ? 'Уже не нужно' : 'Not needed any more' },
    });
    await until(() => world.fake.topics(forum.id)[0]!.closed, 'the topic closed');
    expect(world.fake.topics(forum.id)[0]!.name.startsWith('⛔')).toBe(true);
    const serviceKinds = world.fake.messages(forum.id).filter((m) => m.method === 'service').map((m) => Object.keys(m.message).find((k) => k.startsWith('forum_topic_')));
    expect(serviceKinds).toEqual(['forum_topic_created', 'forum_topic_edited', 'forum_topic_edited', 'forum_topic_closed']);
  });
  test('the scheduler\'s automatic rejection (no clarification in 14 days) renames and closes the topic', async () => {
    const { forum } = await linkedForum(lang);
    const { row: clientRow } = await world.client(lang);
    const { row: engineerRow } = await world.staff('engineer', lang);
    const { ticket } = await createTicket(clientRow, lang === 'ru' ? 'Не приходят СМС' : 'Text messages do not arrive');
    await until(() => world.fake.topics(forum.id).length === 1, 'the topic');
    await world.deps.desk.tickets.applyEvent({
      ticket: { number: ticket.number },
      actor: { kind: 'user', userId: engineerRow.id, role: 'engineer', companyId: null, departmentId: world.department.id },
      event: { kind: 'request_clarification', question: lang === 'ru' ? 'Какой оператор?' : 'Which carrier?' },
    });
    await until(() => world.fake.topics(forum.id)[0]!.name.startsWith('❓'), 'the topic renamed');
    world.clock.advance(25 * 86_400_000);
    for (let i = 0; i < 6 && !(await world.db.dataSource.query(`SELECT state FROM tickets WHERE id = $1`, [ticket.id]))[0].state.startsWith('rejected'); i++) {
      await world.deps.desk.scheduler.sweep({ now: world.clock.now(), batchSize: 100 });
    }
    await until(() => world.fake.topics(forum.id)[0]!.closed, 'the topic closed by the sweep');
    expect(world.fake.topics(forum.id)[0]!.name.startsWith('⛔')).toBe(true);
  });
});

test('the dispatcher keeps to the group limit: a burst of notices into one topic goes out paced, none refused (limits scaled ×10 for speed)', async () => {
  // Telegram: 20 messages a minute to a group. Here the fake allows one per 300 ms (burst 2) and
  // the dispatcher paces a group at 310 ms — the same ratio as TELEGRAM_SEND_LIMITS' 3.1 s.
  await dispatcher.stop();
  dispatcher = startDispatcher(
    { desk: world.deps.desk, clock: world.deps.clock, translate: world.translate },
    { telegram: world.bot.telegram, pollMs: 50, limits: { ...TELEGRAM_SEND_LIMITS, groupIntervalMs: 310 } },
  );
  world.fake.enforceRateLimits({ groupPerMinute: 200, groupBurst: 2 });
  try {
    const { forum } = await linkedForum('ru');
    const { row: clientRow } = await world.client('ru');
    const { ticket } = await createTicket(clientRow, 'Очередь уведомлений в группе');
    await until(() => world.fake.topics(forum.id).length === 1, 'the topic');
    const thread = world.fake.topics(forum.id)[0]!.threadId;
    const callsBefore = world.fake.calls().length;
    for (let i = 1; i <= 15; i++) {
      await world.deps.desk.tickets.comment({
        ticket: { number: ticket.number },
        actor: { kind: 'user', userId: clientRow.id, role: 'client', companyId: clientRow.companyId, departmentId: null },
        text: `Комментарий ${i}`,
      });
    }
    await until(() => inThread(forum.id, thread).filter((m) => /Комментарий \d+/.test(textOf(m))).length === 15, 'all 15 notices in the topic', 30_000);
    expect(world.fake.calls().slice(callsBefore).filter((call) => call.httpStatus === 429)).toEqual([]);
    // In the order they were written.
    const order = inThread(forum.id, thread).map((m) => /Комментарий (\d+)/.exec(textOf(m))?.[1]).filter((n) => n !== undefined).map(Number);
    expect(order).toEqual(Array.from({ length: 15 }, (_, i) => i + 1));
  } finally {
    world.fake.enforceRateLimits(false);
  }
});
