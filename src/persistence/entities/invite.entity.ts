import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Role } from '../../domain/ticket/types';

/** An invite link `/start <token>` (SPEC §8): a client joins a company, staff a department. */
@Entity({ name: 'invites' })
export class InviteEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text', unique: true })
  token!: string;

  @Column({ type: 'text' })
  role!: Role;

  /** Set exactly for client invites. */
  @Column({ type: 'uuid', name: 'company_id', nullable: true })
  companyId!: string | null;

  /** Set exactly for engineer and admin invites. */
  @Column({ type: 'uuid', name: 'department_id', nullable: true })
  departmentId!: string | null;

  @Column({ type: 'timestamptz', name: 'expires_at' })
  expiresAt!: Date;

  @Column({ type: 'integer', name: 'max_uses' })
  maxUses!: number;

  @Column({ type: 'integer', default: 0 })
  uses!: number;

  @Column({ type: 'timestamptz', name: 'revoked_at', nullable: true })
  revokedAt!: Date | null;

  @Column({ type: 'uuid', name: 'created_by_id', nullable: true })
  createdById!: string | null;

  @Column({ type: 'timestamptz', name: 'created_at', default: () => 'now()' })
  createdAt!: Date;
}
