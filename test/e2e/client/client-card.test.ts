import { LANGUAGES } from '../../../src/i18n';
import { inlineButtons, stripHtml, type ChatMessage, type FakeUser } from '../../../src/fake-telegram';
import { BotMessageEntity } from '../../../src/persistence/entities';
import { png, pdf } from '../support/files';
import { said, saidStart } from '../support/expect-text';
import { E2eWorld } from '../support/harness';
import { seedTicket } from '../support/tickets';
import { createCompany } from '../../support/mothers';

let world: E2eWorld;

beforeAll(async () => {
  world = await E2eWorld.start();
});

afterAll(async () => {
  await world.stop();
});

async function ticketCommand(user: FakeUser, number: number): Promise<ChatMessage> {
  const sent = await user.command('ticket', String(number));
  return world.fake.waitForMessage(user.id, (m) => m.messageId > sent.message.message_id && (m.text ?? '').includes(`№${number}`));
}

async function remembered(chatId: number, messageId: number): Promise<string | null> {
  // The bot records the card once Telegram has answered sendMessage: wait until it is done.
  await world.fake.waitForIdle({ quietMs: 200 });
  return (await world.db.dataSource.manager.findOneBy(BotMessageEntity, { chatId, messageId }))?.ticketId ?? null;
}

describe.each(LANGUAGES)("the client's card (%s)", (lang) => {
  const t = (key: string, params?: Record<string, string | number>): string => world.t(lang, key, params);

  test('shows the place in the queue while the ticket waits, and "📎 Attachments (N)" sends its files grouped by purpose', async () => {
    const { user, row } = await world.client(lang);
    const ticket = await seedTicket(world, row, 'new');
    const card = await ticketCommand(user, ticket.number);
    // SPEC §9: a waiting ticket's card says where it stands in the queue.
    expect(card.text).toMatch(new RegExp(`${stripHtml(t('bot.card.queue_position', { position: 999 })).replace('999', '\\d+')}`));
    // No files yet: no attachments button.
    expect(inlineButtons(card.replyMarkup).map((b) => b.callback_data)).not.toContain(`tk:fl:${ticket.number}`);

    // The client adds a screenshot and a PDF through "Add information" (one message each).
    for (const send of [() => user.sendPhoto(png(), lang === 'ru' ? 'Экран ошибки' : 'The error screen'), () => user.sendDocument(pdf(), { file_name: 'act.pdf', mime_type: 'application/pdf' })]) {
      await user.pressData(`tk:rep:${ticket.number}`, card);
      await world.fake.waitForMessage(user.id, said(world, lang, 'client.reply.ask', { number: ticket.number }));
      await send();
      await world.fake.waitForMessage(user.id, (m) => (m.text ?? '').includes(stripHtml(t('client.reply.mode_ended'))) && m.messageId > card.messageId);
    }

    const withFiles = await ticketCommand(user, ticket.number);
    const filesButton = inlineButtons(withFiles.replyMarkup).find((b) => b.callback_data === `tk:fl:${ticket.number}`);
    expect(filesButton?.text).toBe(t('bot.card.files_button', { count: 2 }));
    const photosBefore = world.fake.calls('sendPhoto').length;
    const documentsBefore = world.fake.calls('sendDocument').length;
    await user.pressData(`tk:fl:${ticket.number}`, withFiles);
    await world.fake.waitForMessage(user.id, said(world, lang, 'engineer.files.title', { number: ticket.number, count: 2 }));
    await world.fake.waitForIdle({ quietMs: 300 });
    const photo = world.fake.calls('sendPhoto').slice(photosBefore).filter((c) => Number(c.params.chat_id) === user.id);
    const document = world.fake.calls('sendDocument').slice(documentsBefore).filter((c) => Number(c.params.chat_id) === user.id);
    expect(photo).toHaveLength(1);
    expect(document).toHaveLength(1);
    expect(photo[0]?.response?.ok).toBe(true);
    expect(document[0]?.response?.ok).toBe(true);
    expect(String(photo[0]?.params.caption)).toContain(`№${ticket.number}`);
  });

  test("another company's client pressing the files button of a ticket not theirs gets 'not found' and no file", async () => {
    const { row } = await world.client(lang);
    const ticket = await seedTicket(world, row, 'new');
    const other = await createCompany(world.db.dataSource.manager, { name: `Other ${lang}` });
    const { user: outsider } = await world.client(lang, { companyId: other.id });
    await outsider.command('help');
    const anchor = await world.fake.waitForMessage(outsider.id, () => true);
    const before = world.fake.calls().filter((c) => Number(c.params.chat_id) === outsider.id && /^send(Photo|Document|MediaGroup)$/.test(c.method)).length;
    await outsider.pressData(`tk:fl:${ticket.number}`, anchor);
    await world.fake.waitForMessage(outsider.id, said(world, lang, 'errors.not_found'));
    await world.fake.waitForIdle({ quietMs: 200 });
    expect(world.fake.calls().filter((c) => Number(c.params.chat_id) === outsider.id && /^send(Photo|Document|MediaGroup)$/.test(c.method))).toHaveLength(before);
  });

  test('/ticket N is one handler: the client and the engineer each get their card, and both cards are remembered for replies', async () => {
    const { user, row } = await world.client(lang);
    const ticket = await seedTicket(world, row, 'accepted');
    const clientCard = await ticketCommand(user, ticket.number);
    expect(await remembered(user.id, clientCard.messageId)).toBe(ticket.id);
    // The client's card offers no staff buttons.
    expect(inlineButtons(clientCard.replyMarkup).map((b) => b.text)).not.toContain(t('bot.button.hist'));

    const { user: engineer } = await world.staff('engineer', lang);
    const staffCard = await ticketCommand(engineer, ticket.number);
    expect(inlineButtons(staffCard.replyMarkup).map((b) => b.text)).toContain(t('bot.button.hist'));
    expect(await remembered(engineer.id, staffCard.messageId)).toBe(ticket.id);

    await engineer.command('ticket', 'abc');
    await world.fake.waitForMessage(engineer.id, said(world, lang, 'client.find.ticket_usage'));
    await user.command('ticket');
    await world.fake.waitForMessage(user.id, said(world, lang, 'client.find.ticket_usage'));
    // Exactly one answer per /ticket (no second handler answering as well).
    await world.fake.waitForIdle({ quietMs: 300 });
    const cards = world.fake.messages(engineer.id).filter((m) => (m.text ?? '').startsWith(stripHtml(t('bot.card.title', { number: ticket.number, subject: 'Report does not open' }))));
    expect(cards).toHaveLength(1);
  });

  test('/start shows the menu keyboard: after registration and the regulation, and to a registered client', async () => {
    const invite = await world.invite();
    const user = world.stranger(lang);
    await user.command('start', invite.token);
    const prompt = await world.fake.waitForMessage(user.id, said(world, lang, 'bot.regulation.must_accept'));
    await user.press(t('bot.regulation.accept'), { message: prompt });
    const help = await world.fake.waitForMessage(user.id, saidStart(world, lang, 'bot.help.client'));
    const menu = (help.replyMarkup as { keyboard?: { text: string }[][] } | undefined)?.keyboard?.flat().map((b) => b.text);
    expect(menu).toEqual([t('client.menu.new'), t('client.menu.my'), t('client.menu.hours'), t('client.menu.help')]);

    const { user: known } = await world.client(lang);
    await known.command('start');
    const again = await world.fake.waitForMessage(known.id, saidStart(world, lang, 'bot.help.client'));
    expect((again.replyMarkup as { keyboard?: unknown } | undefined)?.keyboard).toBeDefined();
    // Pressing a menu button acts as the command.
    await known.send(t('client.menu.new'));
    await world.fake.waitForMessage(known.id, saidStart(world, lang, 'client.new.ask.category'));
  });
});
