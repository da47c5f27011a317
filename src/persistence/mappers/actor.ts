import type { Actor } from '../../domain/ticket/types';
import type { UserEntity } from '../entities/user.entity';

/** The facts about a user that the domain's guards need. */
export function toActor(user: UserEntity): Actor {
  return {
    kind: 'user',
    userId: user.id,
    role: user.role,
    companyId: user.companyId,
    departmentId: user.departmentId,
  };
}
