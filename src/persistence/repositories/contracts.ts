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

/** SQL: whether the company `company` may work with the desk on `day` (YYYY-MM-DD): any contract valid (SPEC §8). */
export function contractValidSql(company: string, day: string): string {
  return `EXISTS (SELECT 1 FROM contracts c WHERE c.company_id = ${company} AND c.starts_on <= ${day} AND c.ends_on >= ${day})`;
}

/**
 * SQL: for the users row `user` of a client of a company, contractValidSql of the company on
 * `day`; NULL for anyone else (what writeBlock takes as contractValidToday).
 */
export function clientContractValidSql(user: string, day: string): string {
  return `CASE WHEN ${user}."role" = 'client' AND ${user}."company_id" IS NOT NULL THEN ${contractValidSql(`${user}."company_id"`, day)} END`;
}

/** Whether the company may work with the desk on `day`: any contract valid (SPEC §8). */
export async function companyHasValidContract(manager: EntityManager, companyId: string, day: string): Promise<boolean> {
  const [row] = await namedQuery<{ valid: boolean }>(manager, `SELECT ${contractValidSql('$1', '$2')} AS valid`, [companyId, day]);
  return row?.valid === true;
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
