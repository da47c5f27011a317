import type { Context } from 'telegraf';
import type { Actor } from '../domain/ticket/types';
import type { Language, TranslationParams } from '../i18n';
import type { Logger } from '../logger';
import type { UserView } from '../application/views/user';
import type { DialogState } from './dialog';
import type { BotDeps } from './deps';

/**
 * The context every feature sees. The runtime's middlewares fill these fields before any
 * feature runs (see create-bot.ts); features never read the database for the current user.
 */
export interface DeskContext extends Context {
  deps: BotDeps;
  /** Child logger carrying update_id. */
  log: Logger;
  /** The instant this update is handled at (from deps.clock, read once). */
  now: Date;
  /** The registered user, or null for someone who has not registered by invite. */
  user: UserView | null;
  /** The domain's view of `user`; null exactly when `user` is. */
  actor: Actor | null;
  lang: Language;
  /** Translates in the user's language; parameters are HTML-escaped. */
  t: (key: string, params?: TranslationParams) => string;
  /** The stored dialog state of this user in this chat (a wizard draft, a pending reason…). */
  dialog: DialogState | null;
  /**
   * The dialog as this update found it (before any step of this update): what saveDialog
   * records beside the new state, so that handling this update again starts from the same
   * state and ends in the same one (dialog.ts).
   */
  dialogAtStart: DialogState | null;
  /** This update's callback query has been answered (the error handler must not answer it again). */
  callbackAnswered: boolean;
  /** The newest published regulation version (null when none is): the one the user must have accepted. */
  regulationVersion: number | null;
  /** For a client: their company has a contract valid today (SPEC §8); null for staff and strangers. */
  contractValid: boolean | null;
  /** The name of the user's company, read with the claim (titles, the no-contract notice); null without one. */
  companyName: string | null;
}
