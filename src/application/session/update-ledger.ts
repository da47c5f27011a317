import { toLocalDate } from '../../domain/calendar';
import { completeUpdates as writeCompletions, releaseUnfinishedUpdates as releaseClaims } from '../../persistence/repositories/processed-updates';
import { claimUpdateWithContext } from '../../persistence/repositories/update-context';
import type { AppDeps } from '../deps';
import type { UpdateContextView } from '../views/session';
import { actorOf, toUserView } from '../views/user-view';

/** A claim older than this, never completed, belongs to a handler that died; a redelivery takes it over. */
export const UPDATE_CLAIM_LEASE_MS = 5 * 60_000;

export interface ClaimUpdateInput {
  readonly updateId: number;
  /** The instant the update is handled at (read once by the caller). */
  readonly now: Date;
  /** The sender's Telegram id (null for updates without a sender). */
  readonly telegramId: number | null;
  /** The chat the update belongs to (null when it has none). */
  readonly chatId: number | null;
}

/**
 * SPEC §10: an update delivered twice acts once. Claims the update_id and reads what every
 * handler needs — the sender, their dialog in this chat, the current regulation version and
 * whether a client's company has a valid contract today (vendor zone) — in ONE statement
 * (the hot path: see persistence/repositories/update-context.ts). A claim never completed and
 * older than UPDATE_CLAIM_LEASE_MS is taken over (its handler died with its process).
 */
export async function claimUpdate(deps: AppDeps, input: ClaimUpdateInput): Promise<UpdateContextView> {
  const context = await claimUpdateWithContext(deps.dataSource.manager, {
    updateId: input.updateId,
    now: input.now,
    staleBefore: new Date(input.now.getTime() - UPDATE_CLAIM_LEASE_MS),
    telegramId: input.telegramId,
    chatId: input.chatId,
    today: toLocalDate(input.now, deps.policy.zone),
  });
  const user = context.user ? toUserView(context.user) : null;
  return {
    fresh: context.fresh,
    user,
    actor: user ? actorOf(user) : null,
    dialog: context.session,
    regulationVersion: context.regulationVersion,
    contractValid: context.contractValid,
  };
}

/**
 * Records handled updates as completed, many in one statement: no later delivery handles them
 * again. Nothing is written once the database is closed (a shutdown flushing late): an open
 * claim is what a crash leaves anyway, and the lease covers it.
 */
export async function completeUpdates(deps: AppDeps, updateIds: readonly number[]): Promise<void> {
  if (updateIds.length === 0 || !deps.dataSource.isInitialized) return;
  await writeCompletions(deps.dataSource.manager, updateIds, deps.clock.now());
}

/**
 * Polling mode, at start: there is one poller, so every open claim belongs to a process that
 * died. Releasing them lets Telegram's redelivery (the dead process never confirmed those
 * updates) be handled. Returns how many were released.
 */
export function releaseUnfinishedUpdates(deps: AppDeps): Promise<number> {
  return releaseClaims(deps.dataSource.manager);
}
