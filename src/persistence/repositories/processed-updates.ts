import type { EntityManager } from 'typeorm';
import { claimerAliveSql } from '../instance-liveness';
import { namedQuery } from '../named-query';

/**
 * The claim statement for the updates of `rows` (a relation with update_id and claimer — this
 * instance's liveness id, or null): $2 now, $3 staleBefore, $4 forgetBefore. Returns the
 * update_id of each update this delivery may act on:
 * - a first delivery;
 * - a redelivery of an update whose claim was never completed and whose claimer is dead (its
 *   liveness lock is gone with its process: taken over at once), or is this very instance (the
 *   caller checked that the update is not in flight here: its handling failed and was not
 *   acknowledged); a claim without a claimer (written before issue 11) after `staleBefore`;
 * - any delivery of an id whose marker is older than `forgetBefore` (Telegram redelivers for
 *   about a day; ids restart at random after a week without updates, so an old marker is
 *   another update).
 * A redelivery while the claimer is alive is not handled twice. claimUpdatesWithContext runs it
 * as the CTE of its read (the ON CONFLICT branch, with its pg_locks probe, only runs for a
 * redelivery); the ids of `rows` must be distinct (one command cannot update a row twice).
 */
export function claimUpdatesSql(rows: string): string {
  return `INSERT INTO processed_updates (update_id, processed_at, claimed_by) SELECT ${rows}.update_id, $2::timestamptz, ${rows}.claimer FROM ${rows}
     ON CONFLICT (update_id) DO UPDATE SET processed_at = EXCLUDED.processed_at, claimed_by = EXCLUDED.claimed_by,
         completed_at = NULL
       WHERE processed_updates.processed_at < $4::timestamptz
          OR (processed_updates.completed_at IS NULL AND (
                CASE WHEN processed_updates.claimed_by IS NULL THEN processed_updates.processed_at < $3::timestamptz
                     ELSE processed_updates.claimed_by = EXCLUDED.claimed_by OR NOT ${claimerAliveSql('processed_updates.claimed_by')} END))
     RETURNING update_id`;
}

/** Records handled updates as completed, in one statement: no later delivery handles them again. */
export async function completeUpdates(manager: EntityManager, updateIds: readonly number[], now: Date): Promise<void> {
  await namedQuery(manager, `UPDATE processed_updates SET completed_at = $2 WHERE update_id = ANY($1::bigint[])`, [updateIds, now]);
}

/**
 * Gives back claims whose handling failed for a reason that is not the user's (the database
 * went away mid-update): the update was not acknowledged, and its redelivery — on any
 * instance — is handled as a first delivery. Only this claimer's open claims.
 */
export async function releaseUpdates(manager: EntityManager, updateIds: readonly number[], claimer: number | null): Promise<void> {
  await namedQuery(
    manager,
    `DELETE FROM processed_updates WHERE update_id = ANY($1::bigint[]) AND completed_at IS NULL AND claimed_by IS NOT DISTINCT FROM $2`,
    [updateIds, claimer],
  );
}

/**
 * Releases the claims no handler finished (polling mode, at start: there is one poller, so any
 * open claim belongs to a process that died). Telegram redelivers those updates, since the
 * dead process never confirmed them, and they are handled then. Returns how many.
 */
export async function releaseUnfinishedUpdates(manager: EntityManager): Promise<number> {
  const rows = await namedQuery<unknown>(manager,
    `DELETE FROM processed_updates WHERE completed_at IS NULL RETURNING update_id`,
    [],
  );
  return rows.length;
}

/**
 * Forgets markers older than `before` (Telegram redelivers an update for about a day: 48 h is
 * kept), at most `limit` per statement (oldest first, by the processed_at index). Returns how
 * many went.
 */
export async function pruneProcessedUpdates(manager: EntityManager, before: Date, limit: number): Promise<number> {
  const rows = await namedQuery<unknown>(manager,
    // By physical address (ctid = ANY(ARRAY(…)): a TID scan), not IN (…), which was a hash
    // semi-join over the whole table per batch (bench/prune-bench.ts); a marker re-claimed
    // meanwhile is a new row version with another ctid, and stays.
    `DELETE FROM processed_updates
      WHERE ctid = ANY(ARRAY(SELECT ctid FROM processed_updates WHERE processed_at < $1 ORDER BY processed_at LIMIT $2))
      RETURNING 1`,
    [before, limit],
  );
  return rows.length;
}
