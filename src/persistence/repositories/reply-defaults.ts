import type { EntityManager } from 'typeorm';
import { isReplyDefault, type ReplyDefault } from '../../domain/staff/reply-default';

/** users.reply_default: what a staff member's Telegram reply to a ticket message does unless they choose. */

/** The user's setting; `ask` for an unknown user. */
export async function replyDefaultOf(manager: EntityManager, userId: string): Promise<ReplyDefault> {
  const rows = await manager.query<{ reply_default: string }[]>('SELECT reply_default FROM users WHERE id = $1', [userId]);
  const value = rows[0]?.reply_default;
  return isReplyDefault(value) ? value : 'ask';
}

/** Stores the setting; false when no such user. */
export async function setReplyDefault(manager: EntityManager, userId: string, value: ReplyDefault, now: Date): Promise<boolean> {
  // A SELECT around the UPDATE: TypeORM returns an UPDATE's rows as [rows, count].
  const rows = await manager.query<{ id: string }[]>(
    'WITH changed AS (UPDATE users SET reply_default = $2, updated_at = $3 WHERE id = $1 RETURNING id) SELECT id FROM changed',
    [userId, value, now],
  );
  return rows.length > 0;
}
