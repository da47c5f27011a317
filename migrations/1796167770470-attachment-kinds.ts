import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 13 §3: attachments say what kind of file they are — a photo, a document, or the media a
 * phone sends (video, video note, voice, audio, animation) — and how long the timed ones last.
 * Rows stored before were photos (no file name) or documents (with one).
 */
const UP: readonly string[] = [
  `ALTER TABLE attachments ADD COLUMN kind text`,
  `UPDATE attachments SET kind = CASE WHEN file_name IS NULL THEN 'photo' ELSE 'document' END`,
  `ALTER TABLE attachments ALTER COLUMN kind SET DEFAULT 'document', ALTER COLUMN kind SET NOT NULL`,
  `ALTER TABLE attachments ADD CONSTRAINT attachments_kind_check
     CHECK (kind IN ('photo', 'document', 'video', 'video_note', 'voice', 'audio', 'animation'))`,
  `ALTER TABLE attachments ADD COLUMN duration_seconds integer CHECK (duration_seconds >= 0)`,
];

const DOWN: readonly string[] = [
  `ALTER TABLE attachments DROP COLUMN duration_seconds`,
  `ALTER TABLE attachments DROP COLUMN kind`,
];

export class AttachmentKinds1796167770470 implements MigrationInterface {
  readonly name = 'AttachmentKinds1796167770470';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const sql of UP) await queryRunner.query(sql);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const sql of DOWN) await queryRunner.query(sql);
  }
}
