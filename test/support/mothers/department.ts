import type { EntityManager } from 'typeorm';
import { DepartmentEntity } from '../../../src/persistence/entities';

/** The four departments come from the seed migration; tests look them up by code. */
export type DepartmentCode = 'implementation' | 'quality' | 'sales' | 'support';

export async function seededDepartment(manager: EntityManager, code: DepartmentCode = 'support'): Promise<DepartmentEntity> {
  return manager.findOneByOrFail(DepartmentEntity, { code });
}
