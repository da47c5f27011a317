import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { BillingClass, ContractKind } from '../../domain/ticket/types';

/**
 * An entry of the service catalog (SPEC §2). A category without sub-types is one selectable
 * row whose code equals its category code; a category with sub-types has a non-selectable
 * row of its own (for its name) and one selectable row per sub-type (`<category>.<sub>`).
 */
@Entity({ name: 'services' })
export class ServiceEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text', unique: true })
  code!: string;

  @Column({ type: 'text', name: 'category_code' })
  categoryCode!: string;

  /** Whether a ticket may name this entry as its service. */
  @Column({ type: 'boolean' })
  selectable!: boolean;

  @Column({ type: 'text', name: 'name_ru' })
  nameRu!: string;

  @Column({ type: 'text', name: 'name_en' })
  nameEn!: string;

  @Column({ type: 'text' })
  billing!: BillingClass;

  /** Set exactly when billing is `contract`. */
  @Column({ type: 'text', name: 'contract_kind', nullable: true })
  contractKind!: ContractKind | null;

  @Column({ type: 'uuid', name: 'default_department_id' })
  defaultDepartmentId!: string;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @Column({ type: 'integer', name: 'sort_order' })
  sortOrder!: number;
}
