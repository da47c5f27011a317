import type { EntityManager } from 'typeorm';
import { z } from 'zod';
import { DepartmentEntity } from '../../persistence/entities';
import { AdminDuplicateError, AdminNotFoundError } from './errors';
import { isUuid, parseInput } from './parse';

export function listDepartments(manager: EntityManager): Promise<DepartmentEntity[]> {
  return manager.find(DepartmentEntity, { order: { code: 'ASC' } });
}

/** A department by id or code. Throws AdminNotFoundError. */
export async function findDepartmentByRef(manager: EntityManager, ref: string): Promise<DepartmentEntity> {
  const trimmed = ref.trim();
  const found = await manager.findOneBy(DepartmentEntity, isUuid(trimmed) ? { id: trimmed } : { code: trimmed.toLowerCase() });
  if (!found) throw new AdminNotFoundError('department', trimmed);
  return found;
}

const departmentSchema = z.object({
  code: z.string().trim().toLowerCase().regex(/^[a-z][a-z0-9_]{1,30}$/, 'latin letters, digits and _, 2–31 characters'),
  nameRu: z.string().trim().min(2, 'at least 2 characters').max(100, 'at most 100 characters'),
  nameEn: z.string().trim().min(2, 'at least 2 characters').max(100, 'at most 100 characters'),
});

/** Adds a department. Throws AdminInputError, AdminDuplicateError when the code is taken. */
export async function createDepartment(
  manager: EntityManager,
  input: z.input<typeof departmentSchema>,
): Promise<DepartmentEntity> {
  const d = parseInput(departmentSchema, input);
  if (await manager.existsBy(DepartmentEntity, { code: d.code })) throw new AdminDuplicateError('department', d.code);
  return manager.save(manager.create(DepartmentEntity, d));
}
