import type { EntityManager } from 'typeorm';
import { findDepartmentByRef } from '../admin/departments';
import { RoleChangeError } from '../admin/errors';
import { findUserByRef } from '../admin/users';
import { addMembership, departmentIdsOf, removeMembership } from '../../persistence/repositories/departments';
import type { AppDeps } from '../deps';

/** The departments a user belongs to, the primary first. */
export function memberDepartments(deps: AppDeps, input: { readonly userId: string }): Promise<string[]> {
  return departmentIdsOf(deps.dataSource.manager, input.userId);
}

/**
 * The admin's "also works in" (CLI `user join`): the staff member named as an admin types it
 * (Telegram id, id) joins the department named by code or id, besides the primary one.
 * Returns the user and whether the membership is new. Throws AdminNotFoundError, RoleChangeError for clients.
 */
export async function joinDepartmentByRef(manager: EntityManager, userRef: string | number, departmentRef: string, now: Date) {
  const user = await findUserByRef(manager, userRef);
  if (user.role === 'client') throw new RoleChangeError('client', 'engineer');
  const department = await findDepartmentByRef(manager, departmentRef);
  return { user, department, added: await addMembership(manager, user.id, department.id, now) };
}

/** The admin's "no longer works in" (CLI `user leave`); the primary department cannot be left this way (`user move`). */
export async function leaveDepartmentByRef(manager: EntityManager, userRef: string | number, departmentRef: string) {
  const user = await findUserByRef(manager, userRef);
  const department = await findDepartmentByRef(manager, departmentRef);
  return { user, department, removed: await removeMembership(manager, user.id, department.id) };
}
