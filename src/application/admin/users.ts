import { In, type EntityManager } from 'typeorm';
import { z } from 'zod';
import { UserEntity } from '../../persistence/entities';
import { AdminDuplicateError, AdminNotFoundError, RoleChangeError } from './errors';
import { findDepartmentByRef } from './departments';
import { isUuid, parseInput } from './parse';
import { ruleMessage, textField } from './rules';

/** A user by id or by Telegram id (digits). Throws AdminNotFoundError. */
export async function findUserByRef(manager: EntityManager, ref: string | number): Promise<UserEntity> {
  const text = String(ref).trim();
  const where = /^\d{1,16}$/.test(text) ? { telegramId: Number(text) } : isUuid(text) ? { id: text } : null;
  const found = where ? await manager.findOneBy(UserEntity, where) : null;
  if (!found) throw new AdminNotFoundError('user', text);
  return found;
}

/** Engineers and admins, of one department or all, by name. */
export function listStaff(manager: EntityManager, departmentId?: string): Promise<UserEntity[]> {
  return manager.find(UserEntity, {
    where: { role: In(['engineer', 'admin']), ...(departmentId ? { departmentId } : {}) },
    order: { displayName: 'ASC', createdAt: 'ASC' },
  });
}

/** Client users, of one company or all. */
export function listClientUsers(manager: EntityManager, companyId?: string): Promise<UserEntity[]> {
  return manager.find(UserEntity, {
    where: { role: 'client', ...(companyId ? { companyId } : {}) },
    order: { companyId: 'ASC', displayName: 'ASC' },
  });
}

/** Moves an engineer or admin to a department. Throws AdminNotFoundError, RoleChangeError for clients. */
export async function moveToDepartment(
  manager: EntityManager,
  userRef: string | number,
  departmentRef: string,
  now: Date,
): Promise<UserEntity> {
  const user = await findUserByRef(manager, userRef);
  if (user.role === 'client') throw new RoleChangeError('client', 'engineer');
  const department = await findDepartmentByRef(manager, departmentRef);
  await manager.update(UserEntity, { id: user.id }, { departmentId: department.id, updatedAt: now });
  return { ...user, departmentId: department.id };
}

const staffRole = z.enum(['engineer', 'admin'], { error: ruleMessage('unknown_value') });

/**
 * Makes a staff member an engineer or an admin. An engineer needs a department, so demoting
 * an admin without one needs `departmentRef`. Throws RoleChangeError for clients and for an
 * engineer without a department, AdminInputError for another role.
 */
export async function setStaffRole(
  manager: EntityManager,
  userRef: string | number,
  role: string,
  now: Date,
  departmentRef?: string,
): Promise<UserEntity> {
  const next = parseInput(staffRole, role, 'role');
  const user = await findUserByRef(manager, userRef);
  if (user.role === 'client') throw new RoleChangeError(user.role, next);
  const departmentId = departmentRef ? (await findDepartmentByRef(manager, departmentRef)).id : user.departmentId;
  if (next === 'engineer' && !departmentId) throw new RoleChangeError(user.role, next);
  await manager.update(UserEntity, { id: user.id }, { role: next, departmentId, updatedAt: now });
  return { ...user, role: next, departmentId };
}

const telegramId = z.coerce.number({ error: ruleMessage('telegram_id') }).int(ruleMessage('telegram_id')).positive(ruleMessage('telegram_id')).max(2 ** 52, ruleMessage('telegram_id'));

/**
 * Bootstrap: makes the Telegram user an admin. A user already known as staff is promoted;
 * an unknown one gets a users row (name from `displayName` or the id) and accepts the
 * regulation on first /start. Throws AdminDuplicateError when the id belongs to a client.
 */
export async function addAdmin(
  manager: EntityManager,
  input: { readonly telegramId: string | number; readonly displayName?: string },
  now: Date,
): Promise<UserEntity> {
  const id = parseInput(telegramId, input.telegramId, 'telegramId');
  const existing = await manager.findOneBy(UserEntity, { telegramId: id });
  if (existing?.role === 'client') throw new AdminDuplicateError('user', String(id));
  if (existing) {
    await manager.update(UserEntity, { id: existing.id }, { role: 'admin', updatedAt: now });
    return { ...existing, role: 'admin' };
  }
  return manager.save(
    manager.create(UserEntity, {
      telegramId: id,
      role: 'admin',
      companyId: null,
      departmentId: null,
      language: 'ru',
      displayName: input.displayName?.trim() || `admin ${id}`,
      username: null,
      createdAt: now,
      updatedAt: now,
    }),
  );
}

/** Why a user's access is suspended (they see it): 3–500 characters. */
export const blockReasonField = textField(3, 500);

/** Blocks a user with a reason (SPEC §8; the bot shows it). Throws AdminInputError, AdminNotFoundError. */
export async function blockUser(
  manager: EntityManager,
  userRef: string | number,
  reason: string,
  now: Date,
): Promise<UserEntity> {
  const clean = parseInput(blockReasonField, reason, 'reason');
  const user = await findUserByRef(manager, userRef);
  await manager.update(UserEntity, { id: user.id }, { blocked: true, blockedReason: clean, updatedAt: now });
  return { ...user, blocked: true, blockedReason: clean };
}

export async function unblockUser(manager: EntityManager, userRef: string | number, now: Date): Promise<UserEntity> {
  const user = await findUserByRef(manager, userRef);
  await manager.update(UserEntity, { id: user.id }, { blocked: false, blockedReason: null, updatedAt: now });
  return { ...user, blocked: false, blockedReason: null };
}
