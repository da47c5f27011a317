import { badRequest } from './api-error';
import type {
  TgChat,
  TgDocument,
  TgMessage,
  TgMessageOrigin,
  TgPhotoSize,
  TgReplyMarkup,
} from './bot-api-types';
import { unixTime, type FakeContext } from './fake-context';
import type { StoredFile, TimedKind } from './file-store';
import type { FormattedText } from './html-entities';
import type { ChatMessage } from './message-store';
import { isRecord, type Params } from './params';
import { isInlineKeyboard } from './reply-markup';

export interface ReplyTarget {
  readonly target?: ChatMessage;
  readonly replyToMessageId?: number;
  readonly replyParameters?: Readonly<Record<string, unknown>>;
}

export interface OutgoingContent {
  readonly method: string;
  readonly text?: FormattedText;
  readonly caption?: FormattedText;
  /** The text or caption as the bot sent it, before parsing. */
  readonly rawText?: string;
  readonly parseMode?: string;
  readonly photo?: TgPhotoSize[];
  readonly document?: TgDocument;
  /** A timed media file (video, video note, voice, audio, animation) and the Message fields it fills. */
  readonly media?: { readonly file: StoredFile; readonly fields: Partial<TgMessage> };
  readonly mediaGroupId?: string;
  readonly replyMarkup?: TgReplyMarkup;
  readonly reply?: ReplyTarget;
  readonly forwardOrigin?: TgMessageOrigin;
  readonly protectContent?: boolean;
}

/** reply_to_message_id / reply_parameters, with Telegram's "message to be replied not found". */
export function readReplyTarget(params: Params, ctx: FakeContext, chat: TgChat): ReplyTarget {
  const parameters = params.json('reply_parameters', "can't parse reply parameters JSON object");
  let messageId = params.int('reply_to_message_id');
  let allowWithout = params.bool('allow_sending_without_reply') ?? false;
  let targetChat = chat;
  if (parameters !== undefined && parameters !== null) {
    if (!isRecord(parameters)) throw badRequest('object expected as reply parameters');
    if (typeof parameters.message_id !== 'number') throw badRequest(`can't find field "message_id"`);
    messageId = parameters.message_id;
    allowWithout = parameters.allow_sending_without_reply === true;
    if (parameters.chat_id !== undefined) targetChat = ctx.chats.resolve(parameters.chat_id);
  }
  if (messageId === undefined || messageId === 0) return {};
  const target = ctx.messages.get(targetChat.id, messageId);
  const replyParameters = isRecord(parameters) ? { replyParameters: parameters } : {};
  if (!target || target.deleted) {
    if (allowWithout) return { replyToMessageId: messageId, ...replyParameters };
    throw badRequest('message to be replied not found');
  }
  return { target, replyToMessageId: messageId, ...replyParameters };
}

/** Records a message the bot sent and returns it. */
export function recordBotMessage(ctx: FakeContext, chat: TgChat, content: OutgoingContent): ChatMessage {
  const at = ctx.now();
  const record: ChatMessage = {
    chatId: chat.id,
    messageId: ctx.messages.nextId(chat.id),
    sender: 'bot',
    method: content.method,
    entities: content.text?.entities ?? content.caption?.entities ?? [],
    sentAt: at,
    deleted: false,
    edits: [],
    message: { message_id: 0, date: unixTime(at), chat },
    ...(content.text ? { text: content.text.text } : {}),
    ...(content.caption ? { caption: content.caption.text } : {}),
    ...(content.rawText !== undefined ? { rawText: content.rawText } : {}),
    ...(content.parseMode !== undefined ? { parseMode: content.parseMode } : {}),
    ...(content.replyMarkup ? { replyMarkup: content.replyMarkup } : {}),
    ...(content.reply?.replyToMessageId !== undefined ? { replyToMessageId: content.reply.replyToMessageId } : {}),
    ...(content.reply?.replyParameters ? { replyParameters: content.reply.replyParameters } : {}),
    ...(content.photo ? { photoFileIds: content.photo.map((size) => size.file_id) } : {}),
    ...(content.document ? { documentFileId: content.document.file_id } : {}),
    ...(content.media ? { media: { kind: content.media.file.kind as TimedKind, fileId: content.media.file.fileId } } : {}),
    ...(content.mediaGroupId !== undefined ? { mediaGroupId: content.mediaGroupId } : {}),
  };
  const message: TgMessage = {
    message_id: record.messageId,
    from: ctx.bot,
    chat,
    date: unixTime(at),
    ...(content.forwardOrigin ? { forward_origin: content.forwardOrigin } : {}),
    ...(content.mediaGroupId !== undefined ? { media_group_id: content.mediaGroupId } : {}),
    ...(content.photo ? { photo: content.photo } : {}),
    ...(content.document ? { document: content.document } : {}),
    ...(content.media ? content.media.fields : {}),
    ...(content.reply?.target ? { reply_to_message: withoutReply(content.reply.target.message) } : {}),
    ...(content.protectContent ? { has_protected_content: true as const } : {}),
  };
  record.message = message;
  refreshMessage(record);
  return ctx.messages.add(record);
}

/** Re-derives the Message object's text, caption, entities and keyboard from the record. */
export function refreshMessage(record: ChatMessage): void {
  const message = record.message;
  delete message.text;
  delete message.entities;
  delete message.caption;
  delete message.caption_entities;
  delete message.reply_markup;
  if (record.text !== undefined) {
    message.text = record.text;
    if (record.entities.length > 0) message.entities = record.entities;
  }
  if (record.caption !== undefined) {
    message.caption = record.caption;
    if (record.entities.length > 0) message.caption_entities = record.entities;
  }
  // Only inline keyboards are part of a Message; reply keyboards live in the client.
  if (isInlineKeyboard(record.replyMarkup) && record.replyMarkup.inline_keyboard.length > 0) {
    message.reply_markup = record.replyMarkup;
  }
  if (record.editedAt !== undefined) message.edit_date = unixTime(record.editedAt);
}

/** Telegram never nests reply_to_message more than one level deep. */
export function withoutReply(message: TgMessage): TgMessage {
  const copy = { ...message };
  delete copy.reply_to_message;
  return copy;
}
