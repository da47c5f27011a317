import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { numberColumn } from '../transformers';
import type { HistoryField } from '../../domain/ticket/effects';

/** One recorded change of a ticket (SPEC §5): values are stored as text, as shown to people. */
@Entity({ name: 'ticket_history' })
export class TicketHistoryEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid', name: 'ticket_id' })
  ticketId!: string;

  /** Null means the system (the scheduler) made the change. */
  @Column({ type: 'uuid', name: 'actor_id', nullable: true })
  actorId!: string | null;

  @Column({ type: 'text' })
  field!: HistoryField;

  @Column({ type: 'text', name: 'from_value', nullable: true })
  fromValue!: string | null;

  @Column({ type: 'text', name: 'to_value', nullable: true })
  toValue!: string | null;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @Column({ type: 'timestamptz' })
  at!: Date;

  /** Insertion order (an identity column): changes made in one transaction share `at`. */
  @Column({ type: 'bigint', insert: false, update: false, transformer: numberColumn })
  seq!: number;
}
