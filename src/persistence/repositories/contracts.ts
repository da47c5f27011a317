import type { EntityManager } from 'typeorm';
import type { ContractKind } from '../../domain/ticket/types';
import { CompanyEntity } from '../entities/company.entity';
import { ContractEntity } from '../entities/contract.entity';

export function findCompany(manager: EntityManager, id: string): Promise<CompanyEntity | null> {
  return manager.findOneBy(CompanyEntity, { id });
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
  const query = manager
    .createQueryBuilder(ContractEntity, 'c')
    .where('c.company_id = :companyId AND c.kind = :kind', { companyId, kind })
    .andWhere('c.starts_on <= :day AND c.ends_on >= :day', { day })
    .orderBy('c.starts_on', 'DESC')
    .limit(1);
  if (options.lock) query.setLock('pessimistic_write');
  return query.getOne();
}

/** Whether the company may work with the desk on `day`: any contract valid (SPEC §8). */
export async function companyHasValidContract(manager: EntityManager, companyId: string, day: string): Promise<boolean> {
  return manager
    .createQueryBuilder(ContractEntity, 'c')
    .where('c.company_id = :companyId', { companyId })
    .andWhere('c.starts_on <= :day AND c.ends_on >= :day', { day })
    .getExists();
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
