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

/** The stored state (desk.session.claimUpdate's `dialog`) as a dialog, or null when it has no flow. */
export function dialogFromState(state: unknown): DialogState | null {
  if (state && typeof state === 'object' && 'flow' in state && typeof state.flow === 'string') {
    return state as DialogState;
  }
  return null;
}

/** Stores the state at once: the next update (maybe after a restart) sees it. */
export async function saveDialog(ctx: DeskContext, state: DialogState): Promise<void> {
  const key = sessionKey(ctx);
  if (!key) return;
  await ctx.deps.desk.session.saveDialog({ ...key, state });
  ctx.dialog = state;
}

export async function clearDialog(ctx: DeskContext): Promise<void> {
  const key = sessionKey(ctx);
  ctx.dialog = null;
  if (!key) return;
  await ctx.deps.desk.session.clearDialog(key);
}

/** The current dialog if it belongs to `flow` and still parses (a stale shape counts as none). */
export function dialogOf<S extends z.ZodType>(ctx: DeskContext, flow: string, schema: S): z.infer<S> | null {
  if (ctx.dialog?.flow !== flow) return null;
  const parsed = schema.safeParse(ctx.dialog);
  return parsed.success ? parsed.data : null;
}
