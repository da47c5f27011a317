import { AdminError, AdminInputError } from '../../../application/admin/errors';
import type { UserView } from '../../../application/views/user';
import type { DeskContext } from '../../context';
import { replyHtml, replyKey, type HtmlExtra } from '../../html';

export type AdminUser = UserView & { readonly role: 'admin' };

export function isAdmin(user: UserView | null): user is AdminUser {
  return user !== null && user.role === 'admin' && !user.blocked;
}

/** The server-side check behind every admin command and button: an unblocked admin. */
export async function requireAdmin(ctx: DeskContext): Promise<AdminUser | null> {
  const user = ctx.user;
  if (isAdmin(user)) return user;
  if (ctx.callbackQuery) await ctx.answerCbQuery(ctx.t('admin.only_admins'), { show_alert: true });
  else await replyKey(ctx, 'admin.only_admins');
  return null;
}

/**
 * An admin function's refusal in the admin's language, naming the field and what is wrong
 * ("Hours: enter a number from 1 to 744."), never the English text meant for the CLI.
 */
export function adminErrorText(ctx: DeskContext, error: AdminError): string {
  if (error instanceof AdminInputError) {
    return ctx.t(error.code, {
      field: ctx.t(`admin.field.${error.field}`),
      issue: ctx.t(`admin.rule.${error.rule}`, error.ruleParams),
    });
  }
  // Entities and roles by their names in the admin's language, never as codes.
  const named = (key: string, prefix: string): Record<string, string> => {
    const value = error.params[key];
    return typeof value === 'string' && ctx.t(`${prefix}.${value}`) !== `${prefix}.${value}` ? { [key]: ctx.t(`${prefix}.${value}`) } : {};
  };
  return ctx.t(error.code, { ...error.params, ...named('entity', 'admin.entity'), ...named('from', 'admin.role'), ...named('to', 'admin.role') });
}

/** Runs an admin function; its refusal (AdminError) is told to the admin and gives null. */
export async function adminTry<T>(ctx: DeskContext, run: () => Promise<T> | T, extra: HtmlExtra = {}): Promise<T | null> {
  try {
    return await run();
  } catch (error) {
    if (!(error instanceof AdminError)) throw error;
    await replyHtml(ctx, adminErrorText(ctx, error), extra);
    return null;
  }
}
