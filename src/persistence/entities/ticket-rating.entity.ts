import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The client's 1–5 rating of a done ticket (issue 13), one per ticket. */
@Entity({ name: 'ticket_ratings' })
export class TicketRatingEntity {
  @PrimaryColumn({ type: 'uuid', name: 'ticket_id' })
  ticketId!: string;

  @Column({ type: 'uuid', name: 'company_id' })
  companyId!: string;

  /** The ticket's owner when it was rated; null when it had none. */
  @Column({ type: 'uuid', name: 'engineer_id', nullable: true })
  engineerId!: string | null;

  @Column({ type: 'uuid', name: 'author_id' })
  authorId!: string;

  @Column({ type: 'smallint' })
  score!: number;

  @Column({ type: 'text', nullable: true })
  comment!: string | null;

  @Column({ type: 'timestamptz', name: 'rated_at' })
  ratedAt!: Date;

  @Column({ type: 'timestamptz', name: 'updated_at' })
  updatedAt!: Date;
}
