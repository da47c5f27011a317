import { LANGUAGES, type Language } from '../../../src/i18n';
import { DepartmentEntity } from '../../../src/persistence/entities';
import { inlineButtons, stripHtml, validateTelegramHtml } from '../../../src/fake-telegram';
import { createTicket } from '../../support/mothers/ticket';
import { EngineerWorld } from './engineer-world';

/**
 * Issue 14, point 4: buttons check before they ask, a prompt with no choices never appears,
 * /log without arguments shows its usage, staff texts are staff texts, history reads as
 * sentences with local dates and state names.
 */
let w: EngineerWorld;

beforeAll(async () => {
  w = await EngineerWorld.start();
});

afterAll(async () => {
  await w.stop();
});

describe.each(LANGUAGES)('staff screens (%s)', (lang: Language) => {
  const t = (key: string, params?: Record<string, string | number>): string => stripHtml(w.world.t(lang, key, params));

  test('/log alone shows its usage (valid HTML); Clarify on a ticket done meanwhile says why before asking anything', async () => {
    const { world } = w;
    const { row: clientRow } = await world.client(lang);
    const { user: engineer, row: engineerRow } = await world.staff('engineer', lang);
    await engineer.command('log');
    const usage = await w.wait(engineer, w.said(lang, 'engineer.log.usage'));
    expect(() => validateTelegramHtml(usage.rawText ?? '')).not.toThrow();

    // A card shown while the ticket was new; meanwhile it was done (a colleague finished it).
    const ticket = await w.seedTicket(clientRow, 'question');
    const card = await w.card(engineer, ticket.number);
    await world.db.dataSource.query(`UPDATE tickets SET state = 'done', owner_id = $2, planned_hours = 1, planned_date = '2026-03-12' WHERE id = $1`, [ticket.id, engineerRow.id]);
    await engineer.press(world.t(lang, 'bot.button.clr'), { message: card });
    const why = await w.wait(engineer, w.said(lang, 'engineer.not_now', { number: ticket.number, state: t('ticket.state.done') }));
    expect(inlineButtons(why.replyMarkup).map((b) => b.text)).toEqual([world.t(lang, 'bot.button.open')]);
    // No question was asked, so what is typed next is no answer to one.
    expect(world.fake.messages(engineer.id).some((m) => (m.text ?? '').includes(t('engineer.ask.question', { number: ticket.number })))).toBe(false);
  });

  test('assigning in a department with no engineers says so and offers the way back', async () => {
    const { world } = w;
    const { row: clientRow } = await world.client(lang);
    const { user: admin } = await world.staff('admin', lang);
    const empty = await w.manager.save(w.manager.create(DepartmentEntity, { code: `empty_${lang}`, nameRu: 'Пустой отдел', nameEn: 'Empty department' }));
    const ticket = await createTicket(w.manager, { companyId: clientRow.companyId ?? world.company.id, authorId: clientRow.id, departmentId: empty.id }, { createdAt: world.clock.now() });
    const card = await w.card(admin, ticket.number);
    await admin.press(world.t(lang, 'bot.button.asg'), { message: card });
    const which = await w.wait(admin, w.said(lang, 'engineer.assign.which', { number: ticket.number }));
    await admin.press(world.t(lang, 'engineer.assign.owner'), { message: which });
    const none = await w.wait(admin, w.said(lang, 'engineer.assign.no_one', { number: ticket.number }));
    expect(inlineButtons(none.replyMarkup).map((b) => b.text)).toEqual([world.t(lang, 'bot.button.open')]);
  });

  test('history reads as sentences with state names and local dates', async () => {
    const { world } = w;
    const { row: clientRow } = await world.client(lang);
    const { user: engineer } = await world.staff('engineer', lang);
    const ticket = await w.createQuestion(clientRow);
    const card = await w.card(engineer, ticket.number);
    await engineer.press(world.t(lang, 'bot.button.acc'), { message: card });
    await w.wait(engineer, w.said(lang, 'engineer.accept.ask_hours'));
    await engineer.press('1');
    await w.wait(engineer, w.said(lang, 'engineer.accept.ask_date', { number: ticket.number, hours: '1' }));
    await engineer.press(/^(Сегодня|Today)/);
    await w.until(async () => (await w.ticket(ticket.number)).state === 'accepted');
    await world.fake.waitForIdle({ quietMs: 400 });
    const before = Math.max(0, ...world.fake.messages(engineer.id).map((m) => m.messageId));
    await engineer.command('ticket', String(ticket.number));
    const accepted = await w.wait(engineer, (m) => m.messageId > before && m.sender === 'bot' && m.replyMarkup !== undefined);
    await engineer.press(world.t(lang, 'bot.button.hist'), { message: accepted });
    const history = await w.wait(engineer, w.said(lang, 'engineer.history.title', { number: ticket.number }));
    const text = history.text ?? '';
    expect(text).toContain(t('engineer.history.created', { state: t('ticket.state.new') }));
    expect(text).toContain(t('engineer.history.changed', { field: t('ticket.history_field.state'), from: t('ticket.state.new'), to: t('ticket.state.accepted') }));
    const row = await w.ticket(ticket.number);
    const [y, m, d] = (row.plannedDate ?? '').split('-');
    expect(text).toContain(t('engineer.history.set', { field: t('ticket.history_field.planned_date'), to: `${d}.${m}.${y}` }));
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(text).not.toContain('→ accepted');
  });
});
