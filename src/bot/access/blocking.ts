import { writeBlock } from '../../domain/ticket/write-access';
import { contactLinks } from '../../telegram/contact-links';
import type { DeskContext } from '../context';
import { replyHtml } from '../html';

/**
 * The desk's admins as tap-to-open contacts (issue 14 §7): @username, else the name linking to
 * their chat (tg://user?id=…). Wherever a user is sent to an admin, this is how they reach one.
 */
export async function adminContacts(ctx: DeskContext): Promise<string> {
  return contactLinks(await ctx.deps.desk.users.supportContacts()) ?? ctx.t('bot.access.contacts_fallback');
}

/** "Whom to contact: @olga_admin, Ivan" — the line under every "ask an admin". */
export async function contactLine(ctx: DeskContext): Promise<string> {
  return `${ctx.t('bot.access.contact', {})} ${await adminContacts(ctx)}`;
}

/**
 * Why this user may not create or comment (SPEC §8, the domain's writeBlock — the rule the use
 * cases apply in their transaction), as HTML with whom to contact; null when they may. Decided
 * on the user and contract state loaded with the update, so a refused user never starts a
 * dialog the use case would refuse at the end.
 */
export async function blockedText(ctx: DeskContext): Promise<string | null> {
  const user = ctx.user;
  const block = user ? writeBlock(user, ctx.contractValid) : null;
  if (!user || !block) return null;
  const why =
    block === 'account'
      ? ctx.t('bot.access.blocked_by_admin', { reason: user.blockedReason ?? ctx.t('common.none') })
      : ctx.t('bot.access.blocked_no_contract', { company: ctx.companyName ?? '' });
  return `${why}\n${await contactLine(ctx)}`;
}

/**
 * True when the user may write; otherwise tells them why (and answers a pressed button, unless
 * the feature already did: Telegram refuses a second answer).
 */
export async function ensureMayWrite(ctx: DeskContext): Promise<boolean> {
  const text = await blockedText(ctx);
  if (text === null) return true;
  if (ctx.callbackQuery && ctx.callbackAnswered !== true) await ctx.answerCbQuery(ctx.t('bot.access.blocked_short'));
  await replyHtml(ctx, text);
  return false;
}
