import type { EntityManager } from 'typeorm';
import { CompanyEntity } from '../../../src/persistence/entities';
import { nextSequence } from './sequence';

export async function createCompany(manager: EntityManager, overrides: Partial<CompanyEntity> = {}): Promise<CompanyEntity> {
  return manager.save(manager.create(CompanyEntity, { name: `Clinic ${nextSequence()}`, ...overrides }));
}
