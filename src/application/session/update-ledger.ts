import { toLocalDate } from '../../domain/calendar';
import { holdInstanceLiveness, type InstanceLiveness } from '../../persistence/instance-liveness';
import {
  completeUpdates as writeCompletions,
  pruneProcessedUpdates,
  releaseUnfinishedUpdates as releaseClaims,
  releaseUpdates as releaseOwnClaims,
} from '../../persistence/repositories/processed-updates';
import { claimUpdateWithContext } from '../../persistence/repositories/update-context';
import type { AppDeps } from '../deps';
import type { UpdateContextView } from '../views/session';
import { actorOf, toUserView } from '../views/user-view';

/** A claim without a claimer (written before claims named one), never completed and older than this, is taken over. */
export const UPDATE_CLAIM_LEASE_MS = 5 * 60_000;

/** How long an update id is remembered: Telegram redelivers for about a day; kept 48 h. */
export const UPDATE_MEMORY_MS = 48 * 3_600_000;

export interface ClaimUpdateInput {
  readonly updateId: number;
  /** The instant the update is handled at (read once by the caller). */
  readonly now: Date;
  /** The sender's Telegram id (null for updates without a sender). */
  readonly telegramId: number | null;
  /** The chat the update belongs to (null when it has none). */
  readonly chatId: number | null;
  /**
   * This instance's liveness id (startLiveness), or null. The caller guarantees the update is
   * not being handled in this instance right now.
   */
  readonly claimer?: number | null;
}

/**
 * SPEC §10: an update delivered twice acts once. Claims the update_id and reads what every
 * handler needs — the sender, their dialog in this chat, the current regulation version and
 * whether a client's company has a valid contract today (vendor zone) — in ONE statement
 * (the hot path: see persistence/repositories/update-context.ts). An open claim whose claimer
 * died (its liveness lock is gone) is taken over at once; one whose claimer lives is not.
 */
export async function claimUpdate(deps: AppDeps, input: ClaimUpdateInput): Promise<UpdateContextView> {
  const context = await claimUpdateWithContext(deps.dataSource.manager, {
    updateId: input.updateId,
    now: input.now,
    staleBefore: new Date(input.now.getTime() - UPDATE_CLAIM_LEASE_MS),
    claimer: input.claimer ?? null,
    forgetBefore: new Date(input.now.getTime() - UPDATE_MEMORY_MS),
    telegramId: input.telegramId,
    chatId: input.chatId,
    today: toLocalDate(input.now, deps.policy.zone),
  });
  const user = context.user ? toUserView(context.user) : null;
  return {
    fresh: context.fresh,
    inProgress: context.inProgress,
    user,
    actor: user ? actorOf(user) : null,
    dialog: context.session,
    regulationVersion: context.regulationVersion,
    contractValid: context.contractValid,
    companyName: context.companyName,
  };
}

/**
 * Records handled updates as completed, many in one statement: no later delivery handles them
 * again. Nothing is written once the database is closed (a shutdown flushing late): an open
 * claim is what a crash leaves anyway, and liveness covers it.
 */
export async function completeUpdates(deps: AppDeps, updateIds: readonly number[]): Promise<void> {
  if (updateIds.length === 0 || !deps.dataSource.isInitialized) return;
  await writeCompletions(deps.dataSource.manager, updateIds, deps.clock.now());
}

/** Gives back this claimer's open claims of updates that failed unacknowledged (database away): any redelivery handles them. */
export async function releaseUpdates(deps: AppDeps, input: { readonly updateIds: readonly number[]; readonly claimer: number | null }): Promise<void> {
  if (input.updateIds.length === 0 || !deps.dataSource.isInitialized) return;
  await releaseOwnClaims(deps.dataSource.manager, input.updateIds, input.claimer);
}

/**
 * Polling mode, at start: there is one poller, so every open claim belongs to a process that
 * died. Releasing them lets Telegram's redelivery (the dead process never confirmed those
 * updates) be handled. Returns how many were released.
 */
export function releaseUnfinishedUpdates(deps: AppDeps): Promise<number> {
  return releaseClaims(deps.dataSource.manager);
}

/**
 * This process's liveness: a lock held on a session of its own, which dies with the process.
 * Its id names this instance's claims (updates and outbox rows).
 */
export function startLiveness(deps: AppDeps, options: { readonly onError?: (error: unknown) => void } = {}): InstanceLiveness {
  return holdInstanceLiveness(deps.dataSource, options);
}

/** Forgets update ids older than UPDATE_MEMORY_MS, in batches of `batch`; returns how many. */
export async function pruneUpdateLedger(deps: AppDeps, input: { readonly now: Date; readonly batch?: number }): Promise<number> {
  const before = new Date(input.now.getTime() - UPDATE_MEMORY_MS);
  let total = 0;
  for (;;) {
    const n = await pruneProcessedUpdates(deps.dataSource.manager, before, input.batch ?? 5000);
    total += n;
    if (n < (input.batch ?? 5000)) return total;
  }
}
