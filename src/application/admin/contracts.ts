import type { EntityManager } from 'typeorm';
import { z } from 'zod';
import { isIsoDate } from '../../domain/calendar';
import { CONTRACT_KINDS } from '../../domain/ticket/types';
import { ContractEntity } from '../../persistence/entities';
import { findCompanyByRef } from './companies';
import { parseInput } from './parse';

const isoDate = z.string().trim().refine(isIsoDate, 'a date YYYY-MM-DD');

export const contractInputSchema = z
  .object({
    company: z.string().trim().min(1, 'required'),
    kind: z.enum(CONTRACT_KINDS),
    number: z.string().trim().min(1, 'required').max(64, 'at most 64 characters'),
    validFrom: isoDate,
    validTo: isoDate,
    monthlyHours: z.coerce
      .number()
      .min(0, 'not negative')
      .max(9999, 'at most 9999')
      .refine((h) => Number.isInteger(h * 4), 'in steps of 0.25'),
    modificationsIncluded: z.boolean().default(false),
  })
  .refine((c) => c.validTo >= c.validFrom, { message: 'ends before it starts', path: ['validTo'] });

/** Untrusted input (command line, bot dialog): kind and numbers arrive as text and are parsed here. */
export interface ContractInput {
  readonly company: string;
  readonly kind: string;
  readonly number: string;
  readonly validFrom: string;
  readonly validTo: string;
  readonly monthlyHours: number | string;
  readonly modificationsIncluded?: boolean;
}

/**
 * Adds a contract to a company (by id or name). Overlapping contracts of one kind are allowed:
 * a renewal may start before the old one ends, and the one that started last counts.
 * Throws AdminInputError, AdminNotFoundError, AdminAmbiguousError.
 */
export async function addContract(manager: EntityManager, input: ContractInput): Promise<ContractEntity> {
  const c = parseInput(contractInputSchema, input);
  const company = await findCompanyByRef(manager, c.company);
  return manager.save(
    manager.create(ContractEntity, {
      companyId: company.id,
      kind: c.kind,
      number: c.number,
      startsOn: c.validFrom,
      endsOn: c.validTo,
      monthlyHours: c.monthlyHours,
      modificationsIncluded: c.modificationsIncluded,
    }),
  );
}

/** Contracts of one company, or of all, newest start first. */
export function listContracts(manager: EntityManager, companyId?: string): Promise<ContractEntity[]> {
  return manager.find(ContractEntity, {
    where: companyId ? { companyId } : {},
    order: { companyId: 'ASC', startsOn: 'DESC', number: 'ASC' },
  });
}
