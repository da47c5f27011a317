import type { DeskContext } from '../context';
import { esc, replyHtml } from '../html';

async function contacts(ctx: DeskContext): Promise<string> {
  const staff = await ctx.deps.desk.users.supportContacts();
  const names = staff.map((a) => (a.username ? `@${esc(a.username)}` : esc(a.displayName)));
  return names.length > 0 ? names.join(', ') : ctx.t('bot.access.contacts_fallback');
}

/**
 * Why this client may not create or comment (SPEC §8), as HTML with whom to contact; null when
 * they may. Read from the user and contract state loaded with the update, so a refused user
 * never starts a dialog the use case would refuse at the end (the use cases check again, in
 * their transaction). Staff are never blocked here (an admin-blocked engineer is handled by ENG).
 */
export async function blockedText(ctx: DeskContext): Promise<string | null> {
  const user = ctx.user;
  if (!user) return null;
  if (user.blocked) {
    return ctx.t('bot.access.blocked_by_admin', { reason: user.blockedReason ?? ctx.t('common.none') }) +
      '\n' + ctx.t('bot.access.contact', {}) + ' ' + (await contacts(ctx));
  }
  if (user.role !== 'client' || user.companyId === null || ctx.contractValid !== false) return null;
  const company = await ctx.deps.desk.users.company({ companyId: user.companyId });
  return ctx.t('bot.access.blocked_no_contract', { company: company?.name ?? '' }) +
    '\n' + ctx.t('bot.access.contact', {}) + ' ' + (await contacts(ctx));
}

/** True when the user may write; otherwise tells them why (and answers a pressed button). */
export async function ensureMayWrite(ctx: DeskContext): Promise<boolean> {
  const text = await blockedText(ctx);
  if (text === null) return true;
  if (ctx.callbackQuery) await ctx.answerCbQuery(ctx.t('bot.access.blocked_short'));
  await replyHtml(ctx, text);
  return false;
}
