import type { MiddlewareFn } from 'telegraf';
import type { DeskContext } from '../context';

/**
 * Keeps users.unreachable in step with the chat: blocking the bot (my_chat_member in the
 * private chat, status kicked) marks the user (the outbox stops trying). Only what proves the
 * private chat is open again clears the mark: a message or a button press in the private chat,
 * or my_chat_member there saying the bot is a member again. A reaction, a group message or an
 * inline query does not (the user may still have the bot blocked).
 */
export function reachability(): MiddlewareFn<DeskContext> {
  return async (ctx, next) => {
    const user = ctx.user;
    if (user) {
      const member = ctx.myChatMember;
      const privateChat = ctx.chat?.type === 'private';
      const blocked = member && privateChat ? member.new_chat_member.status === 'kicked' : false;
      const back =
        privateChat &&
        (member !== undefined ? member.new_chat_member.status === 'member' : ctx.message !== undefined || ctx.callbackQuery !== undefined);
      const change = member !== undefined && privateChat && blocked ? !user.unreachable : back && user.unreachable;
      if (change) {
        await ctx.deps.desk.session.markReachability({ userId: user.id, reachable: !blocked });
        ctx.user = { ...user, unreachable: blocked };
      }
    }
    await next();
  };
}
