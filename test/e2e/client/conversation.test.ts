import { LANGUAGES } from '../../../src/i18n';
import { AttachmentEntity, CommentEntity, OutboxEntity, TicketEntity, TicketRatingEntity } from '../../../src/persistence/entities';
import { png } from '../support/files';
import { inlineButtons, type ChatMessage, type FakeUser } from '../../../src/fake-telegram';
import { said, saidStart } from '../support/expect-text';
import { E2eWorld } from '../support/harness';
import { seedTicket } from '../support/tickets';
import { choose } from './wizard-steps';

let world: E2eWorld;

beforeAll(async () => {
  world = await E2eWorld.start();
});

afterAll(async () => {
  await world.stop();
});

async function stateOf(number: number): Promise<string> {
  return (await world.db.dataSource.manager.findOneByOrFail(TicketEntity, { number })).state;
}

/** The ticket card, opened the way a button press would. */
async function openCard(user: FakeUser, number: number): Promise<ChatMessage> {
  await user.command('help');
  const anchor = await world.fake.waitForMessage(user.id, () => true);
  await user.pressData(`tk:open:${number}`, anchor);
  return world.fake.waitForMessage(user.id, (m) => (m.text ?? '').includes(`№${number}`) && m.messageId > anchor.messageId);
}

function stripTags(html: string): string {
  return html.replace(/<[^>]+>/g, '');
}

function rejectedCalls(): number {
  return world.fake.calls().filter((c) => c.response?.ok === false).length;
}

describe.each(LANGUAGES)('a client talks to the desk (%s)', (lang) => {
  const t = (key: string, params?: Record<string, string | number>): string => world.t(lang, key, params);

  test('ready_for_install: a message is a comment and the state stays; only "Report a problem" with a reason reopens', async () => {
    const { user, row } = await world.client(lang);
    const ticket = await seedTicket(world, row, 'ready_for_install');
    const card = await openCard(user, ticket.number);
    expect(inlineButtons(card.replyMarkup).map((b) => b.text)).toContain(t('bot.button.ref_install'));
    const reply = await user.replyTo(card, lang === 'ru' ? 'Установим в пятницу вечером' : 'We will install it on Friday evening');
    await world.fake.waitForMessage(user.id, said(world, lang, 'client.reply.added', { number: ticket.number }));
    expect(await stateOf(ticket.number)).toBe('ready_for_install');
    // Received receipt: the bot reacted 👀 to the stored message (Telegram's own "seen").
    const reacted = world.fake.calls('setMessageReaction').filter((c) => c.response?.ok === true);
    expect(reacted.map((c) => [Number(c.params.chat_id), Number(c.params.message_id)])).toContainEqual([user.id, reply.message.message_id]);
    expect((await world.db.dataSource.manager.findBy(CommentEntity, { ticketId: ticket.id })).map((c) => c.text)).toHaveLength(1);

    await user.press(t('bot.button.ref_install'), { message: card });
    await world.fake.waitForMessage(user.id, said(world, lang, 'client.refuse.ask_install', { number: ticket.number }));
    await user.send(lang === 'ru' ? 'Новая форма не печатается' : 'The new form does not print');
    await world.fake.waitForMessage(user.id, said(world, lang, 'client.state_now', { number: ticket.number, state: t('ticket.state.new') }));
    expect(await stateOf(ticket.number)).toBe('new');
  });

  test('free text outside a dialog: with one ticket waiting it offers "Add to №N"; the message becomes its comment', async () => {
    const { user, row } = await world.client(lang);
    const waiting = await seedTicket(world, row, 'clarification');
    const text = lang === 'ru' ? 'Здравствуйте, у нас опять не работает касса' : 'Hello, the till is down again';
    await user.send(text);
    const offer = await world.fake.waitForMessage(user.id, said(world, lang, 'client.free.one_waiting', { number: waiting.number }));
    expect(offer.text).not.toContain(stripTags(t('bot.unhandled')));
    const labels = inlineButtons(offer.replyMarkup).map((b) => b.text);
    expect(labels).toEqual(expect.arrayContaining([t('client.free.add_to', { number: waiting.number }), t('client.free.new_ticket')]));
    const before = rejectedCalls();
    await Promise.all([
      user.press(t('client.free.add_to', { number: waiting.number }), { message: offer }),
      user.press(t('client.free.add_to', { number: waiting.number }), { message: offer }),
    ]);
    await world.fake.waitForMessage(user.id, said(world, lang, 'client.reply.added_moved', { number: waiting.number, state: t('ticket.state.new') }));
    await world.fake.waitForIdle({ quietMs: 300 });
    expect(rejectedCalls()).toBe(before);
    const comments = await world.db.dataSource.manager.findBy(CommentEntity, { ticketId: waiting.id });
    expect(comments.map((c) => c.text)).toEqual([text]);
    expect(await stateOf(waiting.number)).toBe('new');
  });

  test('a photo with a caption outside a dialog starts a new ticket with the caption and the photo in the draft', async () => {
    const { user } = await world.client(lang);
    const caption = lang === 'ru' ? 'Касса в регистратуре показывает ошибку при печати чека' : 'The registry till shows an error when printing a receipt';
    await user.sendPhoto(png(), caption);
    const offer = await world.fake.waitForMessage(user.id, said(world, lang, 'client.free.none_waiting'));
    await user.press(t('client.free.new_ticket'), { message: offer });
    await world.fake.waitForMessage(user.id, said(world, lang, 'client.new.prefilled', { files: 1 }));
    await world.fake.waitForMessage(user.id, saidStart(world, lang, 'client.new.ask.category'));
    await user.press(lang === 'ru' ? 'Сопровождение' : 'Support');
    await world.fake.waitForMessage(user.id, saidStart(world, lang, 'client.new.ask.service'));
    await user.press(lang === 'ru' ? 'Телефонная консультация' : 'Phone consultation');
    await world.fake.waitForMessage(user.id, saidStart(world, lang, 'client.new.ask.type'));
    await user.press(t('ticket.type.question'));
    await world.fake.waitForMessage(user.id, saidStart(world, lang, 'client.new.ask.priority'));
    await user.press(t('ticket.priority.normal'));
    await world.fake.waitForMessage(user.id, saidStart(world, lang, 'client.new.ask.subject'));
    await user.send(lang === 'ru' ? 'Касса не печатает чек' : 'The till does not print');
    const description = await world.fake.waitForMessage(user.id, saidStart(world, lang, 'client.new.ask.description'));
    expect(description.text).toContain(caption);
    await user.press(t('client.new.keep'), { message: description });
    await world.fake.waitForMessage(user.id, saidStart(world, lang, 'client.new.ask.files'));
    await user.press(t('client.new.done_files'));
    await world.fake.waitForMessage(user.id, saidStart(world, lang, 'client.new.summary_title'));
    await user.press(t('client.new.create'));
    const created = await world.fake.waitForMessage(user.id, saidStart(world, lang, 'client.new.created'));
    const number = Number(/№(\d+)/.exec(created.text ?? '')?.[1]);
    const ticket = await world.db.dataSource.manager.findOneByOrFail(TicketEntity, { number });
    expect(ticket.description).toBe(caption);
    expect(await world.db.dataSource.manager.countBy(AttachmentEntity, { ticketId: ticket.id })).toBe(1);
  });

  test('a reply to the /hours message is not taken as a message on ticket №1; a sticker gets a friendly answer', async () => {
    const { user, row } = await world.client(lang);
    await seedTicket(world, row, 'accepted');
    const commentsSoFar = await world.db.dataSource.manager.count(CommentEntity);
    await user.command('hours');
    const hours = await world.fake.waitForMessage(user.id, () => true);
    await user.replyTo(hours, lang === 'ru' ? 'А почему так много часов?' : 'Why so many hours?');
    await world.fake.waitForMessage(user.id, said(world, lang, 'client.free.none_waiting'));
    expect(await world.db.dataSource.manager.count(CommentEntity)).toBe(commentsSoFar);
    await user.sendSticker();
    await world.fake.waitForMessage(user.id, said(world, lang, 'client.free.sticker'));
  });

  test('confirming asks for a 1–5 rating; a double tap makes no rejected call; the comment and the score reach the owner', async () => {
    const { user, row } = await world.client(lang);
    const ticket = await seedTicket(world, row, 'customer_testing');
    const card = await openCard(user, ticket.number);
    await user.press(t('bot.button.cnf'), { message: card });
    await world.fake.waitForMessage(user.id, said(world, lang, 'client.confirmed', { number: ticket.number, state: t('ticket.state.done') }));
    const ask = await world.fake.waitForMessage(user.id, said(world, lang, 'client.rating.ask', { number: ticket.number }));
    expect(inlineButtons(ask.replyMarkup).map((b) => b.callback_data)).toEqual([1, 2, 3, 4, 5].map((s) => `rt:s:${ticket.number}:${s}`));

    const before = rejectedCalls();
    await Promise.all([user.pressData(`rt:s:${ticket.number}:4`, ask), user.pressData(`rt:s:${ticket.number}:4`, ask)]);
    await world.fake.waitForIdle({ quietMs: 300 });
    const thanks = world.fake.messages(user.id).find((m) => m.messageId === ask.messageId)!;
    expect(thanks.text).toContain(stripTags(t('client.rating.thanks', { number: ticket.number, stars: '★★★★☆', score: 4 })));
    expect(rejectedCalls()).toBe(before);

    await user.press(t('client.rating.add_comment'), { message: thanks });
    await world.fake.waitForMessage(user.id, said(world, lang, 'client.rating.ask_comment', { number: ticket.number }));
    await user.send(lang === 'ru' ? 'Быстро и вежливо' : 'Fast and polite');
    await world.fake.waitForMessage(user.id, said(world, lang, 'client.rating.comment_saved', { number: ticket.number }));

    const rating = await world.db.dataSource.manager.findOneByOrFail(TicketRatingEntity, { ticketId: ticket.id });
    expect(rating).toMatchObject({ score: 4, comment: lang === 'ru' ? 'Быстро и вежливо' : 'Fast and polite', engineerId: world.engineer.id });
    const outbox = await world.db.dataSource.manager.find(OutboxEntity, { where: { ticketId: ticket.id, recipientId: world.engineer.id }, order: { seq: 'ASC' } });
    expect(outbox.map((o) => o.key).filter((k) => k.startsWith('app.notify.rat'))).toEqual(['app.notify.rated', 'app.notify.rating_comment']);
    expect(await stateOf(ticket.number)).toBe('done');
    // The card shows the rating with its comment.
    const rated = await openCard(user, ticket.number);
    expect(rated.text).toContain(stripTags(t('bot.card.rating_comment', { stars: '★★★★☆', score: 4, comment: lang === 'ru' ? 'Быстро и вежливо' : 'Fast and polite' })));
  });

  test('a rating of a ticket that is not done is refused with the reason', async () => {
    const { user, row } = await world.client(lang);
    const ticket = await seedTicket(world, row, 'accepted');
    const card = await openCard(user, ticket.number);
    await user.pressData(`rt:s:${ticket.number}:5`, card);
    await world.fake.waitForMessage(user.id, said(world, lang, 'client.rating.not_done', { number: ticket.number }));
    expect(await world.db.dataSource.manager.countBy(TicketRatingEntity, { ticketId: ticket.id })).toBe(0);
  });
});

describe.each(LANGUAGES)('a client finds their tickets (%s)', (lang) => {
  test('/find searches the company’s tickets with stemming; /ticket N opens one of them, a number not theirs is not found', async () => {
    const { user, row } = await world.client(lang);
    const subject = lang === 'ru' ? 'Не печатаются чеки на кассе' : 'Receipts are not printed at the till';
    const till = await seedTicket(world, row, 'accepted', {
      subject,
      description: lang === 'ru' ? 'Касса в регистратуре перестала печатать чеки после обновления.' : 'The registry till stopped printing receipts after the update.',
    });
    await user.command('find', lang === 'ru' ? 'касса чек' : 'receipt printing');
    const found = await world.fake.waitForMessage(user.id, (m) => (m.text ?? '').includes(`№${till.number}`));
    expect(found.text).toContain(subject);
    await user.command('find', 'zzzqqq');
    await world.fake.waitForMessage(user.id, said(world, lang, 'client.find.nothing', { words: 'zzzqqq' }));

    await user.command('ticket', String(till.number));
    const card = await world.fake.waitForMessage(user.id, (m) => (m.text ?? '').includes(`№${till.number}`) && m.messageId > found.messageId + 2);
    expect(card.text).toContain(subject);
    // A reply to the card goes to the ticket (the desk remembers the card).
    await user.replyTo(card, lang === 'ru' ? 'Чек 15 тоже не напечатан' : 'Receipt 15 was not printed either');
    await world.fake.waitForMessage(user.id, said(world, lang, 'client.reply.added', { number: till.number }));

    await user.command('ticket', '999999');
    await world.fake.waitForMessage(user.id, said(world, lang, 'errors.not_found'));
    await user.command('find');
    await world.fake.waitForMessage(user.id, said(world, lang, 'client.find.usage'));
  });
});

describe.each(LANGUAGES)('a client edits a message (%s)', (lang) => {
  const t = (key: string, params?: Record<string, string | number>): string => world.t(lang, key, params);

  test('an edited wizard text updates that field; an edited comment reaches the owner as "was / now" and both versions stay', async () => {
    const { user, row } = await world.client(lang);
    await user.command('new');
    await world.fake.waitForMessage(user.id, saidStart(world, lang, 'client.new.ask.category'));
    await choose(world, user, lang === 'ru' ? 'Сопровождение' : 'Support', 'client.new.ask.service', lang);
    await choose(world, user, lang === 'ru' ? 'Телефонная консультация' : 'Phone consultation', 'client.new.ask.type', lang);
    await choose(world, user, t('ticket.type.question'), 'client.new.ask.priority', lang);
    await choose(world, user, t('ticket.priority.normal'), 'client.new.ask.subject', lang);
    const subject = await user.send('Till is brokn');
    await world.fake.waitForMessage(user.id, saidStart(world, lang, 'client.new.ask.description'));
    await user.editMessage(subject.message, 'Till is broken');
    await world.fake.waitForMessage(user.id, said(world, lang, 'client.edit.field_updated', { field: t('client.new.field.subject') }));
    await user.send('The till in the registry does not print receipts since today.');
    await world.fake.waitForMessage(user.id, saidStart(world, lang, 'client.new.ask.files'));
    await user.press(t('client.new.done_files'));
    const summary = await world.fake.waitForMessage(user.id, saidStart(world, lang, 'client.new.summary_title'));
    expect(summary.text).toContain('Till is broken');
    await user.press(t('common.cancel'), { message: summary });
    await world.fake.waitForMessage(user.id, said(world, lang, 'client.new.cancelled'));

    const ticket = await seedTicket(world, row, 'accepted');
    const card = await openCard(user, ticket.number);
    const sent = await user.replyTo(card, 'Receipt 15 failed');
    await world.fake.waitForMessage(user.id, said(world, lang, 'client.reply.added', { number: ticket.number }));
    await user.editMessage(sent.message, 'Receipts 15 and 16 failed');
    await world.fake.waitForMessage(user.id, said(world, lang, 'client.edit.comment_updated', { number: ticket.number }));
    const [comment] = await world.db.dataSource.manager.findBy(CommentEntity, { ticketId: ticket.id });
    expect(comment?.text).toBe('Receipts 15 and 16 failed');
    const edits = await world.db.dataSource.manager.query<{ previous_text: string }[]>('SELECT previous_text FROM comment_edits WHERE comment_id = $1', [comment!.id]);
    expect(edits.map((e) => e.previous_text)).toEqual(['Receipt 15 failed']);
    const notice = await world.db.dataSource.manager.findOneByOrFail(OutboxEntity, { ticketId: ticket.id, key: 'app.notify.comment_edited' });
    expect(notice).toMatchObject({ recipientId: world.engineer.id, params: expect.objectContaining({ was: 'Receipt 15 failed', now: 'Receipts 15 and 16 failed' }) });
    // An edit of a message that is stored nowhere is answered, not ignored.
    const stray = await user.command('help');
    await user.editMessage(stray.message, '/help me');
    await world.fake.waitForMessage(user.id, said(world, lang, 'client.edit.not_stored'));
  });
});

describe.each(LANGUAGES)('a client reads earlier months (%s)', (lang) => {
  test('/hours shows a previous month by button or by /hours MM.YYYY; a bad month gets the usage', async () => {
    const { user } = await world.client(lang);
    await user.command('hours');
    const now = await world.fake.waitForMessage(user.id, (m) => m.sender === 'bot');
    const buttons = inlineButtons(now.replyMarkup);
    expect(buttons).toHaveLength(1);
    const previous = /«\s*(\d\d\.\d{4})/.exec(buttons[0]!.text)?.[1] ?? '';
    await user.press(buttons[0]!.text, { message: now });
    const earlier = await world.fake.waitForMessage(user.id, (m) => m.sender === 'bot' && m.messageId > now.messageId);
    expect(earlier.text).toContain(previous);
    await user.command('hours', '13.2026');
    await world.fake.waitForMessage(user.id, said(world, lang, 'client.hours.month_usage'));
    await user.command('hours', previous);
    const typed = await world.fake.waitForMessage(user.id, (m) => m.sender === 'bot' && (m.text ?? '').includes(previous) && m.messageId > earlier.messageId);
    expect(typed.text).toBe(earlier.text);
  });
});

describe.each(LANGUAGES)('the menu keyboard (%s)', (lang) => {
  test('/help brings the persistent menu; its buttons act as the commands', async () => {
    const { user } = await world.client(lang);
    await user.command('help');
    const help = await world.fake.waitForMessage(user.id, (m) => m.sender === 'bot');
    const menu = help.replyMarkup as { keyboard?: { text: string }[][]; is_persistent?: boolean } | undefined;
    expect(menu?.keyboard?.flat().map((b) => b.text)).toEqual(['client.menu.new', 'client.menu.my', 'client.menu.hours', 'client.menu.help'].map((k) => world.t(lang, k)));
    expect(menu?.is_persistent).toBe(true);
    await user.send(world.t(lang, 'client.menu.new'));
    await world.fake.waitForMessage(user.id, saidStart(world, lang, 'client.new.ask.category'));
    await user.send('/cancel');
    await world.fake.waitForMessage(user.id, said(world, lang, 'bot.cancelled'));
  });
});
