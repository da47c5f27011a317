import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Role } from '../../domain/ticket/types';
import type { Language } from '../../i18n';
import { numberColumn } from '../transformers';

/** A Telegram user known to the desk: a client of a company, or an engineer / admin. */
@Entity({ name: 'users' })
export class UserEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'bigint', name: 'telegram_id', unique: true, transformer: numberColumn })
  telegramId!: number;

  @Column({ type: 'text' })
  role!: Role;

  /** Set exactly for clients. */
  @Column({ type: 'uuid', name: 'company_id', nullable: true })
  companyId!: string | null;

  /** Required for engineers, optional for admins, never for clients. */
  @Column({ type: 'uuid', name: 'department_id', nullable: true })
  departmentId!: string | null;

  @Column({ type: 'text' })
  language!: Language;

  @Column({ type: 'text', name: 'display_name' })
  displayName!: string;

  @Column({ type: 'text', nullable: true })
  username!: string | null;

  /** Blocked by an admin; a company without a valid contract blocks its clients without this flag. */
  @Column({ type: 'boolean', default: false })
  blocked!: boolean;

  @Column({ type: 'text', name: 'blocked_reason', nullable: true })
  blockedReason!: string | null;

  @Column({ type: 'integer', name: 'accepted_regulation_version', nullable: true })
  acceptedRegulationVersion!: number | null;

  /** The user blocked the bot (Telegram 403); the outbox stops trying until they return. */
  @Column({ type: 'boolean', default: false })
  unreachable!: boolean;

  @Column({ type: 'timestamptz', name: 'created_at', default: () => 'now()' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', name: 'updated_at', default: () => 'now()' })
  updatedAt!: Date;
}
