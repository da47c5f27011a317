import { formatDecimal, LANGUAGES, type Language } from '../../../src/i18n';
import { inlineButtons, type ChatMessage, type FakeUser } from '../../../src/fake-telegram';
import { EngineerWorld } from '../engineer/engineer-world';
import { saidStart } from '../support/expect-text';
import { createCompany, createContract } from '../../support/mothers';
import { fillCommon } from './wizard-steps';

/**
 * Issue 13 §5: every hour figure a Russian user sees has a decimal comma (an English one a
 * point) — cards, /hours, the wizard's hours line, notifications, the engineer's plan and log
 * confirmations, history, quick-hours buttons, the wizard's hours line. The test walks those screens with fractional
 * hours and scans everything the bot sent to both chats.
 */
let w: EngineerWorld;

beforeAll(async () => {
  w = await EngineerWorld.start();
});

afterAll(async () => {
  await w.stop();
});

/** "2.5 h", "2,5 ч", "<b>33.5 ч</b>" — a figure with a decimal point before an hours unit (dates have two points and no unit). */
const POINT_HOURS = /(?<![\d.])\d+\.\d+\s*(ч|h)(?!\p{L})/u;
const COMMA_HOURS = /(?<![\d.,])\d+,\d+\s*(ч|h)(?!\p{L})/u;

function screens(messages: readonly ChatMessage[]): string[] {
  return messages.filter((m) => m.sender === 'bot').flatMap((m) => [m.text ?? m.caption ?? '', ...inlineButtons(m.replyMarkup).map((b) => b.text)]);
}

test('formatDecimal: a decimal comma in Russian, a point in English, at most two decimals, integers as they are', () => {
  expect(formatDecimal(2.5, 'ru')).toBe('2,5');
  expect(formatDecimal(2.5, 'en')).toBe('2.5');
  expect(formatDecimal(1.255, 'ru')).toBe('1,25');
  expect(formatDecimal(40, 'ru')).toBe('40');
  expect(w.world.t('ru', 'notify.replanned', { number: 7, plannedDate: '12.03.2026', plannedHours: 2.5 })).toContain('2,5 ч');
  expect(w.world.t('en', 'notify.replanned', { number: 7, plannedDate: '12.03.2026', plannedHours: 2.5 })).toContain('2.5 h');
});

describe.each(LANGUAGES)('hours on every screen (%s)', (lang: Language) => {
  const t = (key: string, params?: Record<string, string | number>): string => w.world.t(lang, key, params);
  const figure = (value: number): string => formatDecimal(value, lang);

  test('accept with 2.5 h, log 1.25 h: the engineer’s and the client’s screens show the language’s decimal mark', async () => {
    const { world } = w;
    // A company of its own: 40 norm-hours, of which this ticket plans 2.5 (37.5 left).
    const company = await createCompany(w.manager, { name: `Decimal ${lang}` });
    await createContract(w.manager, company.id, { monthlyHours: 40 });
    const { user: client, row: clientRow } = await world.client(lang, { companyId: company.id });
    const { user: engineer } = await world.staff('engineer', lang);
    const ticket = await w.createQuestion(clientRow);

    const card = await cardOf(engineer, ticket.number);
    await engineer.press(t('bot.button.acc'), { message: card });
    const askHours = await w.wait(engineer, w.said(lang, 'engineer.accept.ask_hours'));
    // The quick-hours buttons are figures too.
    expect(inlineButtons(askHours.replyMarkup).map((b) => b.text)).toContain(figure(0.5));
    await engineer.send(figure(2.5));
    await w.wait(engineer, w.said(lang, 'engineer.accept.ask_date', { number: ticket.number, hours: figure(2.5) }));
    await engineer.press(new RegExp(`^${t('engineer.accept.today')}`));
    await w.wait(engineer, saidStart(world, lang, 'engineer.accept.done'));
    // The client's notification (the dispatcher renders the stored number).
    await w.wait(client, (m) => (m.text ?? '').includes(`${figure(2.5)} ${lang === 'ru' ? 'ч' : 'h'}`));

    await engineer.command('log', `${ticket.number} ${figure(1.25)} ${lang === 'ru' ? 'настройка отчёта' : 'report set-up'}`);
    await w.wait(engineer, w.said(lang, 'engineer.log.done', { number: ticket.number, hours: figure(1.25) }));
    const staffCard = await cardOf(engineer, ticket.number);
    expect(staffCard.text).toContain(figure(1.25));
    await engineer.press(t('bot.button.hist'), { message: staffCard });
    await w.wait(engineer, (m) => (m.text ?? '').includes(t('engineer.history.hours', { hours: figure(2.5) })));

    await client.command('hours');
    const hours = await w.wait(client, saidStart(world, lang, 'client.hours.title'));
    expect(hours.text).toContain(`${figure(2.5)} ${lang === 'ru' ? 'ч' : 'h'}`);
    const clientCard = await cardOf(client, ticket.number);
    expect(clientCard.text).toContain(figure(2.5));
    // The wizard's hours line before Create.
    await fillCommon(world, client, lang, 'question');
    await client.press(t('client.new.done_files'));
    const summary = await w.wait(client, saidStart(world, lang, 'client.new.summary_title'));
    expect(summary.text).toContain(figure(37.5));

    await world.fake.waitForIdle({ quietMs: 300 });
    const seen = [...screens(world.fake.messages(engineer.id)), ...screens(world.fake.messages(client.id))];
    const wrong = seen.filter((text) => (lang === 'ru' ? POINT_HOURS.test(text) || /^\d+\.\d+$/.test(text) : COMMA_HOURS.test(text)));
    expect(wrong).toEqual([]);
    // The scan saw fractional hours at all (it would pass on screens without any).
    expect(seen.filter((text) => (lang === 'ru' ? COMMA_HOURS : POINT_HOURS).test(text)).length).toBeGreaterThanOrEqual(4);
  });
});

async function cardOf(user: FakeUser, number: number): Promise<ChatMessage> {
  const sent = await user.command('ticket', String(number));
  return w.wait(user, (m) => m.messageId > sent.message.message_id && (m.text ?? '').includes(`№${number}`));
}
