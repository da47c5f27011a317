import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ContractKind } from '../../domain/ticket/types';
import { numberColumn } from '../transformers';

/**
 * One norm-hours charge (the domain's charge_hours effect, SPEC §7): planned hours on
 * acceptance, the difference on a replan (may be negative). Append-only: a month's planned
 * hours are the sum of its rows for the company and contract kind.
 */
@Entity({ name: 'hour_charges' })
export class HourChargeEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid', name: 'ticket_id' })
  ticketId!: string;

  @Column({ type: 'uuid', name: 'company_id' })
  companyId!: string;

  @Column({ type: 'text', name: 'contract_kind' })
  contractKind!: ContractKind;

  /** YYYY-MM in the vendor's time zone. */
  @Column({ type: 'text' })
  month!: string;

  @Column({ type: 'numeric', precision: 7, scale: 2, transformer: numberColumn })
  hours!: number;

  /** An admin accepted beyond the norm-hours (the reason is in the ticket's history). */
  @Column({ type: 'boolean', default: false })
  overridden!: boolean;

  @Column({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;
}
