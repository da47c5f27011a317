import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { numberColumn } from '../transformers';

/** Actual time an engineer spent on a ticket ("Фактическое время"). */
@Entity({ name: 'work_logs' })
export class WorkLogEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid', name: 'ticket_id' })
  ticketId!: string;

  @Column({ type: 'uuid', name: 'user_id' })
  userId!: string;

  @Column({ type: 'numeric', precision: 7, scale: 2, transformer: numberColumn })
  hours!: number;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  /** The vendor-zone day the work was done; months of actual hours count by it. */
  @Column({ type: 'date', name: 'logged_on' })
  loggedOn!: string;

  @Column({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;
}
