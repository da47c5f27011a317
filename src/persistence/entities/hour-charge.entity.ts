import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { numberColumn } from '../transformers';

/** Planned hours of an accepted `contract`-billed ticket charged to a contract's month (SPEC §7). */
@Entity({ name: 'hour_charges' })
export class HourChargeEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid', name: 'ticket_id' })
  ticketId!: string;

  @Column({ type: 'uuid', name: 'contract_id' })
  contractId!: string;

  /** First day of the month, YYYY-MM-01. */
  @Column({ type: 'date' })
  month!: string;

  @Column({ type: 'numeric', precision: 7, scale: 2, transformer: numberColumn })
  hours!: number;

  /** Set when an admin accepted beyond the month's norm-hours. */
  @Column({ type: 'text', name: 'override_reason', nullable: true })
  overrideReason!: string | null;

  @Column({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;
}
