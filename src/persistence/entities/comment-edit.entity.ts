import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** An earlier text of a comment its author edited in Telegram; the comment holds the current one. */
@Entity({ name: 'comment_edits' })
export class CommentEditEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid', name: 'comment_id' })
  commentId!: string;

  @Column({ type: 'text', name: 'previous_text' })
  previousText!: string;

  @Column({ type: 'timestamptz', name: 'edited_at' })
  editedAt!: Date;
}
