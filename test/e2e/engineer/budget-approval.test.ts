import { TicketHistoryEntity } from '../../../src/persistence/entities';
import { EngineerWorld } from './engineer-world';

let w: EngineerWorld;

beforeAll(async () => {
  w = await EngineerWorld.start();
});

afterAll(async () => {
  await w.stop();
});

async function pendingState(ticketId: string): Promise<string[]> {
  const rows = await w.manager.query<{ state: string }[]>('SELECT state FROM budget_approvals WHERE ticket_id = $1 ORDER BY created_at', [ticketId]);
  return rows.map((r) => r.state);
}

test('an engineer refused over the norm-hours requests approval; an admin approves with a reason and the ticket is accepted for the engineer', async () => {
  const { world } = w;
  const { row: clientRow } = await world.client('ru');
  const { user: engineer, row: engineerRow } = await world.staff('engineer', 'ru');
  const { user: admin } = await world.staff('admin', 'en');
  const ticket = await w.seedTicket(clientRow, 'question');

  const card = await w.card(engineer, ticket.number);
  await engineer.press(world.t('ru', 'bot.button.acc'), { message: card });
  await w.wait(engineer, w.said('ru', 'engineer.accept.ask_hours'));
  await engineer.send('41');
  const refusal = await w.wait(engineer, w.said('ru', 'errors.budget_exceeded', { remaining: '40', requested: '41' }));
  await engineer.press(world.t('ru', 'engineer.budget_approval.request'), { message: refusal });
  const dates = await w.wait(engineer, w.said('ru', 'engineer.budget_approval.ask_date', { number: ticket.number, hours: '41' }));
  await engineer.press('11.03.2026', { message: dates });
  await w.wait(engineer, w.said('ru', 'engineer.budget_approval.sent', { number: ticket.number, hours: '41', date: '11.03.2026' }));
  expect(await pendingState(ticket.id)).toEqual(['pending']);
  expect((await w.ticket(ticket.number)).state).toBe('new');

  const offer = await w.wait(
    admin,
    w.said('en', 'engineer.budget_approval.requested', { number: ticket.number, engineer: engineerRow.displayName, hours: 41, date: '11.03.2026' }),
  );
  await admin.press(world.t('en', 'bot.button.bap'), { message: offer });
  await w.wait(admin, w.said('en', 'engineer.budget_approval.ask_reason', { number: ticket.number }));
  await admin.send('Year-end closing for the clinic');
  await w.wait(admin, w.said('en', 'engineer.budget_approval.approved', { number: ticket.number, hours: '41', date: '11.03.2026' }));

  expect(await w.ticket(ticket.number)).toMatchObject({ state: 'accepted', ownerId: engineerRow.id, plannedHours: 41 });
  const reasons = (await w.manager.findBy(TicketHistoryEntity, { ticketId: ticket.id })).map((h) => h.reason);
  expect(reasons).toContain('Year-end closing for the clinic');
  expect(await pendingState(ticket.id)).toEqual(['approved']);
  await w.wait(engineer, w.said('ru', 'engineer.budget_approval.approved_notice', { number: ticket.number, reason: 'Year-end closing for the clinic' }));

  // The approval is in the ticket's history with its reason, as a sentence.
  const anchor = await w.card(engineer, ticket.number);
  await engineer.pressData(`tk:hist:${ticket.number}`, anchor);
  const history = await w.wait(engineer, w.said('ru', 'engineer.history.title', { number: ticket.number }));
  expect(history.text).toContain(`${world.t('ru', 'engineer.history.budget_approval.approved')}\n   ${world.t('ru', 'engineer.history.reason', { reason: 'Year-end closing for the clinic' })}`);

  // A second press of the old offer finds nothing pending, and asks for nothing.
  await admin.press(world.t('en', 'bot.button.bdc'), { message: offer });
  await w.wait(admin, w.said('en', 'engineer.budget_approval.none', { number: ticket.number }));
  await admin.send('this text is not taken as a reason');
  expect(await pendingState(ticket.id)).toEqual(['approved']);
});

test('an admin declines the request: the ticket stays new and the engineer is told', async () => {
  const { world } = w;
  const { row: clientRow } = await world.client('ru');
  const { user: engineer, row: engineerRow } = await world.staff('engineer', 'ru');
  const { user: admin } = await world.staff('admin', 'en');
  const ticket = await w.seedTicket(clientRow, 'question');

  const card = await w.card(engineer, ticket.number);
  await engineer.press(world.t('ru', 'bot.button.acc'), { message: card });
  await w.wait(engineer, w.said('ru', 'engineer.accept.ask_hours'));
  await engineer.send('50');
  const refusal = await w.wait(engineer, (m) => (m.text ?? '').includes('50') && m.replyMarkup !== undefined);
  await engineer.press(world.t('ru', 'engineer.budget_approval.request'), { message: refusal });
  const dates = await w.wait(engineer, w.said('ru', 'engineer.budget_approval.ask_date', { number: ticket.number, hours: '50' }));
  await engineer.press('11.03.2026', { message: dates });
  await w.wait(engineer, w.said('ru', 'engineer.budget_approval.sent', { number: ticket.number, hours: '50', date: '11.03.2026' }));

  const offer = await w.wait(
    admin,
    w.said('en', 'engineer.budget_approval.requested', { number: ticket.number, engineer: engineerRow.displayName, hours: 50, date: '11.03.2026' }),
  );
  await admin.press(world.t('en', 'bot.button.bdc'), { message: offer });
  // Decline asks why: the reason reaches the engineer and the ticket's history.
  await w.wait(admin, w.said('en', 'engineer.budget_approval.ask_decline_reason', { number: ticket.number }));
  await admin.send('no');
  await w.wait(admin, w.said('en', 'engineer.budget_approval.ask_decline_reason', { number: ticket.number }));
  expect(await pendingState(ticket.id)).toEqual(['pending']);
  await admin.send('The contract covers 40 h, the rest goes to April');
  await w.wait(admin, w.said('en', 'engineer.budget_approval.declined', { number: ticket.number }));
  await w.wait(engineer, w.said('ru', 'engineer.budget_approval.declined_notice', { number: ticket.number, reason: 'The contract covers 40 h, the rest goes to April' }));
  expect(await pendingState(ticket.id)).toEqual(['declined']);
  expect(await w.ticket(ticket.number)).toMatchObject({ state: 'new', ownerId: null, plannedHours: null });
  expect(await w.manager.findBy(TicketHistoryEntity, { ticketId: ticket.id, field: 'budget_approval' })).toMatchObject([
    { toValue: 'declined', reason: 'The contract covers 40 h, the rest goes to April' },
  ]);

  // The admin reads it in the history, in English.
  await admin.pressData(`tk:hist:${ticket.number}`, offer);
  const history = await w.wait(admin, w.said('en', 'engineer.history.title', { number: ticket.number }));
  expect(history.text).toContain(
    `${world.t('en', 'engineer.history.budget_approval.declined')}\n   ${world.t('en', 'engineer.history.reason', { reason: 'The contract covers 40 h, the rest goes to April' })}`,
  );

  // An engineer cannot press the admins' offer.
  const forged = await engineer.pressData(`tk:bap:${ticket.number}`, refusal);
  await expect(forged.waitForAnswer()).resolves.toMatchObject({ text: world.t('ru', 'errors.not_permitted_reason.admin_only') });
});
