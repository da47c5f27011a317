import { LANGUAGES } from '../../../src/i18n';
import { AttachmentEntity, TicketEntity } from '../../../src/persistence/entities';
import { MESSAGE_MAX } from '../../../src/telegram/text-limits';
import { inlineButtons, validateTelegramHtml } from '../../../src/fake-telegram';
import { said, saidStart } from '../support/expect-text';
import { pdf, png } from '../support/files';
import { E2eWorld } from '../support/harness';
import { DESCRIPTION, SUBJECT, fillCommon } from './wizard-steps';

let world: E2eWorld;

beforeAll(async () => {
  world = await E2eWorld.start();
});

afterAll(async () => {
  await world.stop();
});

describe.each(LANGUAGES)('creating a ticket (%s)', (lang) => {
  const t = (key: string, params?: Record<string, string | number>): string => world.t(lang, key, params);

  test('a problem ticket with two screenshots sent as an album is created in new with both attachments', async () => {
    const { user } = await world.client(lang);
    await fillCommon(world, user, lang, 'problem');
    await user.send(lang === 'ru' ? '1. Открыть отчёт\n2. Нажать «Сформировать»' : '1. Open the report\n2. Press "Build"');
    await world.fake.waitForMessage(user.id, saidStart(world, lang, 'client.new.ask.error_text'));
    await user.send('Error <42> & "null"');
    await world.fake.waitForMessage(user.id, saidStart(world, lang, 'client.new.ask.screenshots'));

    const album = await user.sendAlbum([png(), png(800, 600)]);
    // One acknowledgement for the album, edited in place as its items arrive (issue 13 §5).
    const ack = await world.fake.waitForMessage(user.id, said(world, lang, 'client.new.files_received', { count: 2, total: 2 }));
    await world.fake.waitForIdle({ quietMs: 900 });
    expect(world.fake.messages(user.id).filter((m) => m.messageId > ack.messageId - 1 && m.messageId !== ack.messageId)).toEqual([]);

    await user.press(t('client.new.done_files'));
    const summary = await world.fake.waitForMessage(user.id, saidStart(world, lang, 'client.new.summary_title'));
    expect(summary.text).toContain(SUBJECT[lang]);
    expect(summary.text).toContain('Error <42> & "null"');
    expect(summary.text).toContain(world.t(lang, 'client.new.hours_left', { kind: t('ticket.contract_kind.support'), remaining: '40', norm: '40' }).replace(/<\/?b>/g, ''));

    await user.press(t('client.new.create'));
    const created = await world.fake.waitForMessage(user.id, saidStart(world, lang, 'client.new.created'));
    const number = Number(/№(\d+)/.exec(created.text ?? '')?.[1]);
    expect(created.text).toContain(t('ticket.state.new'));
    const ticket = await world.db.dataSource.manager.findOneByOrFail(TicketEntity, { number });
    expect(ticket).toMatchObject({ state: 'new', type: 'problem', subject: SUBJECT[lang], description: DESCRIPTION[lang], companyId: world.company.id });
    const files = await world.db.dataSource.manager.findBy(AttachmentEntity, { ticketId: ticket.id });
    expect(files).toHaveLength(2);
    expect(files.every((f) => f.purpose === 'screenshot' && f.mediaGroupId === album.mediaGroupId)).toBe(true);
    expect(created.text).toMatch(new RegExp(`${number}[\\s\\S]*\\d`));
  });

  test('a modification ticket with a specification document and a mock-up', async () => {
    const { user } = await world.client(lang);
    await fillCommon(world, user, lang, 'modification');
    await user.press(t('client.new.new_form_yes'));
    await world.fake.waitForMessage(user.id, saidStart(world, lang, 'client.new.ask.specification'));
    await user.sendDocument(pdf(), { file_name: 'spec.pdf', mime_type: 'application/pdf' });
    await world.fake.waitForMessage(user.id, said(world, lang, 'client.new.file_received', { name: 'spec.pdf', total: 1 }));
    await user.press(t('client.new.done_files'));
    await world.fake.waitForMessage(user.id, saidStart(world, lang, 'client.new.ask.mockups'));
    await user.sendPhoto(png());
    await world.fake.waitForMessage(user.id, saidStart(world, lang, 'client.new.file_received'));
    await user.press(t('client.new.done_files'));
    await world.fake.waitForMessage(user.id, saidStart(world, lang, 'client.new.summary_title'));
    await user.press(t('client.new.create'));
    const created = await world.fake.waitForMessage(user.id, saidStart(world, lang, 'client.new.created'));
    const number = Number(/№(\d+)/.exec(created.text ?? '')?.[1]);
    const ticket = await world.db.dataSource.manager.findOneByOrFail(TicketEntity, { number });
    expect(ticket).toMatchObject({ state: 'new', type: 'modification', newForm: true });
    const files = await world.db.dataSource.manager.findBy(AttachmentEntity, { ticketId: ticket.id });
    expect(files.map((f) => f.purpose).sort()).toEqual(['mockup', 'specification']);
    expect(files.find((f) => f.purpose === 'specification')).toMatchObject({ fileName: 'spec.pdf', mimeType: 'application/pdf' });
  });

  test('a modification without a new form needs only the specification (no mock-up step), recorded as newForm false', async () => {
    const { user } = await world.client(lang);
    await fillCommon(world, user, lang, 'modification');
    await user.press(t('client.new.new_form_no'));
    await world.fake.waitForMessage(user.id, saidStart(world, lang, 'client.new.ask.specification'));
    await user.send(lang === 'ru' ? 'Добавить поле «Кабинет» в карточку приёма.' : 'Add a "Room" field to the appointment card.');
    const summary = await world.fake.waitForMessage(user.id, saidStart(world, lang, 'client.new.summary_title'));
    expect(summary.text).toContain(`${t('client.new.field.new_form')}: ${t('client.new.new_form_no')}`);
    await user.press(t('client.new.create'));
    const created = await world.fake.waitForMessage(user.id, saidStart(world, lang, 'client.new.created'));
    const number = Number(/№(\d+)/.exec(created.text ?? '')?.[1]);
    const ticket = await world.db.dataSource.manager.findOneByOrFail(TicketEntity, { number });
    expect(ticket).toMatchObject({ state: 'new', type: 'modification', newForm: false });
    expect(await world.db.dataSource.manager.countBy(AttachmentEntity, { ticketId: ticket.id })).toBe(0);
  });

  test('a problem with "No error message is shown" is created with the answer recorded', async () => {
    const { user } = await world.client(lang);
    await fillCommon(world, user, lang, 'problem');
    await user.send(lang === 'ru' ? 'Открыть отчёт' : 'Open the report');
    const ask = await world.fake.waitForMessage(user.id, saidStart(world, lang, 'client.new.ask.error_text'));
    expect(inlineButtons(ask.replyMarkup).map((b) => b.text)).toContain(t('client.new.no_error_message'));
    await user.press(t('client.new.no_error_message'));
    await world.fake.waitForMessage(user.id, saidStart(world, lang, 'client.new.ask.screenshots'));
    await user.sendPhoto(png());
    await world.fake.waitForMessage(user.id, saidStart(world, lang, 'client.new.file_received'));
    await user.press(t('client.new.done_files'));
    const summary = await world.fake.waitForMessage(user.id, saidStart(world, lang, 'client.new.summary_title'));
    expect(summary.text).toContain(t('client.new.no_error_message'));
    await user.press(t('client.new.create'));
    const created = await world.fake.waitForMessage(user.id, saidStart(world, lang, 'client.new.created'));
    const number = Number(/№(\d+)/.exec(created.text ?? '')?.[1]);
    const ticket = await world.db.dataSource.manager.findOneByOrFail(TicketEntity, { number });
    expect(ticket).toMatchObject({ type: 'problem', errorText: null, noErrorMessage: true });
  });

  test('every validation error states the rule, and the step can be retried', async () => {
    const { user } = await world.client(lang);
    await user.command('new');
    await world.fake.waitForMessage(user.id, saidStart(world, lang, 'client.new.ask.category'));
    // Text where a button is expected.
    await user.send('hello');
    await world.fake.waitForMessage(user.id, said(world, lang, 'client.new.use_buttons'));
    await user.press(lang === 'ru' ? 'Продажи (новый функционал, лицензии)' : 'Sales (new functionality, licences)');
    await world.fake.waitForMessage(user.id, saidStart(world, lang, 'client.new.ask.type'));
    await user.press(t('ticket.type.modification'));
    await world.fake.waitForMessage(user.id, saidStart(world, lang, 'client.new.ask.priority'));
    await user.press(t('ticket.priority.high'));
    await world.fake.waitForMessage(user.id, saidStart(world, lang, 'client.new.ask.subject'));

    await user.send('abc');
    await world.fake.waitForMessage(user.id, said(world, lang, 'errors.invalid_input', { field: 'subject', rule: 'too_short', min: 5, max: 120 }));
    await user.send('x'.repeat(121));
    await world.fake.waitForMessage(user.id, said(world, lang, 'errors.invalid_input', { field: 'subject', rule: 'too_long', min: 5, max: 120 }));
    await user.send('   ');
    await world.fake.waitForMessage(user.id, said(world, lang, 'errors.invalid_input', { field: 'subject', rule: 'required' }));
    await user.sendPhoto(png());
    await world.fake.waitForMessage(user.id, said(world, lang, 'client.new.expect_text'));
    await user.send('New report form');
    await world.fake.waitForMessage(user.id, saidStart(world, lang, 'client.new.ask.description'));
    await user.send('too short');
    await world.fake.waitForMessage(user.id, said(world, lang, 'errors.invalid_input', { field: 'description', rule: 'too_short', min: 20, max: 4000 }));
    await user.send('A new monthly report of visits by doctor, grouped by department.');
    await world.fake.waitForMessage(user.id, saidStart(world, lang, 'client.new.ask.new_form'));
    await user.press(t('client.new.new_form_yes'));
    await world.fake.waitForMessage(user.id, saidStart(world, lang, 'client.new.ask.specification'));

    // Specification: Done with nothing, a forbidden file type, an oversized file.
    await user.press(t('client.new.done_files'));
    await world.fake.waitForMessage(user.id, said(world, lang, 'errors.invalid_input', { field: 'specification', rule: 'specification_required' }));
    await user.sendDocument(Buffer.from('MZ'), { file_name: 'set&up <1>.exe', mime_type: 'application/octet-stream' });
    const refused = await world.fake.waitForMessage(user.id, saidStart(world, lang, 'client.new.file_refused.type'));
    expect(refused.text).toContain('set&up <1>.exe');
    await user.sendDocument(pdf(), { file_name: 'huge.pdf', mime_type: 'application/pdf', size: 60 * 1024 * 1024 });
    await world.fake.waitForMessage(user.id, said(world, lang, 'client.new.file_refused.too_large', { name: 'huge.pdf', sizeMb: 60, limitMb: 20 }));
    await user.send('The form has columns: doctor, department, visits.');
    await world.fake.waitForMessage(user.id, saidStart(world, lang, 'client.new.ask.mockups'));
    await user.press(t('client.new.done_files'));
    await world.fake.waitForMessage(user.id, said(world, lang, 'errors.invalid_input', { field: 'attachments', rule: 'mockup_required' }));
    await user.sendDocument(png(), { file_name: 'mockup.png', mime_type: 'image/png' });
    await world.fake.waitForMessage(user.id, saidStart(world, lang, 'client.new.file_received'));
    await user.press(t('client.new.done_files'));
    const summary = await world.fake.waitForMessage(user.id, saidStart(world, lang, 'client.new.summary_title'));
    expect(summary.text).toContain(stripTags(t('client.new.hours_none')));
    await user.press(t('common.cancel'));
    await world.fake.waitForMessage(user.id, said(world, lang, 'client.new.cancelled'));
  });

  test('screenshots must be images, and at least one is required', async () => {
    const { user } = await world.client(lang);
    await fillCommon(world, user, lang, 'problem');
    await user.send('Open the report');
    await world.fake.waitForMessage(user.id, saidStart(world, lang, 'client.new.ask.error_text'));
    await user.press(t('client.new.no_error_message'));
    await world.fake.waitForMessage(user.id, saidStart(world, lang, 'client.new.ask.screenshots'));
    await user.press(t('client.new.done_files'));
    await world.fake.waitForMessage(user.id, said(world, lang, 'errors.invalid_input', { field: 'attachments', rule: 'screenshot_required' }));
    // A log or a PDF is taken beside the screenshots (issue 13), but is not a screenshot.
    await user.sendDocument(pdf(), { file_name: 'log.pdf', mime_type: 'application/pdf' });
    await world.fake.waitForMessage(user.id, saidStart(world, lang, 'client.new.file_received'));
    await user.press(t('client.new.done_files'));
    await world.fake.waitForMessage(user.id, said(world, lang, 'errors.invalid_input', { field: 'attachments', rule: 'screenshot_required' }));
    await user.sendSticker();
    await world.fake.waitForMessage(user.id, said(world, lang, 'client.new.unsupported_message'));
    // A draft with content: /cancel asks first; Keep leaves it, Discard drops it.
    await user.send('/cancel');
    const ask = await world.fake.waitForMessage(user.id, said(world, lang, 'bot.cancel_draft.ask'));
    await user.press(t('bot.cancel_draft.keep'), { message: ask });
    await world.fake.waitForIdle({ quietMs: 200 });
    await user.press(t('bot.cancel_draft.discard'), { message: ask });
    await world.fake.waitForMessage(user.id, said(world, lang, 'bot.cancelled'));
    await user.send('Anything');
    await world.fake.waitForMessage(user.id, said(world, lang, 'client.free.none_waiting'));
  });

  test('Back returns to the previous step and Cancel drops the draft', async () => {
    const { user } = await world.client(lang);
    await fillCommon(world, user, lang, 'question');
    await user.press(t('common.back'));
    await world.fake.waitForMessage(user.id, saidStart(world, lang, 'client.new.ask.description'));
    await user.press(t('common.back'));
    await world.fake.waitForMessage(user.id, saidStart(world, lang, 'client.new.ask.subject'));
    await user.press(t('common.back'));
    await world.fake.waitForMessage(user.id, saidStart(world, lang, 'client.new.ask.priority'));
    await user.press(t('common.back'));
    await world.fake.waitForMessage(user.id, saidStart(world, lang, 'client.new.ask.type'));
    await user.press(t('common.back'));
    await world.fake.waitForMessage(user.id, saidStart(world, lang, 'client.new.ask.service'));
    await user.press(t('common.back'));
    const first = await world.fake.waitForMessage(user.id, saidStart(world, lang, 'client.new.ask.category'));
    expect(inlineButtons(first.replyMarkup).some((b) => b.text === t('common.back'))).toBe(false);
    // A button of an earlier step is stale now (a forged or old press).
    const stale = await user.pressData('nw:pri:normal', first);
    await expect(stale.waitForAnswer()).resolves.toMatchObject({ text: t('client.new.stale') });
    await user.press(t('common.cancel'));
    await world.fake.waitForMessage(user.id, said(world, lang, 'client.new.cancelled'));
    // The row may stay as a tombstone of the update that cleared it (dialog.ts); no live draft remains.
    const rows = await world.db.dataSource.manager.query<unknown[]>(
      `SELECT 1 FROM bot_sessions WHERE user_id = $1 AND coalesce(state->>'_cleared', 'false') <> 'true'`,
      [user.id],
    );
    expect(rows).toHaveLength(0);
  });

  test('a restart in the middle of a draft resumes at the same step', async () => {
    const { user } = await world.client(lang);
    await fillCommon(world, user, lang, 'problem');
    await world.restart();
    await user.send('Open the report, press Build');
    await world.fake.waitForMessage(user.id, saidStart(world, lang, 'client.new.ask.error_text'));
    await world.restart();
    await user.command('new');
    await world.fake.waitForMessage(user.id, said(world, lang, 'client.new.resumed'));
    await world.fake.waitForMessage(user.id, saidStart(world, lang, 'client.new.ask.error_text'));
    // A problem needs the error text or "No error message is shown" (issue 12); Skip no longer does.
    await user.send('Error 0x80004005');
    await world.fake.waitForMessage(user.id, saidStart(world, lang, 'client.new.ask.screenshots'));
    await user.sendPhoto(png());
    await world.fake.waitForMessage(user.id, saidStart(world, lang, 'client.new.file_received'));
    await user.press(t('client.new.done_files'));
    const summary = await world.fake.waitForMessage(user.id, saidStart(world, lang, 'client.new.summary_title'));
    expect(summary.text).toContain(SUBJECT[lang]);
    await world.restart();
    const create = await user.press(t('client.new.create'));
    const created = await world.fake.waitForMessage(user.id, saidStart(world, lang, 'client.new.created'));
    const number = Number(/№(\d+)/.exec(created.text ?? '')?.[1]);
    expect(await world.db.dataSource.manager.findOneByOrFail(TicketEntity, { number })).toMatchObject({ steps: 'Open the report, press Build', state: 'new' });
    // The Create press delivered again creates nothing more.
    const count = await world.db.dataSource.manager.count(TicketEntity);
    world.fake.redeliver(create.update);
    await world.fake.waitForIdle({ quietMs: 150 });
    expect(await world.db.dataSource.manager.count(TicketEntity)).toBe(count);
  });

  test('a question ticket without files, edited from the summary', async () => {
    const { user } = await world.client(lang);
    await fillCommon(world, user, lang, 'question');
    await user.press(t('client.new.done_files'));
    await world.fake.waitForMessage(user.id, saidStart(world, lang, 'client.new.summary_title'));
    await user.press(t('common.back'));
    await world.fake.waitForMessage(user.id, saidStart(world, lang, 'client.new.ask.files'));
    await user.press(t('client.new.done_files'));
    await world.fake.waitForMessage(user.id, saidStart(world, lang, 'client.new.summary_title'));
    await user.press(t('client.new.edit'));
    await world.fake.waitForMessage(user.id, said(world, lang, 'client.new.ask.edit'));
    await user.press(t('client.new.field.subject'));
    await world.fake.waitForMessage(user.id, saidStart(world, lang, 'client.new.ask.subject'));
    await user.send('How to export the register?');
    const summary = await world.fake.waitForMessage(user.id, saidStart(world, lang, 'client.new.summary_title'));
    expect(summary.text).toContain('How to export the register?');
    await user.press(t('client.new.create'));
    const created = await world.fake.waitForMessage(user.id, saidStart(world, lang, 'client.new.created'));
    const number = Number(/№(\d+)/.exec(created.text ?? '')?.[1]);
    const ticket = await world.db.dataSource.manager.findOneByOrFail(TicketEntity, { number });
    expect(ticket).toMatchObject({ subject: 'How to export the register?', type: 'question' });
  });
});

function stripTags(html: string): string {
  return html.replace(/<[^>]+>/g, '');
}

test('a long summary is split into messages of at most 4096 characters, the buttons on the last', async () => {
  const { user } = await world.client('en');
  await fillCommon(world, user, 'en', 'problem');
  await user.send(`Step & <b>${'s'.repeat(3990)}`);
  await world.fake.waitForMessage(user.id, saidStart(world, 'en', 'client.new.ask.error_text'));
  await user.send('e'.repeat(3990));
  await world.fake.waitForMessage(user.id, saidStart(world, 'en', 'client.new.ask.screenshots'));
  await user.sendPhoto(png());
  await world.fake.waitForMessage(user.id, saidStart(world, 'en', 'client.new.file_received'));
  await user.press(world.t('en', 'client.new.done_files'));
  const first = await world.fake.waitForMessage(user.id, saidStart(world, 'en', 'client.new.summary_title'));
  await world.fake.waitForIdle();
  const parts = world.fake.messages(user.id).filter((m) => m.messageId >= first.messageId);
  expect(parts.length).toBeGreaterThan(1);
  for (const part of parts) {
    expect((part.text ?? '').length).toBeLessThanOrEqual(MESSAGE_MAX);
    expect(validateTelegramHtml(part.rawText ?? '')).toBeUndefined();
  }
  expect(inlineButtons(parts.at(-1)?.replyMarkup).map((b) => b.callback_data)).toContain('nw:ok');
  expect(inlineButtons(parts[0]?.replyMarkup)).toEqual([]);
  expect(parts.map((p) => p.text).join('')).toContain('Step & <b>');
}, 60_000);
