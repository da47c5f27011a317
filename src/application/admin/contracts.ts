import type { EntityManager } from 'typeorm';
import { z } from 'zod';
import { CONTRACT_KINDS } from '../../domain/ticket/types';
import { ContractEntity } from '../../persistence/entities';
import { findCompanyByRef } from './companies';
import { AdminInputError, AdminNotFoundError } from './errors';
import { isUuid, parseInput } from './parse';
import { contractHoursField, contractNumberField, isoDateField, ruleMessage, textField } from './rules';

export const contractInputSchema = z
  .object({
    company: textField(1, 200),
    kind: z.enum(CONTRACT_KINDS, { error: ruleMessage('unknown_value') }),
    number: contractNumberField,
    validFrom: isoDateField,
    validTo: isoDateField,
    monthlyHours: contractHoursField,
    modificationsIncluded: z.boolean().default(false),
  })
  .refine((c) => c.validTo >= c.validFrom, { message: ruleMessage('ends_before_start'), path: ['validTo'] });

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

/** A contract by id. Throws AdminNotFoundError. */
export async function findContract(manager: EntityManager, id: string): Promise<ContractEntity> {
  const found = isUuid(id.trim()) ? await manager.findOneBy(ContractEntity, { id: id.trim() }) : null;
  if (!found) throw new AdminNotFoundError('contract', id.trim());
  return found;
}

/** What an admin changes in a running contract: its monthly hours and/or its last day. */
export interface ContractChange {
  readonly contract: string;
  readonly monthlyHours?: number | string;
  /** YYYY-MM-DD (or DD.MM.YYYY); ending a contract today or on a date is this too. */
  readonly validTo?: string;
}

/**
 * Changes a contract's monthly hours or end date (issue 14 §7: edit, end today or on a date),
 * by the same rules as a new one: hours 1–744 in steps of 0.25, the end not before the start.
 * Throws AdminInputError, AdminNotFoundError.
 */
export async function changeContract(manager: EntityManager, change: ContractChange): Promise<ContractEntity> {
  const contract = await findContract(manager, change.contract);
  const patch: { monthlyHours?: number; endsOn?: string } = {};
  if (change.monthlyHours !== undefined) patch.monthlyHours = parseInput(contractHoursField, change.monthlyHours, 'monthlyHours');
  if (change.validTo !== undefined) {
    const endsOn = parseInput(isoDateField, change.validTo, 'validTo');
    if (endsOn < contract.startsOn) throw new AdminInputError('validTo', 'ends_before_start');
    patch.endsOn = endsOn;
  }
  if (Object.keys(patch).length > 0) await manager.update(ContractEntity, { id: contract.id }, patch);
  return { ...contract, ...patch };
}
