import { deleteDialogSession, putDialogSessions, type DialogSessionRow } from '../../persistence/repositories/dialog-sessions';
import type { AppDeps } from '../deps';
import type { JsonValue } from '../views/json';
import type { DialogKey } from '../views/session';
import { GroupCommit } from './group-commit';

/**
 * Stores what users are in the middle of in their chats (a wizard draft, a pending reason), so
 * that the next update — maybe after a restart — resumes it. The writes of updates handled at
 * the same time go out together, one upsert per batch (GroupCommit): a write resolves only once
 * its row is committed, so an update is still acknowledged only after its dialog is stored. A
 * failed batch of several rows is written again row by row: one row the database refuses fails
 * only its own update.
 */
export class DialogWriter {
  private readonly writes: GroupCommit<DialogSessionRow, void>;

  constructor(private readonly deps: AppDeps) {
    this.writes = new GroupCommit<DialogSessionRow, void>({
      run: async (rows) => {
        await putDialogSessions(this.deps.dataSource.manager, rows);
        return rows.map(() => undefined);
      },
      keyOf: (row) => `${row.chatId}:${row.userId}`,
      sameKey: 'replace',
      retryAlone: true,
    });
  }

  /** Stores the dialog of this user in this chat; resolves once it is committed. */
  save(input: DialogKey & { readonly state: JsonValue }): Promise<void> {
    return this.writes.submit({ chatId: input.chatId, userId: input.userId, state: input.state, at: this.deps.clock.now() });
  }
}

/** Forgets the dialog of this user in this chat (done, cancelled, or replaced). */
export async function clearDialog(deps: AppDeps, input: DialogKey): Promise<void> {
  await deleteDialogSession(deps.dataSource.manager, { chatId: input.chatId, userId: input.userId });
}
