import type { Telegram } from 'telegraf';
import type { BotCommand } from 'telegraf/types';
import type { Role } from '../domain/ticket/types';
import { LANGUAGES, type Language, type Translate } from '../i18n';

/** The menu of commands each role sees (Telegram's command list, per chat). */
export const COMMANDS_BY_ROLE: Readonly<Record<Role | 'guest', readonly string[]>> = {
  guest: ['start', 'language', 'help'],
  client: ['new', 'my', 'find', 'ticket', 'hours', 'language', 'help', 'cancel'],
  engineer: ['queue', 'next', 'mine', 'ticket', 'files', 'log', 'settings', 'language', 'help', 'cancel'],
  admin: ['queue', 'next', 'mine', 'ticket', 'files', 'log', 'settings', 'admin', 'report', 'language', 'help', 'cancel'],
};

export function commandList(translate: Translate, lang: Language, role: Role | 'guest'): BotCommand[] {
  return COMMANDS_BY_ROLE[role].map((command) => ({ command, description: translate(lang, `bot.command.${command}`) }));
}

/** The default menu for people the bot does not know yet, in every language (start-up). */
export async function setDefaultCommands(telegram: Telegram, translate: Translate): Promise<void> {
  for (const lang of LANGUAGES) {
    await telegram.setMyCommands(commandList(translate, lang, 'guest'), { language_code: lang });
  }
  await telegram.setMyCommands(commandList(translate, 'ru', 'guest'));
}

/** A user's own menu: their role's commands in their language, scoped to their chat. */
export async function setChatCommands(
  telegram: Telegram,
  translate: Translate,
  chatId: number,
  lang: Language,
  role: Role,
): Promise<void> {
  await telegram.setMyCommands(commandList(translate, lang, role), { scope: { type: 'chat', chat_id: chatId } });
}
