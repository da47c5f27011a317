import { badRequest } from './api-error';
import type { TgMessage, TgMessageOrigin } from './bot-api-types';
import { mediaFields, type StoredFile } from './file-store';
import type { FakeContext, MethodSpec } from './fake-context';
import type { FormattedText } from './html-entities';
import type { ChatMessage } from './message-store';
import { formatCaption, formatMessageText } from './message-text';
import { readReplyTarget, recordBotMessage } from './outgoing-message';
import type { Params } from './params';
import { readReplyMarkup } from './reply-markup';

const one = (): number => 1;

function textOptions(ctx: FakeContext): { strictAmpersand: boolean } {
  return { strictAmpersand: ctx.strictHtmlAmpersand };
}

export function readCaption(params: Params, ctx: FakeContext): { caption?: FormattedText; rawText?: string; parseMode?: string } {
  const raw = params.string('caption');
  const parseMode = params.string('parse_mode');
  const caption = formatCaption(
    raw === undefined ? undefined : { raw, parseMode, entities: params.json('caption_entities', "can't parse entities JSON object") },
    textOptions(ctx),
  );
  return { ...(caption ? { caption, rawText: raw } : {}), ...(parseMode !== undefined ? { parseMode } : {}) };
}

const sendMessage: MethodSpec = {
  sends: one,
  handler: (params, ctx) => {
    const chat = ctx.chats.resolveWritable(params.raw('chat_id'));
    const raw = params.string('text');
    const parseMode = params.string('parse_mode');
    const entities = params.json('entities', "can't parse entities JSON object");
    const text = formatMessageText(raw === undefined ? undefined : { raw, parseMode, entities }, textOptions(ctx));
    const replyMarkup = readReplyMarkup(params);
    const reply = readReplyTarget(params, ctx, chat);
    return recordBotMessage(ctx, chat, {
      method: 'sendMessage',
      text,
      rawText: raw,
      parseMode,
      replyMarkup,
      reply,
      protectContent: params.bool('protect_content') ?? false,
    }).message;
  },
};

function sourceMessage(params: Params, ctx: FakeContext, notFound: string): ChatMessage {
  const fromChat = ctx.chats.resolve(params.raw('from_chat_id'));
  const messageId = params.int('message_id');
  if (messageId === undefined) throw badRequest('message identifier is not specified');
  const source = ctx.messages.get(fromChat.id, messageId);
  if (!source || source.deleted) throw badRequest(notFound);
  return source;
}

function formattedOf(text: string | undefined, source: ChatMessage): FormattedText | undefined {
  return text === undefined ? undefined : { text, entities: source.entities };
}

/** A copied or forwarded message keeps its video, video note, voice, audio or animation (same file_id). */
function mediaOf(source: ChatMessage, ctx: FakeContext): { media?: { file: StoredFile; fields: Partial<TgMessage> } } {
  const file = source.media ? ctx.files.get(source.media.fileId) : undefined;
  return file ? { media: { file, fields: mediaFields(file) } } : {};
}

const copyMessage: MethodSpec = {
  sends: one,
  handler: (params, ctx) => {
    const chat = ctx.chats.resolveWritable(params.raw('chat_id'));
    const source = sourceMessage(params, ctx, 'message to copy not found');
    const newCaption = params.has('caption') ? readCaption(params, ctx) : undefined;
    const copy = recordBotMessage(ctx, chat, {
      method: 'copyMessage',
      text: formattedOf(source.text, source),
      caption: newCaption ? newCaption.caption : formattedOf(source.caption, source),
      rawText: newCaption ? newCaption.rawText : source.rawText,
      parseMode: newCaption ? newCaption.parseMode : source.parseMode,
      photo: source.message.photo,
      document: source.message.document,
      ...mediaOf(source, ctx),
      replyMarkup: readReplyMarkup(params),
      reply: readReplyTarget(params, ctx, chat),
    });
    return { message_id: copy.messageId };
  },
};

const forwardMessage: MethodSpec = {
  sends: one,
  handler: (params, ctx) => {
    const chat = ctx.chats.resolveWritable(params.raw('chat_id'));
    const source = sourceMessage(params, ctx, 'message to forward not found');
    const origin: TgMessageOrigin = source.message.forward_origin ?? {
      type: 'user',
      date: source.message.date,
      ...(source.message.from ? { sender_user: source.message.from } : {}),
    };
    return recordBotMessage(ctx, chat, {
      method: 'forwardMessage',
      text: formattedOf(source.text, source),
      caption: formattedOf(source.caption, source),
      photo: source.message.photo,
      document: source.message.document,
      ...mediaOf(source, ctx),
      forwardOrigin: origin,
    }).message;
  },
};

export const messageMethods: Readonly<Record<string, MethodSpec>> = { sendMessage, copyMessage, forwardMessage };
