import type { MiddlewareFn } from 'telegraf';
import { escapeHtml } from '../../i18n';
import type { AlbumItem, FileSend } from '../../notify/file-sends';
import type { SendLimiter } from '../../notify/send-limiter';
import type { DeskContext } from '../context';

/** Bot API methods that send a message into a chat (what Telegram's flood limits count). */
const SENDING = new Set([
  'sendMessage',
  'sendPhoto',
  'sendDocument',
  'sendVideo',
  'sendAnimation',
  'sendAudio',
  'sendVoice',
  'sendVideoNote',
  'sendSticker',
  'sendMediaGroup',
  'sendLocation',
  'sendContact',
  'copyMessage',
  'forwardMessage',
  'copyMessages',
  'forwardMessages',
]);

export interface SendBudgetOptions {
  /** The process's one limiter, shared with the dispatcher (which sends as `bulk`). */
  readonly limiter: SendLimiter;
  /** A 429 asking to wait longer than this is not waited out in the handler: the reply is deferred. */
  readonly maxWaitSeconds?: number;
  /** Tries of one send (429 and 5xx) before it is deferred. */
  readonly maxAttempts?: number;
}

interface TelegramLikeError {
  readonly code?: number;
  readonly parameters?: { readonly retry_after?: number };
}

type CallApi = (method: string, payload: Record<string, unknown>, options?: unknown) => Promise<unknown>;

/**
 * One Telegram budget for everything the bot sends (issue 11): every send this update makes
 * takes an `interactive` slot of the process's limiter (ahead of bulk notifications, which keep
 * to their share), a 429 is waited out (retry_after) and the send tried again, a 5xx too (with a
 * short backoff). A plain text reply that still cannot be sent goes through the outbox
 * (desk.outbox.deferReply, keyed by the update and its place among the update's sends, so a
 * re-handled update defers it once) and the handler goes on as if it was sent: the user gets it
 * a little later, never silence.
 */
export function sendBudget(options: SendBudgetOptions): MiddlewareFn<DeskContext> {
  const maxWait = options.maxWaitSeconds ?? 10;
  const maxAttempts = options.maxAttempts ?? 4;
  return (ctx, next) => {
    const telegram = ctx.telegram as unknown as { callApi: CallApi };
    const original = telegram.callApi.bind(telegram);
    let sends = 0;
    telegram.callApi = async (method, payload, callOptions) => {
      const chatId = Number(payload?.chat_id);
      if (!SENDING.has(method) || !Number.isSafeInteger(chatId)) return original(method, payload, callOptions);
      const place = sends++;
      const messages = method === 'sendMediaGroup' && Array.isArray(payload.media) ? payload.media.length : 1;
      for (let attempt = 1; ; attempt++) {
        await options.limiter.acquire(chatId, messages, 'interactive');
        try {
          return await original(method, payload, callOptions);
        } catch (error) {
          const failure = error as TelegramLikeError;
          const retryAfter = failure.code === 429 ? (failure.parameters?.retry_after ?? 1) : null;
          if (retryAfter !== null) options.limiter.rateLimited(chatId, retryAfter);
          const transient = retryAfter !== null || (failure.code !== undefined && failure.code >= 500);
          if (!transient) throw error;
          if (attempt < maxAttempts && (retryAfter === null || retryAfter <= maxWait)) {
            ctx.log.warn({ method, chatId, attempt, retryAfter }, 'send refused for now: waiting and trying again');
            if (retryAfter === null) await new Promise((resolve) => setTimeout(resolve, 250 * 2 ** attempt));
            continue;
          }
          const files = method === 'sendMessage' ? null : fileCallOf(method, payload);
          if (files === null && (method !== 'sendMessage' || typeof payload.text !== 'string')) throw error;
          const markup = payload.reply_markup === undefined ? null : typeof payload.reply_markup === 'string' ? payload.reply_markup : JSON.stringify(payload.reply_markup);
          const text = typeof payload.text === 'string' ? payload.text : '';
          await ctx.deps.desk.outbox.deferReply({
            chatId,
            html: payload.parse_mode === 'HTML' ? text : escapeHtml(text),
            markup,
            dedupeKey: `${ctx.update.update_id}:${place}`,
            threadId: typeof payload.message_thread_id === 'number' ? payload.message_thread_id : null,
            ...(files !== null && { files: JSON.stringify([files]) }),
          });
          ctx.log.warn({ chatId, attempts: attempt, method }, 'reply deferred to the outbox');
          // What the handler gets back: the message as it will be (its id is not known yet).
          const sent = { message_id: 0, date: Math.floor(Date.now() / 1000), chat: { id: chatId, type: chatId > 0 ? 'private' : 'group' }, text };
          return method === 'sendMediaGroup' ? [sent] : sent;
        }
      }
    };
    return next();
  };
}

const FILE_METHODS: Readonly<Record<string, Exclude<FileSend['kind'], 'album'>>> = {
  sendPhoto: 'photo',
  sendDocument: 'document',
  sendVideo: 'video',
  sendVideoNote: 'video_note',
  sendVoice: 'voice',
  sendAudio: 'audio',
  sendAnimation: 'animation',
};

/**
 * A file send the outbox can make again later: files given by their file_id (a string), as
 * everything the bot sends back from a ticket is. An upload (a Buffer, a stream) cannot be kept:
 * null, and the refusal goes on to the handler.
 */
function fileCallOf(method: string, payload: Record<string, unknown>): FileSend | null {
  const caption = typeof payload.caption === 'string' ? { caption: payload.caption } : {};
  if (method === 'sendMediaGroup') {
    if (!Array.isArray(payload.media)) return null;
    const items: AlbumItem[] = [];
    for (const item of payload.media as unknown[]) {
      const { type, media, caption: itemCaption } = (item ?? {}) as { type?: unknown; media?: unknown; caption?: unknown };
      if (typeof media !== 'string' || (type !== 'photo' && type !== 'video' && type !== 'document' && type !== 'audio')) return null;
      items.push({ type, fileId: media, ...(typeof itemCaption === 'string' && { caption: itemCaption }) });
    }
    return { kind: 'album', fileIds: items.map((i) => i.fileId), items };
  }
  const kind = FILE_METHODS[method];
  const fileId = kind === undefined ? undefined : payload[kind];
  return kind !== undefined && typeof fileId === 'string' ? { kind, fileId, ...caption } : null;
}
