import { LANGUAGES } from '../../../src/i18n';
import { CommentEntity, OutboxEntity, TicketEntity, TicketRatingEntity } from '../../../src/persistence/entities';
import { inlineButtons, type ChatMessage, type FakeUser } from '../../../src/fake-telegram';
import { said } from '../support/expect-text';
import { E2eWorld } from '../support/harness';
import { seedTicket } from '../support/tickets';

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
    await user.replyTo(card, lang === 'ru' ? 'Установим в пятницу вечером' : 'We will install it on Friday evening');
    await world.fake.waitForMessage(user.id, said(world, lang, 'client.reply.added', { number: ticket.number }));
    expect(await stateOf(ticket.number)).toBe('ready_for_install');
    expect((await world.db.dataSource.manager.findBy(CommentEntity, { ticketId: ticket.id })).map((c) => c.text)).toHaveLength(1);

    await user.press(t('bot.button.ref_install'), { message: card });
    await world.fake.waitForMessage(user.id, said(world, lang, 'client.refuse.ask_install', { number: ticket.number }));
    await user.send(lang === 'ru' ? 'Новая форма не печатается' : 'The new form does not print');
    await world.fake.waitForMessage(user.id, said(world, lang, 'client.state_now', { number: ticket.number, state: t('ticket.state.new') }));
    expect(await stateOf(ticket.number)).toBe('new');
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
    // The client's done notification (to the author, when someone else confirms) offers the rating too.
    expect(await stateOf(ticket.number)).toBe('done');
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
