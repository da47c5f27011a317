import type { EntityManager } from 'typeorm';
import { RegulationVersionEntity } from '../entities/regulation-version.entity';
import { UserEntity } from '../entities/user.entity';
import { selectEntity } from '../fast-select';

/** The newest published version: the one every user must have accepted (SPEC §8). */
export function currentRegulation(manager: EntityManager): Promise<RegulationVersionEntity | null> {
  return selectEntity(manager, RegulationVersionEntity, 'true', [], 'ORDER BY "e"."version" DESC LIMIT 1');
}

/** Records the acceptance (once per version) and moves the user's accepted version forward, never back. */
export async function acceptRegulation(
  manager: EntityManager,
  userId: string,
  version: number,
  now: Date,
): Promise<void> {
  await manager.query(
    `INSERT INTO regulation_acceptances (user_id, version, accepted_at) VALUES ($1, $2, $3)
     ON CONFLICT (user_id, version) DO NOTHING`,
    [userId, version, now],
  );
  await manager
    .createQueryBuilder()
    .update(UserEntity)
    .set({ acceptedRegulationVersion: () => 'greatest(accepted_regulation_version, :version)', updatedAt: now })
    .where('id = :userId', { userId })
    .setParameters({ version })
    .execute();
}
