import { NotFoundError } from '../../domain/ticket/errors';
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
