import type { EntityManager } from 'typeorm';
import type { ContractKind } from '../../domain/ticket/types';
import { CompanyEntity } from '../entities/company.entity';
import { ContractEntity } from '../entities/contract.entity';
import { selectEntities, selectEntity } from '../fast-select';
import { namedQuery } from '../named-query';

export function findCompany(manager: EntityManager, id: string): Promise<CompanyEntity | null> {
  return selectEntity(manager, CompanyEntity, '"e"."id" = $1', [id]);
}

/** Companies whose name is `name`, case aside. */
export function findCompaniesByName(manager: EntityManager, name: string): Promise<CompanyEntity[]> {
  return selectEntities(manager, CompanyEntity, 'lower("e"."name") = lower($1)', [name]);
}

/**
 * The company's contract of this kind valid on `day` (YYYY-MM-DD, vendor zone); when renewals
 * overlap, the one that started last. With `lock`, the row stays locked until the transaction
 * ends: acceptances charging the same contract then check the month's budget one at a time.
 */
export async function findValidContract(
  manager: EntityManager,
  companyId: string,
  kind: ContractKind,
  day: string,
  options: { readonly lock?: boolean } = {},
): Promise<ContractEntity | null> {
  return selectEntity(
    manager,
    ContractEntity,
    '"e"."company_id" = $1 AND "e"."kind" = $2 AND "e"."starts_on" <= $3 AND "e"."ends_on" >= $3',
    [companyId, kind, day],
    `ORDER BY "e"."starts_on" DESC LIMIT 1${options.lock ? ' FOR UPDATE' : ''}`,
  );
}

/** Whether the company may work with the desk on `day`: any contract valid (SPEC §8). */
export async function companyHasValidContract(manager: EntityManager, companyId: string, day: string): Promise<boolean> {
  const rows = await namedQuery(
    manager,
    `SELECT 1 FROM contracts WHERE company_id = $1 AND starts_on <= $2 AND ends_on >= $2 LIMIT 1`,
    [companyId, day],
  );
  return rows.length > 0;
}

/** Contracts whose last day falls in [from, to] (YYYY-MM-DD, inclusive), for the end-of-contract notices. */
export function contractsEndingBetween(manager: EntityManager, from: string, to: string): Promise<ContractEntity[]> {
  return manager
    .createQueryBuilder(ContractEntity, 'c')
    .where('c.ends_on BETWEEN :from AND :to', { from, to })
    .orderBy('c.ends_on')
    .addOrderBy('c.id')
    .getMany();
}
