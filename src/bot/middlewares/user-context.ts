import type { MiddlewareFn } from 'telegraf';
import { languageFromTelegram } from '../../i18n';
import { toActor } from '../../persistence/mappers/actor';
import { findUserByTelegramId } from '../../persistence/repositories/users';
import type { DeskContext } from '../context';
import { loadDialog } from '../dialog';

/** Loads the user by Telegram id, their language (stored, else Telegram's, else the default) and dialog. */
export function userContext(): MiddlewareFn<DeskContext> {
  return async (ctx, next) => {
    const from = ctx.from;
    if (from) {
      const user = await findUserByTelegramId(ctx.deps.app.dataSource.manager, from.id);
      ctx.user = user;
      ctx.actor = user ? toActor(user) : null;
      ctx.lang = user?.language ?? languageFromTelegram(from.language_code, ctx.deps.settings.defaultLanguage);
      ctx.dialog = await loadDialog(ctx);
    }
    ctx.log = ctx.log.child({ from: from?.id, user: ctx.user?.id });
    await next();
  };
}
