import type { ReplyKeyboardMarkup } from 'telegraf/types';
import type { DeskContext } from '../context';
import { createFeature } from '../feature';
import { LANGUAGES } from '../../i18n';

/**
 * Issue 13 §5: a persistent menu keyboard (New ticket / My tickets / Hours / Help) for people
 * who do not type commands. Pressing one sends its label as text; this feature, mounted first,
 * turns the label (in either language) into the command it stands for.
 */
export const menuFeature = createFeature();

const MENU: readonly (readonly [string, string])[] = [
  ['new', 'client.menu.new'],
  ['my', 'client.menu.my'],
  ['hours', 'client.menu.hours'],
  ['help', 'client.menu.help'],
];

/** The client's menu keyboard in their language. */
export function clientMenu(ctx: DeskContext): ReplyKeyboardMarkup {
  const label = (key: string): { text: string } => ({ text: ctx.t(key) });
  return {
    keyboard: [
      [label('client.menu.new'), label('client.menu.my')],
      [label('client.menu.hours'), label('client.menu.help')],
    ],
    resize_keyboard: true,
    is_persistent: true,
  };
}

menuFeature.on('message', async (ctx, next) => {
  const message = ctx.message;
  if (ctx.chat.type !== 'private' || ctx.user?.role !== 'client' || !('text' in message)) return next();
  const text = message.text.trim();
  const command = MENU.find(([, key]) => LANGUAGES.some((lang) => ctx.deps.translate(lang, key) === text))?.[0];
  if (command === undefined) return next();
  // As if the client had typed the command: every feature sees /command with its entity.
  const rewritten = { ...message, text: `/${command}`, entities: [{ type: 'bot_command' as const, offset: 0, length: command.length + 1 }] };
  (ctx.update as { message: typeof rewritten }).message = rewritten;
  return next();
});
