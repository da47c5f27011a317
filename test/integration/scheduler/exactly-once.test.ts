import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { seedPeople, seedTickets, type SeedPeople } from '../../../bench/seed';
import { openTestDatabase, type TestDatabase } from '../../support/database';
import { sweep } from './scheduler-fixtures';

/** Wednesday 2026-03-11 12:00 Moscow. */
const NOW = new Date('2026-03-11T09:00:00Z');
const STAFF = 3;
const ADMINS = 1;

/** What a fully done sweep must have written, counted per ticket so a duplicate or a gap shows. */
async function expectEveryActionOnce(db: TestDatabase, due: number): Promise<void> {
  const third = Math.floor(due / 3);
  const q = async (sql: string): Promise<number> => Number(((await db.dataSource.query(sql)) as { n: string }[])[0]?.n);
  expect(await q(`SELECT count(*) AS n FROM tickets WHERE next_due_at <= '${NOW.toISOString()}'`)).toBe(0);
  // Window ends: one history line and one notice to the author and one to the owner, each.
  expect(await q(`SELECT count(*) AS n FROM tickets WHERE state = 'rejected'`)).toBe(due - 2 * third);
  expect(await q(`SELECT count(*) AS n FROM ticket_history`)).toBe(due - 2 * third);
  expect(await q(`SELECT count(DISTINCT ticket_id) AS n FROM ticket_history`)).toBe(due - 2 * third);
  expect(await q(`SELECT count(*) AS n FROM outbox WHERE key = 'notify.auto_rejected'`)).toBe(2 * (due - 2 * third));
  // Reminders: one each. Review warnings: one per engineer each.
  // A client's reminders due together are digests (reminder.digest, `count` tickets each): every
  // ticket is in exactly one of the rows.
  expect(
    await q(`SELECT coalesce(sum(CASE WHEN key = 'reminder.digest' THEN (params->>'count')::int ELSE 1 END), 0) AS n
               FROM outbox WHERE key IN ('reminder.window.customer_testing', 'reminder.digest')`),
  ).toBe(third);
  expect(
    await q(`SELECT count(DISTINCT (a->>'ticket')::int) AS n
               FROM outbox o, jsonb_array_elements(o.keyboard->'rows') r, jsonb_array_elements(r) a
              WHERE o.key IN ('reminder.window.customer_testing', 'reminder.digest')`),
  ).toBe(third);
  expect(await q(`SELECT count(*) AS n FROM tickets WHERE state = 'customer_testing' AND reminders_sent = '{7,3,1}'`)).toBe(third);
  expect(await q(`SELECT count(*) AS n FROM outbox WHERE key = 'reminder.review_warning'`)).toBe(STAFF * third);
  expect(await q(`SELECT count(*) AS n FROM tickets WHERE state = 'new' AND review_warned_at IS NOT NULL`)).toBe(third);
  expect(await q(`SELECT count(*) AS n FROM outbox WHERE key = 'reminder.review_breach'`)).toBe(0 * ADMINS);
}

describe('exactly once', () => {
  let db: TestDatabase;
  let people: SeedPeople;

  beforeAll(async () => {
    db = await openTestDatabase();
    people = await seedPeople(db.dataSource, 8_100_000_000);
  });
  afterAll(() => db.close());

  it('one sweep over 300 due tickets does each action once, and a second sweep nothing', async () => {
    await seedTickets(db.dataSource, people, 400, 300, NOW);
    const first = await sweep(db, NOW, 50);
    expect(first.tickets).toBe(300);
    expect(first.actions).toEqual({ window_end: 100, reminder: 100, review_warning: 100 });
    expect((await sweep(db, NOW, 50)).tickets).toBe(0);
    await expectEveryActionOnce(db, 300);
  });
});

describe('exactly once with several processes', () => {
  let db: TestDatabase;
  let people: SeedPeople;

  beforeEach(async () => {
    db = await openTestDatabase();
    people = await seedPeople(db.dataSource, 8_200_000_000);
  });
  afterEach(() => db.close());

  it('three sweepers at once over 1,000 due tickets', async () => {
    await seedTickets(db.dataSource, people, 1500, 1000, NOW);
    const reports = await Promise.all([sweep(db, NOW, 25), sweep(db, NOW, 25), sweep(db, NOW, 25)]);
    expect(reports.reduce((sum, r) => sum + r.tickets, 0)).toBe(1000);
    expect(reports.filter((r) => r.tickets > 0).length).toBeGreaterThan(1);
    await expectEveryActionOnce(db, 1000);
  });

  it('a sweep killed at a random moment and run again loses and repeats nothing', async () => {
    await seedTickets(db.dataSource, people, 2500, 2000, NOW);
    const killAfterBatches = 1 + Math.floor(Math.random() * 40);
    const extraDelayMs = Math.floor(Math.random() * 30);
    const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', join(__dirname, 'sweep-child.ts')], {
      env: { ...process.env, SWEEP_DATABASE_URL: db.url ?? '', SWEEP_NOW: NOW.toISOString(), SWEEP_BATCH: '10' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.on('exit', (code, signal) => resolve(signal ?? code)));
    let batches = 0;
    child.stdout.on('data', (chunk: Buffer) => {
      batches += (chunk.toString().match(/^batch/gm) ?? []).length;
      if (batches >= killAfterBatches) setTimeout(() => child.kill('SIGKILL'), extraDelayMs);
    });
    expect(await exited).toBe('SIGKILL');
    const left = Number(((await db.dataSource.query(`SELECT count(*) AS n FROM tickets WHERE next_due_at <= $1`, [NOW])) as { n: string }[])[0]?.n);
    expect(left).toBeGreaterThan(0);
    expect(left).toBeLessThan(2000);

    const restarted = await sweep(db, NOW, 10);
    expect(restarted.tickets).toBe(left);
    await expectEveryActionOnce(db, 2000);
  });
});
