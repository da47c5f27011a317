import type { Telegram } from 'telegraf';
import type { InlineKeyboardMarkup, Message, ReplyKeyboardMarkup } from 'telegraf/types';
import { escapeHtml } from '../i18n';
import type { DeskContext } from './context';
import { CAPTION_MAX, MESSAGE_MAX, fitCaption, splitHtml } from '../telegram/text-limits';

/** Escapes user text for Telegram HTML. Every piece of user text goes through this. */
export const esc = escapeHtml;

export interface HtmlExtra {
  /** Inline buttons, or the client's persistent menu keyboard (a reply keyboard). */
  readonly keyboard?: InlineKeyboardMarkup | ReplyKeyboardMarkup;
  /** Reply to this message (first chunk only). */
  readonly replyTo?: number;
}

/**
 * Sends HTML split into ≤ 4096-character messages; the keyboard goes on the last one.
 * Returns the messages sent.
 */
export async function sendHtml(
  telegram: Telegram,
  chatId: number,
  html: string,
  extra: HtmlExtra = {},
): Promise<Message.TextMessage[]> {
  const chunks = splitHtml(html, MESSAGE_MAX);
  const sent: Message.TextMessage[] = [];
  for (const [index, chunk] of chunks.entries()) {
    const last = index === chunks.length - 1;
    sent.push(
      await telegram.sendMessage(chatId, chunk, {
        parse_mode: 'HTML',
        link_preview_options: { is_disabled: true },
        ...(last && extra.keyboard && { reply_markup: extra.keyboard }),
        ...(index === 0 && extra.replyTo !== undefined && {
          reply_parameters: { message_id: extra.replyTo, allow_sending_without_reply: true },
        }),
      }),
    );
  }
  return sent;
}

/** sendHtml to the chat of the update. */
export async function replyHtml(ctx: DeskContext, html: string, extra: HtmlExtra = {}): Promise<Message.TextMessage[]> {
  const chatId = ctx.chat?.id ?? ctx.from?.id;
  if (chatId === undefined) return [];
  return sendHtml(ctx.telegram, chatId, html, extra);
}

/** Replies with a translated text. */
export function replyKey(
  ctx: DeskContext,
  key: string,
  params?: Readonly<Record<string, string | number>>,
  extra: HtmlExtra = {},
): Promise<Message.TextMessage[]> {
  return replyHtml(ctx, ctx.t(key, params), extra);
}

/**
 * Replaces the text of the message a button was pressed on (keeps chats short while paging);
 * falls back to a new message when the text is too long or the edit fails.
 */
export async function editOrReplyHtml(ctx: DeskContext, html: string, extra: HtmlExtra = {}): Promise<void> {
  const message = ctx.callbackQuery?.message;
  if (message && splitHtml(html, MESSAGE_MAX).length === 1 && 'text' in message) {
    try {
      await ctx.editMessageText(html, {
        parse_mode: 'HTML',
        link_preview_options: { is_disabled: true },
        ...(extra.keyboard && 'inline_keyboard' in extra.keyboard && { reply_markup: extra.keyboard }),
      });
      return;
    } catch (error) {
      if (error instanceof Error && error.message.includes('message is not modified')) return;
      ctx.log.debug({ err: error }, 'edit failed, sending a new message');
    }
  }
  await replyHtml(ctx, html, extra);
}

/** A caption that fits Telegram's 1024 characters. */
export function caption(html: string): string {
  return fitCaption(html, CAPTION_MAX);
}
