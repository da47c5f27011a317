import type { EntityManager } from 'typeorm';
import { namedQuery } from '../named-query';

/**
 * The claim statement: $1 update_id, $2 now, $3 staleBefore; returns a row when this delivery
 * may act (a first delivery, or a redelivery of an update whose claim was never completed and
 * is older than `staleBefore`: its handler died with its process). claimUpdateWithContext runs
 * it as the CTE of its read.
 */
export const CLAIM_UPDATE_SQL = `INSERT INTO processed_updates (update_id, processed_at) VALUES ($1, $2)
     ON CONFLICT (update_id) DO UPDATE SET processed_at = EXCLUDED.processed_at
       WHERE processed_updates.completed_at IS NULL AND processed_updates.processed_at < $3
     RETURNING update_id`;

/** Records handled updates as completed, in one statement: no later delivery handles them again. */
export async function completeUpdates(manager: EntityManager, updateIds: readonly number[], now: Date): Promise<void> {
  await namedQuery(manager, `UPDATE processed_updates SET completed_at = $2 WHERE update_id = ANY($1::bigint[])`, [updateIds, now]);
}

/**
 * Releases the claims no handler finished (polling mode, at start: there is one poller, so any
 * open claim belongs to a process that died). Telegram redelivers those updates, since the
 * dead process never confirmed them, and they are handled then. Returns how many.
 */
export async function releaseUnfinishedUpdates(manager: EntityManager): Promise<number> {
  const rows: unknown[] = await manager.query(
    `DELETE FROM processed_updates WHERE completed_at IS NULL RETURNING update_id`,
  );
  return rows.length;
}
