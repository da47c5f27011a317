import type { EntityManager } from 'typeorm';
import { UserEntity, type InviteEntity } from '../../persistence/entities';
import { consumeInvite, findInviteByToken } from '../../persistence/repositories/invites';
import { findUserByTelegramId } from '../../persistence/repositories/users';
import type { AppDeps } from '../deps';
import type { InviteRefusal, RegistrationResult, TelegramProfile } from '../views/access';
import type { UserView } from '../views/user';
import { toUserView } from '../views/user-view';

function displayName(profile: TelegramProfile): string {
  return [profile.firstName, profile.lastName].filter((p) => p && p.trim() !== '').join(' ') || String(profile.id);
}

function refusal(invite: InviteEntity | null, now: Date): InviteRefusal {
  if (!invite) return 'unknown';
  if (invite.revokedAt !== null) return 'revoked';
  if (invite.expiresAt.getTime() <= now.getTime()) return 'expired';
  return 'used_up';
}

function newUser(m: EntityManager, profile: TelegramProfile, fields: Pick<UserEntity, 'role' | 'companyId' | 'departmentId'>, now: Date): UserEntity {
  return m.create(UserEntity, {
    telegramId: profile.id,
    ...fields,
    language: profile.language,
    displayName: displayName(profile),
    username: profile.username ?? null,
    blocked: false,
    blockedReason: null,
    acceptedRegulationVersion: null,
    unreachable: false,
    createdAt: now,
    updatedAt: now,
  });
}

/**
 * SPEC §8: `/start <token>` uses one place of the invite and creates the user with the
 * invite's role and company (clients) or department (staff). One transaction: a refused insert
 * (e.g. the same Telegram id registering twice at once) gives the place back.
 */
export async function registerByInvite(
  deps: AppDeps,
  input: { readonly token: string; readonly profile: TelegramProfile },
): Promise<RegistrationResult> {
  const now = deps.clock.now();
  return deps.dataSource.transaction(async (m) => {
    const invite = await consumeInvite(m, input.token, now);
    if (!invite) return { kind: 'refused', reason: refusal(await findInviteByToken(m, input.token), now) };
    const client = invite.role === 'client';
    const user = await m.save(
      newUser(m, input.profile, { role: invite.role, companyId: client ? invite.companyId : null, departmentId: client ? null : invite.departmentId }, now),
    );
    return { kind: 'registered', user: toUserView(user) };
  });
}

/**
 * ADMIN_TELEGRAM_IDS: such a user is an admin — created if new, upgraded if registered with
 * another role (a client loses the company link, as admins have none). The caller decides
 * whether the Telegram id is one of them (configuration). One transaction, the row locked.
 */
export async function ensureAdmin(deps: AppDeps, input: { readonly profile: TelegramProfile }): Promise<UserView> {
  const now = deps.clock.now();
  return deps.dataSource.transaction(async (m) => {
    const existing = await findUserByTelegramId(m, input.profile.id, { lock: true });
    if (existing?.role === 'admin') return toUserView(existing);
    if (existing) {
      await m.update(UserEntity, { id: existing.id }, { role: 'admin', companyId: null, updatedAt: now });
      return toUserView({ ...existing, role: 'admin', companyId: null, updatedAt: now });
    }
    return toUserView(await m.save(newUser(m, input.profile, { role: 'admin', companyId: null, departmentId: null }, now)));
  });
}
