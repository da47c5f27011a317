import { InvalidInputError } from '../../domain/ticket/errors';
import type { Actor } from '../../domain/ticket/types';
import { isReplyDefault, type ReplyDefault } from '../../domain/staff/reply-default';
import { replyDefaultOf, setReplyDefault as storeReplyDefault } from '../../persistence/repositories/reply-defaults';
import type { AppDeps } from '../deps';
import { StaffOnlyError } from '../tickets/errors';

/** Staff only: a client's replies always go to the ticket as their comment. */
function staffUserId(actor: Actor): string {
  if (actor.kind !== 'user' || actor.role === 'client') throw new StaffOnlyError('internal_note');
  return actor.userId;
}

/**
 * What a staff member's Telegram reply to a ticket message does (issue 14 §3): `ask` (the
 * default: Send to client / Internal note / Cancel), always an `internal` note, or always to
 * the `client`.
 */
export async function replyDefault(deps: AppDeps, input: { readonly actor: Actor }): Promise<ReplyDefault> {
  return replyDefaultOf(deps.dataSource.manager, staffUserId(input.actor));
}

/** Stores the staff member's choice (/settings). */
export async function setReplyDefault(deps: AppDeps, input: { readonly actor: Actor; readonly value: ReplyDefault }): Promise<void> {
  if (!isReplyDefault(input.value)) throw new InvalidInputError('note', 'unknown_value');
  await storeReplyDefault(deps.dataSource.manager, staffUserId(input.actor), input.value, deps.clock.now());
}
