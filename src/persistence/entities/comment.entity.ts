import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { CommentVisibility } from '../vocabulary';
import { numberColumn } from '../transformers';

/** A message on a ticket; `internal` ones are never shown to the client. */
@Entity({ name: 'comments' })
export class CommentEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid', name: 'ticket_id' })
  ticketId!: string;

  /** Null for text the system wrote (e.g. an automatic rejection note). */
  @Column({ type: 'uuid', name: 'author_id', nullable: true })
  authorId!: string | null;

  @Column({ type: 'text' })
  visibility!: CommentVisibility;

  @Column({ type: 'text' })
  text!: string;

  /** The chat of the Telegram message it came from; with the message id, unique. */
  @Column({ type: 'bigint', name: 'source_chat_id', nullable: true, transformer: numberColumn })
  sourceChatId!: number | null;

  /** The Telegram message it came from, to answer replies to it. */
  @Column({ type: 'bigint', name: 'source_message_id', nullable: true, transformer: numberColumn })
  sourceMessageId!: number | null;

  @Column({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;

  /** Set when its author pressed Undo within the window (issue 13 §2): hidden everywhere but the history. */
  @Column({ type: 'timestamptz', name: 'withdrawn_at', nullable: true })
  withdrawnAt!: Date | null;

  @Column({ type: 'uuid', name: 'withdrawn_by', nullable: true })
  withdrawnBy!: string | null;
}
