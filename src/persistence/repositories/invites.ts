import type { EntityManager } from 'typeorm';
import { InviteEntity } from '../entities/invite.entity';

export function findInviteByToken(manager: EntityManager, token: string): Promise<InviteEntity | null> {
  return manager.findOneBy(InviteEntity, { token });
}

/**
 * Uses one place of an invite, in one statement, so two people racing for the last place
 * cannot both get it. Null when the invite is unknown, revoked, expired or used up (the
 * caller may look it up to say which).
 */
export async function consumeInvite(manager: EntityManager, token: string, now: Date): Promise<InviteEntity | null> {
  const rows: { id: string }[] = await manager.query(
    // Wrapped in a SELECT: for a bare UPDATE, TypeORM returns [rows, count] instead of rows.
    `WITH used AS (
       UPDATE invites SET uses = uses + 1
        WHERE token = $1 AND revoked_at IS NULL AND expires_at > $2 AND uses < max_uses
        RETURNING id)
     SELECT id FROM used`,
    [token, now],
  );
  const [row] = rows;
  return row ? manager.findOneBy(InviteEntity, { id: row.id }) : null;
}
