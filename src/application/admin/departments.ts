import type { EntityManager } from 'typeorm';
import { z } from 'zod';
import { DepartmentEntity } from '../../persistence/entities';
import { AdminDuplicateError, AdminNotFoundError } from './errors';
import { isUuid, parseInput } from './parse';
import { departmentNameField, ruleMessage } from './rules';

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
  code: z.string({ error: ruleMessage('required') }).trim().toLowerCase().regex(/^[a-z][a-z0-9_]{1,30}$/, ruleMessage('department_code')),
  nameRu: departmentNameField,
  nameEn: departmentNameField,
});

/** A code from the English name ("Field service" → field_service), free in the table (field_service_2…). */
async function freeCode(manager: EntityManager, nameEn: string): Promise<string> {
  const base = `d_${nameEn.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '')}`.replace(/^d_([a-z])/, '$1').slice(0, 26).replace(/_+$/, '');
  const stem = /^[a-z][a-z0-9_]{1,}$/.test(base) ? base : 'dept';
  for (let n = 1; ; n++) {
    const code = n === 1 ? stem : `${stem}_${n}`;
    if (!(await manager.existsBy(DepartmentEntity, { code }))) return code;
  }
}

/**
 * Adds a department; without a code (the bot's form asks only the two names) one is made from
 * the English name. Throws AdminInputError, AdminDuplicateError when the code is taken.
 */
export async function createDepartment(
  manager: EntityManager,
  input: Omit<z.input<typeof departmentSchema>, 'code'> & { readonly code?: string },
): Promise<DepartmentEntity> {
  const names = parseInput(departmentSchema.pick({ nameRu: true, nameEn: true }), input);
  const d = parseInput(departmentSchema, { ...input, code: input.code ?? (await freeCode(manager, names.nameEn)) });
  if (await manager.existsBy(DepartmentEntity, { code: d.code })) throw new AdminDuplicateError('department', d.code);
  return manager.save(manager.create(DepartmentEntity, d));
}
