import type { EntityManager } from 'typeorm';
import type { JsonValue } from '../vocabulary';
import { namedQuery } from '../named-query';

/** One user in one chat. */
export interface SessionKey {
  readonly chatId: number;
  readonly userId: number;
}

/** One dialog row to store: its key, the state and when it was written. */
export interface DialogSessionRow extends SessionKey {
  readonly state: JsonValue;
  readonly at: Date;
}

/** Stores several dialogs (distinct keys) in one upsert. */
export async function putDialogSessions(manager: EntityManager, rows: readonly DialogSessionRow[]): Promise<void> {
  if (rows.length === 0) return;
  await namedQuery(
    manager,
    `INSERT INTO bot_sessions (chat_id, user_id, state, updated_at)
     SELECT r.chat_id, r.user_id, r.state, r.at FROM jsonb_to_recordset($1::jsonb) AS r (chat_id bigint, user_id bigint, state jsonb, at timestamptz)
     ON CONFLICT (chat_id, user_id) DO UPDATE SET state = EXCLUDED.state, updated_at = EXCLUDED.updated_at`,
    [JSON.stringify(rows.map((row) => ({ chat_id: row.chatId, user_id: row.userId, state: row.state, at: row.at.toISOString() })))],
  );
}

export async function deleteDialogSession(manager: EntityManager, key: SessionKey): Promise<void> {
  await namedQuery(manager, 'DELETE FROM bot_sessions WHERE chat_id = $1 AND user_id = $2', [key.chatId, key.userId]);
}
