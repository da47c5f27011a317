import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One lane of the bot's shared Telegram send budget ('global', 'bulk', or a chat id): from when
 * its next send may go and until when a 429 paused it, in milliseconds since the epoch by the
 * database's clock. Written only by the send_budget_take / send_budget_pause functions.
 */
@Entity({ name: 'send_budget' })
export class SendBudgetEntity {
  @PrimaryColumn({ type: 'text' })
  key!: string;

  @Column({ type: 'double precision', name: 'next_at' })
  nextAt!: number;

  @Column({ type: 'double precision', name: 'paused_until' })
  pausedUntil!: number;
}
