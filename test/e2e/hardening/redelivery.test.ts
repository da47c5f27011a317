import { LANGUAGES } from '../../../src/i18n';
import type { ChatMessage, FakeUser } from '../../../src/fake-telegram';
import { CommentEntity } from '../../../src/persistence/entities';
import { said } from '../support/expect-text';
import { E2eWorld } from '../support/harness';
import { seedTicket } from '../support/tickets';

/**
 * Issue 11, found by the chaos test (test/chaos): what a crash between two steps of one update
 * leaves behind must still end in an answer and a stored comment.
 * - The first handling of a reply stored the comment and died before its answer: the
 *   redelivery (its claimer dead) finds the comment stored and must answer, not stay silent.
 * - The first handling of a press sent the ticket card and died (or lost the database) before
 *   the desk remembered which ticket the card is about: a reply to that card must still go to
 *   the ticket (its buttons name it), not become a "free message".
 */
let world: E2eWorld;

beforeAll(async () => {
  world = await E2eWorld.start();
});

afterAll(async () => {
  await world.stop();
});

/** A liveness id that no process holds: a claim naming it belongs to a dead instance. */
const DEAD_CLAIMER = 1;

async function openCard(user: FakeUser, number: number): Promise<ChatMessage> {
  await user.command('help');
  const anchor = await world.fake.waitForMessage(user.id, () => true);
  await user.pressData(`tk:open:${number}`, anchor);
  return world.fake.waitForMessage(user.id, (m) => (m.text ?? '').includes(`№${number}`) && m.messageId > anchor.messageId);
}

describe.each(LANGUAGES)('a crash between two steps of an update (%s)', (lang) => {
  test('a reply redelivered after its handler died, the comment already stored, is answered and stored once', async () => {
    const { user, row } = await world.client(lang);
    const ticket = await seedTicket(world, row, 'accepted');
    const card = await openCard(user, ticket.number);
    const text = lang === 'ru' ? 'Отчёт всё ещё пустой' : 'The report is still empty';
    const sent = await user.replyTo(card, text);
    const added = said(world, lang, 'client.reply.added', { number: ticket.number }) as (m: ChatMessage) => boolean;
    await world.fake.waitForMessage(user.id, added);
    await world.fake.waitForIdle({ quietMs: 200 });
    const answersBefore = world.fake.messages(user.id).filter((m) => m.sender === 'bot' && added(m)).length;

    // The state a SIGKILL after the comment's transaction leaves: the claim open, its claimer dead
    // (once the first handling's completion, written in a batch, is in: it must not land after).
    const update = world.fake.updates().find((u) => u.message?.chat.id === user.id && u.message.message_id === sent.message.message_id)!;
    // Recorded as handled (completions are written in batches, a moment after the answer).
    const completed = async (): Promise<boolean> =>
      ((await world.db.dataSource.query(`SELECT completed_at FROM processed_updates WHERE update_id = $1`, [update.update_id])) as Array<{ completed_at: Date | null }>)[0]?.completed_at != null;
    for (let i = 0; i < 100 && !(await completed()); i++) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await completed()).toBe(true);
    await world.db.dataSource.query(`UPDATE processed_updates SET completed_at = NULL, claimed_by = $2 WHERE update_id = $1`, [update.update_id, DEAD_CLAIMER]);
    world.fake.redeliver(update);
    await world.fake.waitUntil(
      () => (world.fake.messages(user.id).filter((m) => m.sender === 'bot' && added(m)).length > answersBefore ? true : undefined),
      'the redelivered reply answered',
      { timeoutMs: 10_000 },
    );
    const comments = await world.db.dataSource.manager.findBy(CommentEntity, { ticketId: ticket.id });
    expect(comments.filter((c) => c.text === text)).toHaveLength(1);
    // The redelivery recorded as handled too.
    for (let i = 0; i < 100 && !(await completed()); i++) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await completed()).toBe(true);
  });

  test('a reply to a card the bot sent but did not get to remember goes to the ticket its buttons name', async () => {
    const { user, row } = await world.client(lang);
    const ticket = await seedTicket(world, row, 'clarification');
    // Another ticket waiting for the client: the free-message path would ask which one.
    await seedTicket(world, row, 'customer_testing');
    const card = await openCard(user, ticket.number);
    // What a crash (or the database going away) between sendMessage and remembering it leaves:
    // the card sent, the desk not knowing which ticket it is about.
    const remembered = async (): Promise<boolean> =>
      ((await world.db.dataSource.query(`SELECT 1 FROM bot_messages WHERE chat_id = $1 AND message_id = $2`, [user.id, card.messageId])) as unknown[]).length > 0;
    for (let i = 0; i < 100 && !(await remembered()); i++) await new Promise((resolve) => setTimeout(resolve, 50));
    await world.db.dataSource.query(`DELETE FROM bot_messages WHERE chat_id = $1`, [user.id]);

    const text = lang === 'ru' ? 'Вот ответ на ваш вопрос' : 'Here is the answer to your question';
    await user.replyTo(card, text);
    await world.fake.waitForMessage(user.id, said(world, lang, 'client.reply.added_moved', { number: ticket.number, state: world.t(lang, 'ticket.state.new') }));
    const comments = await world.db.dataSource.manager.findBy(CommentEntity, { ticketId: ticket.id });
    expect(comments.map((c) => c.text)).toEqual([text]);
  });
});
