import type { EntityManager } from 'typeorm';
import { namedQuery } from '../named-query';

/**
 * Outbox rows that are done with (sent, failed, unreachable) and older than `before` (sent_at,
 * else created_at), at most `limit` per statement, by the outbox_finished_idx index. Pending
 * and sending rows are never touched. Returns how many went.
 */
export async function pruneFinishedOutbox(manager: EntityManager, before: Date, limit: number): Promise<number> {
  const rows = await namedQuery<unknown>(manager,
    `DELETE FROM outbox WHERE id IN (
       SELECT id FROM outbox
        WHERE status IN ('sent', 'failed', 'unreachable') AND coalesce(sent_at, created_at) < $1
        ORDER BY coalesce(sent_at, created_at) LIMIT $2)
     RETURNING 1`,
    [before, limit],
  );
  return rows.length;
}

/** Dialogs (bot_sessions) nobody touched since `before`: abandoned drafts. Returns how many went. */
export async function pruneIdleDialogs(manager: EntityManager, before: Date, limit: number): Promise<number> {
  const rows = await namedQuery<unknown>(manager,
    `DELETE FROM bot_sessions WHERE (chat_id, user_id) IN (
       SELECT chat_id, user_id FROM bot_sessions WHERE updated_at < $1 ORDER BY updated_at LIMIT $2)
     RETURNING 1`,
    [before, limit],
  );
  return rows.length;
}

/** Row counts of the tables the housekeeping bounds (metrics, the chaos test's summary). */
export async function ledgerSizes(manager: EntityManager): Promise<{ processedUpdates: number; outbox: number; dialogs: number }> {
  const rows: Array<{ p: string; o: string; d: string }> = await manager.query(
    `SELECT (SELECT count(*) FROM processed_updates) AS p, (SELECT count(*) FROM outbox) AS o, (SELECT count(*) FROM bot_sessions) AS d`,
  );
  const row = rows[0]!;
  return { processedUpdates: Number(row.p), outbox: Number(row.o), dialogs: Number(row.d) };
}
