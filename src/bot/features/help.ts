import type { DeskContext } from '../context';
import { createFeature } from '../feature';
import { replyHtml } from '../html';
import { clientMenu } from './menu';

/** /help: what this user can do, by role. */
export const helpFeature = createFeature();

/** What this user can do, by role; `lead` (HTML) goes first, e.g. why they are shown it. */
export async function sendHelp(ctx: DeskContext, lead?: string): Promise<void> {
  // Clients get the persistent menu keyboard with it (issue 13 §5).
  const menu = ctx.user?.role === 'client' && ctx.chat?.type === 'private' ? { keyboard: clientMenu(ctx) } : {};
  const help = ctx.t(`bot.help.${ctx.user?.role ?? 'guest'}`);
  await replyHtml(ctx, lead === undefined ? help : `${lead}\n\n${help}`, menu);
}

helpFeature.help((ctx) => sendHelp(ctx));
