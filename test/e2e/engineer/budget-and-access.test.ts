import { HourChargeEntity, TicketHistoryEntity, UserEntity } from '../../../src/persistence/entities';
import { saidStart } from '../support/expect-text';
import { EngineerWorld } from './engineer-world';

let w: EngineerWorld;

beforeAll(async () => {
  w = await EngineerWorld.start();
});

afterAll(async () => {
  await w.stop();
});

test('acceptance over the norm-hours is refused with the numbers, then an admin overrides it with a reason', async () => {
  const { world } = w;
  const { row: clientRow } = await world.client('ru');
  const { user: engineer } = await world.staff('engineer', 'ru');
  const { user: admin, row: adminRow } = await world.staff('admin', 'en');
  const ticket = await w.seedTicket(clientRow, 'question');

  const card = await w.card(engineer, ticket.number);
  await engineer.press(world.t('ru', 'bot.button.acc'), { message: card });
  await w.wait(engineer, w.said('ru', 'engineer.budget.left', { month: 'март 2026', contract: world.contract.number, remaining: '40', norm: '40' }));
  await engineer.send('41');
  await w.wait(engineer, w.said('ru', 'errors.budget_exceeded', { remaining: '40', requested: '41' }));
  expect(world.fake.lastMessage(engineer.id)?.replyMarkup).toBeDefined(); // Request approval (budget-approval.test.ts)
  expect((await w.ticket(ticket.number)).state).toBe('new');

  const adminCard = await w.card(admin, ticket.number);
  await admin.press(world.t('en', 'bot.button.acc'), { message: adminCard });
  await w.wait(admin, w.said('en', 'engineer.accept.ask_hours'));
  await admin.send('41');
  await w.wait(admin, w.said('en', 'errors.budget_exceeded', { remaining: '40', requested: '41' }));
  await admin.press(world.t('en', 'engineer.accept.override'));
  await w.wait(admin, w.said('en', 'engineer.accept.ask_override_reason'));
  await admin.send('Urgent: the clinic cannot bill patients');
  await w.wait(admin, w.said('en', 'engineer.accept.ask_date', { number: ticket.number, hours: '41' }));
  await admin.press(/^Tomorrow/);
  await w.wait(admin, w.said('en', 'engineer.accept.done_override', { number: ticket.number, hours: '41', date: '11.03.2026' }));

  expect(await w.ticket(ticket.number)).toMatchObject({ state: 'accepted', ownerId: adminRow.id, plannedHours: 41 });
  expect(await w.manager.findBy(HourChargeEntity, { ticketId: ticket.id })).toEqual([expect.objectContaining({ hours: 41, overridden: true })]);
  const reasons = (await w.manager.findBy(TicketHistoryEntity, { ticketId: ticket.id })).map((h) => h.reason);
  expect(reasons).toContain('Urgent: the clinic cannot bill patients');

  // The month is now over budget for everybody.
  const next = await w.seedTicket(clientRow, 'question');
  const nextCard = await w.card(engineer, next.number);
  await engineer.press(world.t('ru', 'bot.button.acc'), { message: nextCard });
  await w.wait(engineer, w.said('ru', 'engineer.budget.left', { month: 'март 2026', contract: world.contract.number, remaining: '-1', norm: '40' }));
});

test('two engineers pressing Accept at once: exactly one wins, the other is told who', async () => {
  const { world } = w;
  const { row: clientRow } = await world.client('ru');
  const first = await world.staff('engineer', 'ru');
  const second = await world.staff('engineer', 'ru');
  const ticket = await w.seedTicket(clientRow, 'question', { billing: 'none', contractKind: null, serviceCode: 'quality' });

  for (const { user } of [first, second]) {
    const card = await w.card(user, ticket.number);
    await user.press(world.t('ru', 'bot.button.acc'), { message: card });
    await w.wait(user, w.said('ru', 'engineer.budget.not_charged.none'));
    await user.press('1');
    await w.wait(user, w.said('ru', 'engineer.accept.ask_date', { number: ticket.number, hours: '1' }));
  }
  const [a, b] = await Promise.all([first.user.press(/^Сегодня/), second.user.press(/^Сегодня/)]);
  await Promise.all([a.waitForAnswer(), b.waitForAnswer()]);
  await w.until(async () => (await w.ticket(ticket.number)).state === 'accepted');
  const row = await w.ticket(ticket.number);
  const winner = row.ownerId === first.row.id ? first : second;
  const loser = winner === first ? second : first;
  expect([first.row.id, second.row.id]).toContain(row.ownerId);
  await w.wait(winner.user, w.said('ru', 'engineer.accept.done', { number: ticket.number, hours: '1', date: '10.03.2026' }));
  await w.wait(loser.user, w.said('ru', 'errors.already_accepted_by', { name: winner.row.displayName }));
  expect(await w.manager.countBy(TicketHistoryEntity, { ticketId: ticket.id, field: 'state' })).toBe(1);
});

test('a client pressing a forged engineer callback is refused and nothing changes', async () => {
  const { world } = w;
  const { user: client, row: clientRow } = await world.client('ru');
  const ticket = await w.seedTicket(clientRow, 'question');
  await client.command('my');
  const anyMessage = await world.fake.waitForMessage(client.id, undefined, { timeoutMs: 15_000 });
  for (const data of [`tk:acc:${ticket.number}`, `tk:clr:${ticket.number}`, `tk:int:${ticket.number}`, `en:d:${ticket.number}:20260310`, `tk:hist:${ticket.number}`]) {
    const pressed = await client.pressData(data, anyMessage);
    await expect(pressed.waitForAnswer()).resolves.toMatchObject({ text: world.t('ru', 'engineer.staff_only') });
  }
  await client.command('queue');
  await w.wait(client, w.said('ru', 'engineer.staff_only'));
  await client.command('log', `${ticket.number} 5 hack`);
  await w.wait(client, w.said('ru', 'engineer.staff_only'));
  expect(await w.ticket(ticket.number)).toMatchObject({ state: 'new', ownerId: null, plannedHours: null });
  expect(await w.manager.countBy(TicketHistoryEntity, { ticketId: ticket.id })).toBe(0);

  // An engineer cannot use the admin's override either.
  const { user: engineer } = await world.staff('engineer', 'ru');
  const card = await w.card(engineer, ticket.number);
  await engineer.press(world.t('ru', 'bot.button.acc'), { message: card });
  await w.wait(engineer, w.said('ru', 'engineer.accept.ask_hours'));
  await engineer.send('50');
  await w.wait(engineer, saidStart(world, 'ru', 'errors.budget_exceeded'));
  const forged = await engineer.pressData(`en:ovr:${ticket.number}:200`, card);
  await expect(forged.waitForAnswer()).resolves.toMatchObject({ text: world.t('ru', 'errors.not_permitted_reason.admin_only') });
  expect((await w.ticket(ticket.number)).state).toBe('new');
});

test('a blocked engineer is told so and acts on nothing', async () => {
  const { world } = w;
  const { row: clientRow } = await world.client('ru');
  const { user: engineer, row: engineerRow } = await world.staff('engineer', 'ru');
  const ticket = await w.seedTicket(clientRow, 'question');
  await w.manager.update(UserEntity, { id: engineerRow.id }, { blocked: true, blockedReason: 'Уволен' });
  await engineer.command('ticket', String(ticket.number));
  await w.wait(engineer, w.said('ru', 'engineer.blocked', { reason: 'Уволен' }));
  expect((await w.ticket(ticket.number)).state).toBe('new');
});
