import type { BillingClass, ContractKind } from '../../domain/ticket/types';
import type { Language } from '../../i18n';
import type { UserView } from './user';

/** What /start tells a user from Telegram about themselves (the sender of the update). */
export interface TelegramProfile {
  readonly id: number;
  readonly firstName: string;
  readonly lastName?: string | undefined;
  readonly username?: string | undefined;
  /** The language to store for a new user (Telegram's, else the default). */
  readonly language: Language;
}

/** Why an invite token did not register anyone. */
export type InviteRefusal = 'unknown' | 'expired' | 'used_up' | 'revoked';

export type RegistrationResult =
  | { readonly kind: 'registered'; readonly user: UserView }
  | { readonly kind: 'refused'; readonly reason: InviteRefusal };

/** A published regulation version (SPEC §8). */
export interface RegulationView {
  readonly version: number;
  readonly summaryRu: string;
  readonly summaryEn: string;
  readonly url: string;
}

export type RegulationAcceptance =
  /** Recorded; the user's accepted version is now at least `version`. */
  | { readonly kind: 'accepted'; readonly version: number }
  /** The button was for another version than the current one: show `current` again. */
  | { readonly kind: 'outdated'; readonly current: RegulationView }
  /** Nothing is published (or the user is gone): nothing to accept. */
  | { readonly kind: 'none' };

/** One entry of the active service catalog (SPEC §2), as the new-ticket wizard shows it. */
export interface ServiceView {
  readonly code: string;
  readonly categoryCode: string;
  readonly selectable: boolean;
  readonly nameRu: string;
  readonly nameEn: string;
  readonly billing: BillingClass;
  readonly contractKind: ContractKind | null;
}

/** Someone a blocked client may contact: an admin of the desk. */
export interface ContactView {
  readonly displayName: string;
  readonly username: string | null;
  /** For a tap-to-open link to their chat (tg://user?id=…) when they have no @username. */
  readonly telegramId: number;
}

/** A client's company as the client sees it. */
export interface CompanyView {
  readonly id: string;
  readonly name: string;
}
