import type { Actor } from '../../domain/ticket/types';
import type { UserEntity } from '../../persistence/entities/user.entity';
import type { UserView } from './user';

/** The stored user as callers see them: a plain copy, so no entity crosses into the bot. */
export function toUserView(user: UserEntity): UserView {
  return {
    id: user.id,
    telegramId: user.telegramId,
    role: user.role,
    companyId: user.companyId,
    departmentId: user.departmentId,
    language: user.language,
    displayName: user.displayName,
    username: user.username,
    blocked: user.blocked,
    blockedReason: user.blockedReason,
    acceptedRegulationVersion: user.acceptedRegulationVersion,
    unreachable: user.unreachable,
  };
}

/** The facts about a user that the domain's guards need (what a use case's `actor` is). */
export function actorOf(user: Pick<UserView, 'id' | 'role' | 'companyId' | 'departmentId'>): Actor {
  return { kind: 'user', userId: user.id, role: user.role, companyId: user.companyId, departmentId: user.departmentId };
}
