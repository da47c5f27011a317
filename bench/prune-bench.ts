import type { DataSource } from 'typeorm';
import { DEFAULT_TIME_POLICY, loadBusinessCalendar } from '../src/domain/calendar';
import { createDesk } from '../src/application/desk';
import { UPDATE_MEMORY_MS } from '../src/application/session/update-ledger';
import { pruneFinishedOutbox, pruneIdleDialogs } from '../src/persistence/repositories/housekeeping';
import { pruneProcessedUpdates } from '../src/persistence/repositories/processed-updates';
import type { BenchFigure, BenchSection } from './report';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface PruneBenchOptions {
  /** Update ids remembered, spread over the last 10 days (the 48 h window keeps a fifth). */
  readonly updates: number;
  /** Sent outbox rows, spread over the last 90 days (30 days kept: a third). */
  readonly outbox: number;
  /** Dialogs, last touched over the last 90 days (30 days kept: a third). */
  readonly dialogs: number;
  /** Rows per DELETE (the housekeeping's batch, application/session/housekeeping.ts). */
  readonly batch: number;
}

const DAY_MS = 86_400_000;
const RETENTION_DAYS = 30;
/** Outbox rows still to send: never pruned, whatever their age. */
const PENDING = 1_000;

interface TableStats {
  readonly seqScans: number;
  readonly indexScans: number;
}

type Ledger = 'processed_updates' | 'outbox' | 'bot_sessions';
const TABLES: readonly Ledger[] = ['processed_updates', 'outbox', 'bot_sessions'];
/** The index each table's prune must find its old rows by. */
const INDEXES: Record<Ledger, string> = {
  processed_updates: 'processed_updates_at_idx',
  outbox: 'outbox_finished_idx',
  bot_sessions: 'bot_sessions_updated_idx',
};

async function seed(dataSource: DataSource, options: PruneBenchOptions, now: Date): Promise<void> {
  await dataSource.query(
    `INSERT INTO processed_updates (update_id, processed_at, completed_at)
     SELECT g, $2::timestamptz - (g::double precision / $1 * interval '10 days'), $2::timestamptz - (g::double precision / $1 * interval '10 days')
       FROM generate_series(1, $1::int) g`,
    [options.updates, now],
  );
  await dataSource.query(
    `INSERT INTO outbox (chat_id, key, params, dedupe_key, status, attempts, next_attempt_at, created_at, sent_at, telegram_message_id)
     SELECT 1000 + g % 5000, 'reply.deferred', jsonb_build_object('html', 'message ' || g), 'prune-bench:' || g, 'sent', 1,
            t, t - interval '1 second', t, g
       FROM (SELECT g, $2::timestamptz - (g::double precision / $1 * interval '90 days') AS t FROM generate_series(1, $1::int) g) s`,
    [options.outbox, now],
  );
  await dataSource.query(
    `INSERT INTO outbox (chat_id, key, params, dedupe_key, status, next_attempt_at, created_at)
     SELECT 1000 + g, 'reply.deferred', '{}'::jsonb, 'prune-bench-pending:' || g, 'pending', $2::timestamptz + interval '1 day', $2::timestamptz - interval '100 days'
       FROM generate_series(1, $1::int) g`,
    [PENDING, now],
  );
  await dataSource.query(
    `INSERT INTO bot_sessions (chat_id, user_id, state, updated_at)
     SELECT g, g, '{"step":"description","draft":{"subject":"A report does not open"}}'::jsonb,
            $2::timestamptz - (g::double precision / $1 * interval '90 days')
       FROM generate_series(1, $1::int) g`,
    [options.dialogs, now],
  );
  await dataSource.query(`VACUUM ANALYZE processed_updates, outbox, bot_sessions`);
}

async function sizes(dataSource: DataSource): Promise<Record<Ledger, number>> {
  const rows = (await dataSource.query(
    `SELECT relname AS name, pg_total_relation_size(oid) AS bytes FROM pg_class WHERE relname = ANY($1::text[]) AND relkind = 'r'`,
    [TABLES],
  )) as { name: Ledger; bytes: string }[];
  return Object.fromEntries(rows.map((r) => [r.name, Number(r.bytes)])) as Record<Ledger, number>;
}

async function counts(dataSource: DataSource): Promise<Record<Ledger, number>> {
  const [row] = (await dataSource.query(
    `SELECT (SELECT count(*) FROM processed_updates) AS processed_updates, (SELECT count(*) FROM outbox) AS outbox, (SELECT count(*) FROM bot_sessions) AS bot_sessions`,
  )) as Record<Ledger, string>[];
  return { processed_updates: Number(row?.processed_updates), outbox: Number(row?.outbox), bot_sessions: Number(row?.bot_sessions) };
}

/**
 * Scans of each table and of its pruning index, from the cumulative statistics. A backend
 * reports its counts when it goes idle, at most once a second (10 s at the latest): read until
 * two readings a second apart agree.
 */
async function scans(dataSource: DataSource): Promise<Record<Ledger, TableStats & { byIndex: number }>> {
  const read = async (): Promise<string> => {
    await dataSource.query(`SELECT pg_stat_clear_snapshot()`);
    const rows = (await dataSource.query(
      `SELECT t.relname AS name, t.seq_scan, coalesce(t.idx_scan, 0) AS idx_scan, coalesce(i.idx_scan, 0) AS by_index
         FROM pg_stat_user_tables t LEFT JOIN pg_stat_user_indexes i ON i.relid = t.relid AND i.indexrelname = CASE t.relname
              WHEN 'processed_updates' THEN $2 WHEN 'outbox' THEN $3 ELSE $4 END
        WHERE t.relname = ANY($1::text[])`,
      [TABLES, INDEXES.processed_updates, INDEXES.outbox, INDEXES.bot_sessions],
    )) as { name: Ledger; seq_scan: string; idx_scan: string; by_index: string }[];
    return JSON.stringify(Object.fromEntries(rows.map((r) => [r.name, { seqScans: Number(r.seq_scan), indexScans: Number(r.idx_scan), byIndex: Number(r.by_index) }])));
  };
  let previous = await read();
  for (let i = 0; i < 12; i++) {
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const current = await read();
    if (current === previous) break;
    previous = current;
  }
  return JSON.parse(previous) as Record<Ledger, TableStats & { byIndex: number }>;
}

interface Drained {
  readonly rows: number;
  readonly batches: number;
  readonly totalMs: number;
  readonly maxBatchMs: number;
}

async function drain(step: (limit: number) => Promise<number>, batch: number): Promise<Drained> {
  let rows = 0;
  let batches = 0;
  let maxBatchMs = 0;
  const started = performance.now();
  for (;;) {
    const t0 = performance.now();
    const n = await step(batch);
    maxBatchMs = Math.max(maxBatchMs, performance.now() - t0);
    batches++;
    rows += n;
    if (n < batch) break;
  }
  return { rows, batches, totalMs: performance.now() - started, maxBatchMs };
}

const mib = (bytes: number): number => Math.round((bytes / 2 ** 20) * 10) / 10;

/**
 * The housekeeping (issue 11, point 6) on large tables: `updates` update ids, `outbox` sent
 * notifications and `dialogs` dialogs, most of them past their age (as a deployment that never
 * pruned would leave them). Drains them with the housekeeping's statements, `batch` rows each,
 * timing each statement; then the hourly run as the scheduler makes it, on an hour's worth of
 * new rows past their age. Checks from the statistics that no statement scanned a whole table:
 * each finds its rows by its pruning index.
 */
export async function benchPrune(dataSource: DataSource, options: PruneBenchOptions): Promise<BenchSection> {
  const now = new Date();
  const seedStarted = performance.now();
  await seed(dataSource, options, now);
  const seedSeconds = (performance.now() - seedStarted) / 1000;
  const before = { sizes: await sizes(dataSource), counts: await counts(dataSource), scans: await scans(dataSource) };

  const manager = dataSource.manager;
  const updatesBefore = new Date(now.getTime() - UPDATE_MEMORY_MS);
  const olderThanRetention = new Date(now.getTime() - RETENTION_DAYS * DAY_MS);
  const updates = await drain((limit) => pruneProcessedUpdates(manager, updatesBefore, limit), options.batch);
  const outbox = await drain((limit) => pruneFinishedOutbox(manager, olderThanRetention, limit), options.batch);
  const dialogs = await drain((limit) => pruneIdleDialogs(manager, olderThanRetention, limit), options.batch);
  const after = { scans: await scans(dataSource), counts: await counts(dataSource), sizes: await sizes(dataSource) };
  await dataSource.query(`VACUUM processed_updates, outbox, bot_sessions`);
  const vacuumed = await sizes(dataSource);

  // The hourly run afterwards: an hour of traffic (1/240 of the update ids, 1/2160 of the
  // notifications and dialogs) has gone past its age since the last run.
  const hourLater = new Date(now.getTime() + 3_600_000);
  const calendar = loadBusinessCalendar(JSON.parse(readFileSync(join(__dirname, '..', 'calendar', 'ru.json'), 'utf8')));
  const desk = createDesk({ dataSource, clock: { now: () => hourLater }, calendar, policy: DEFAULT_TIME_POLICY, attachmentMaxBytes: 1 });
  const hourlyStarted = performance.now();
  const hourly = await desk.session.pruneLedgers({ now: hourLater, outboxRetentionDays: RETENTION_DAYS, dialogRetentionDays: RETENTION_DAYS, batch: options.batch });
  const hourlyMs = performance.now() - hourlyStarted;
  const left = await counts(dataSource);

  const keptUpdates = Math.ceil(options.updates / 5);
  const keptOutbox = Math.ceil(options.outbox / 3) + PENDING;
  const keptDialogs = Math.ceil(options.dialogs / 3);
  const near = (value: number, expected: number, slack: number): boolean => Math.abs(value - expected) <= slack;
  const seqScans = TABLES.reduce((sum, t) => sum + (after.scans[t]!.seqScans - before.scans[t]!.seqScans), 0);
  const indexUsed = TABLES.every((t) => after.scans[t]!.byIndex - before.scans[t]!.byIndex >= 1);
  const perTable = (name: string, drained: Drained, table: Ledger, kept: number): BenchFigure[] => [
    {
      name: `${name}: rows deleted`,
      value: drained.rows,
      unit: 'rows',
      note: `${before.counts[table].toLocaleString('en-US')} before, ${after.counts[table].toLocaleString('en-US')} left (expected ≈ ${kept.toLocaleString('en-US')}); ${drained.batches} statements of ≤ ${options.batch.toLocaleString('en-US')} rows`,
    },
    { name: `${name}: total time`, value: drained.totalMs / 1000, unit: 's' },
    { name: `${name}: mean time per batch`, value: drained.totalMs / drained.batches, unit: 'ms' },
    { name: `${name}: longest batch`, value: drained.maxBatchMs, unit: 'ms', target: '≤ 1000', ok: drained.maxBatchMs <= 1000 },
    {
      name: `${name}: rows left as expected`,
      value: near(after.counts[table], kept, kept * 0.01 + 2) ? 1 : 0,
      unit: '',
      target: '= 1',
      ok: near(after.counts[table], kept, kept * 0.01 + 2),
    },
    {
      name: `${name}: table size before / after / after VACUUM`,
      value: mib(before.sizes[table]),
      unit: 'MiB',
      note: `${mib(before.sizes[table])} → ${mib(after.sizes[table])} → ${mib(vacuumed[table])} MiB (table and its indexes; VACUUM, as autovacuum does, makes the space reusable without giving it back to the file system)`,
    },
  ];
  return {
    title: `Housekeeping on large tables (${options.updates.toLocaleString('en-US')} update ids, ${options.outbox.toLocaleString('en-US')} sent notifications, ${options.dialogs.toLocaleString('en-US')} dialogs)`,
    figures: [
      { name: 'seeding', value: seedSeconds, unit: 's', note: 'the rows inserted with generate_series, then VACUUM ANALYZE' },
      ...perTable('update ids older than 48 h', updates, 'processed_updates', keptUpdates),
      ...perTable('sent notifications older than 30 days', outbox, 'outbox', keptOutbox),
      ...perTable('dialogs untouched for 30 days', dialogs, 'bot_sessions', keptDialogs),
      {
        name: 'whole-table scans while pruning',
        value: seqScans,
        unit: '',
        target: '= 0',
        ok: seqScans === 0,
        note: `from pg_stat_user_tables; every table read by its pruning index (${TABLES.map((t) => `${INDEXES[t]}: ${after.scans[t]!.byIndex - before.scans[t]!.byIndex} scans`).join(', ')})`,
      },
      { name: 'pruning indexes used', value: indexUsed ? 1 : 0, unit: '', target: '= 1', ok: indexUsed },
      {
        name: 'hourly run afterwards (desk.session.pruneLedgers)',
        value: hourlyMs,
        unit: 'ms',
        note: `deleted ${hourly.updates} update ids, ${hourly.outbox} notifications, ${hourly.dialogs} dialogs (an hour's worth); left ${left.processed_updates.toLocaleString('en-US')} / ${left.outbox.toLocaleString('en-US')} / ${left.bot_sessions.toLocaleString('en-US')} rows`,
      },
    ],
  };
}
