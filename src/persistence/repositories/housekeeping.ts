import type { EntityManager } from 'typeorm';
import { namedQuery } from '../named-query';

/**
 * The housekeeping's DELETEs find their rows by the pruning index (the subquery, oldest first)
 * and delete them by their physical address (`ctid = ANY(ARRAY(…))`: a TID scan). `IN (subquery)`
 * was planned as a hash semi-join over a sequential scan of the whole table on every batch
 * (bench/prune-bench.ts measured it), and repeating the age outside lets the planner scan every
 * old row per batch by the age index. A row changed between the two (a notification retried, a
 * dialog touched) is a new row version with another ctid: it is kept.
 */
export const PRUNE_OUTBOX_SQL = `DELETE FROM outbox
   WHERE ctid = ANY(ARRAY(
           SELECT ctid FROM outbox
            WHERE status IN ('sent', 'failed', 'unreachable') AND coalesce(sent_at, created_at) < $1
            ORDER BY coalesce(sent_at, created_at) LIMIT $2))
   RETURNING 1`;

export const PRUNE_DIALOGS_SQL = `DELETE FROM bot_sessions
   WHERE ctid = ANY(ARRAY(SELECT ctid FROM bot_sessions WHERE updated_at < $1 ORDER BY updated_at LIMIT $2))
   RETURNING 1`;

/**
 * Outbox rows that are done with (sent, failed, unreachable) and older than `before` (sent_at,
 * else created_at), at most `limit` per statement, by the outbox_finished_idx index. Pending
 * and sending rows are never touched. Returns how many went.
 */
export async function pruneFinishedOutbox(manager: EntityManager, before: Date, limit: number): Promise<number> {
  return (await namedQuery<unknown>(manager, PRUNE_OUTBOX_SQL, [before, limit])).length;
}

/** Dialogs (bot_sessions) nobody touched since `before`: abandoned drafts, by bot_sessions_updated_idx. Returns how many went. */
export async function pruneIdleDialogs(manager: EntityManager, before: Date, limit: number): Promise<number> {
  return (await namedQuery<unknown>(manager, PRUNE_DIALOGS_SQL, [before, limit])).length;
}

/**
 * Lanes of the shared send budget (send_budget) of chats nobody sent to for `idleMs` (by the
 * database's clock, which the lanes are kept in): one row per chat ever sent to otherwise. The
 * two fixed lanes stay. Returns how many went.
 */
export async function pruneSendBudget(manager: EntityManager, idleMs: number, limit: number): Promise<number> {
  return (
    await namedQuery<unknown>(
      manager,
      `DELETE FROM send_budget
        WHERE ctid = ANY(ARRAY(
                SELECT ctid FROM send_budget
                 WHERE next_at < extract(epoch FROM clock_timestamp()) * 1000 - $1
                   AND paused_until < extract(epoch FROM clock_timestamp()) * 1000 - $1
                   AND key NOT IN ('global', 'bulk')
                 ORDER BY next_at LIMIT $2))
        RETURNING 1`,
      [idleMs, limit],
    )
  ).length;
}
