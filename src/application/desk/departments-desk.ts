import type { AppDeps } from '../deps';
import { memberDepartments } from '../departments/memberships';
import { transferTargets, transferToDepartment } from '../departments/transfer';
import { bindDeps } from './bind';

/** Departments (issue 12): moving a misfiled ticket, and engineers belonging to several departments. */
export function createDepartmentsDesk(deps: AppDeps) {
  const bind = bindDeps(deps);
  return {
    /** The departments a ticket may move to (all but its own). */
    transferTargets: bind(transferTargets),
    /** Moves a ticket to another department with a reason (see transferToDepartment). */
    transfer: bind(transferToDepartment),
    memberDepartments: bind(memberDepartments),
  };
}

export type DepartmentsDesk = ReturnType<typeof createDepartmentsDesk>;
