import type { DeskContext } from '../context';
import { commandOf } from '../updates';

/**
 * Issue 13 §8: in a group or supergroup the bot answers a command with one line pointing to the
 * private chat (a deep link), never with ticket data; a button pressed there gets the same
 * pointer as its answer; everything else in a group is ignored. Called by the regulation gate
 * for every update from a chat that is not private.
 */
export async function answerInGroup(ctx: DeskContext): Promise<void> {
  const username = ctx.botInfo?.username;
  const link = username ? `https://t.me/${username}` : '';
  if (ctx.callbackQuery) {
    await ctx.answerCbQuery(ctx.t('bot.group.button', { link }));
    return;
  }
  if (!ctx.message || commandOf(ctx) === null || !ctx.chat) return;
  await ctx.telegram.sendMessage(ctx.chat.id, ctx.t('bot.group.pointer', { link }), {
    parse_mode: 'HTML',
    link_preview_options: { is_disabled: true },
    reply_parameters: { message_id: ctx.message.message_id, allow_sending_without_reply: true },
  });
}
