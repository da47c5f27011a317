import { LANGUAGES, type Language } from '../../../src/i18n';
import { CompanyEntity, TicketEntity } from '../../../src/persistence/entities';
import { inlineButtons, stripHtml, type ChatMessage, type FakeUser } from '../../../src/fake-telegram';
import { MESSAGE_MAX } from '../../../src/telegram/text-limits';
import { said, saidStart } from '../support/expect-text';
import { png } from '../support/files';
import { DESCRIPTION, SUBJECT, choose, fillCommon } from '../client/wizard-steps';
import { EngineerWorld } from './engineer-world';

/**
 * Issue 14, point 1: an engineer reads the whole ticket from Telegram — every field the client
 * entered in the wizard, the company, the client and a way to reach them, the attachments by
 * purpose (sent as captioned albums), and nothing a client wrote cut short.
 */
let w: EngineerWorld;

beforeAll(async () => {
  w = await EngineerWorld.start();
});

afterAll(async () => {
  await w.stop();
});

const STEPS = { ru: '1. Открыть отчёт\n2. Нажать «Сформировать»', en: '1. Open the report\n2. Press "Build"' } as const;
const ERROR_TEXT = 'Error <42> & "null"';

/** The bot's texts after message `afterId`, joined: a long card or notice spans several messages. */
function textAfter(messages: readonly ChatMessage[], afterId: number): string {
  return messages.filter((m) => m.messageId > afterId && m.sender === 'bot').map((m) => m.text ?? '').join('\n');
}

function lastId(messages: readonly ChatMessage[]): number {
  return messages.reduce((max, m) => Math.max(max, m.messageId), 0);
}

/** /ticket N, then the card's last message (the one with the buttons) and the card's whole text. */
async function openCard(user: FakeUser, number: number): Promise<{ last: ChatMessage; text: string }> {
  // The new-ticket alert and other notices go out first, so they do not mix with the card.
  await w.world.fake.waitForIdle({ quietMs: 400 });
  const before = lastId(w.world.fake.messages(user.id));
  await user.command('ticket', String(number));
  const last = await w.wait(user, (m) => m.messageId > before && m.sender === 'bot' && m.replyMarkup !== undefined);
  return { last, text: textAfter(w.world.fake.messages(user.id), before) };
}

describe.each(LANGUAGES)('the whole ticket for staff (%s)', (lang: Language) => {
  const t = (key: string, params?: Record<string, string | number>): string => stripHtml(w.world.t(lang, key, params));

  test('the card of a problem ticket made by the wizard shows every field the client entered; its screenshots come as one captioned album', async () => {
    const { world } = w;
    const { user: client, row: clientRow } = await world.client(lang);
    const { user: engineer } = await world.staff('engineer', lang);
    await fillCommon(world, client, lang, 'problem');
    await client.send(STEPS[lang]);
    await world.fake.waitForMessage(client.id, saidStart(world, lang, 'client.new.ask.error_text'));
    await client.send(ERROR_TEXT);
    await world.fake.waitForMessage(client.id, saidStart(world, lang, 'client.new.ask.screenshots'));
    await client.sendAlbum([png(), png(800, 600), png(640, 480)]);
    // One acknowledgement, edited in place as the items arrive (issue 13 §5).
    await world.fake.waitForMessage(client.id, said(world, lang, 'client.new.files_received', { count: 3, total: 3 }));
    await client.press(world.t(lang, 'client.new.done_files'));
    await world.fake.waitForMessage(client.id, saidStart(world, lang, 'client.new.summary_title'));
    await client.press(world.t(lang, 'client.new.create'));
    const created = await world.fake.waitForMessage(client.id, saidStart(world, lang, 'client.new.created'));
    const number = Number(/№(\d+)/.exec(created.text ?? '')?.[1]);
    const row = await w.manager.findOneByOrFail(TicketEntity, { number });
    const company = await w.manager.findOneByOrFail(CompanyEntity, { id: row.companyId });

    const { last: card, text } = await openCard(engineer, number);
    // What the client entered, field by field, and what staff need around it.
    const expected = [
      t('bot.card.title', { number, subject: SUBJECT[lang] }),
      t('bot.card.company', { company: company.name }),
      `${clientRow.displayName} · @${clientRow.username ?? ''}`,
      t('bot.card.type', { type: t('ticket.type.problem'), priority: t('ticket.priority.normal') }),
      t('bot.card.state', { state: t('ticket.state.new') }),
      t('errors.field.description'),
      DESCRIPTION[lang],
      t('errors.field.steps'),
      STEPS[lang],
      t('errors.field.error_text'),
      ERROR_TEXT,
      t('bot.card.files', { list: t('bot.card.purpose.screenshot', { count: 3 }) }),
    ];
    for (const piece of expected) expect(text).toContain(piece);
    // The client's name opens their chat.
    expect(card.entities).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'text_link', url: `tg://user?id=${clientRow.telegramId}` })]));
    expect(text).not.toContain('…');

    // Accept / Clarify and the attachments button sit under it.
    const labels = inlineButtons(card.replyMarkup).map((b) => b.text);
    expect(labels).toEqual(expect.arrayContaining([world.t(lang, 'bot.button.acc'), world.t(lang, 'bot.button.clr'), world.t(lang, 'bot.card.files_button', { count: 3 })]));
    await engineer.press(world.t(lang, 'bot.card.files_button', { count: 3 }), { message: card });
    const purpose = t('engineer.files.purpose.screenshot');
    const photos = await Promise.all(
      [1, 2, 3].map((i) => w.wait(engineer, (m) => m.caption === `№${number} · ${purpose} ${i}/3`)),
    );
    expect(new Set(photos.map((p) => p.mediaGroupId)).size).toBe(1);
    expect(photos[0]?.mediaGroupId).toBeDefined();
  });

  test('a problem with no error message says so on the card; a 4,000-character comment reaches staff whole, over several messages', async () => {
    const { world } = w;
    const { user: client } = await world.client(lang);
    const { user: engineer } = await world.staff('engineer', lang);
    await fillCommon(world, client, lang, 'problem');
    await client.send(STEPS[lang]);
    await world.fake.waitForMessage(client.id, saidStart(world, lang, 'client.new.ask.error_text'));
    await client.press(world.t(lang, 'client.new.no_error_message'));
    await world.fake.waitForMessage(client.id, saidStart(world, lang, 'client.new.ask.screenshots'));
    await client.sendPhoto(png());
    await world.fake.waitForMessage(client.id, saidStart(world, lang, 'client.new.file_received'));
    await client.press(world.t(lang, 'client.new.done_files'));
    await world.fake.waitForMessage(client.id, saidStart(world, lang, 'client.new.summary_title'));
    await client.press(world.t(lang, 'client.new.create'));
    const created = await world.fake.waitForMessage(client.id, saidStart(world, lang, 'client.new.created'));
    const number = Number(/№(\d+)/.exec(created.text ?? '')?.[1]);

    const { text: cardFirst } = await openCard(engineer, number);
    expect(cardFirst).toContain(`${t('errors.field.error_text')}\n${t('bot.card.no_error_message')}`);

    // The client adds a long comment by replying to their ticket's message.
    const long = `${Array.from({ length: 400 }, (_, i) => `word${String(i).padStart(4, '0')}`).join(' ').slice(0, 3990)} END.`;
    const before = lastId(world.fake.messages(engineer.id));
    await client.replyTo(created, long);
    // The staff notice quotes it whole, split over messages that each fit Telegram's limit.
    await w.wait(engineer, (m) => m.messageId > before && (m.text ?? '').includes('END.'));
    const received = textAfter(world.fake.messages(engineer.id), before);
    for (const word of ['word0000', 'word0200', 'word0397', 'END.']) expect(received).toContain(word);
    expect(received).not.toContain('…');
    expect(world.fake.messages(engineer.id).every((m) => [...(m.text ?? '')].length <= MESSAGE_MAX)).toBe(true);

    // The card shows it whole as well.
    const { text: cardText } = await openCard(engineer, number);
    expect(cardText).toContain('word0000');
    expect(cardText).toContain('END.');
  });

  test('a high-priority alert carries the company, the client, the description and every screenshot', async () => {
    const { world } = w;
    const { user: client, row: clientRow } = await world.client(lang);
    const { user: engineer } = await world.staff('engineer', lang);
    await client.command('new');
    await world.fake.waitForMessage(client.id, saidStart(world, lang, 'client.new.ask.category'));
    await choose(world, client, lang === 'ru' ? 'Сопровождение' : 'Support', 'client.new.ask.service', lang);
    await choose(world, client, lang === 'ru' ? 'Телефонная консультация' : 'Phone consultation', 'client.new.ask.type', lang);
    await choose(world, client, world.t(lang, 'ticket.type.problem'), 'client.new.ask.priority', lang);
    await choose(world, client, world.t(lang, 'ticket.priority.high'), 'client.new.ask.subject', lang);
    await client.send(SUBJECT[lang]);
    await world.fake.waitForMessage(client.id, saidStart(world, lang, 'client.new.ask.description'));
    await client.send(DESCRIPTION[lang]);
    await world.fake.waitForMessage(client.id, saidStart(world, lang, 'client.new.ask.steps'));
    await client.send(STEPS[lang]);
    await world.fake.waitForMessage(client.id, saidStart(world, lang, 'client.new.ask.error_text'));
    await client.send(ERROR_TEXT);
    await world.fake.waitForMessage(client.id, saidStart(world, lang, 'client.new.ask.screenshots'));
    await client.sendAlbum([png(), png(800, 600)]);
    await world.fake.waitForMessage(client.id, said(world, lang, 'client.new.files_received', { count: 2, total: 2 }));
    await client.press(world.t(lang, 'client.new.done_files'));
    await world.fake.waitForMessage(client.id, saidStart(world, lang, 'client.new.summary_title'));
    const before = lastId(world.fake.messages(engineer.id));
    await client.press(world.t(lang, 'client.new.create'));
    const created = await world.fake.waitForMessage(client.id, saidStart(world, lang, 'client.new.created'));
    const number = Number(/№(\d+)/.exec(created.text ?? '')?.[1]);
    const row = await w.manager.findOneByOrFail(TicketEntity, { number });
    const company = await w.manager.findOneByOrFail(CompanyEntity, { id: row.companyId });

    const alert = await w.wait(engineer, (m) => m.messageId > before && (m.text ?? '').includes(`№${number}`));
    expect(alert.text).toContain(`${company.name} · ${clientRow.displayName}`);
    expect(alert.text).toContain(DESCRIPTION[lang]);
    await w.until(async () => world.fake.messages(engineer.id).filter((m) => m.messageId > alert.messageId && (m.photoFileIds?.length ?? 0) > 0).length === 2, 'both screenshots');
  });
});
