import type { EntityManager } from 'typeorm';
import { ProcessedUpdateEntity } from '../entities/processed-update.entity';

/**
 * Marks a Telegram update as handled. Run it in the transaction that handles the update:
 * false means another delivery of the same update got there first, and this one must do
 * nothing (SPEC §10: an update delivered twice acts once).
 */
export async function markUpdateProcessed(manager: EntityManager, updateId: number, now: Date): Promise<boolean> {
  const rows: unknown[] = await manager.query(
    `INSERT INTO processed_updates (update_id, processed_at) VALUES ($1, $2)
     ON CONFLICT (update_id) DO NOTHING RETURNING update_id`,
    [updateId, now],
  );
  return rows.length === 1;
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
