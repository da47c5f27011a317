import type { TelegramProfile } from '../../application/views/access';
import { actorOf } from '../../application/views/user-view';
import { languageFromTelegram } from '../../i18n';
import { answerInviteOnly, answerInviteRefusal } from '../access/invite-only';
import { sendRegulationPrompt } from '../access/regulation-prompt';
import { setChatCommands } from '../commands';
import type { DeskContext } from '../context';
import { createFeature } from '../feature';
import { replyKey } from '../html';
import { commandPayload } from '../updates';
import { sendHelp } from './help';

/** SPEC §8: `/start <token>` registers by invite; ADMIN_TELEGRAM_IDS become admins; then the regulation. */
export const startFeature = createFeature();

function profileOf(ctx: DeskContext): TelegramProfile | null {
  const from = ctx.from;
  if (!from) return null;
  return {
    id: from.id,
    firstName: from.first_name,
    lastName: from.last_name,
    username: from.username,
    language: languageFromTelegram(from.language_code, ctx.deps.settings.defaultLanguage),
  };
}

startFeature.start(async (ctx) => {
  const profile = profileOf(ctx);
  if (!profile) return;
  const users = ctx.deps.desk.users;
  const token = commandPayload(ctx);
  let justRegistered = false;

  if (ctx.deps.settings.adminTelegramIds.includes(String(profile.id)) && ctx.user?.role !== 'admin') {
    ctx.user = await users.ensureAdmin({ profile });
    justRegistered = true;
  } else if (!ctx.user) {
    if (token === '') {
      await answerInviteOnly(ctx);
      return;
    }
    const result = await users.registerByInvite({ token, profile });
    if (result.kind === 'refused') {
      await answerInviteRefusal(ctx, `bot.access.invite_${result.reason}`);
      return;
    }
    ctx.user = result.user;
    justRegistered = true;
  } else if (token !== '') {
    await replyKey(ctx, 'bot.access.already_registered');
  }

  const user = ctx.user;
  if (!user) return;
  ctx.actor = actorOf(user);
  ctx.lang = user.language;
  if (justRegistered) await replyKey(ctx, `bot.start.registered_${user.role}`, { name: user.displayName });
  // Users created by an admin (CLI) get their menu the first time they open the bot.
  await setChatCommands(ctx.telegram, ctx.deps.translate, profile.id, user.language, user.role);
  const current = ctx.regulationVersion;
  if (current !== null && (user.acceptedRegulationVersion ?? 0) < current) {
    const regulation = await users.currentRegulation();
    if (regulation) {
      await sendRegulationPrompt(ctx, regulation);
      return;
    }
  }
  if (!justRegistered) await replyKey(ctx, 'bot.start.welcome_back', { name: user.displayName });
  await sendHelp(ctx);
});
