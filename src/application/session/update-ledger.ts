import { toLocalDate } from '../../domain/calendar';
import { holdInstanceLiveness, type InstanceLiveness } from '../../persistence/instance-liveness';
import {
  completeUpdates as writeCompletions,
  pruneProcessedUpdates,
  releaseUnfinishedUpdates as releaseClaims,
  releaseUpdates as releaseOwnClaims,
} from '../../persistence/repositories/processed-updates';
import { claimUpdatesWithContext, type UpdateContext } from '../../persistence/repositories/update-context';
import type { AppDeps } from '../deps';
import type { UpdateContextView } from '../views/session';
import { actorOf, toUserView } from '../views/user-view';
import { GroupCommit } from './group-commit';

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
 * (the hot path: see persistence/repositories/update-context.ts), shared by the updates that
 * claim at the same time (GroupCommit: one statement per batch; a second delivery of an update
 * already waiting goes in the next batch, so it finds the first one's claim). An open claim
 * whose claimer died (its liveness lock is gone) is taken over at once; one whose claimer lives
 * is not. A batch claims at the latest `now` of its updates (they arrived within milliseconds).
 */
export class UpdateClaims {
  private readonly claims: GroupCommit<ClaimUpdateInput, UpdateContextView>;

  constructor(deps: AppDeps) {
    this.claims = new GroupCommit<ClaimUpdateInput, UpdateContextView>({
      run: async (inputs) => {
        const now = new Date(Math.max(...inputs.map((input) => input.now.getTime())));
        const contexts = await claimUpdatesWithContext(
          deps.dataSource.manager,
          {
            now,
            staleBefore: new Date(now.getTime() - UPDATE_CLAIM_LEASE_MS),
            forgetBefore: new Date(now.getTime() - UPDATE_MEMORY_MS),
            today: toLocalDate(now, deps.policy.zone),
          },
          inputs.map((input) => ({ updateId: input.updateId, telegramId: input.telegramId, chatId: input.chatId, claimer: input.claimer ?? null })),
        );
        return contexts.map(toContextView);
      },
      keyOf: (input) => String(input.updateId),
      sameKey: 'next',
      // A batch fails as a whole only when the database does: each update then goes unacknowledged.
      retryAlone: false,
    });
  }

  claim(input: ClaimUpdateInput): Promise<UpdateContextView> {
    return this.claims.submit(input);
  }
}

function toContextView(context: UpdateContext): UpdateContextView {
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
