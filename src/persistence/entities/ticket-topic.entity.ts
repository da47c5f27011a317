import { Column, Entity, PrimaryColumn } from 'typeorm';
import { numberColumn } from '../transformers';

/**
 * A ticket's topic in its department's staff forum (issue 14 §5): one per ticket; `threadId` is
 * set once Telegram created it, `state` is the state its name shows. Written and read by
 * persistence/repositories/team-topics.ts.
 */
@Entity({ name: 'ticket_topics' })
export class TicketTopicEntity {
  @PrimaryColumn({ type: 'uuid', name: 'ticket_id' })
  ticketId!: string;

  @Column({ type: 'bigint', name: 'chat_id', transformer: numberColumn })
  chatId!: number;

  @Column({ type: 'integer', name: 'thread_id', nullable: true })
  threadId!: number | null;

  @Column({ type: 'text' })
  state!: string;

  @Column({ type: 'boolean' })
  closed!: boolean;

  @Column({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;
}
