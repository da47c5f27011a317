import type { EntityManager } from 'typeorm';
import { UserEntity, type InviteEntity } from '../../persistence/entities';
import { consumeInvite, findInviteByToken } from '../../persistence/repositories/invites';
import { findUserByTelegramId } from '../../persistence/repositories/users';
import type { Language } from '../../i18n';

export interface TelegramProfile {
  readonly id: number;
  readonly firstName: string;
  readonly lastName?: string | undefined;
  readonly username?: string | undefined;
  readonly language: Language;
}

export type InviteRefusal = 'unknown' | 'expired' | 'used_up' | 'revoked';

export type RegistrationResult =
  | { readonly kind: 'registered'; readonly user: UserEntity }
  | { readonly kind: 'refused'; readonly reason: InviteRefusal };

function displayName(profile: TelegramProfile): string {
  return [profile.firstName, profile.lastName].filter((p) => p && p.trim() !== '').join(' ') || String(profile.id);
}

function refusal(invite: InviteEntity | null, now: Date): InviteRefusal {
  if (!invite) return 'unknown';
  if (invite.revokedAt !== null) return 'revoked';
  if (invite.expiresAt.getTime() <= now.getTime()) return 'expired';
  return 'used_up';
}

/**
 * SPEC §8: `/start <token>` uses one place of the invite and creates the user with the
 * invite's role, company or department. One transaction: a refused insert gives the place back.
 */
export async function registerByInvite(
  manager: EntityManager,
  token: string,
  profile: TelegramProfile,
  now: Date,
): Promise<RegistrationResult> {
  return manager.transaction(async (m) => {
    const invite = await consumeInvite(m, token, now);
    if (!invite) return { kind: 'refused', reason: refusal(await findInviteByToken(m, token), now) };
    const user = await m.save(
      m.create(UserEntity, {
        telegramId: profile.id,
        role: invite.role,
        companyId: invite.role === 'client' ? invite.companyId : null,
        departmentId: invite.role === 'client' ? null : invite.departmentId,
        language: profile.language,
        displayName: displayName(profile),
        username: profile.username ?? null,
        blocked: false,
        blockedReason: null,
        acceptedRegulationVersion: null,
        unreachable: false,
        createdAt: now,
        updatedAt: now,
      }),
    );
    return { kind: 'registered', user };
  });
}

/**
 * ADMIN_TELEGRAM_IDS: such a user becomes an admin on /start — created if new, upgraded if
 * registered with another role (a client loses the company link, as admins have none).
 */
export async function ensureAdmin(manager: EntityManager, profile: TelegramProfile, now: Date): Promise<UserEntity> {
  return manager.transaction(async (m) => {
    const existing = await findUserByTelegramId(m, profile.id);
    if (existing) {
      if (existing.role === 'admin') return existing;
      existing.role = 'admin';
      existing.companyId = null;
      existing.updatedAt = now;
      return m.save(existing);
    }
    return m.save(
      m.create(UserEntity, {
        telegramId: profile.id,
        role: 'admin',
        companyId: null,
        departmentId: null,
        language: profile.language,
        displayName: displayName(profile),
        username: profile.username ?? null,
        blocked: false,
        blockedReason: null,
        acceptedRegulationVersion: null,
        unreachable: false,
        createdAt: now,
        updatedAt: now,
      }),
    );
  });
}
