import type { EntityManager } from 'typeorm';
import { DepartmentEntity } from '../entities/department.entity';
import { namedQuery } from '../named-query';

/**
 * Departments and who belongs to them. An engineer's primary department is
 * `users.department_id`; `department_members` lists further ones (migration
 * DepartmentMembers). Staff of a department: engineers and admins whose primary department it
 * is, or who are members of it.
 */

/** SQL condition: the user row aliased `alias` is staff of the department `$param`. */
export function memberOf(alias: string, param: string): string {
  return `(${alias}.department_id = ${param} OR EXISTS (SELECT 1 FROM department_members dm WHERE dm.user_id = ${alias}.id AND dm.department_id = ${param}))`;
}

export function findDepartment(manager: EntityManager, id: string): Promise<DepartmentEntity | null> {
  return manager.findOneBy(DepartmentEntity, { id });
}

export function allDepartments(manager: EntityManager): Promise<DepartmentEntity[]> {
  return manager.find(DepartmentEntity, { order: { code: 'ASC' } });
}

/** Whether the user is an unblocked engineer or admin of the department (primary or member). */
export async function isDepartmentStaff(manager: EntityManager, userId: string, departmentId: string): Promise<boolean> {
  const rows = await namedQuery<{ ok: number }>(
    manager,
    `SELECT 1 AS ok FROM users u WHERE u.id = $1 AND u.role IN ('engineer', 'admin') AND NOT u.blocked AND ${memberOf('u', '$2')}`,
    [userId, departmentId],
  );
  return rows.length > 0;
}

/** How many unblocked engineers (admins not counted) the department has, primary or member. */
export async function activeEngineerCount(manager: EntityManager, departmentId: string): Promise<number> {
  const rows = await namedQuery<{ n: number }>(
    manager,
    `SELECT count(*)::int AS n FROM users u WHERE u.role = 'engineer' AND NOT u.blocked AND ${memberOf('u', '$1')}`,
    [departmentId],
  );
  return rows[0]?.n ?? 0;
}

/** The departments the user belongs to: the primary one first, then the others by code. */
export async function departmentIdsOf(manager: EntityManager, userId: string): Promise<string[]> {
  const rows = await namedQuery<{ id: string }>(
    manager,
    `SELECT d.id FROM departments d JOIN users u ON u.id = $1
      WHERE ${memberOf('u', 'd.id')}
      ORDER BY (d.id = u.department_id) DESC, d.code`,
    [userId],
  );
  return rows.map((r) => r.id);
}

/** Adds a membership; false when the user already belonged there (primary or member). */
export async function addMembership(manager: EntityManager, userId: string, departmentId: string, now: Date): Promise<boolean> {
  const rows: unknown[] = await manager.query(
    `INSERT INTO department_members (user_id, department_id, created_at)
     SELECT $1, $2, $3 WHERE NOT EXISTS (SELECT 1 FROM users WHERE id = $1 AND department_id = $2)
     ON CONFLICT DO NOTHING RETURNING user_id`,
    [userId, departmentId, now],
  );
  return rows.length === 1;
}

/** Removes a membership (not the primary department); false when there was none. */
export async function removeMembership(manager: EntityManager, userId: string, departmentId: string): Promise<boolean> {
  // namedQuery returns the RETURNING rows (manager.query gives [rows, count] for a DELETE).
  const rows = await namedQuery<{ user_id: string }>(
    manager,
    'DELETE FROM department_members WHERE user_id = $1 AND department_id = $2 RETURNING user_id',
    [userId, departmentId],
  );
  return rows.length === 1;
}
