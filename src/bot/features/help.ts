import type { DeskContext } from '../context';
import { createFeature } from '../feature';
import { replyKey } from '../html';

/** /help: what this user can do, by role. */
export const helpFeature = createFeature();

export async function sendHelp(ctx: DeskContext): Promise<void> {
  await replyKey(ctx, `bot.help.${ctx.user?.role ?? 'guest'}`);
}

helpFeature.help(sendHelp);
