import { Column, Entity, PrimaryColumn } from 'typeorm';
import { numberColumn } from '../transformers';

/** A Telegram update already handled, so one delivered twice acts once. */
@Entity({ name: 'processed_updates' })
export class ProcessedUpdateEntity {
  @PrimaryColumn({ type: 'bigint', name: 'update_id', transformer: numberColumn })
  updateId!: number;

  /** When the latest delivery claimed it. */
  @Column({ type: 'timestamptz', name: 'processed_at' })
  processedAt!: Date;

  /** When its handling finished; null while a handler holds the claim (or died holding it). */
  @Column({ type: 'timestamptz', name: 'completed_at', nullable: true })
  completedAt!: Date | null;
}
