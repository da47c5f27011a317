import type { DeskContext } from '../context';
import { createFeature } from '../feature';
import { replyKey } from '../html';
import { clientMenu } from './menu';

/** /help: what this user can do, by role. */
export const helpFeature = createFeature();

export async function sendHelp(ctx: DeskContext): Promise<void> {
  // Clients get the persistent menu keyboard with it (issue 13 §5).
  const menu = ctx.user?.role === 'client' && ctx.chat?.type === 'private' ? { keyboard: clientMenu(ctx) } : {};
  await replyKey(ctx, `bot.help.${ctx.user?.role ?? 'guest'}`, undefined, menu);
}

helpFeature.help(sendHelp);
