import type { EntityManager } from 'typeorm';
import type { JsonValue } from '../vocabulary';
import { namedQuery } from '../named-query';

/** One user in one chat. */
export interface SessionKey {
  readonly chatId: number;
  readonly userId: number;
}

export async function putDialogSession(
  manager: EntityManager,
  key: SessionKey,
  state: JsonValue,
  now: Date,
): Promise<void> {
  await namedQuery(
    manager,
    `INSERT INTO bot_sessions (chat_id, user_id, state, updated_at) VALUES ($1, $2, $3::jsonb, $4)
     ON CONFLICT (chat_id, user_id) DO UPDATE SET state = EXCLUDED.state, updated_at = EXCLUDED.updated_at`,
    [key.chatId, key.userId, JSON.stringify(state), now],
  );
}

export async function deleteDialogSession(manager: EntityManager, key: SessionKey): Promise<void> {
  await namedQuery(manager, 'DELETE FROM bot_sessions WHERE chat_id = $1 AND user_id = $2', [key.chatId, key.userId]);
}
