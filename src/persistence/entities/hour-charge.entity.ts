import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ChargeCause } from '../../domain/ticket/effects';
import type { ContractKind } from '../../domain/ticket/types';
import { numberColumn } from '../transformers';

/**
 * One change of a ticket's live norm-hours charge (the domain's charge_hours effect, SPEC §7):
 * the difference to its previous charge (may be negative). Append-only: a ticket's rows add up
 * to its live charge, a month's rows for the company and contract kind to its planned hours.
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

  /** Why the charge changed; null on rows written before one-live-charge. */
  @Column({ type: 'text', nullable: true })
  cause!: ChargeCause | null;

  /** The ticket's live charge after this row; null on rows written before one-live-charge. */
  @Column({ type: 'numeric', precision: 7, scale: 2, nullable: true, transformer: numberColumn })
  total!: number | null;

  @Column({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;
}
