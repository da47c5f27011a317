import type { Actor } from '../../domain/ticket/types';
import type { UserView } from './user';

/** What handling one Telegram update starts from (SessionDesk.claimUpdate). */
export interface UpdateContextView {
  /** This delivery claimed the update_id and is the one that acts; false for a duplicate. */
  readonly fresh: boolean;
  /**
   * Not fresh, and not finished either: another live instance is handling it right now. The
   * delivery must not be acknowledged (its handling may still fail and need this redelivery).
   */
  readonly inProgress: boolean;
  /** The registered user with the sender's Telegram id, or null. */
  readonly user: UserView | null;
  /** The domain's view of `user`; null exactly when `user` is. */
  readonly actor: Actor | null;
  /** The stored dialog state of this user in this chat (its shape is the caller's business), or null. */
  readonly dialog: unknown;
  /** The newest published regulation version, or null when none is published. */
  readonly regulationVersion: number | null;
  /** For a client: whether their company has a contract valid today (SPEC §8); null for anyone else. */
  readonly contractValid: boolean | null;
  /** The name of the user's company (titles of /my and /hours, the no-contract notice); null without one. */
  readonly companyName: string | null;
}

/** One user in one chat: where a dialog is stored. */
export interface DialogKey {
  readonly chatId: number;
  /** The user's Telegram id. */
  readonly userId: number;
}
