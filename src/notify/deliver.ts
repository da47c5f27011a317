import type { Telegram } from 'telegraf';
import type { Logger } from '../logger';
import { sendFile, type FileSend, type FileSender } from './file-sends';
import type { OtherReplyMarkup, RenderedNotification } from './render';
import type { SendLimiter } from './send-limiter';
import { backoffMs, classifySendFailure, type SendFailure } from './telegram-failure';

/** The Bot API methods the dispatcher uses: sendMessage and the file senders (file-sends.ts). */
export type TelegramSender = Pick<Telegram, 'sendMessage'> & FileSender;

/** One Bot API call of a notification: a text chunk, or a file or album (file-sends.ts). */
export type Part = { readonly kind: 'text'; readonly html: string; readonly keyboard: RenderedNotification['keyboard'] | OtherReplyMarkup; readonly threadId?: number } | FileSend;

export function partsOf(rendered: RenderedNotification, files: readonly FileSend[]): Part[] {
  const last = rendered.chunks.length - 1;
  return [
    ...rendered.chunks.map(
      (html, i): Part => ({
        kind: 'text',
        html,
        keyboard: i === last ? (rendered.keyboard ?? rendered.markup) : undefined,
        ...(rendered.threadId !== undefined && { threadId: rendered.threadId }),
      }),
    ),
    ...files,
  ];
}

/** How delivering a row ended. */
export type DeliveryOutcome =
  | { readonly kind: 'sent'; readonly messageId: number | null }
  | { readonly kind: 'failed'; readonly failure: SendFailure; readonly partsSent: number };

/** Retries of a later part in place: the parts before it are delivered and must not repeat. */
const IN_PLACE_RETRIES = 3;

/**
 * Sends the parts in order, each in its rate-limit slot. A failure of the first part is
 * returned for the row to be retried or given up as a whole. A later part that hits a 429 or a
 * transient error is retried here (a few times), since retrying the row would repeat the
 * parts already delivered.
 */
export async function deliverParts(
  telegram: TelegramSender,
  limiter: SendLimiter,
  chatId: number,
  parts: readonly Part[],
  logger: Logger | undefined,
  silent = false,
): Promise<DeliveryOutcome> {
  let firstMessageId: number | null = null;
  for (let index = 0; index < parts.length; index++) {
    const part = parts[index] as Part;
    for (let attempt = 0; ; attempt++) {
      await limiter.acquire(chatId, part.kind === 'album' ? part.fileIds.length : 1);
      try {
        const id = await sendPart(telegram, chatId, part, silent);
        firstMessageId ??= id;
        break;
      } catch (error) {
        const failure = classifySendFailure(error);
        if (failure.kind === 'rate_limited') limiter.rateLimited(chatId, failure.retryAfterSeconds);
        const retryHere = index > 0 && attempt < IN_PLACE_RETRIES && (failure.kind === 'rate_limited' || failure.kind === 'transient');
        if (!retryHere) return { kind: 'failed', failure, partsSent: index };
        logger?.warn({ chatId, part: index, error: failure.error }, 'notification part failed, retrying in place');
        if (failure.kind === 'transient') await new Promise((resolve) => setTimeout(resolve, backoffMs(attempt + 1) / 4));
      }
    }
  }
  return { kind: 'sent', messageId: firstMessageId };
}

async function sendPart(telegram: TelegramSender, chatId: number, part: Part, silent: boolean): Promise<number> {
  const quiet = silent ? { disable_notification: true } : {};
  if (part.kind !== 'text') return sendFile(telegram, chatId, part, quiet);
  const message = await telegram.sendMessage(chatId, part.html, {
    ...quiet,
    parse_mode: 'HTML',
    link_preview_options: { is_disabled: true },
    ...(part.keyboard ? { reply_markup: part.keyboard } : {}),
    ...(part.threadId !== undefined && { message_thread_id: part.threadId }),
  });
  return message.message_id;
}
