import type { MiddlewareFn } from 'telegraf';
import type { DeskContext } from '../context';

/**
 * Keeps users.unreachable in step with the chat: blocking the bot marks the user (the outbox
 * stops trying), and anything from them afterwards — writing, pressing, unblocking — clears
 * the mark so notifications flow again.
 */
export function reachability(): MiddlewareFn<DeskContext> {
  return async (ctx, next) => {
    const user = ctx.user;
    if (user) {
      const member = ctx.myChatMember;
      const blocked = member ? member.new_chat_member.status === 'kicked' : false;
      if (user.unreachable !== blocked && (member !== undefined || !blocked)) {
        await ctx.deps.desk.session.markReachability({ userId: user.id, reachable: !blocked });
        ctx.user = { ...user, unreachable: blocked };
      }
    }
    await next();
  };
}
