import type { DeskContext } from '../context';
import { replyKey } from '../html';

/** What an unregistered user gets for anything but /start with a valid invite. */
export async function answerInviteOnly(ctx: DeskContext): Promise<void> {
  const id = ctx.from?.id ?? 0;
  if (ctx.callbackQuery) await ctx.answerCbQuery(ctx.t('bot.access.invite_only_short'));
  await replyKey(ctx, 'bot.access.invite_only', { id: String(id) });
}
