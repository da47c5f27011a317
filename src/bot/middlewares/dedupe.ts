import type { MiddlewareFn } from 'telegraf';
import { languageFromTelegram } from '../../i18n';
import type { ClaimCompletions } from '../claim-completions';
import type { DeskContext } from '../context';
import { dialogFromState } from '../dialog';

/**
 * An update delivered twice acts once: the first delivery claims its update_id
 * (desk.session.claimUpdate), a later one stops here. The claim is its own statement, not a
 * transaction around the handler (handlers talk to Telegram, and no transaction may wait on
 * Telegram). When the handler finishes — or fails with an error the bot answered — the claim is
 * completed (in batches, see ClaimCompletions); when the process dies in the middle, the claim
 * stays open and Telegram's redelivery of the unconfirmed update takes it over (at start in
 * polling mode, or after the lease in webhook mode). The use cases are idempotent (request
 * keys, message-sourced comments, the state machine), so a taken-over update that had got
 * half-way does not act twice.
 *
 * The same statement loads what every handler needs: the user by Telegram id, their language
 * (stored, else Telegram's, else the default), their dialog in this chat, the current
 * regulation version and whether a client's company has a valid contract today.
 */
export function claimUpdate(completions: ClaimCompletions): MiddlewareFn<DeskContext> {
  return async (ctx, next) => {
    const id = ctx.update.update_id;
    const from = ctx.from;
    const context = await ctx.deps.desk.session.claimUpdate({
      updateId: id,
      now: ctx.now,
      telegramId: from?.id ?? null,
      chatId: ctx.chat?.id ?? null,
    });
    if (!context.fresh) {
      ctx.log.info('duplicate update ignored');
      return;
    }
    const user = context.user;
    ctx.user = user;
    ctx.actor = context.actor;
    if (from) ctx.lang = user?.language ?? languageFromTelegram(from.language_code, ctx.deps.settings.defaultLanguage);
    ctx.dialog = ctx.chat && from ? dialogFromState(context.dialog) : null;
    ctx.regulationVersion = context.regulationVersion;
    ctx.contractValid = context.contractValid;
    if (user) ctx.log.setBindings({ user: user.id });
    try {
      await next();
    } finally {
      completions.add(id);
    }
  };
}
