import { Column, Entity, PrimaryColumn } from 'typeorm';
import { numberColumn } from '../transformers';

/** Dialog state of one user in one chat (wizard drafts included), so a restart loses nothing. */
@Entity({ name: 'bot_sessions' })
export class BotSessionEntity {
  @PrimaryColumn({ type: 'bigint', name: 'chat_id', transformer: numberColumn })
  chatId!: number;

  @PrimaryColumn({ type: 'bigint', name: 'user_id', transformer: numberColumn })
  userId!: number;

  /** JSON; typed loosely like OutboxEntity.params, for the same reason. */
  @Column({ type: 'jsonb' })
  state!: unknown;

  @Column({ type: 'timestamptz', name: 'updated_at' })
  updatedAt!: Date;
}
