import type { AttachmentKind } from '../../persistence/vocabulary';
import type { Language } from '../../i18n';

/** A claimed outbox row with what sending it needs: the chat, the language, the ticket's window. */
export interface ClaimedNotification {
  readonly id: string;
  readonly recipientId: string | null;
  /** The users row's Telegram id, else the row's bare chat id. */
  readonly chatId: number;
  readonly language: Language | null;
  readonly unreachable: boolean;
  /** i18n key of the text. */
  readonly key: string;
  /** i18n parameters as stored (parsed by the renderer). */
  readonly params: unknown;
  /** The offered actions as stored (parsed by the renderer). */
  readonly keyboard: unknown;
  readonly ticketId: string | null;
  /** The ticket's open window end now (reminders are dropped when it moved). */
  readonly ticketWindowEndsAt: Date | null;
  /** Claims so far, this one included. */
  readonly attempts: number;
  /** Send without sound (disable_notification): a staff notice outside working hours, not high priority. */
  readonly silent?: boolean;
}

/** A file to send again by its Telegram file id. */
export interface FileToSend {
  readonly fileId: string;
  /** How Telegram sent it: each kind goes back with its own method (photos and videos in albums). */
  readonly kind: AttachmentKind;
  /** Seconds, for a video, video note, voice message, audio or animation. */
  readonly durationSeconds?: number | null;
}
