import type { EntityManager } from 'typeorm';
import { NotFoundError } from '../../domain/ticket/errors';
import type { Actor } from '../../domain/ticket/types';
import { writeBlock } from '../../domain/ticket/write-access';
import type { UserEntity } from '../../persistence/entities/user.entity';
import { companyHasValidContract } from '../../persistence/repositories/contracts';
import { findUserById } from '../../persistence/repositories/users';
import { toActor } from '../../persistence/mappers/actor';
import { UserBlockedError } from './errors';

/** Who asks a use case to act: a user (as the bot knows them) or the scheduler. */
export type Acting = Actor | 'system';

/** The actor as stored now, and the user row behind it (null for the system). */
export interface ActingUser {
  readonly actor: Actor;
  readonly user: UserEntity | null;
}

/**
 * Reloads the acting user inside the transaction, so role, company and department are the
 * stored ones, not what the caller remembered.
 * @throws NotFoundError (`user`) when the user no longer exists.
 */
export async function loadActingUser(manager: EntityManager, acting: Acting): Promise<ActingUser> {
  if (acting === 'system' || acting.kind === 'system') return { actor: { kind: 'system' }, user: null };
  const user = await findUserById(manager, acting.userId);
  if (!user) throw new NotFoundError('user', acting.userId);
  return { actor: toActor(user), user };
}

/**
 * SPEC §8: a blocked account acts on nothing; a client whose company has no valid contract on
 * `today` (YYYY-MM-DD, vendor zone) cannot create, comment or answer either.
 * @throws UserBlockedError (`account` or `no_contract`).
 */
export async function assertNotBlocked(manager: EntityManager, user: UserEntity, today: string): Promise<void> {
  const contractValid =
    !user.blocked && user.role === 'client' && user.companyId !== null ? await companyHasValidContract(manager, user.companyId, today) : null;
  const block = writeBlock(user, contractValid);
  if (block) throw new UserBlockedError(block, block === 'account' ? user.blockedReason : null);
}
