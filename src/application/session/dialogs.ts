import { deleteDialogSession, putDialogSession } from '../../persistence/repositories/dialog-sessions';
import type { AppDeps } from '../deps';
import type { JsonValue } from '../views/json';
import type { DialogKey } from '../views/session';

/**
 * Stores what a user is in the middle of in one chat (a wizard draft, a pending reason), so
 * that the next update — maybe after a restart — resumes it. One statement (an upsert).
 */
export async function saveDialog(deps: AppDeps, input: DialogKey & { readonly state: JsonValue }): Promise<void> {
  await putDialogSession(deps.dataSource.manager, { chatId: input.chatId, userId: input.userId }, input.state, deps.clock.now());
}

/** Forgets the dialog of this user in this chat (done, cancelled, or replaced). */
export async function clearDialog(deps: AppDeps, input: DialogKey): Promise<void> {
  await deleteDialogSession(deps.dataSource.manager, { chatId: input.chatId, userId: input.userId });
}
