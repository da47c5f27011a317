import { createDesk } from '../../../src/application/desk';
import { DEFAULT_TIME_POLICY } from '../../../src/domain/calendar';
import { PRUNE_DIALOGS_SQL, PRUNE_OUTBOX_SQL } from '../../../src/persistence/repositories/housekeeping';
import { openTestDatabase, type TestDatabase } from '../../support/database';
import { calendar } from '../notify/notify-fixtures';

const HOUR = 3_600_000;
const START = new Date('2026-03-02T00:00:00Z');

/**
 * Issue 11, point 6: the hourly housekeeping keeps the ledgers bounded. Ten simulated days of
 * steady traffic — every hour UPDATES update ids, SENT notifications sent, PENDING notifications
 * waiting (never pruned), DIALOGS dialogs touched — with the housekeeping run every hour as the
 * scheduler runs it: the counts stop growing at what the retention keeps.
 */
const UPDATES = 200;
const SENT = 20;
const PENDING = 2;
const DIALOGS = 5;
const OUTBOX_DAYS = 2;
const DIALOG_DAYS = 3;
const HOURS = 240;

describe('housekeeping over a long run', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(() => db.close());

  test('processed updates, the outbox and dialogs stay bounded; waiting notifications are never pruned', async () => {
    const m = db.dataSource.manager;
    let now = START;
    const desk = createDesk({ dataSource: db.dataSource, clock: { now: () => now }, calendar, policy: DEFAULT_TIME_POLICY, attachmentMaxBytes: 1 });
    const counts: Array<{ hour: number; updates: number; outbox: number; dialogs: number }> = [];
    for (let hour = 1; hour <= HOURS; hour++) {
      now = new Date(START.getTime() + hour * HOUR);
      await m.query(
        `INSERT INTO processed_updates (update_id, processed_at, completed_at) SELECT $1::int * 1000 + g, $2::timestamptz, $2::timestamptz FROM generate_series(1, $3::int) g`,
        [hour, now, UPDATES],
      );
      await m.query(
        `INSERT INTO outbox (chat_id, key, dedupe_key, status, created_at, sent_at, next_attempt_at)
         SELECT 7, 'common.yes', 'h' || $1 || '-' || g, 'sent', $2::timestamptz, $2::timestamptz, $2::timestamptz FROM generate_series(1, $3::int) g
         UNION ALL
         SELECT 7, 'common.yes', 'h' || $1 || '-p' || g, 'pending', $2::timestamptz, NULL, $2::timestamptz + interval '1 year' FROM generate_series(1, $4::int) g`,
        [hour, now, SENT, PENDING],
      );
      await m.query(
        `INSERT INTO bot_sessions (chat_id, user_id, state, updated_at) SELECT $1::int * 100 + g, g, '{"flow":"x"}', $2::timestamptz FROM generate_series(1, $3::int) g`,
        [hour, now, DIALOGS],
      );
      await desk.session.pruneLedgers({ now, outboxRetentionDays: OUTBOX_DAYS, dialogRetentionDays: DIALOG_DAYS, batch: 500 });
      const [sizes] = (await m.query(
        `SELECT (SELECT count(*) FROM processed_updates)::int AS updates, (SELECT count(*) FROM outbox)::int AS outbox, (SELECT count(*) FROM bot_sessions)::int AS dialogs`,
      )) as { updates: number; outbox: number; dialogs: number }[];
      counts.push({ hour, updates: sizes!.updates, outbox: sizes!.outbox, dialogs: sizes!.dialogs });
    }
    const at = (hour: number) => counts[hour - 1]!;
    process.stdout.write(`housekeeping row counts (hour: update ids / outbox / dialogs): ${[24, 48, 72, 120, 168, 240].map((h) => `${h}: ${at(h).updates} / ${at(h).outbox} / ${at(h).dialogs}`).join(', ')}\n`);

    // Update ids: the last 48 hours (the marker exactly 48 h old is kept) — 49 hours' worth, from hour 49 on.
    const keptUpdates = 49 * UPDATES;
    expect(Math.max(...counts.map((c) => c.updates))).toBe(keptUpdates);
    expect(counts.filter((c) => c.hour >= 49).every((c) => c.updates === keptUpdates)).toBe(true);
    // Sent notifications: OUTBOX_DAYS; the waiting ones all stay.
    expect(at(HOURS).outbox).toBe((OUTBOX_DAYS * 24 + 1) * SENT + HOURS * PENDING);
    expect(Number((await m.query(`SELECT count(*) AS n FROM outbox WHERE status = 'pending'`))[0].n)).toBe(HOURS * PENDING);
    expect(Number((await m.query(`SELECT count(*) AS n FROM outbox WHERE status = 'sent'`))[0].n)).toBe((OUTBOX_DAYS * 24 + 1) * SENT);
    // Dialogs: DIALOG_DAYS.
    const keptDialogs = (DIALOG_DAYS * 24 + 1) * DIALOGS;
    expect(Math.max(...counts.map((c) => c.dialogs))).toBe(keptDialogs);
    expect(at(HOURS).dialogs).toBe(keptDialogs);
  });

  test("the send budget's lanes of chats idle for an hour go; a recent or paused chat's and the fixed lanes stay", async () => {
    const m = db.dataSource.manager;
    await m.query(
      `INSERT INTO send_budget (key, next_at, paused_until)
       SELECT k, extract(epoch FROM clock_timestamp()) * 1000 + offset_ms, CASE WHEN paused THEN extract(epoch FROM clock_timestamp()) * 1000 + 600000 ELSE 0 END
         FROM (VALUES ('101', -7200000, false), ('102', -60000, false), ('103', -7200000, true)) v(k, offset_ms, paused)`,
    );
    await m.query(`UPDATE send_budget SET next_at = 0 WHERE key IN ('global', 'bulk')`);
    const desk = createDesk({ dataSource: db.dataSource, clock: { now: () => new Date() }, calendar, policy: DEFAULT_TIME_POLICY, attachmentMaxBytes: 1 });
    const report = await desk.session.pruneLedgers({ now: new Date(), outboxRetentionDays: 30, dialogRetentionDays: 30 });
    expect(report.sendLanes).toBe(1);
    const keys = ((await m.query(`SELECT key FROM send_budget ORDER BY key`)) as { key: string }[]).map((r) => r.key);
    expect(keys).toEqual(['102', '103', 'bulk', 'global']);
  });

  test('the DELETEs find their rows by the pruning indexes and delete them by address, never scanning the table', async () => {
    const plan = async (sql: string, params: unknown[]): Promise<string> => {
      const runner = db.dataSource.createQueryRunner();
      try {
        await runner.startTransaction();
        // Small tables: tell the planner sequential scans are out, so the plan shows whether an index can serve.
        await runner.query(`SET LOCAL enable_seqscan = off`);
        const rows = (await runner.query(`EXPLAIN ${sql}`, params)) as Array<{ 'QUERY PLAN': string }>;
        await runner.rollbackTransaction();
        return rows.map((r) => r['QUERY PLAN']).join('\n');
      } finally {
        await runner.release();
      }
    };
    const outbox = await plan(PRUNE_OUTBOX_SQL, [new Date(), 5000]);
    expect(outbox).toContain('outbox_finished_idx');
    expect(outbox).toContain('Tid Scan');
    expect(outbox).not.toContain('Seq Scan');
    const dialogs = await plan(PRUNE_DIALOGS_SQL, [new Date(), 5000]);
    expect(dialogs).toContain('bot_sessions_updated_idx');
    expect(dialogs).toContain('Tid Scan');
    expect(dialogs).not.toContain('Seq Scan');
  });
});
