/**
 * A file as the bot hands it to a use case: Telegram's metadata (the file stays on Telegram's
 * servers). Storage defines the shape; callers outside the application import it from here.
 */
export type { NewAttachment } from '../../persistence/repositories/comments';
export type { AttachmentPurpose } from '../../persistence/vocabulary';
