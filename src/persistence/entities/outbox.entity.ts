import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { OutboxStatus } from '../vocabulary';
import { numberColumn } from '../transformers';

/**
 * A notification written in the same transaction as the change that causes it, and sent
 * later by the dispatcher: nothing is lost in a crash, and the unique dedupe key makes a
 * repeated event (a retried update, a sweep run twice) enqueue nothing new.
 */
@Entity({ name: 'outbox' })
export class OutboxEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** The user to write to; their language and chat come from the users row. */
  @Column({ type: 'uuid', name: 'recipient_id', nullable: true })
  recipientId!: string | null;

  /** A chat with no users row (e.g. an admin from ADMIN_TELEGRAM_IDS before /start). */
  @Column({ type: 'bigint', name: 'chat_id', nullable: true, transformer: numberColumn })
  chatId!: number | null;

  /** i18n key of the text. */
  @Column({ type: 'text' })
  key!: string;

  /**
   * i18n parameters (JSON). Typed loosely on purpose: TypeORM's find types recurse without
   * end into a recursive JSON type; OutboxMessage carries the exact type on the way in.
   */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  params!: Readonly<Record<string, unknown>>;

  /** Buttons as data for the dispatcher to render (JSON); null for none. */
  @Column({ type: 'jsonb', nullable: true })
  keyboard!: unknown;

  @Column({ type: 'uuid', name: 'ticket_id', nullable: true })
  ticketId!: string | null;

  @Column({ type: 'text', name: 'dedupe_key', unique: true })
  dedupeKey!: string;

  @Column({ type: 'text', default: 'pending' })
  status!: OutboxStatus;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  /** When pending: not before. When sending: the claim's lease ends (then it is retried). */
  @Column({ type: 'timestamptz', name: 'next_attempt_at' })
  nextAttemptAt!: Date;

  @Column({ type: 'text', name: 'last_error', nullable: true })
  lastError!: string | null;

  @Column({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', name: 'sent_at', nullable: true })
  sentAt!: Date | null;

  @Column({ type: 'bigint', name: 'telegram_message_id', nullable: true, transformer: numberColumn })
  telegramMessageId!: number | null;

  /** Enqueue order (an identity column): several messages of one transaction share created_at. */
  @Column({ type: 'bigint', insert: false, update: false, transformer: numberColumn })
  seq!: number;
}
