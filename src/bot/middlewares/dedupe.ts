import type { MiddlewareFn } from 'telegraf';
import { completeUpdate, markUpdateProcessed } from '../../persistence/repositories/processed-updates';
import type { DeskContext } from '../context';

/** A claim older than this, never completed, belongs to a handler that died; a redelivery takes it over. */
export const UPDATE_CLAIM_LEASE_MS = 5 * 60_000;

/**
 * An update delivered twice acts once: the first delivery claims its update_id, a later one
 * stops here. The claim is its own statement, not a transaction around the handler (handlers
 * talk to Telegram, and no transaction may wait on Telegram). When the handler finishes — or
 * fails with an error the bot answered — the claim is completed; when the process dies in the
 * middle, the claim stays open and Telegram's redelivery of the unconfirmed update takes it
 * over (at start in polling mode, or after the lease in webhook mode). The use cases below are
 * idempotent (request keys, message-sourced comments, the state machine), so a taken-over
 * update that had got half-way does not act twice.
 */
export function dedupeUpdates(): MiddlewareFn<DeskContext> {
  return async (ctx, next) => {
    const manager = ctx.deps.app.dataSource.manager;
    const id = ctx.update.update_id;
    const fresh = await markUpdateProcessed(manager, id, ctx.now, new Date(ctx.now.getTime() - UPDATE_CLAIM_LEASE_MS));
    if (!fresh) {
      ctx.log.info('duplicate update ignored');
      return;
    }
    try {
      await next();
    } finally {
      await completeUpdate(manager, id, ctx.deps.app.clock.now()).catch((error: unknown) =>
        ctx.log.warn({ err: error }, 'could not record the update as handled'),
      );
    }
  };
}
