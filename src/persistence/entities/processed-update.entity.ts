import { Column, Entity, PrimaryColumn } from 'typeorm';
import { numberColumn } from '../transformers';

/** A Telegram update already handled, so one delivered twice acts once. */
@Entity({ name: 'processed_updates' })
export class ProcessedUpdateEntity {
  @PrimaryColumn({ type: 'bigint', name: 'update_id', transformer: numberColumn })
  updateId!: number;

  @Column({ type: 'timestamptz', name: 'processed_at' })
  processedAt!: Date;
}
