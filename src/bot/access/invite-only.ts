import type { DeskContext } from '../context';
import { replyHtml } from '../html';
import { contactLine } from './blocking';

/** An invite refusal (`bot.access.invite_*`) with a tap-to-open contact of the desk's admins: they give invites. */
export async function answerInviteRefusal(ctx: DeskContext, key: string): Promise<void> {
  const id = ctx.from?.id ?? 0;
  await replyHtml(ctx, `${ctx.t(key, { id: String(id) })}\n${await contactLine(ctx)}`);
}

/** What an unregistered user gets for anything but /start with a valid invite. */
export async function answerInviteOnly(ctx: DeskContext): Promise<void> {
  if (ctx.callbackQuery) await ctx.answerCbQuery(ctx.t('bot.access.invite_only_short'));
  await answerInviteRefusal(ctx, 'bot.access.invite_only');
}
