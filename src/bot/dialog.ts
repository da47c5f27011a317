import type { z } from 'zod';
import type { JsonValue } from '../application/views/json';
import type { DialogKey } from '../application/views/session';
import type { DeskContext } from './context';

/**
 * What a user is in the middle of, stored by the desk (desk.session.saveDialog) so that a restart resumes it.
 * `flow` names the feature that owns it (`new_ticket`, `reply`, `refuse`…); the rest is that
 * feature's business, parsed with its own schema when read.
 */
export interface DialogState {
  readonly flow: string;
  readonly [field: string]: JsonValue;
}

export function sessionKey(ctx: DeskContext): DialogKey | null {
  const chatId = ctx.chat?.id;
  const userId = ctx.from?.id;
  return chatId === undefined || userId === undefined ? null : { chatId, userId };
}

/**
 * What a stored dialog row carries besides the state (issue 11, every step idempotent): the
 * update that wrote it last (`_u`) and the state that update started from (`_prev`). A row
 * cleared by an update is kept as a tombstone (`_cleared`) with the same two fields. When the
 * same update is handled again (a redelivery after its handler died or the database went away),
 * it starts from `_prev` — the state its first handling started from — so it makes the same
 * step to the same state instead of taking the next one with the same input.
 */
interface StoredDialog {
  readonly _u?: number;
  readonly _prev?: JsonValue;
  readonly _cleared?: boolean;
}

function asDialog(state: unknown): DialogState | null {
  if (state && typeof state === 'object' && !Array.isArray(state) && 'flow' in state && typeof state.flow === 'string') {
    const row = state as DialogState & StoredDialog;
    if (row._cleared === true) return null;
    const { _u: _update, _prev: _previous, _cleared: _gone, ...dialog } = row;
    return dialog as DialogState;
  }
  return null;
}

/**
 * The stored state (desk.session.claimUpdate's `dialog`) as a dialog, or null when it has no
 * flow. `updateId` is the update being handled: when the row was written by this very update
 * (it is being handled again), the state that update started from is returned.
 */
export function dialogFromState(state: unknown, updateId?: number): DialogState | null {
  if (updateId !== undefined && state && typeof state === 'object' && (state as StoredDialog)._u === updateId) {
    return asDialog((state as StoredDialog)._prev ?? null);
  }
  return asDialog(state);
}

/** The row to store: the state, which update wrote it and the state that update started from. */
function stored(ctx: DeskContext, state: DialogState | null): DialogState {
  const base: DialogState = state ?? { flow: '', _cleared: true };
  return { ...base, _u: ctx.update.update_id, _prev: (ctx.dialogAtStart as JsonValue | null) ?? null };
}

/** Stores the state at once: the next update (maybe after a restart) sees it. */
export async function saveDialog(ctx: DeskContext, state: DialogState): Promise<void> {
  const key = sessionKey(ctx);
  if (!key) return;
  await ctx.deps.desk.session.saveDialog({ ...key, state: stored(ctx, asDialog(state)) });
  ctx.dialog = state;
}

/**
 * Ends the dialog. The row stays as a tombstone naming this update (dialogFromState treats it
 * as no dialog), so that this update handled again starts from the dialog it ended; abandoned
 * rows are pruned by age (desk.session.pruneLedgers).
 */
export async function clearDialog(ctx: DeskContext): Promise<void> {
  const key = sessionKey(ctx);
  const had = ctx.dialog !== null || ctx.dialogAtStart !== null;
  ctx.dialog = null;
  if (!key) return;
  if (had) await ctx.deps.desk.session.saveDialog({ ...key, state: stored(ctx, null) });
  else await ctx.deps.desk.session.clearDialog(key);
}

/** The current dialog if it belongs to `flow` and still parses (a stale shape counts as none). */
export function dialogOf<S extends z.ZodType>(ctx: DeskContext, flow: string, schema: S): z.infer<S> | null {
  if (ctx.dialog?.flow !== flow) return null;
  const parsed = schema.safeParse(ctx.dialog);
  return parsed.success ? parsed.data : null;
}
