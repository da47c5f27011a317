import sharp from 'sharp';
import { AttachmentEntity, CommentEntity, CompanyEntity, OutboxEntity, WorkLogEntity } from '../../../src/persistence/entities';
import type { TicketSnapshot } from '../../../src/domain/ticket/types';
import { stripHtml } from '../../../src/fake-telegram';
import { EngineerWorld } from './engineer-world';

let w: EngineerWorld;

beforeAll(async () => {
  w = await EngineerWorld.start();
});

afterAll(async () => {
  await w.stop();
});

test('a new ticket notifies the department with Accept; accepting from the notification works', async () => {
  const { world } = w;
  const { row: clientRow } = await world.client('ru');
  const { user: engineer } = await world.staff('engineer', 'ru');
  const ticket = await w.createQuestion(clientRow);
  const notice = await w.wait(engineer, (m) => JSON.stringify(m.replyMarkup ?? {}).includes(`tk:acc:${ticket.number}`));
  expect(notice.text).toContain(`№${ticket.number}`);
  await engineer.press(world.t('ru', 'bot.button.acc'), { message: notice });
  await w.wait(engineer, w.said('ru', 'engineer.accept.ask_hours'));
  await engineer.press('0,5');
  await w.wait(engineer, w.said('ru', 'engineer.accept.ask_date', { number: ticket.number, hours: '0,5' }));
  await engineer.press(/^Завтра/);
  await w.until(async () => (await w.ticket(ticket.number)).state === 'accepted');
});

test('an internal note reaches the responsible, never the client; a public comment names its author to the client, and the client’s reply reaches the owner', async () => {
  const { world } = w;
  const { user: client, row: clientRow } = await world.client('ru');
  const { user: engineer, row: engineerRow } = await world.staff('engineer', 'ru');
  const { user: colleague, row: colleagueRow } = await world.staff('engineer', 'en');
  const ticket = await w.seedTicket(clientRow, 'question', {
    state: 'accepted',
    ownerId: engineerRow.id,
    responsibleId: colleagueRow.id,
    plannedHours: 1,
    plannedDate: '2026-03-11',
  });

  // Decided (issue 10): an internal note goes to the ticket's owner and responsible, never to
  // a client, and not back to its author (here the owner).
  const card = await w.card(engineer, ticket.number);
  await engineer.press(world.t('ru', 'bot.button.int'), { message: card });
  await w.wait(engineer, w.said('ru', 'engineer.ask.internal', { number: ticket.number }));
  await engineer.send('Секрет: у клиента старая версия СУБД');
  await w.wait(engineer, w.said('ru', 'engineer.comment.internal_saved', { number: ticket.number }));
  const note = await w.wait(colleague, (m) => (m.text ?? '').includes('Секрет: у клиента старая версия СУБД'));
  expect(note.text).toContain(`№${ticket.number}`);
  expect(note.text).toContain(engineerRow.displayName);
  expect(await w.manager.countBy(OutboxEntity, { recipientId: engineerRow.id, key: 'app.notify.internal_note' })).toBe(0);

  await engineer.press(world.t('ru', 'bot.button.cmt'), { message: card });
  await w.wait(engineer, w.said('ru', 'engineer.ask.comment', { number: ticket.number }));
  await engineer.send('Обновите, пожалуйста, клиент до версии 5.2');
  await w.wait(engineer, w.said('ru', 'engineer.comment.sent', { number: ticket.number }));

  const relayed = await w.wait(client, (m) => (m.text ?? '').includes('Обновите, пожалуйста'));
  expect(relayed.text).toContain(`№${ticket.number}`);
  // The client learns who wrote and how to answer.
  expect(relayed.text).toContain(
    w.world.t('ru', 'app.notify.engineer_commented', { number: ticket.number, author: engineerRow.displayName, text: 'Обновите, пожалуйста, клиент до версии 5.2' }),
  );
  await world.fake.waitForIdle();
  const clientTexts = world.fake.messages(client.id).map((m) => m.text ?? m.caption ?? '');
  expect(clientTexts.some((t) => t.includes('Секрет'))).toBe(false);
  expect(await w.manager.countBy(OutboxEntity, { recipientId: clientRow.id, key: 'app.notify.engineer_commented' })).toBe(1);
  expect(await w.manager.countBy(OutboxEntity, { recipientId: clientRow.id, key: 'app.notify.internal_note' })).toBe(0);
  expect(await w.manager.findBy(CommentEntity, { ticketId: ticket.id, visibility: 'internal' })).toHaveLength(1);

  // The client answers by replying to the relayed message; the owner hears of it.
  await client.replyTo(relayed, 'Обновили, спасибо');
  await w.wait(engineer, (m) => (m.text ?? '').includes(`№${ticket.number}`) && (m.text ?? '').includes('Обновили'));

  // The engineer replies to that notification: the bot asks where it goes before anything
  // reaches the client (issue 14: safe replies). Cancel drops it, Internal keeps it in, Send sends.
  const clientNotice = world.fake.lastMessage(engineer.id);
  if (!clientNotice) throw new Error('no message');
  await engineer.replyTo(clientNotice, 'Анна, могу поехать во вторник');
  const askCancel = await w.wait(engineer, w.said('ru', 'engineer.reply.ask', { number: ticket.number }));
  await engineer.press(world.t('ru', 'engineer.reply.cancel'), { message: askCancel });
  await w.wait(engineer, w.said('ru', 'engineer.reply.cancelled', { number: ticket.number }));
  await engineer.replyTo(clientNotice, 'Анна, я поеду во вторник');
  const askInternal = await w.wait(engineer, (m) => m.messageId > askCancel.messageId && (m.text ?? '').includes(stripHtml(world.t('ru', 'engineer.reply.ask', { number: ticket.number }))));
  await engineer.press(world.t('ru', 'engineer.reply.internal'), { message: askInternal });
  await w.wait(engineer, w.said('ru', 'engineer.comment.internal_saved', { number: ticket.number }));
  // The first choice was taken: the buttons are gone, a second press is refused.
  expect(world.fake.messages(engineer.id).find((m) => m.messageId === askInternal.messageId)?.replyMarkup).toBeUndefined();
  await engineer.replyTo(clientNotice, 'Отлично, проверяем');
  const askPublic = await w.wait(engineer, (m) => m.messageId > askInternal.messageId && (m.text ?? '').includes(stripHtml(world.t('ru', 'engineer.reply.ask', { number: ticket.number }))));
  await engineer.press(world.t('ru', 'engineer.reply.public'), { message: askPublic });
  await w.wait(engineer, w.said('ru', 'engineer.comment.sent', { number: ticket.number }));
  await w.wait(client, (m) => (m.text ?? '').includes('Отлично, проверяем'));
  await world.fake.waitForIdle();
  expect(world.fake.messages(client.id).some((m) => (m.text ?? '').includes('Анна'))).toBe(false);
  expect(await w.manager.findBy(CommentEntity, { ticketId: ticket.id, text: 'Анна, я поеду во вторник' })).toEqual([
    expect.objectContaining({ visibility: 'internal' }),
  ]);
  expect(await w.manager.countBy(CommentEntity, { ticketId: ticket.id, text: 'Анна, могу поехать во вторник' })).toBe(0);

  // A public comment with a photo: the client gets the text naming the ticket, then the photo
  // (one outbox row: the dispatcher sends the comment's files right after the text).
  await engineer.press(world.t('ru', 'bot.button.cmt'), { message: card });
  await w.wait(engineer, w.said('ru', 'engineer.ask.comment', { number: ticket.number }));
  const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#36c' } }).png().toBuffer();
  await engineer.sendPhoto(png, 'Так должно выглядеть окно');
  await w.wait(engineer, w.said('ru', 'engineer.comment.sent', { number: ticket.number }));
  const text = await w.wait(client, (m) => (m.text ?? '').includes('Так должно выглядеть окно'));
  expect(text.text).toContain(`№${ticket.number}`);
  const photo = await w.wait(client, (m) => (m.photoFileIds?.length ?? 0) > 0);
  expect(photo.method).toBe('sendPhoto');
  expect(photo.messageId).toBeGreaterThan(text.messageId);

  // An internal note with a photo: stored, never sent to the client.
  await engineer.press(world.t('ru', 'bot.button.int'), { message: card });
  await w.wait(engineer, w.said('ru', 'engineer.ask.internal', { number: ticket.number }));
  await engineer.sendPhoto(png, 'Только для своих');
  await w.wait(engineer, w.said('ru', 'engineer.comment.internal_saved', { number: ticket.number }));
  expect(await w.manager.countBy(AttachmentEntity, { ticketId: ticket.id })).toBe(2);
  await w.until(async () => {
    const [row] = await w.manager.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM outbox WHERE status IN ('pending', 'sending')`);
    return row?.n === 0;
  }, 'the outbox to drain');
  expect(world.fake.messages(client.id).filter((m) => (m.photoFileIds?.length ?? 0) > 0)).toHaveLength(1);
  expect(world.fake.calls('copyMessage')).toHaveLength(0);

  // The history shows who changed what.
  await engineer.press(world.t('ru', 'bot.button.hist'), { message: card });
  await w.wait(engineer, w.said('ru', 'engineer.history.title', { number: ticket.number }));
});

test('reassigning the owner notifies the new owner; priority changes', async () => {
  const { world } = w;
  const { row: clientRow } = await world.client('ru');
  const { user: engineer, row: engineerRow } = await world.staff('engineer', 'ru');
  const { user: colleague, row: colleagueRow } = await world.staff('engineer', 'en');
  const ticket = await w.seedTicket(clientRow, 'question', { state: 'accepted', ownerId: engineerRow.id, plannedHours: 1, plannedDate: '2026-03-11' });

  const card = await w.card(engineer, ticket.number);
  await engineer.press(world.t('ru', 'bot.button.asg'), { message: card });
  await w.wait(engineer, w.said('ru', 'engineer.assign.which', { number: ticket.number }));
  await engineer.press(world.t('ru', 'engineer.assign.owner'));
  const choice = await w.wait(engineer, w.said('ru', 'engineer.assign.choose_owner', { number: ticket.number }));
  await engineer.pressData(`en:as:${ticket.number}:o:${colleagueRow.id}`, choice);
  await w.wait(engineer, w.said('ru', 'engineer.assign.owner_set', { number: ticket.number, name: colleagueRow.displayName }));
  expect((await w.ticket(ticket.number)).ownerId).toBe(colleagueRow.id);
  await w.wait(colleague, (m) => (m.text ?? '').includes(String(ticket.number)));

  // The previous owner is no longer assigned: the domain refuses state changes by them.
  const newCard = await w.card(colleague, ticket.number);
  await colleague.press(world.t('en', 'bot.button.pri'), { message: newCard });
  await w.wait(colleague, (m) => JSON.stringify(m.replyMarkup ?? {}).includes(`en:pr:${ticket.number}:high`));
  await colleague.press(world.t('en', 'ticket.priority.high'));
  await w.wait(colleague, w.said('en', 'engineer.priority.changed', { number: ticket.number, priority: world.t('en', 'ticket.priority.high') }));
  expect((await w.ticket(ticket.number)).priority).toBe('high');
});

test('/queue lists the department’s queue in SPEC §9 order with Take; /next takes the first; /log and /mine', async () => {
  const { world } = w;
  const { row: clientRow } = await world.client('ru');
  const { user: engineer, row: engineerRow } = await world.staff('engineer', 'ru');
  await world.db.dataSource.query(`UPDATE tickets SET state = 'done' WHERE state IN ('new', 'accepted')`);
  const older = await w.seedTicket(clientRow, 'question', { enteredNewAt: new Date('2026-03-01T08:00:00Z') });
  const urgent = await w.seedTicket(clientRow, 'question', { priority: 'high' });

  await engineer.command('queue');
  const queue = await w.wait(engineer, (m) => (m.text ?? '').includes(`№${urgent.number}`));
  const text = queue.text ?? '';
  expect(text.indexOf(`№${urgent.number}`)).toBeLessThan(text.indexOf(`№${older.number}`));
  // Whose ticket it is shows in the queue line.
  const queueCompany = await w.manager.findOneByOrFail(CompanyEntity, { id: clientRow.companyId ?? '' });
  expect(text).toContain(`№${urgent.number} · ${world.t('ru', 'ticket.state.new')} · ${queueCompany.name} · Report does not open`);
  expect(JSON.stringify(queue.replyMarkup)).toContain(`tk:acc:${older.number}`);

  // One after another: the queue orders by time entered, so the last one made is the last in it.
  const extra: TicketSnapshot[] = [];
  for (let i = 0; i < 4; i++) extra.push(await w.seedTicket(clientRow, 'question'));
  await engineer.command('queue');
  const firstPage = await w.wait(engineer, (m) => JSON.stringify(m.replyMarkup ?? {}).includes('en:q:'));
  expect(firstPage.text).not.toContain(`№${extra[3]?.number}`);
  await engineer.press(world.t('ru', 'common.next_page'), { message: firstPage });
  await w.until(async () => (world.fake.messages(engineer.id).find((m) => m.messageId === firstPage.messageId)?.text ?? '').includes(`№${extra[3]?.number}`), 'page 2');
  await world.db.dataSource.query(`UPDATE tickets SET state = 'done' WHERE id = ANY($1)`, [extra.map((t) => t.id)]);

  // /next shows the whole ticket first (no planning question yet): Accept / Clarify / Skip.
  await engineer.command('next');
  const nextCard = await w.wait(engineer, w.said('ru', 'bot.card.title', { number: urgent.number, subject: 'Report does not open' }));
  expect(nextCard.text).not.toContain(world.t('ru', 'engineer.accept.ask_hours'));
  const company = await w.manager.findOneByOrFail(CompanyEntity, { id: clientRow.companyId ?? '' });
  expect(nextCard.text).toContain(stripHtml(world.t('ru', 'bot.card.company', { company: company.name })));
  const labels = JSON.stringify(nextCard.replyMarkup);
  for (const key of ['bot.button.acc', 'bot.button.clr', 'engineer.queue.skip']) expect(labels).toContain(world.t('ru', key));
  await engineer.press(world.t('ru', 'engineer.queue.skip'), { message: nextCard });
  const skipped = await w.wait(engineer, w.said('ru', 'bot.card.title', { number: older.number, subject: 'Report does not open' }));
  expect(JSON.stringify(skipped.replyMarkup)).not.toContain(world.t('ru', 'engineer.queue.skip'));
  await engineer.press(world.t('ru', 'bot.button.acc'), { message: nextCard });
  await w.wait(engineer, w.said('ru', 'engineer.accept.title', { number: urgent.number, subject: 'Report does not open' }));
  await engineer.press('1');
  await w.wait(engineer, w.said('ru', 'engineer.accept.ask_date', { number: urgent.number, hours: '1' }));
  await engineer.press(/^Сегодня/);
  await w.until(async () => (await w.ticket(urgent.number)).state === 'accepted');

  await engineer.command('log', `${urgent.number} 1,25 настроил выгрузку`);
  await w.wait(engineer, w.said('ru', 'engineer.log.done', { number: urgent.number, hours: '1,25' }));
  expect(await w.manager.findBy(WorkLogEntity, { userId: engineerRow.id })).toEqual([
    expect.objectContaining({ hours: 1.25, note: 'настроил выгрузку', loggedOn: '2026-03-10' }),
  ]);

  await engineer.command('mine');
  const mine = await w.wait(engineer, w.said('ru', 'engineer.mine.title', { count: 1 }));
  expect(mine.text).toContain(`№${urgent.number}`);
});

test('a reply about another ticket goes to that ticket even while a step is left open', async () => {
  const { world } = w;
  const { user: client, row: clientRow } = await world.client('ru');
  const { user: engineer, row: engineerRow } = await world.staff('engineer', 'ru');
  const first = await w.seedTicket(clientRow, 'question');
  const second = await w.seedTicket(clientRow, 'question', { state: 'accepted', ownerId: engineerRow.id, plannedHours: 1, plannedDate: '2026-03-11' });

  const card = await w.card(engineer, first.number);
  await engineer.press(world.t('ru', 'bot.button.clr'), { message: card });
  await w.wait(engineer, w.said('ru', 'engineer.ask.question', { number: first.number }));

  const secondCard = await w.card(engineer, second.number);
  await engineer.replyTo(secondCard, 'Подключусь сегодня в 15:00');
  const ask = await w.wait(engineer, w.said('ru', 'engineer.reply.ask', { number: second.number }));
  await engineer.press(world.t('ru', 'engineer.reply.public'), { message: ask });
  await w.wait(engineer, w.said('ru', 'engineer.comment.sent', { number: second.number }));
  await w.wait(client, (m) => (m.text ?? '').includes('Подключусь сегодня'));
  expect((await w.ticket(first.number)).state).toBe('new');
});

test('/log: one entry is one day’s work — more than 24 h is refused by the work-log use case; /mine lists what is due soonest first', async () => {
  const { world } = w;
  const { row: clientRow } = await world.client('ru');
  const { user: engineer, row: engineerRow } = await world.staff('engineer', 'ru');
  const later = await w.seedTicket(clientRow, 'question', { state: 'accepted', ownerId: engineerRow.id, plannedHours: 2, plannedDate: '2026-03-20' });
  const sooner = await w.seedTicket(clientRow, 'question', { state: 'accepted', ownerId: engineerRow.id, plannedHours: 1, plannedDate: '2026-03-12' });
  const helping = await w.seedTicket(clientRow, 'question', { state: 'in_development', responsibleId: engineerRow.id, plannedHours: 1, plannedDate: '2026-03-11' });

  // Decided (issue 10): the cap is the application's (WORK_LOG_MAX_HOURS), not the bot's.
  await engineer.command('log', `${later.number} 25 всю ночь`);
  await w.wait(engineer, w.said('ru', 'engineer.log.bad_hours', { max: 24 }));
  await engineer.command('log', `${later.number} 0,3`);
  const badHours = stripHtml(world.t('ru', 'engineer.log.bad_hours', { max: 24 }));
  await w.until(async () => world.fake.messages(engineer.id).filter((m) => (m.text ?? '').includes(badHours)).length === 2, 'the second refusal');
  expect(await w.manager.countBy(WorkLogEntity, { userId: engineerRow.id })).toBe(0);
  await engineer.command('log', `${later.number} 24`);
  await w.wait(engineer, w.said('ru', 'engineer.log.done', { number: later.number, hours: '24' }));
  expect(await w.manager.countBy(WorkLogEntity, { userId: engineerRow.id })).toBe(1);

  // Decided (issue 10): groups in lifecycle order; in a group the earliest planned date first
  // (the bot used to list by number).
  await engineer.command('mine');
  const mine = await w.wait(engineer, w.said('ru', 'engineer.mine.title', { count: 3 }));
  const text = mine.text ?? '';
  expect(text.indexOf(`№${sooner.number}`)).toBeLessThan(text.indexOf(`№${later.number}`));
  expect(text.indexOf(`№${later.number}`)).toBeLessThan(text.indexOf(`№${helping.number}`));
  const { subject } = await w.ticket(helping.number);
  expect(text).toContain(stripHtml(world.t('ru', 'engineer.mine.item_responsible', { number: helping.number, subject })));
});

test('a planned date in the past is the domain’s refusal; the date step stays open for another one', async () => {
  const { world } = w;
  const { row: clientRow } = await world.client('ru');
  const { user: engineer } = await world.staff('engineer', 'ru');
  const ticket = await w.seedTicket(clientRow, 'question');
  const card = await w.card(engineer, ticket.number);
  await engineer.press(world.t('ru', 'bot.button.acc'), { message: card });
  await w.wait(engineer, w.said('ru', 'engineer.accept.ask_hours'));
  await engineer.send('1,5');
  await w.wait(engineer, w.said('ru', 'engineer.accept.ask_date', { number: ticket.number, hours: '1,5' }));
  await engineer.send('01.03.2026');
  await w.wait(engineer, w.said('ru', 'errors.invalid_input', { field: 'planned_date', rule: 'date_in_past' }));
  expect((await w.ticket(ticket.number)).state).toBe('new');
  await engineer.send('12.03.2026');
  await w.wait(engineer, w.said('ru', 'engineer.accept.done', { number: ticket.number, hours: '1,5', date: '12.03.2026' }));
  expect(await w.ticket(ticket.number)).toMatchObject({ state: 'accepted', plannedDate: '2026-03-12', plannedHours: 1.5 });
});
