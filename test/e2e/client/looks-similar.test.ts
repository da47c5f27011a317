import { LANGUAGES, type Language } from '../../../src/i18n';
import { inlineButtons, stripHtml, type ChatMessage, type FakeUser } from '../../../src/fake-telegram';
import { AttachmentEntity, CommentEntity, TicketEntity } from '../../../src/persistence/entities';
import { createCompany, createContract } from '../../support/mothers';
import { png } from '../support/files';
import { said, saidStart } from '../support/expect-text';
import { E2eWorld } from '../support/harness';
import { seedTicket } from '../support/tickets';
import { fillCommon } from './wizard-steps';

/**
 * Issue 13 §1: before Create, the wizard shows the company's open tickets that look like the
 * draft (full-text, Russian and English), each with "It's this one — add to it"; pressing it adds
 * the draft's text and files to that ticket as one comment instead of creating a new one.
 */
let world: E2eWorld;

beforeAll(async () => {
  world = await E2eWorld.start();
});

afterAll(async () => {
  await world.stop();
});

const SIMILAR = {
  ru: { subject: 'Пустой ежемесячный отчёт', description: 'Ежемесячный отчёт по приёмам открывается пустой страницей.' },
  en: { subject: 'Monthly report is empty', description: 'The appointments report opens with an empty page.' },
} as const;
const UNRELATED = {
  ru: { subject: 'Принтер этикеток молчит', description: 'Этикеточный принтер в регистратуре ничего не печатает.' },
  en: { subject: 'Label printer is silent', description: 'The label printer in the registry prints nothing at all.' },
} as const;

/** A client of a company of their own (with a contract), so other tests' tickets do not match. */
async function freshClient(lang: Language): Promise<{ user: FakeUser; row: Awaited<ReturnType<E2eWorld['client']>>['row'] }> {
  const m = world.db.dataSource.manager;
  const company = await createCompany(m);
  await createContract(m, company.id, { monthlyHours: 40 });
  return world.client(lang, { companyId: company.id });
}

function rejectedCalls(chatId: number): number {
  return world.fake.calls().filter((c) => c.response?.ok === false && (Number(c.params.chat_id) === chatId || c.method === 'answerCallbackQuery')).length;
}

async function summaryOf(user: FakeUser, lang: Language): Promise<ChatMessage> {
  await fillCommon(world, user, lang, 'question');
  await user.sendPhoto(png(), lang === 'ru' ? 'пустая страница' : 'the empty page');
  // The photo is acknowledged (once per burst); then Done.
  await world.fake.waitForIdle({ quietMs: 300 });
  await user.press(world.t(lang, 'client.new.done_files'));
  return world.fake.waitForMessage(user.id, saidStart(world, lang, 'client.new.summary_title'));
}

describe.each(LANGUAGES)('"looks similar" before Create (%s)', (lang) => {
  const t = (key: string, params?: Record<string, string | number>): string => world.t(lang, key, params);

  test('the open look-alike is offered (not the unrelated or the closed one); "add to it" adds the draft with its photo and closes it', async () => {
    const { user, row } = await freshClient(lang);
    const similar = await seedTicket(world, row, 'accepted', SIMILAR[lang]);
    const unrelated = await seedTicket(world, row, 'accepted', UNRELATED[lang]);
    const closed = await seedTicket(world, row, 'done', SIMILAR[lang]);
    const ticketsBefore = await world.db.dataSource.manager.count(TicketEntity);

    const summary = await summaryOf(user, lang);
    expect(summary.text).toContain(stripHtml(t('client.new.similar.title')));
    const labels = inlineButtons(summary.replyMarkup).map((b) => b.text);
    expect(labels).toContain(t('client.new.similar.add', { number: similar.number }));
    expect(labels).not.toContain(t('client.new.similar.add', { number: unrelated.number }));
    expect(labels).not.toContain(t('client.new.similar.add', { number: closed.number }));
    expect(labels).toContain(t('client.new.create'));

    const before = rejectedCalls(user.id);
    const label = t('client.new.similar.add', { number: similar.number });
    await Promise.all([user.press(label, { message: summary }), user.press(label, { message: summary })]);
    const added = await world.fake.waitForMessage(user.id, said(world, lang, 'client.new.similar.added', { number: similar.number }));
    // The answer carries Undo like any message added to a ticket.
    expect(inlineButtons(added.replyMarkup).map((b) => b.text)).toContain(t('client.undo.button'));
    await world.fake.waitForIdle({ quietMs: 300 });
    expect(rejectedCalls(user.id)).toBe(before);

    const m = world.db.dataSource.manager;
    expect(await m.count(TicketEntity)).toBe(ticketsBefore);
    const comments = await m.findBy(CommentEntity, { ticketId: similar.id });
    expect(comments).toHaveLength(1);
    expect(comments[0]?.text).toContain(lang === 'ru' ? 'Не открывается отчёт' : 'Report does not open');
    expect(comments[0]?.text).toContain(lang === 'ru' ? 'пустую страницу' : 'empty page since this morning');
    expect(await m.countBy(AttachmentEntity, { commentId: comments[0]!.id })).toBe(1);
    // The draft is closed: /new starts a fresh one.
    await user.command('new');
    await world.fake.waitForMessage(user.id, saidStart(world, lang, 'client.new.ask.category'));
    expect(world.fake.messages(user.id).some((m2) => (m2.text ?? '').includes(stripHtml(t('client.new.resumed'))))).toBe(false);
  });

  test('no look-alike: the summary has no "looks similar" block, and Create creates the ticket', async () => {
    const { user, row } = await freshClient(lang);
    await seedTicket(world, row, 'accepted', UNRELATED[lang]);
    const summary = await summaryOf(user, lang);
    expect(summary.text).not.toContain(stripHtml(t('client.new.similar.title')));
    expect(inlineButtons(summary.replyMarkup).map((b) => b.callback_data).filter((d) => String(d).startsWith('nw:same'))).toEqual([]);
    await user.press(t('client.new.create'), { message: summary });
    await world.fake.waitForMessage(user.id, saidStart(world, lang, 'client.new.created'));
  });
});
