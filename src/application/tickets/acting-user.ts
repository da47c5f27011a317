import type { EntityManager } from 'typeorm';
import { NotFoundError } from '../../domain/ticket/errors';
import type { Actor } from '../../domain/ticket/types';
import { writeBlock } from '../../domain/ticket/write-access';
import type { UserEntity } from '../../persistence/entities/user.entity';
import { findUserById, findUserWithContract, type UserWithContract } from '../../persistence/repositories/users';
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

/** The acting user as loadActingUser gives it, with whether their company may write today. */
export interface WritingUser extends ActingUser {
  /** For an unblocked client of a company: whether a contract is valid today; null otherwise. */
  readonly contractValid: boolean | null;
  /** The current regulation's version (null before any is published), read in the same statement. */
  readonly regulationVersion: number | null;
}

/**
 * loadActingUser for a write: the user and their company's contract validity on `today`
 * (YYYY-MM-DD, vendor zone) in one statement, for assertMayWrite.
 * @throws NotFoundError (`user`) when the user no longer exists.
 */
export async function loadWritingUser(manager: EntityManager, acting: Acting, today: string): Promise<WritingUser> {
  const userId = actingUserId(acting);
  return writingUserFrom(acting, userId === null ? null : await findUserWithContract(manager, userId, today));
}

/** The acting user's id; null for the system. */
export function actingUserId(acting: Acting): string | null {
  return acting === 'system' || acting.kind === 'system' ? null : acting.userId;
}

/**
 * The WritingUser of `acting` from the row a statement read for them (findUserWithContract's
 * columns, possibly beside other things: lockTicketForWriting, ticket creation).
 * @throws NotFoundError (`user`) when a user acts and `writer` is null (no such user).
 */
export function writingUserFrom(acting: Acting, writer: UserWithContract | null): WritingUser {
  const userId = actingUserId(acting);
  if (userId === null) return { actor: { kind: 'system' }, user: null, contractValid: null, regulationVersion: null };
  if (!writer) throw new NotFoundError('user', userId);
  return { actor: toActor(writer.user), user: writer.user, contractValid: writer.contractValid, regulationVersion: writer.regulationVersion };
}

/**
 * SPEC §8: a blocked account acts on nothing; a client whose company has no valid contract
 * cannot create, comment or answer either.
 * @throws UserBlockedError (`account` or `no_contract`).
 */
export function assertMayWrite(user: UserEntity, contractValid: boolean | null): void {
  const block = writeBlock(user, contractValid);
  if (block) throw new UserBlockedError(block, block === 'account' ? user.blockedReason : null);
}
