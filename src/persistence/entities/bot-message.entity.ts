import { Column, Entity, PrimaryColumn } from 'typeorm';
import { numberColumn } from '../transformers';

/** A message the bot sent about a ticket, so a reply to it is routed to that ticket. */
@Entity({ name: 'bot_messages' })
export class BotMessageEntity {
  @PrimaryColumn({ type: 'bigint', name: 'chat_id', transformer: numberColumn })
  chatId!: number;

  @PrimaryColumn({ type: 'bigint', name: 'message_id', transformer: numberColumn })
  messageId!: number;

  @Column({ type: 'uuid', name: 'ticket_id' })
  ticketId!: string;

  @Column({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;
}
