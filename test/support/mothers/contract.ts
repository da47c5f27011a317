import type { EntityManager } from 'typeorm';
import { ContractEntity } from '../../../src/persistence/entities';
import { nextSequence } from './sequence';

/** A support contract for 2026 with 40 norm-hours a month, unless told otherwise. */
export async function createContract(
  manager: EntityManager,
  companyId: string,
  overrides: Partial<ContractEntity> = {},
): Promise<ContractEntity> {
  return manager.save(
    manager.create(ContractEntity, {
      companyId,
      kind: 'support',
      number: `SUP-${nextSequence()}`,
      startsOn: '2026-01-01',
      endsOn: '2026-12-31',
      monthlyHours: 40,
      modificationsIncluded: false,
      ...overrides,
    }),
  );
}
