import { enqueueNotification } from '../../persistence/repositories/outbox';
import type { AppDeps } from '../deps';

/** The outbox key of a reply the bot could not send at once: its text and buttons ride in params, rendered as they are. */
export const DEFERRED_REPLY_KEY = 'reply.deferred';

export interface DeferredReplyInput {
  readonly chatId: number;
  /** The reply as the bot made it: HTML. */
  readonly html: string;
  /** Its reply_markup as JSON text, or null. */
  readonly markup: string | null;
  /** Names the reply (update id and its place among the update's sends): a re-handled update enqueues it once. */
  readonly dedupeKey: string;
  /** The forum topic it answers in (message_thread_id), if any: it goes there, not to the group's General. */
  readonly threadId?: number | null;
  /**
   * A reply that sent files by their file_id (a photo, a document, an album…): the calls as JSON
   * text, sent again as they were (notify/file-sends.ts FileSend). `html` is then '' or a text
   * that goes before them.
   */
  readonly files?: string | null;
}

/**
 * A reply Telegram would not take now (429 for longer than a person may wait, 5xx): it goes
 * through the outbox, sent by the dispatcher within the budget, instead of being dropped.
 * Returns false when this reply was already enqueued.
 */
export function deferReply(deps: AppDeps, input: DeferredReplyInput): Promise<boolean> {
  return enqueueNotification(
    deps.dataSource.manager,
    {
      recipientId: null,
      chatId: input.chatId,
      key: DEFERRED_REPLY_KEY,
      params: {
        html: input.html,
        ...(input.markup !== null && { markup: input.markup }),
        ...(typeof input.threadId === 'number' && { thread: input.threadId }),
        ...(typeof input.files === 'string' && { files: input.files }),
      },
      dedupeKey: `deferred:${input.dedupeKey}`,
    },
    deps.clock.now(),
  );
}
