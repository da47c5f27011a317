import { OutboxEntity, TicketEntity, TicketHistoryEntity } from '../../../src/persistence/entities';
import { createEngineer, seededDepartment } from '../../support/mothers';
import { EngineerWorld } from './engineer-world';

let w: EngineerWorld;

beforeAll(async () => {
  w = await EngineerWorld.start();
});

afterAll(async () => {
  await w.stop();
});

/** An engineer of department `code` with a Telegram chat. */
async function engineerOf(code: 'implementation' | 'sales' | 'quality', name: string) {
  const user = w.world.stranger('ru', name);
  const department = await seededDepartment(w.manager, code);
  const row = await createEngineer(w.manager, department.id, { telegramId: user.id, language: 'ru', displayName: name });
  return { user, row, department };
}

/** The acting engineer moves ticket №number from its card to the department named `to` with `reason`. */
async function moveThroughCard(actor: Parameters<EngineerWorld['card']>[0], number: number, to: string, reason: string): Promise<void> {
  const { world } = w;
  // The new-ticket notice (№N, with buttons) first, so that the card is not mistaken for it.
  await w.wait(actor, (m) => (m.text ?? '').includes(`№${number}`));
  const card = await w.card(actor, number);
  await actor.press(world.t('ru', 'bot.button.trf'), { message: card });
  await w.wait(actor, w.said('ru', 'department.transfer.choose', { number, current: 'Сопровождение' }));
  await actor.press(to);
  await w.wait(actor, w.said('ru', 'department.transfer.ask_reason', { number, department: to }));
  await actor.send(reason);
}

test('staff move a misfiled ticket to another department: the reason in its history, both departments and the client told', async () => {
  const { world } = w;
  const { user: client, row: clientRow } = await world.client('ru');
  const { user: mover } = await world.staff('engineer', 'ru');
  const { user: colleague } = await world.staff('engineer', 'ru');
  const implementation = await engineerOf('implementation', 'Pavel');
  const ticket = await w.createQuestion(clientRow, 'Как настроить обмен с 1С при внедрении');

  await moveThroughCard(mover, ticket.number, 'Внедрение', 'Это вопрос внедрения, не сопровождения');
  await w.wait(mover, w.said('ru', 'department.transfer.done', { number: ticket.number, department: 'Внедрение' }));

  const stored = await w.ticket(ticket.number);
  expect(stored).toMatchObject({ state: 'new', departmentId: implementation.department.id });
  expect(stored.reviewDueAt?.toISOString()).toBe(ticket.reviewDueAt?.toISOString());
  const history = await w.manager.findBy(TicketHistoryEntity, { ticketId: ticket.id, field: 'department' });
  expect(history).toEqual([
    expect.objectContaining({ fromValue: 'support', toValue: 'implementation', reason: 'Это вопрос внедрения, не сопровождения' }),
  ]);

  const params = { number: ticket.number, subject: 'Как настроить обмен с 1С при внедрении', reason: 'Это вопрос внедрения, не сопровождения' };
  const told = await w.wait(implementation.user, w.said('ru', 'department.notify.in', { ...params, from: 'Сопровождение' }));
  expect(JSON.stringify(told.replyMarkup)).toContain(`tk:acc:${ticket.number}`);
  await w.wait(colleague, w.said('ru', 'department.notify.out', { ...params, from: 'Сопровождение', to: 'Внедрение' }));
  await w.wait(client, (m) => (m.text ?? '').includes(`№${ticket.number}`) && (m.text ?? '').includes('«Внедрение»'));

  // The new department's engineer takes it from there: the card offers Accept.
  const card = await w.card(implementation.user, ticket.number);
  expect(JSON.stringify(card.replyMarkup)).toContain(`tk:acc:${ticket.number}`);
});

test('a move needs a reason and another department; a ticket past review is not moved', async () => {
  const { world } = w;
  const { row: clientRow } = await world.client('ru');
  const { user: mover } = await world.staff('engineer', 'ru');
  const ticket = await w.createQuestion(clientRow);
  await w.wait(mover, (m) => (m.text ?? '').includes(`№${ticket.number}`));
  const card = await w.card(mover, ticket.number);
  await mover.press(world.t('ru', 'bot.button.trf'), { message: card });
  await w.wait(mover, w.said('ru', 'department.transfer.choose', { number: ticket.number, current: 'Сопровождение' }));
  // A forged button naming the ticket's own department.
  await mover.pressData(`en:tfd:${ticket.number}:${world.department.id}`, card);
  expect((await w.ticket(ticket.number)).departmentId).toBe(world.department.id);

  // An accepted ticket offers no move, and a stale button is refused by the rule.
  await w.manager.update(TicketEntity, { id: ticket.id }, { state: 'accepted' });
  const accepted = await w.card(mover, ticket.number);
  expect(JSON.stringify(accepted.replyMarkup)).not.toContain(`tk:trf:${ticket.number}`);
  const quality = await seededDepartment(w.manager, 'quality');
  await mover.pressData(`en:tfd:${ticket.number}:${quality.id}`, accepted);
  await w.wait(mover, w.said('ru', 'department.transfer.ask_reason', { number: ticket.number, department: 'Контроль качества' }));
  await mover.send('Не туда');
  await w.wait(mover, w.said('ru', 'errors.transition_not_allowed', { state: 'accepted', action: 'transfer' }));
  expect((await w.ticket(ticket.number)).departmentId).toBe(world.department.id);
});

test('a ticket entering “new” in a department with no active engineer alerts the admins at once', async () => {
  const { world } = w;
  const { row: clientRow } = await world.client('ru');
  const { user: admin } = await world.staff('admin', 'ru');
  const { user: mover } = await world.staff('engineer', 'ru');

  // Moved there by staff: the mover is warned, the admins get the alert with Move and Open.
  const moved = await w.createQuestion(clientRow, 'Отзыв о работе');
  await moveThroughCard(mover, moved.number, 'Контроль качества', 'Это отзыв');
  await w.wait(mover, w.said('ru', 'department.transfer.unstaffed', { department: 'Контроль качества' }));
  const alert = await w.wait(admin, w.said('ru', 'department.notify.unstaffed', { number: moved.number, subject: 'Отзыв о работе', department: 'Контроль качества' }));
  expect(JSON.stringify(alert.replyMarkup)).toContain(`tk:trf:${moved.number}`);

  // Created there by a client: the same alert, at once (not at the review breach).
  const created = await world.deps.desk.tickets.create({
    actor: { kind: 'user', userId: clientRow.id, role: 'client', companyId: clientRow.companyId, departmentId: null },
    serviceCode: 'quality',
    type: 'question',
    priority: 'normal',
    subject: 'Предложение по интерфейсу',
    description: 'Было бы удобно видеть срок рассмотрения прямо в списке заявок.',
    attachments: [],
  });
  await w.wait(admin, w.said('ru', 'department.notify.unstaffed', { number: created.ticket.number, subject: 'Предложение по интерфейсу', department: 'Контроль качества' }));
});

test('an engineer of two departments hears of the second one’s new tickets and may hold them; its tickets alert nobody', async () => {
  const { world } = w;
  const { row: clientRow } = await world.client('ru');
  await world.staff('admin', 'ru');
  const { user: both, row: bothRow } = await world.staff('engineer', 'ru');
  const sales = await seededDepartment(w.manager, 'sales');
  expect((await world.deps.desk.admin.joinDepartment({ user: bothRow.id, department: sales.id })).added).toBe(true);
  expect(await world.deps.desk.departments.memberDepartments({ userId: bothRow.id })).toEqual([world.department.id, sales.id]);

  const created = await world.deps.desk.tickets.create({
    actor: { kind: 'user', userId: clientRow.id, role: 'client', companyId: clientRow.companyId, departmentId: null },
    serviceCode: 'sales',
    type: 'question',
    priority: 'normal',
    subject: 'Нужны ещё две лицензии',
    description: 'Сколько будут стоить две дополнительные лицензии на год?',
    attachments: [],
  });
  await w.wait(both, (m) => (m.text ?? '').includes(`№${created.ticket.number}`));
  const owner = await world.deps.desk.tickets.applyEvent({
    ticket: { number: created.ticket.number },
    actor: { kind: 'user', userId: bothRow.id, role: 'engineer', companyId: null, departmentId: world.department.id },
    event: { kind: 'assign', responsibleId: bothRow.id },
  });
  expect(owner.ticket.responsibleId).toBe(bothRow.id);

  // /queue asks which of their two departments; the sales queue holds the ticket.
  await both.command('queue');
  await w.wait(both, w.said('ru', 'engineer.queue.choose_department'));
  await both.press('Продажи');
  // The choice message turns into the queue page (edited in place).
  await w.until(
    async () => w.world.fake.messages(both.id).some((m) => (m.text ?? '').includes('Очередь: Продажи') && (m.text ?? '').includes(`№${created.ticket.number}`)),
    'the sales queue with the ticket',
  );

  // The sales department has an active engineer now: no alert about this ticket.
  expect(await w.manager.countBy(OutboxEntity, { ticketId: created.ticket.id, key: 'department.notify.unstaffed' })).toBe(0);
});
