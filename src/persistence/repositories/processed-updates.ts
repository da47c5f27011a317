import type { EntityManager } from 'typeorm';
import { ProcessedUpdateEntity } from '../entities/processed-update.entity';
import { namedQuery } from '../named-query';

/**
 * The claim statement: $1 update_id, $2 now, $3 staleBefore; returns a row when this delivery
 * may act. markUpdateProcessed runs it alone, claimUpdateWithContext as the CTE of its read.
 */
export const CLAIM_UPDATE_SQL = `INSERT INTO processed_updates (update_id, processed_at) VALUES ($1, $2)
     ON CONFLICT (update_id) DO UPDATE SET processed_at = EXCLUDED.processed_at
       WHERE processed_updates.completed_at IS NULL AND processed_updates.processed_at < $3
     RETURNING update_id`;

/**
 * Claims a Telegram update for handling (SPEC §10: an update delivered twice acts once).
 * True for a first delivery, and for a redelivery of an update whose claim was never completed
 * and is older than `staleBefore` (its handler died with its process); false otherwise.
 */
export async function markUpdateProcessed(
  manager: EntityManager,
  updateId: number,
  now: Date,
  staleBefore: Date = new Date(0),
): Promise<boolean> {
  const rows: unknown[] = await manager.query(CLAIM_UPDATE_SQL, [updateId, now, staleBefore]);
  return rows.length === 1;
}

/** Records that the update was handled to the end: no later delivery handles it again. */
export async function completeUpdate(manager: EntityManager, updateId: number, now: Date): Promise<void> {
  await manager.query(`UPDATE processed_updates SET completed_at = $2 WHERE update_id = $1`, [updateId, now]);
}

/** completeUpdate for many updates in one statement (see ClaimCompletions). */
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

/** Forgets markers older than `before` (Telegram does not redeliver after a day); returns how many. */
export async function pruneProcessedUpdates(manager: EntityManager, before: Date): Promise<number> {
  const result = await manager
    .createQueryBuilder()
    .delete()
    .from(ProcessedUpdateEntity)
    .where('processed_at < :before', { before })
    .execute();
  return result.affected ?? 0;
}
