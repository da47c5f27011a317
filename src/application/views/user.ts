import type { Role } from '../../domain/ticket/types';
import type { Language } from '../../i18n';

/**
 * A registered user as the callers of the application (bot, CLI) see them: a plain object,
 * never a persistence entity.
 */
export interface UserView {
  readonly id: string;
  readonly telegramId: number;
  readonly role: Role;
  /** Set exactly for clients. */
  readonly companyId: string | null;
  /** Required for engineers, optional for admins, never for clients. */
  readonly departmentId: string | null;
  readonly language: Language;
  readonly displayName: string;
  readonly username: string | null;
  /** Blocked by an admin. */
  readonly blocked: boolean;
  readonly blockedReason: string | null;
  readonly acceptedRegulationVersion: number | null;
  /** The user blocked the bot (Telegram 403); the outbox stops trying until they return. */
  readonly unreachable: boolean;
}
