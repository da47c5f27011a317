import { Column, Entity, PrimaryColumn } from 'typeorm';
import { numberColumn } from '../transformers';

/**
 * The staff forum (a supergroup with topics) linked to a department (issue 14 §5, team topics).
 * Written and read by persistence/repositories/team-topics.ts.
 */
@Entity({ name: 'topic_groups' })
export class TopicGroupEntity {
  @PrimaryColumn({ type: 'uuid', name: 'department_id' })
  departmentId!: string;

  @Column({ type: 'bigint', name: 'chat_id', unique: true, transformer: numberColumn })
  chatId!: number;

  @Column({ type: 'text' })
  title!: string;

  /** The language of the notices sent to the group (the linking admin's). */
  @Column({ type: 'text' })
  language!: string;

  @Column({ type: 'uuid', name: 'linked_by', nullable: true })
  linkedBy!: string | null;

  @Column({ type: 'timestamptz', name: 'linked_at' })
  linkedAt!: Date;
}
