import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { AttachmentKind, AttachmentPurpose } from '../vocabulary';

/**
 * A file kept on Telegram's servers; we store only its ids and metadata. It belongs to a
 * ticket, and to the comment it came with if any (files given at creation have none).
 */
@Entity({ name: 'attachments' })
export class AttachmentEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid', name: 'ticket_id' })
  ticketId!: string;

  @Column({ type: 'uuid', name: 'comment_id', nullable: true })
  commentId!: string | null;

  /** What Bot API methods accept to send the file again. */
  @Column({ type: 'text', name: 'file_id' })
  fileId!: string;

  /** Stable across bots and time; identifies the same file sent twice. */
  @Column({ type: 'text', name: 'file_unique_id' })
  fileUniqueId!: string;

  @Column({ type: 'text', name: 'file_name', nullable: true })
  fileName!: string | null;

  @Column({ type: 'text', name: 'mime_type', nullable: true })
  mimeType!: string | null;

  @Column({ type: 'integer', name: 'size_bytes', nullable: true })
  sizeBytes!: number | null;

  @Column({ type: 'text' })
  purpose!: AttachmentPurpose;

  /** How Telegram sent it, and so which method sends it again (sendPhoto, sendVoice, …). */
  @Column({ type: 'text', default: 'document' })
  kind!: AttachmentKind;

  /** Seconds, for a video, video note, voice message, audio or animation. */
  @Column({ type: 'integer', name: 'duration_seconds', nullable: true })
  durationSeconds!: number | null;

  @Column({ type: 'text', name: 'media_group_id', nullable: true })
  mediaGroupId!: string | null;

  @Column({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;
}
