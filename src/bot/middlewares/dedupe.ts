import type { MiddlewareFn } from 'telegraf';
import { languageFromTelegram } from '../../i18n';
import type { ClaimCompletions } from '../claim-completions';
import type { DeskContext } from '../context';
import { dialogFromState } from '../dialog';
import { isDatabaseUnavailable, UpdateNotAcknowledged } from '../errors';

/**
 * An update delivered twice acts once; one whose handling failed for a reason that is not the
 * user's is acted on when it comes again.
 *
 * The first delivery claims its update_id (desk.session.claimUpdate) naming this instance
 * (`claimer`, its liveness id). The claim is its own statement, not a transaction around the
 * handler (handlers talk to Telegram, and no transaction may wait on Telegram). Then:
 * - handled to the end, or failed with an error the bot answered (a bug): the claim is
 *   completed (in batches, see ClaimCompletions) and no later delivery acts;
 * - failed because the database (a dependency) was unavailable: the claim is given back
 *   (ClaimCompletions.release, retried until the database answers) and the error goes on, so
 *   the update is not acknowledged (webhook: non-2xx; polling: the offset stays) and its
 *   redelivery is handled;
 * - the process died: its liveness lock died with it, and a redelivery takes the claim over
 *   at once, on any instance.
 * A redelivery while the first handling is alive in this instance waits for it and answers as
 * it does; while it is alive in another instance it is not handled (the claim's owner lives).
 * Re-handling is safe: the use cases are idempotent (request keys, message-sourced comments, the
 * state machine) and a dialog step re-handled starts from the state its first handling started
 * from (dialog.ts).
 *
 * The same statement loads what every handler needs: the user by Telegram id, their language
 * (stored, else Telegram's, else the default), their dialog in this chat, the current
 * regulation version and whether a client's company has a valid contract today.
 */
export function claimUpdate(completions: ClaimCompletions, claimer: () => number | null = () => null): MiddlewareFn<DeskContext> {
  const inFlight = new Map<number, Promise<void>>();
  return async (ctx, next) => {
    const id = ctx.update.update_id;
    if (completions.finished(id)) {
      ctx.log.info('duplicate update ignored (finished here, not yet recorded)');
      return;
    }
    const running = inFlight.get(id);
    if (running) {
      ctx.log.info('update already being handled here: waiting for it');
      await running.catch((error: unknown) => {
        if (isDatabaseUnavailable(error) || error instanceof UpdateNotAcknowledged) throw new UpdateNotAcknowledged(error);
      });
      return;
    }
    let settle: (error?: unknown) => void = () => undefined;
    const handling = new Promise<void>((resolve, reject) => {
      settle = (error?: unknown) => (error === undefined ? resolve() : reject(error));
    });
    handling.catch(() => undefined);
    inFlight.set(id, handling);
    try {
      await handle(ctx, next, id, completions, claimer());
      settle();
    } catch (error) {
      settle(error);
      throw error;
    } finally {
      inFlight.delete(id);
    }
  };
}

async function handle(
  ctx: DeskContext,
  next: () => Promise<void>,
  id: number,
  completions: ClaimCompletions,
  claimer: number | null,
): Promise<void> {
  const from = ctx.from;
  const context = await ctx.deps.desk.session.claimUpdate({
    updateId: id,
    now: ctx.now,
    telegramId: from?.id ?? null,
    chatId: ctx.chat?.id ?? null,
    claimer,
  });
  if (!context.fresh) {
    if (context.inProgress) {
      // Its first handling lives in another instance and may still fail: not acknowledged,
      // Telegram asks again later (by then it is done, or its claimer gone).
      ctx.log.info('update in progress elsewhere: not acknowledged');
      throw new UpdateNotAcknowledged(null);
    }
    ctx.log.info('duplicate update ignored');
    return;
  }
  const user = context.user;
  ctx.user = user;
  ctx.actor = context.actor;
  if (from) ctx.lang = user?.language ?? languageFromTelegram(from.language_code, ctx.deps.settings.defaultLanguage);
  ctx.dialog = ctx.chat && from ? dialogFromState(context.dialog, id) : null;
  ctx.dialogAtStart = ctx.dialog;
  ctx.regulationVersion = context.regulationVersion;
  ctx.contractValid = context.contractValid;
  ctx.companyName = context.companyName;
  try {
    await next();
  } catch (error) {
    if (isDatabaseUnavailable(error)) completions.release(id, claimer);
    else completions.add(id);
    throw error;
  }
  completions.add(id);
}
