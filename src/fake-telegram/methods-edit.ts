import { badRequest } from './api-error';
import type { TgInlineKeyboardMarkup, TgMessageEntity, TgReplyMarkup } from './bot-api-types';
import type { FakeContext, MethodSpec } from './fake-context';
import type { ChatMessage, EditableFields } from './message-store';
import { formatCaption, formatMessageText } from './message-text';
import { refreshMessage } from './outgoing-message';
import type { Params } from './params';
import { isInlineKeyboard, readInlineMarkup } from './reply-markup';

function editTarget(params: Params, ctx: FakeContext): ChatMessage {
  // Messages sent via inline mode are not modelled by the fake.
  if (params.has('inline_message_id')) throw badRequest('MESSAGE_ID_INVALID');
  const chat = ctx.chats.resolve(params.raw('chat_id'));
  const messageId = params.int('message_id');
  if (messageId === undefined) throw badRequest('message identifier is not specified');
  const record = ctx.messages.get(chat.id, messageId);
  if (!record || record.deleted) throw badRequest('message to edit not found');
  if (record.sender !== 'bot') throw badRequest("message can't be edited");
  return record;
}

/** Key-order independent JSON, so equal keyboards compare equal however they were built. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => a.localeCompare(b));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonical(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** The keyboard a user sees: an empty inline keyboard is no keyboard. */
function visibleKeyboard(markup: TgReplyMarkup | undefined): string {
  return isInlineKeyboard(markup) && markup.inline_keyboard.some((row) => row.length > 0) ? canonical(markup) : '';
}

function sameEntities(a: readonly TgMessageEntity[], b: readonly TgMessageEntity[]): boolean {
  return canonical(a) === canonical(b);
}

/**
 * Applies an edit, or throws Telegram's "message is not modified" when nothing would change.
 * Note that, as in Telegram, an edit without reply_markup removes the inline keyboard.
 */
function applyEdit(
  ctx: FakeContext,
  record: ChatMessage,
  change: Partial<EditableFields>,
  sameContent: boolean,
  markup: TgInlineKeyboardMarkup | undefined,
): ChatMessage {
  if (sameContent && visibleKeyboard(record.replyMarkup) === visibleKeyboard(markup)) {
    throw badRequest(
      'message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message',
    );
  }
  ctx.messages.edit(record, { ...change, replyMarkup: markup }, ctx.now());
  refreshMessage(record);
  return record;
}

const editMessageText: MethodSpec = {
  handler: (params, ctx) => {
    const record = editTarget(params, ctx);
    const raw = params.string('text');
    const parseMode = params.string('parse_mode');
    const entities = params.json('entities', "can't parse entities JSON object");
    const text = formatMessageText(raw === undefined ? undefined : { raw, parseMode, entities }, {
      strictAmpersand: ctx.strictHtmlAmpersand,
    });
    const markup = readInlineMarkup(params);
    if (record.text === undefined) throw badRequest('there is no text in the message to edit');
    const same = record.text === text.text && sameEntities(record.entities, text.entities);
    const change = { text: text.text, entities: text.entities, rawText: raw, parseMode };
    return applyEdit(ctx, record, change, same, markup).message;
  },
};

const editMessageCaption: MethodSpec = {
  handler: (params, ctx) => {
    const record = editTarget(params, ctx);
    const raw = params.string('caption');
    const parseMode = params.string('parse_mode');
    const entities = params.json('caption_entities', "can't parse entities JSON object");
    const caption = formatCaption(raw === undefined ? undefined : { raw, parseMode, entities }, {
      strictAmpersand: ctx.strictHtmlAmpersand,
    });
    const markup = readInlineMarkup(params);
    if (record.text !== undefined) throw badRequest('there is no caption in the message to edit');
    const newEntities = caption?.entities ?? [];
    const same = record.caption === caption?.text && sameEntities(record.entities, newEntities);
    const change = { caption: caption?.text, entities: newEntities, rawText: caption ? raw : undefined, parseMode };
    return applyEdit(ctx, record, change, same, markup).message;
  },
};

const editMessageReplyMarkup: MethodSpec = {
  handler: (params, ctx) => {
    const record = editTarget(params, ctx);
    return applyEdit(ctx, record, {}, true, readInlineMarkup(params)).message;
  },
};

function markDeleted(ctx: FakeContext, record: ChatMessage): void {
  record.deleted = true;
  record.deletedAt = ctx.now();
}

const deleteMessage: MethodSpec = {
  handler: (params, ctx) => {
    const chat = ctx.chats.resolve(params.raw('chat_id'));
    const messageId = params.int('message_id');
    if (messageId === undefined) throw badRequest('message identifier is not specified');
    const record = ctx.messages.get(chat.id, messageId);
    if (!record || record.deleted) throw badRequest('message to delete not found');
    markDeleted(ctx, record);
    return true;
  },
};

const deleteMessages: MethodSpec = {
  handler: (params, ctx) => {
    const chat = ctx.chats.resolve(params.raw('chat_id'));
    const ids = params.json('message_ids', "can't parse message identifiers JSON object");
    if (!Array.isArray(ids) || ids.length === 0 || ids.length > 100) {
      throw badRequest('message identifiers are not specified');
    }
    // Missing messages are skipped, as documented for deleteMessages.
    for (const id of ids) {
      const record = typeof id === 'number' ? ctx.messages.get(chat.id, id) : undefined;
      if (record && !record.deleted) markDeleted(ctx, record);
    }
    return true;
  },
};

export const editMethods: Readonly<Record<string, MethodSpec>> = {
  editMessageText,
  editMessageCaption,
  editMessageReplyMarkup,
  deleteMessage,
  deleteMessages,
};
