import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ContractKind } from '../../domain/ticket/types';
import { numberColumn } from '../transformers';

/** A company's support or implementation contract with its monthly norm-hours (SPEC §7). */
@Entity({ name: 'contracts' })
export class ContractEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid', name: 'company_id' })
  companyId!: string;

  @Column({ type: 'text' })
  kind!: ContractKind;

  @Column({ type: 'text' })
  number!: string;

  /** First and last day of validity, inclusive, in the vendor's time zone. */
  @Column({ type: 'date', name: 'starts_on' })
  startsOn!: string;

  @Column({ type: 'date', name: 'ends_on' })
  endsOn!: string;

  @Column({ type: 'numeric', precision: 7, scale: 2, name: 'monthly_hours', transformer: numberColumn })
  monthlyHours!: number;

  @Column({ type: 'boolean', name: 'modifications_included', default: false })
  modificationsIncluded!: boolean;

  @Column({ type: 'timestamptz', name: 'created_at', default: () => 'now()' })
  createdAt!: Date;
}
