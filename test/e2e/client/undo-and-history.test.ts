import { LANGUAGES, type Language } from '../../../src/i18n';
import { inlineButtons, stripHtml, type ChatMessage, type FakeUser } from '../../../src/fake-telegram';
import { CommentEntity, OutboxEntity } from '../../../src/persistence/entities';
import { UNDO_WINDOW_MS } from '../../../src/application/tickets/withdraw-comment';
import { EngineerWorld } from '../engineer/engineer-world';
import { png } from '../support/files';
import { said } from '../support/expect-text';
import { seedTicket } from '../support/tickets';
import { E2eWorld } from '../support/harness';

/**
 * Issue 13 §2 and §4: "↩️ Undo" under the answer that says where a client's message went, for
 * two minutes (UNDO_WINDOW_MS); and the history showing ratings, comment edits and withdrawn
 * comments. The dispatcher runs (EngineerWorld), so "already sent" is real delivery.
 */
let w: EngineerWorld;
/** A world without the dispatcher: notifications stay pending until a test looks at them. */
let quiet: E2eWorld;

beforeAll(async () => {
  w = await EngineerWorld.start();
  quiet = await E2eWorld.start();
});

afterAll(async () => {
  await w.stop();
  await quiet.stop();
});

/** Calls Telegram refused in this client's chat, and refused callback answers. */
function rejectedCalls(chatId: number): number {
  return w.world.fake
    .calls()
    .filter((c) => c.response?.ok === false && (Number(c.params.chat_id) === chatId || c.method === 'answerCallbackQuery')).length;
}

async function cardOf(user: FakeUser, number: number): Promise<ChatMessage> {
  const sent = await user.command('ticket', String(number));
  return w.wait(user, (m) => m.messageId > sent.message.message_id && (m.text ?? '').includes(`№${number}`));
}

describe.each(LANGUAGES)('undo and history (%s)', (lang: Language) => {
  const t = (key: string, params?: Record<string, string | number>): string => w.world.t(lang, key, params);
  const text = lang === 'ru' ? 'Ой, это было не про эту заявку' : 'Oops, this was not about this ticket';

  test('Undo after the engineer got the message: withdrawn with its photo, the engineer told, the card and files without it, history shows it', async () => {
    const { world } = w;
    const { user: client, row } = await world.client(lang);
    const { user: engineer, row: owner } = await world.staff('engineer', lang);
    const ticket = await seedTicket(world, row, 'accepted', { ownerId: owner.id });
    const card = await cardOf(client, ticket.number);
    await client.pressData(`tk:rep:${ticket.number}`, card);
    await w.wait(client, said(world, lang, 'client.reply.ask', { number: ticket.number }));
    await client.sendPhoto(png(), text);
    const added = await w.wait(client, said(world, lang, 'client.reply.added', { number: ticket.number }));
    const undo = inlineButtons(added.replyMarkup).find((b) => b.text === t('client.undo.button'));
    expect(undo).toBeDefined();
    // The owner gets the message first.
    const engineerChat = engineer.id;
    await world.fake.waitForMessage(engineerChat, (m) => (m.text ?? m.caption ?? '').includes(text), { timeoutMs: 15_000 });

    const before = rejectedCalls(client.id);
    await Promise.all([client.pressData(String(undo!.callback_data), added), client.pressData(String(undo!.callback_data), added)]);
    // The answer is edited in place into what happened.
    const doneText = stripHtml(t('client.undo.done_told', { number: ticket.number }));
    await world.fake.waitUntil(() => world.fake.messages(client.id).find((m) => m.messageId === added.messageId && m.text === doneText), 'the answer edited');
    const notice = await world.fake.waitForMessage(
      engineerChat,
      (m) => (m.text ?? '').includes(stripHtml(world.t(lang, 'app.notify.comment_withdrawn', { author: lang === 'ru' ? 'Ольга' : 'Olga', number: ticket.number, text }))),
      { timeoutMs: 15_000 },
    );
    expect(notice.text).toContain(text);
    await world.fake.waitForIdle({ quietMs: 300 });
    expect(rejectedCalls(client.id)).toBe(before);
    // No Undo any more.
    const edited = world.fake.messages(client.id).find((m) => m.messageId === added.messageId)!;
    expect(inlineButtons(edited.replyMarkup).map((b) => b.text)).not.toContain(t('client.undo.button'));

    const comment = await w.manager.findOneByOrFail(CommentEntity, { ticketId: ticket.id });
    expect(comment.withdrawnAt).not.toBeNull();
    const again = await cardOf(client, ticket.number);
    expect(again.text).not.toContain(text);
    expect(inlineButtons(again.replyMarkup).map((b) => b.callback_data)).not.toContain(`tk:fl:${ticket.number}`);

    const staffCard = await cardOf(engineer, ticket.number);
    await engineer.press(t('bot.button.hist'), { message: staffCard });
    const history = await w.wait(engineer, said(world, lang, 'engineer.history.title', { number: ticket.number }));
    expect(history.text).toContain(stripHtml(t('engineer.history.comment_withdrawn', { text })));
    expect(history.text).toContain(t('engineer.history.withdrawn_files', { count: 1 }));
  });

  test('Undo after the window: the button says it is too late and goes away; the comment stays', async () => {
    const { world } = w;
    const { user: client, row } = await world.client(lang);
    const ticket = await seedTicket(world, row, 'clarification');
    const card = await cardOf(client, ticket.number);
    await client.replyTo(card, text);
    const added = await w.wait(client, said(world, lang, 'client.reply.added_moved', { number: ticket.number, state: t('ticket.state.new') }));
    const undo = inlineButtons(added.replyMarkup).find((b) => b.text === t('client.undo.button'))!;
    world.clock.advance(UNDO_WINDOW_MS + 1_000);
    const pressed = await client.pressData(String(undo.callback_data), added);
    await expect(pressed.waitForAnswer()).resolves.toMatchObject({ text: t('client.undo.too_late', { number: ticket.number }) });
    await world.fake.waitForIdle({ quietMs: 300 });
    const after = world.fake.messages(client.id).find((m) => m.messageId === added.messageId)!;
    expect(inlineButtons(after.replyMarkup).map((b) => b.text)).toEqual([t('bot.button.open')]);
    // A tap that was already on its way: answered, and no edit into the same state.
    const before = rejectedCalls(client.id);
    const late = await client.pressData(String(undo.callback_data), after);
    await expect(late.waitForAnswer()).resolves.toMatchObject({ text: t('client.undo.too_late', { number: ticket.number }) });
    await world.fake.waitForIdle({ quietMs: 300 });
    expect(rejectedCalls(client.id)).toBe(before);
    const comment = await w.manager.findOneByOrFail(CommentEntity, { ticketId: ticket.id });
    expect(comment).toMatchObject({ text, withdrawnAt: null });
  });

  test('history shows the rating with its comment and a comment edit as was / now', async () => {
    const { world } = w;
    const { user: client, row } = await world.client(lang);
    const ticket = await seedTicket(world, row, 'customer_testing');
    const card = await cardOf(client, ticket.number);
    const first = lang === 'ru' ? 'Проверили, всё печатается' : 'Checked, everything prints';
    const second = lang === 'ru' ? 'Проверили, всё печатается, кроме чеков' : 'Checked, everything prints except receipts';
    const sent = await client.replyTo(card, first);
    await w.wait(client, said(world, lang, 'client.reply.added_moved', { number: ticket.number, state: t('ticket.state.new') }));
    await client.editMessage(sent.message, second);
    await w.wait(client, said(world, lang, 'client.edit.comment_updated', { number: ticket.number }));
    const actor = { kind: 'user' as const, userId: row.id, role: 'client' as const, companyId: row.companyId, departmentId: null };
    // The rating of a done ticket (the rating flow itself is conversation.test.ts).
    await w.manager.update('tickets', { id: ticket.id }, { state: 'done' });
    await world.deps.desk.ratings.rate({ ticket: { number: ticket.number }, actor, score: 4 });
    await world.deps.desk.ratings.comment({ ticket: { number: ticket.number }, actor, comment: lang === 'ru' ? 'Быстро' : 'Quick' });

    const { user: engineer } = await world.staff('engineer', lang);
    const staffCard = await cardOf(engineer, ticket.number);
    await engineer.press(t('bot.button.hist'), { message: staffCard });
    const history = await w.wait(engineer, said(world, lang, 'engineer.history.title', { number: ticket.number }));
    expect(history.text).toContain(stripHtml(t('engineer.history.comment_edited', { was: first, now: second })));
    expect(history.text).toContain(stripHtml(t('engineer.history.rated_comment', { stars: '★★★★☆', score: 4, comment: lang === 'ru' ? 'Быстро' : 'Quick' })));
  });

  test('Undo before the notification went out: it is never sent, the client is told so; a second Undo and a stranger change nothing', async () => {
    const { user: client, row } = await quiet.client(lang);
    const ticket = await seedTicket(quiet, row, 'accepted');
    await client.command('ticket', String(ticket.number));
    const shown = await quiet.fake.waitForMessage(client.id, (m) => (m.text ?? '').includes(`№${ticket.number}`));
    await client.replyTo(shown, text);
    const added = await quiet.fake.waitForMessage(client.id, said(quiet, lang, 'client.reply.added', { number: ticket.number }));
    const comment = await quiet.db.dataSource.manager.findOneByOrFail(CommentEntity, { ticketId: ticket.id });
    const pending = async (): Promise<OutboxEntity[]> =>
      (await quiet.db.dataSource.manager.findBy(OutboxEntity, { ticketId: ticket.id })).filter((r) => r.dedupeKey.includes(comment.id));
    expect((await pending()).map((r) => r.status)).toContain('pending');

    const undo = inlineButtons(added.replyMarkup).find((b) => b.text === t('client.undo.button'))!;
    await client.pressData(String(undo.callback_data), added);
    const doneText = stripHtml(t('client.undo.done_unsent', { number: ticket.number }));
    await quiet.fake.waitUntil(() => quiet.fake.messages(client.id).find((m) => m.messageId === added.messageId && m.text === doneText), 'the answer edited');
    expect(await pending()).toEqual([]);
    expect(await quiet.db.dataSource.manager.findOneByOrFail(CommentEntity, { id: comment.id })).toMatchObject({ withdrawnBy: row.id });

    const actor = { kind: 'user' as const, userId: row.id, role: 'client' as const, companyId: row.companyId, departmentId: null };
    await expect(quiet.deps.desk.conversation.withdrawComment({ actor, commentId: comment.id })).resolves.toMatchObject({ outcome: 'already' });
    const { row: other } = await quiet.client(lang);
    const otherActor = { kind: 'user' as const, userId: other.id, role: 'client' as const, companyId: other.companyId, departmentId: null };
    await expect(quiet.deps.desk.conversation.withdrawComment({ actor: otherActor, commentId: comment.id })).resolves.toEqual({ outcome: 'none' });
  });

  test("a message the team topic already showed: Undo tells the topic too (issue 14 §5's forum)", async () => {
    const m = quiet.db.dataSource.manager;
    const chatId = -1_009_000_000 - (lang === 'ru' ? 1 : 2);
    await m.query(`INSERT INTO topic_groups (department_id, chat_id, title, language, linked_at) VALUES ($1, $2, 'Team', $3, now())`, [quiet.department.id, chatId, lang]);
    try {
      const { user: client, row } = await quiet.client(lang);
      const ticket = await seedTicket(quiet, row, 'accepted');
      const actor = { kind: 'user' as const, userId: row.id, role: 'client' as const, companyId: row.companyId, departmentId: null };
      const stored = await quiet.deps.desk.tickets.comment({ ticket: { number: ticket.number }, actor, text, source: { chatId: client.id, messageId: 800_000 + ticket.number } });
      const commentId = stored.commentId!;
      // The topic showed it (as the dispatcher would have marked it).
      await m.query(`UPDATE outbox SET status = 'sent', sent_at = now() WHERE ticket_id = $1 AND dedupe_key LIKE $2 AND recipient_id IS NULL AND chat_id = $3`, [ticket.id, `%${commentId}%`, chatId]);
      const shown = (await m.findBy(OutboxEntity, { ticketId: ticket.id, chatId, status: 'sent' })).filter((r) => r.dedupeKey.includes(commentId));
      expect(shown.length).toBeGreaterThan(0);
      await expect(quiet.deps.desk.conversation.withdrawComment({ actor, commentId })).resolves.toMatchObject({ outcome: 'withdrawn', told: 1 });
      const notices = await m.findBy(OutboxEntity, { ticketId: ticket.id, key: 'app.notify.comment_withdrawn' });
      expect(notices).toHaveLength(1);
      expect(notices[0]).toMatchObject({ recipientId: null, chatId, status: 'pending' });
      expect(notices[0]?.params).toMatchObject({ number: ticket.number, text, topic: 1 });
    } finally {
      await m.query(`DELETE FROM topic_groups WHERE department_id = $1`, [quiet.department.id]);
    }
  });
});
