import type { EntityManager } from 'typeorm';
import { NotFoundError } from '../../domain/ticket/errors';
import { findDepartmentByRef } from '../admin/departments';
import { RoleChangeError } from '../admin/errors';
import { findUserByRef } from '../admin/users';
import { addMembership, departmentIdsOf, findDepartment, removeMembership } from '../../persistence/repositories/departments';
import { findUserById } from '../../persistence/repositories/users';
import type { AppDeps } from '../deps';

export interface MembershipInput {
  readonly userId: string;
  readonly departmentId: string;
}

/**
 * An engineer (or admin) also belongs to another department (issue 12): they hear of its new
 * tickets, may hold its tickets, see it among their departments. The primary department
 * (users.department_id) is not a membership. True when it was added.
 * @throws NotFoundError (`user` — not staff —, `department`).
 */
export async function addDepartmentMember(deps: AppDeps, input: MembershipInput): Promise<boolean> {
  return deps.dataSource.transaction(async (manager) => {
    const user = await findUserById(manager, input.userId);
    if (!user || user.role === 'client') throw new NotFoundError('user', input.userId);
    if (!(await findDepartment(manager, input.departmentId))) throw new NotFoundError('department', input.departmentId);
    return addMembership(manager, user.id, input.departmentId, deps.clock.now());
  });
}

/** Ends a membership (the primary department stays); true when there was one. */
export async function removeDepartmentMember(deps: AppDeps, input: MembershipInput): Promise<boolean> {
  return deps.dataSource.transaction((manager) => removeMembership(manager, input.userId, input.departmentId));
}

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
