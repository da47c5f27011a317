import { createDesk } from '../../../src/application/desk';
import { SharedSendBudget, type SendLimits, type SendTurns, type Timer } from '../../../src/notify/send-limiter';
import { openTestDatabase, type TestDatabase } from '../../support/database';
import { calendar, policy, realClock } from './notify-fixtures';

const LIMITS: SendLimits = { globalPerSecond: 10, privateIntervalMs: 1000, groupIntervalMs: 3000, bulkShare: 0.5, privateBurst: 3 };

/** A timer that does not sleep (unless `real`): what two instances' budgets hand out is read without waiting for it. */
function timer(real = false): Timer {
  return { now: () => performance.now(), sleep: (ms) => (real ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve()) };
}

describe('one send budget shared by two instances through the database', () => {
  let db: TestDatabase;
  const pause = (chatId: number, seconds: number): Promise<'chat' | 'global'> =>
    createDesk({ dataSource: db.dataSource, clock: realClock, calendar, policy, attachmentMaxBytes: 1 }).outbox.pauseSends({ chatId, seconds });
  /** The times (the database's clock) the sends were given, in the order they were asked for. */
  let starts: number[] = [];
  const budget = (sleeper: Timer = timer()): SharedSendBudget => {
    const desk = createDesk({ dataSource: db.dataSource, clock: realClock, calendar, policy, attachmentMaxBytes: 1 });
    // Without sleeping, a send's time is the latest of its stages' (its chat's turn, the bulk lane's, the global slot).
    let carried = 0;
    const turns: SendTurns = {
      takeSendTurn: async (input) => {
        const answer = await desk.outbox.takeSendTurn(input);
        carried = Math.max(carried, answer.startAt);
        if (answer.nextStage === 3) {
          starts.push(carried);
          carried = 0;
        }
        return answer;
      },
      pauseSends: (input) => desk.outbox.pauseSends(input),
      // Two instances: the budget is taken from the database.
      liveInstances: () => Promise.resolve(2),
    };
    return new SharedSendBudget(turns, LIMITS, LIMITS, sleeper);
  };

  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(() => db.close());

  beforeEach(async () => {
    await db.dataSource.query(`DELETE FROM send_budget WHERE key NOT IN ('global', 'bulk')`);
    await db.dataSource.query(`UPDATE send_budget SET next_at = 0, paused_until = 0`);
    starts = [];
  });

  test('sends of both instances to distinct chats are spaced at the one global rate', async () => {
    const [a, b] = [budget(), budget()];
    for (let chat = 1; chat <= 10; chat++) await (chat % 2 === 0 ? a : b).acquire(chat, 1, 'interactive');
    const gaps = starts.slice(1).map((at, i) => at - starts[i]!);
    // 10/s together: 100 ms apart, whichever instance asked.
    expect(starts).toHaveLength(10);
    for (const gap of gaps) expect(gap).toBeCloseTo(100, 3);
  });

  test('one private chat is paced across instances: a burst of three replies, the fourth a second later; bulk keeps the pace', async () => {
    const [a, b] = [budget(), budget()];
    for (let n = 0; n < 4; n++) await (n % 2 === 0 ? a : b).acquire(42, 1, 'interactive');
    expect(starts[2]! - starts[0]!).toBeLessThanOrEqual(250);
    expect(starts[3]! - starts[0]!).toBeGreaterThanOrEqual(1000);
    starts = [];
    await b.acquire(43, 1, 'bulk');
    await a.acquire(43, 1, 'bulk');
    expect(starts[1]! - starts[0]!).toBeGreaterThanOrEqual(1000);
  });

  test('a 429 one instance got pauses the chat for the other; a second chat limited meanwhile pauses everything', async () => {
    const [a, b] = [budget(), budget()];
    const now = async (): Promise<number> => Number((await db.dataSource.query(`SELECT extract(epoch FROM clock_timestamp()) * 1000 AS t`))[0].t);
    const before = await now();
    expect(await pause(7, 3)).toBe('chat');
    await b.acquire(7, 1, 'interactive');
    await a.acquire(8, 1, 'interactive');
    expect(starts[0]! - before).toBeGreaterThanOrEqual(3000);
    expect(starts[1]! - before).toBeLessThan(1000);
    expect(await pause(9, 2)).toBe('global');
    await a.acquire(10, 1, 'interactive');
    expect(starts[2]! - before).toBeGreaterThanOrEqual(2000);
  });

  test('bulk notifications keep to their share; a reply meanwhile finds a slot at once', async () => {
    // This one sleeps for real: a bulk send takes its global slot only when its bulk turn comes.
    const a = budget(timer(true));
    for (let chat = 100; chat < 106; chat++) await a.acquire(chat, 1, 'bulk');
    // 5/s for bulk (half of 10/s): the sixth 1 s after the first.
    expect(starts[5]! - starts[0]!).toBeGreaterThanOrEqual(1000);
    const last = starts[5]!;
    await a.acquire(7, 1, 'interactive');
    expect(starts[6]! - last).toBeLessThanOrEqual(150);
  });

  test('the lanes survive a crash of PostgreSQL: the table is logged (an unlogged one is emptied by crash recovery)', async () => {
    const [table] = (await db.dataSource.query(`SELECT relpersistence FROM pg_class WHERE relname = 'send_budget' AND relkind = 'r'`)) as { relpersistence: string }[];
    expect(table?.relpersistence).toBe('p');
    const lanes = (await db.dataSource.query(`SELECT key FROM send_budget WHERE key IN ('global', 'bulk') ORDER BY key`)) as { key: string }[];
    expect(lanes.map((l) => l.key)).toEqual(['bulk', 'global']);
  });

  test('when the database cannot be asked the instance paces itself, and says so', async () => {
    const errors: unknown[] = [];
    const broken = {
      takeSendTurn: () => Promise.reject(new Error('connect ECONNREFUSED')),
      pauseSends: () => Promise.reject(new Error('connect ECONNREFUSED')),
      liveInstances: () => Promise.reject(new Error('connect ECONNREFUSED')),
    };
    const slept: number[] = [];
    const timer: Timer = { now: () => 0, sleep: async (ms) => void slept.push(ms) };
    const alone = new SharedSendBudget(broken, LIMITS, { ...LIMITS, globalPerSecond: 5 }, timer, (error) => errors.push(error));
    await alone.acquire(1, 1, 'interactive');
    await alone.acquire(2, 1, 'interactive');
    expect(slept).toEqual([200]);
    // Said once, not per send.
    expect(errors).toHaveLength(1);
    expect(alone.rateLimited(1, 1)).toBe('chat');
  });

  test('an instance alone paces itself in memory (no round trip per send) and goes back to the database once another instance is alive', async () => {
    let instances = 1;
    let turnsTaken = 0;
    const slept: number[] = [];
    let clock = 0;
    const sleeper: Timer = { now: () => clock, sleep: async (ms) => void slept.push(ms) };
    const desk = createDesk({ dataSource: db.dataSource, clock: realClock, calendar, policy, attachmentMaxBytes: 1 });
    const turns: SendTurns = {
      takeSendTurn: (input) => {
        turnsTaken++;
        return desk.outbox.takeSendTurn(input);
      },
      pauseSends: (input) => desk.outbox.pauseSends(input),
      liveInstances: () => Promise.resolve(instances),
    };
    const shared = new SharedSendBudget(turns, LIMITS, LIMITS, sleeper);
    // The first send asks how many instances live and, not knowing yet, takes its turn from the database.
    await shared.acquire(1, 1, 'interactive');
    expect(turnsTaken).toBe(1);
    await new Promise((resolve) => setImmediate(resolve));
    // Alone: ten sends to ten chats are paced at the global rate in memory, none asks the database.
    for (let chat = 2; chat <= 11; chat++) await shared.acquire(chat, 1, 'interactive');
    expect(turnsTaken).toBe(1);
    expect(slept.length).toBeGreaterThan(0);
    // A second instance starts: after the next check the database is asked again.
    instances = 2;
    clock += 2_000;
    await shared.acquire(12, 1, 'interactive');
    await new Promise((resolve) => setImmediate(resolve));
    await shared.acquire(13, 1, 'interactive');
    expect(turnsTaken).toBeGreaterThan(1);
  });

  test('the database counts the live instances by their liveness locks', async () => {
    const desk = createDesk({ dataSource: db.dataSource, clock: realClock, calendar, policy, attachmentMaxBytes: 1 });
    const before = await desk.outbox.liveInstances();
    const one = desk.session.startLiveness({});
    const two = desk.session.startLiveness({});
    try {
      await Promise.all([one.ready(), two.ready()]);
      expect(await desk.outbox.liveInstances()).toBe(before + 2);
      await two.stop();
      expect(await desk.outbox.liveInstances()).toBe(before + 1);
    } finally {
      await one.stop();
      await two.stop();
    }
  });
});
