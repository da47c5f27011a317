import { LANGUAGES } from '../../../src/i18n';
import { AttachmentEntity, CommentEntity, TicketEntity } from '../../../src/persistence/entities';
import { createClient, createCompany, createContract } from '../../support/mothers';
import { inlineButtons, type ChatMessage, type FakeUser } from '../../../src/fake-telegram';
import { said, saidStart } from '../support/expect-text';
import { png } from '../support/files';
import { E2eWorld, newTelegramId } from '../support/harness';
import { seedTicket } from '../support/tickets';
import { fillCommon } from './wizard-steps';
import { monthOf } from '../../../src/domain/budget';
import { DEFAULT_TIME_POLICY } from '../../../src/domain/calendar';
import { recordHoursCharge } from '../../../src/persistence/repositories/hours';

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

describe.each(LANGUAGES)('a client and the tickets (%s)', (lang) => {
  const t = (key: string, params?: Record<string, string | number>): string => world.t(lang, key, params);

  test('/my lists the company’s tickets newest first, a page at a time, open or closed, and opens a card', async () => {
    const company = await createCompany(world.db.dataSource.manager, { name: `Own ${lang}` });
    await createContract(world.db.dataSource.manager, company.id);
    const { user, row } = await world.client(lang, { companyId: company.id });
    const numbers: number[] = [];
    for (let i = 0; i < 6; i++) numbers.push((await seedTicket(world, row, 'new', { subject: `Open <${i}>` })).number);
    const closed = await seedTicket(world, row, 'done', { subject: 'Closed & done' });
    const stranger = await seedTicket(world, { id: world.engineer.id, companyId: world.company.id }, 'new', {
      authorId: (await world.client(lang)).row.id,
      subject: 'Another company',
    });

    await user.command('my');
    const first = await world.fake.waitForMessage(user.id, saidStart(world, lang, 'client.my.title'));
    expect(first.text).toContain(`№${numbers[5]} · Open <5>`);
    expect(first.text).not.toContain(`№${numbers[0]} `);
    expect(first.text).not.toContain('Another company');
    expect(first.text).not.toContain(`№${stranger.number} `);
    expect(first.text!.indexOf(`№${numbers[5]}`)).toBeLessThan(first.text!.indexOf(`№${numbers[4]}`));

    await user.press(t('common.next_page'), { message: first });
    const second = await world.fake.waitUntil(() => {
      const text = world.fake.message(user.id, first.messageId)?.text ?? '';
      return text.includes(`№${numbers[0]} `) ? text : undefined;
    }, 'page 2');
    expect(second).not.toContain(`№${numbers[5]} `);

    await user.press(t('client.my.show.closed'));
    await world.fake.waitUntil(() => ((world.fake.message(user.id, first.messageId)?.text ?? '').includes('Closed & done') ? true : undefined));

    await user.press(`№${closed.number}`);
    const card = await world.fake.waitForMessage(user.id, saidStart(world, lang, 'bot.card.title'));
    expect(card.text).toContain(`№${closed.number}`);
    expect(card.text).toContain(t('ticket.state.done'));
    expect(card.text).toContain(lang === 'ru' ? 'Телефонная консультация' : 'Phone consultation');
    expect(inlineButtons(card.replyMarkup).map((b) => b.callback_data)).toEqual([`tk:new:${closed.number}`]);
  });

  test('a forged or stale callback for another company’s ticket gets "not found" and changes nothing', async () => {
    const other = await createCompany(world.db.dataSource.manager);
    await createContract(world.db.dataSource.manager, other.id);
    const otherClient = await createClient(world.db.dataSource.manager, other.id, { telegramId: newTelegramId() });
    const foreign = await seedTicket(world, otherClient, 'customer_testing');
    const { user } = await world.client(lang);
    await user.command('help');
    const anchor = await world.fake.waitForMessage(user.id);
    for (const data of [`tk:open:${foreign.number}`, `tk:cnf:${foreign.number}`, `tk:ref:${foreign.number}`, `tk:wd:${foreign.number}`, `tk:rep:${foreign.number}`, 'tk:open:999999']) {
      const pressed = await user.pressData(data, anchor);
      await expect(pressed.waitForAnswer()).resolves.toMatchObject({ text: t('errors.not_found') });
    }
    const garbage = await user.pressData('no:such:button', anchor);
    await expect(garbage.waitForAnswer()).resolves.toMatchObject({ text: t('bot.stale_button') });
    expect(await stateOf(foreign.number)).toBe('customer_testing');
    // A typed reply to a forged "№" message gets "not found" as well.
    await user.replyTo(anchor, 'hello');
    await world.fake.waitForIdle();
    expect(await world.db.dataSource.manager.countBy(CommentEntity, { ticketId: foreign.id })).toBe(0);
  });

  test('a reply to a bot message about a clarification ticket moves it back to new', async () => {
    const { user, row } = await world.client(lang);
    const ticket = await seedTicket(world, row, 'clarification');
    await user.pressData(`tk:open:${ticket.number}`, await anyBotMessage(user));
    const card = await world.fake.waitForMessage(user.id, saidStart(world, lang, 'bot.card.title'));
    expect(card.text).toContain(t('bot.card.window.clarification', { deadline: '' }).replace(/\s*$/, ''));
    await user.replyTo(card, 'The report is the monthly one, <b>not</b> weekly & co.');
    await world.fake.waitForMessage(user.id, said(world, lang, 'client.reply.added_moved', { number: ticket.number, state: t('ticket.state.new') }));
    expect(await stateOf(ticket.number)).toBe('new');
    const comments = await world.db.dataSource.manager.findBy(CommentEntity, { ticketId: ticket.id });
    expect(comments.map((c) => c.text)).toEqual(['The report is the monthly one, <b>not</b> weekly & co.']);
    // The same message delivered again adds nothing.
    const before = world.fake.messages(user.id).length;
    world.fake.redeliver(world.fake.updates().at(-1)!);
    await world.fake.waitForIdle({ quietMs: 150 });
    expect(world.fake.messages(user.id).length).toBe(before);
  });

  test('an album sent as the answer to a clarification moves the ticket once and is acknowledged once', async () => {
    const { user, row } = await world.client(lang);
    const ticket = await seedTicket(world, row, 'clarification');
    const card = await openCard(user, ticket.number);
    await user.press(t('bot.button.rep'), { message: card });
    await world.fake.waitForMessage(user.id, said(world, lang, 'client.reply.ask', { number: ticket.number }));
    const album = await user.sendAlbum([png(), png(), png()], 'Screens of the empty report');
    const ack = await world.fake.waitForMessage(user.id, said(world, lang, 'client.reply.added_moved', { number: ticket.number, state: t('ticket.state.new') }));
    expect(ack.text).toContain(stripTags(t('client.reply.album', { count: 3 })));
    await world.fake.waitForIdle({ quietMs: 900 });
    expect(world.fake.messages(user.id).filter((m) => m.messageId > ack.messageId)).toEqual([]);
    expect(await stateOf(ticket.number)).toBe('new');
    // One comment holds the whole album, and an item delivered again adds nothing to it.
    world.fake.redeliver(album.updates[1]!);
    await world.fake.waitForIdle({ quietMs: 300 });
    const comments = await world.db.dataSource.manager.findBy(CommentEntity, { ticketId: ticket.id });
    expect(comments.map((c) => c.text)).toEqual(['Screens of the empty report']);
    expect(await world.db.dataSource.manager.countBy(AttachmentEntity, { commentId: comments[0]!.id })).toBe(3);
  });

  test('the reply button takes one message (an album counts as one) and then reply mode ends', async () => {
    const { user, row } = await world.client(lang);
    const ticket = await seedTicket(world, row, 'accepted');
    const card = await openCard(user, ticket.number);
    await user.press(t('bot.button.rep'), { message: card });
    await world.fake.waitForMessage(user.id, said(world, lang, 'client.reply.ask', { number: ticket.number }));
    await user.sendAlbum([png(), png()], 'Both screens');
    const ack = await world.fake.waitForMessage(user.id, said(world, lang, 'client.reply.album', { count: 2 }));
    expect(ack.text).toContain(stripTags(t('client.reply.added', { number: ticket.number })));
    expect(ack.text).toContain(stripTags(t('client.reply.mode_ended')));
    // Three days later: a new problem is not a comment on the old ticket.
    await user.send('Новая проблема: не работает касса в регистратуре');
    await world.fake.waitForIdle({ quietMs: 300 });
    expect(await stateOf(ticket.number)).toBe('accepted');
    const comments = await world.db.dataSource.manager.findBy(CommentEntity, { ticketId: ticket.id });
    expect(comments.map((c) => c.text)).toEqual(['Both screens']);
    expect(await world.db.dataSource.manager.countBy(AttachmentEntity, { ticketId: ticket.id })).toBe(2);
  });

  test('confirm in customer_testing closes the ticket as done', async () => {
    const { user, row } = await world.client(lang);
    const ticket = await seedTicket(world, row, 'customer_testing');
    const card = await openCard(user, ticket.number);
    expect(inlineButtons(card.replyMarkup).map((b) => b.callback_data)).toEqual(
      expect.arrayContaining([`tk:cnf:${ticket.number}`, `tk:ref:${ticket.number}`, `tk:rep:${ticket.number}`]),
    );
    await user.press(t('bot.button.cnf'), { message: card });
    await world.fake.waitForMessage(user.id, said(world, lang, 'client.confirmed', { number: ticket.number, state: t('ticket.state.done') }));
    expect(await stateOf(ticket.number)).toBe('done');
  });

  test('refuse in customer_testing needs a reason and returns the ticket to new', async () => {
    const { user, row } = await world.client(lang);
    const ticket = await seedTicket(world, row, 'customer_testing');
    const card = await openCard(user, ticket.number);
    await user.press(t('bot.button.ref'), { message: card });
    await world.fake.waitForMessage(user.id, said(world, lang, 'client.refuse.ask', { number: ticket.number }));
    await user.sendPhoto(png());
    await world.fake.waitForMessage(user.id, said(world, lang, 'client.reason_as_text'));
    await user.send('The totals are still wrong for March');
    await world.fake.waitForMessage(user.id, said(world, lang, 'client.state_now', { number: ticket.number, state: t('ticket.state.new') }));
    expect(await stateOf(ticket.number)).toBe('new');
  });

  test('ready_for_install: reporting a problem returns the ticket to new; confirming closes it', async () => {
    const { user, row } = await world.client(lang);
    const broken = await seedTicket(world, row, 'ready_for_install');
    const card = await openCard(user, broken.number);
    await user.press(t('bot.button.ref_install'), { message: card });
    await world.fake.waitForMessage(user.id, said(world, lang, 'client.refuse.ask_install', { number: broken.number }));
    await user.send('The new form does not print');
    await world.fake.waitForMessage(user.id, said(world, lang, 'client.state_now', { number: broken.number, state: t('ticket.state.new') }));
    expect(await stateOf(broken.number)).toBe('new');

    const fine = await seedTicket(world, row, 'ready_for_install');
    await user.press(t('bot.button.cnf'), { message: await openCard(user, fine.number) });
    await world.fake.waitForMessage(user.id, said(world, lang, 'client.confirmed', { number: fine.number, state: t('ticket.state.done') }));
    expect(await stateOf(fine.number)).toBe('done');
  });

  test('withdraw with a reason rejects the ticket; a reply on a final ticket offers a new linked one', async () => {
    const { user, row } = await world.client(lang);
    const ticket = await seedTicket(world, row, 'new');
    const card = await openCard(user, ticket.number);
    await user.press(t('bot.button.wd'), { message: card });
    await world.fake.waitForMessage(user.id, said(world, lang, 'client.withdraw.ask', { number: ticket.number }));
    await user.send('Solved it ourselves');
    await world.fake.waitForMessage(user.id, said(world, lang, 'client.state_now', { number: ticket.number, state: t('ticket.state.rejected') }));
    expect(await stateOf(ticket.number)).toBe('rejected');

    await user.replyTo(card, 'It broke again');
    const offer = await world.fake.waitForMessage(user.id, said(world, lang, 'client.final_offer', { number: ticket.number }));
    await user.press(t('bot.button.new'), { message: offer });
    await world.fake.waitForMessage(user.id, said(world, lang, 'client.new.linked', { number: ticket.number }));
  });

  test('a blocked user sees why and whom to contact, and cannot create or comment', async () => {
    const { user, row } = await world.client(lang, { blocked: true, blockedReason: 'unpaid <invoice>' });
    const ticket = await seedTicket(world, row, 'clarification');
    await user.command('new');
    const reply = await world.fake.waitForMessage(user.id, said(world, lang, 'bot.access.blocked_by_admin', { reason: 'unpaid <invoice>' }));
    expect(reply.text).toContain(t('bot.access.contact'));
    const card = await openCard(user, ticket.number);
    await user.replyTo(card, 'answer');
    await world.fake.waitForMessage(user.id, said(world, lang, 'bot.access.blocked_by_admin', { reason: 'unpaid <invoice>' }));
    expect(await stateOf(ticket.number)).toBe('clarification');

    const lapsed = await createCompany(world.db.dataSource.manager, { name: 'Lapsed' });
    await createContract(world.db.dataSource.manager, lapsed.id, { startsOn: '2025-01-01', endsOn: '2025-12-31' });
    const { user: former } = await world.client(lang, { companyId: lapsed.id });
    await former.command('new');
    await world.fake.waitForMessage(former.id, said(world, lang, 'bot.access.blocked_no_contract', { company: 'Lapsed' }));
  });

  test('/hours shows norm, planned, actual and what is left this month', async () => {
    const { user } = await world.client(lang);
    await user.command('hours');
    const reply = await world.fake.waitForMessage(user.id, saidStart(world, lang, 'client.hours.title'));
    expect(reply.text).toContain(t('ticket.contract_kind.support'));
    expect(reply.text).toContain(world.contract.number);
  });

  test('the wizard summary shows the same hours left as /hours (one month budget, desk.tickets.companyBudget)', async () => {
    const m = world.db.dataSource.manager;
    const company = await createCompany(m, { name: `Budget ${lang}` });
    await createContract(m, company.id, { monthlyHours: 40 });
    const { user, row } = await world.client(lang, { companyId: company.id });
    const accepted = await seedTicket(world, row, 'accepted');
    const now = world.clock.now();
    await recordHoursCharge(m, { ticketId: accepted.id, companyId: company.id, contractKind: 'support', month: monthOf(now, DEFAULT_TIME_POLICY.zone), hours: 6.5, overridden: false, at: now });

    await user.command('hours');
    const hours = await world.fake.waitForMessage(user.id, saidStart(world, lang, 'client.hours.title'));
    expect(hours.text).toContain(stripTags(t('client.hours.figures', { norm: '40', planned: lang === 'ru' ? '6,5' : '6.5', actual: '0', remaining: lang === 'ru' ? '33,5' : '33.5' })));

    await fillCommon(world, user, lang, 'question');
    await user.press(t('client.new.done_files'));
    const summary = await world.fake.waitForMessage(user.id, saidStart(world, lang, 'client.new.summary_title'));
    expect(summary.text).toContain(stripTags(t('client.new.hours_left', { kind: t('ticket.contract_kind.support'), remaining: lang === 'ru' ? '33,5' : '33.5', norm: '40' })));
  });
});

test('/language switches the language and the command menu', async () => {
  const { user } = await world.client('ru');
  await user.command('language');
  await world.fake.waitForMessage(user.id, said(world, 'ru', 'bot.language.choose'));
  await user.press('English');
  await world.fake.waitForMessage(user.id, said(world, 'en', 'bot.language.changed'));
  await user.command('help');
  await world.fake.waitForMessage(user.id, saidStart(world, 'en', 'bot.help.client'));
  expect(world.fake.commands({ type: 'chat', chat_id: user.id }).find((c) => c.command === 'new')?.description).toBe(world.t('en', 'bot.command.new'));
});

async function anyBotMessage(user: FakeUser): Promise<ChatMessage> {
  await user.command('help');
  return world.fake.waitForMessage(user.id);
}

/** The ticket card, opened the way a button press would. */
async function openCard(user: FakeUser, number: number): Promise<ChatMessage> {
  const anchor = await anyBotMessage(user);
  await user.pressData(`tk:open:${number}`, anchor);
  return world.fake.waitForMessage(user.id, (m) => (m.text ?? '').includes(`№${number}`));
}

function stripTags(html: string): string {
  return html.replace(/<[^>]+>/g, '');
}
