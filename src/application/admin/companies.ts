import type { EntityManager } from 'typeorm';
import { CompanyEntity } from '../../persistence/entities';
import { findCompaniesByName } from '../../persistence/repositories/contracts';
import { AdminAmbiguousError, AdminNotFoundError } from './errors';
import { isUuid, parseInput } from './parse';
import { textField } from './rules';

/** A company's name: 2–200 characters. */
export const companyNameField = textField(2, 200);

/** Creates a client company. Throws AdminInputError on a blank or overlong name. */
export async function createCompany(manager: EntityManager, name: string): Promise<CompanyEntity> {
  const clean = parseInput(companyNameField, name, 'name');
  return manager.save(manager.create(CompanyEntity, { name: clean }));
}

export function listCompanies(manager: EntityManager): Promise<CompanyEntity[]> {
  return manager.find(CompanyEntity, { order: { name: 'ASC', createdAt: 'ASC' } });
}

/**
 * A company by id or by name (case-insensitive, exact).
 * Throws AdminNotFoundError, or AdminAmbiguousError when several share the name.
 */
export async function findCompanyByRef(manager: EntityManager, ref: string): Promise<CompanyEntity> {
  const trimmed = ref.trim();
  if (isUuid(trimmed)) {
    const byId = await manager.findOneBy(CompanyEntity, { id: trimmed });
    if (byId) return byId;
  }
  const byName = await findCompaniesByName(manager, trimmed);
  if (byName.length > 1) throw new AdminAmbiguousError('company', trimmed);
  const [found] = byName;
  if (!found) throw new AdminNotFoundError('company', trimmed);
  return found;
}

/** Renames a company found by id or name. Throws as findCompanyByRef, or AdminInputError. */
export async function renameCompany(manager: EntityManager, ref: string, name: string): Promise<CompanyEntity> {
  const clean = parseInput(companyNameField, name, 'name');
  const company = await findCompanyByRef(manager, ref);
  await manager.update(CompanyEntity, { id: company.id }, { name: clean });
  return { ...company, name: clean };
}
