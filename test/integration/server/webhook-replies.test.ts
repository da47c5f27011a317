import { createFeature, onCallback } from '../../../src/bot/feature';
import { FakeTelegram } from '../../../src/fake-telegram';
import { openTestDatabase, type TestDatabase } from '../../support/database';
import { createClient, createCompany, createContract } from '../../support/mothers';
import { WEBHOOK_PATH, WEBHOOK_SECRET, http, translate, webhookInstance, type TestInstance } from './server-fixtures';

/**
 * A press answered in the webhook response only when its handling ends in time and well: one
 * still running after 300 ms, or one that fails (the update is then not acknowledged, and the
 * response carries nothing), is answered through the Bot API.
 */
let finishSlowPress: () => void = () => undefined;
const pressFeature = createFeature();
pressFeature.use(
  // Runs until the test lets it finish (after it saw the answer).
  onCallback('zz', 'slow', async (ctx) => {
    await ctx.answerCbQuery('working on it');
    await new Promise<void>((resolve) => (finishSlowPress = resolve));
  }),
  onCallback('zz', 'down', async (ctx) => {
    await ctx.answerCbQuery();
    throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
  }),
);

let fake: FakeTelegram;
let db: TestDatabase;
let node: TestInstance;
const TELEGRAM_ID = 7_400_000_000 + (process.pid % 1000);

beforeAll(async () => {
  fake = await FakeTelegram.start();
  db = await openTestDatabase();
  const m = db.dataSource.manager;
  const company = await createCompany(m);
  await createContract(m, company.id, { startsOn: '2020-01-01', endsOn: '2099-12-31' });
  await createClient(m, company.id, { telegramId: TELEGRAM_ID, language: 'en' });
  fake.user({ id: TELEGRAM_ID, first_name: 'Olga', language_code: 'en' });
  node = await webhookInstance(db, fake, { features: [pressFeature] });
});

afterAll(async () => {
  await node?.instance.stop();
  await fake?.stop();
  await db?.close();
});

let nextUpdate = 991_000;
async function press(data: string): Promise<{ status: number; text: string; queryId: string }> {
  nextUpdate += 1;
  const queryId = `q-${nextUpdate}`;
  const res = await http(`${node.base}${WEBHOOK_PATH}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': WEBHOOK_SECRET },
    body: JSON.stringify({
      update_id: nextUpdate,
      callback_query: {
        id: queryId,
        chat_instance: '1',
        data,
        from: { id: TELEGRAM_ID, is_bot: false, first_name: 'Olga', language_code: 'en' },
        message: { message_id: 1, date: 1, chat: { id: TELEGRAM_ID, type: 'private', first_name: 'Olga' }, text: 'menu' },
      },
    }),
  });
  return { ...res, queryId };
}

const answersOf = (queryId: string) => fake.calls('answerCallbackQuery').filter((c) => c.params.callback_query_id === queryId);

describe('webhook replies', () => {
  test('a press still handled after 300 ms is answered through the API at once; the response then carries nothing', async () => {
    let responded = false;
    const pending = press('zz:slow').finally(() => (responded = true));
    const answer = await fake.waitForCall('answerCallbackQuery', (c) => c.params.callback_query_id === `q-${nextUpdate}`, { timeoutMs: 5_000 });
    // Sent while the press was still being handled.
    expect(responded).toBe(false);
    expect(answer.via).toBe('http');
    expect(answer.params.text).toBe('working on it');
    finishSlowPress();
    const res = await pending;
    expect(res.status).toBe(200);
    expect(res.text).toBe('');
    expect(answersOf(res.queryId)).toHaveLength(1);
  });

  test('a press whose handling fails for the database is not acknowledged (500), and its answer went through the API', async () => {
    const res = await press('zz:down');
    expect(res.status).toBe(500);
    const answers = answersOf(res.queryId);
    expect(answers.map((c) => c.via)).toEqual(['http']);
    // The user is told, truthfully, that it will be processed when the service is back.
    const told = await fake.waitForMessage(TELEGRAM_ID);
    expect(told.text).toBe((await translate())('en', 'common.database_unavailable'));
  });
});
