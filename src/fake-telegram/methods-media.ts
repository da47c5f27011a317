import { randomInt } from 'node:crypto';
import { badRequest } from './api-error';
import type { TgDocument, TgPhotoSize } from './bot-api-types';
import type { FakeContext, MethodSpec } from './fake-context';
import type { FormattedText } from './html-entities';
import { resolveDocument, resolvePhoto } from './input-file';
import { formatCaption } from './message-text';
import { readCaption } from './methods-messages';
import { readReplyTarget, recordBotMessage } from './outgoing-message';
import { isRecord, isUploadedFile, type Params } from './params';
import { readReplyMarkup } from './reply-markup';

/** Telegram sends at most 10 items per album. */
export const MAX_ALBUM_ITEMS = 10;

const sendPhoto: MethodSpec = {
  sends: () => 1,
  handler: (params, ctx) => {
    const chat = ctx.chats.resolveWritable(params.raw('chat_id'));
    const caption = readCaption(params, ctx);
    const photo = resolvePhoto(params.file('photo'), params, ctx);
    return recordBotMessage(ctx, chat, {
      method: 'sendPhoto',
      ...caption,
      photo,
      replyMarkup: readReplyMarkup(params),
      reply: readReplyTarget(params, ctx, chat),
    }).message;
  },
};

const sendDocument: MethodSpec = {
  sends: () => 1,
  handler: (params, ctx) => {
    const chat = ctx.chats.resolveWritable(params.raw('chat_id'));
    const caption = readCaption(params, ctx);
    const document = resolveDocument(params.file('document'), params, ctx);
    return recordBotMessage(ctx, chat, {
      method: 'sendDocument',
      ...caption,
      document,
      replyMarkup: readReplyMarkup(params),
      reply: readReplyTarget(params, ctx, chat),
    }).message;
  },
};

interface AlbumItem {
  readonly photo?: TgPhotoSize[];
  readonly document?: TgDocument;
  readonly caption?: FormattedText;
  readonly rawText?: string;
  readonly parseMode?: string;
}

function readMediaList(params: Params): unknown[] {
  const media = params.json('media', "can't parse media JSON object");
  if (media === undefined || media === null || (Array.isArray(media) && media.length === 0)) {
    throw badRequest('there are no messages to send');
  }
  if (!Array.isArray(media)) throw badRequest('field "media" must be of type Array');
  if (media.length > MAX_ALBUM_ITEMS) throw badRequest('too many messages to send as an album');
  return media;
}

function readAlbumItem(value: unknown, params: Params, ctx: FakeContext): AlbumItem {
  if (!isRecord(value)) throw badRequest("can't parse InputMedia: InputMedia must be an Object");
  const { type, media } = value;
  if (type !== 'photo' && type !== 'document') {
    throw badRequest(`can't parse InputMedia: type "${String(type)}" is unsupported by the fake`);
  }
  const raw = typeof value.caption === 'string' ? value.caption : undefined;
  const parseMode = typeof value.parse_mode === 'string' ? value.parse_mode : undefined;
  const caption = formatCaption(
    raw === undefined ? undefined : { raw, parseMode, entities: value.caption_entities },
    { strictAmpersand: ctx.strictHtmlAmpersand },
  );
  const input = typeof media === 'string' || isUploadedFile(media) ? media : undefined;
  if (input === undefined) throw badRequest("can't parse InputMedia: media not found");
  const captionFields = { ...(caption ? { caption, rawText: raw } : {}), ...(parseMode !== undefined ? { parseMode } : {}) };
  return type === 'photo'
    ? { photo: resolvePhoto(input, params, ctx), ...captionFields }
    : { document: resolveDocument(input, params, ctx), ...captionFields };
}

const sendMediaGroup: MethodSpec = {
  sends: (params) => {
    const media = params.json('media', '');
    return Array.isArray(media) ? media.length : 1;
  },
  handler: (params, ctx) => {
    const chat = ctx.chats.resolveWritable(params.raw('chat_id'));
    const media = readMediaList(params);
    const items = media.map((value) => readAlbumItem(value, params, ctx));
    const hasDocument = items.some((item) => item.document);
    if (hasDocument && items.some((item) => item.photo)) {
      throw badRequest("document can't be mixed with other media types");
    }
    const reply = readReplyTarget(params, ctx, chat);
    // A single item is sent as an ordinary message, outside any album, as Telegram does.
    const mediaGroupId = items.length > 1 ? `${randomInt(1, 2 ** 47)}${randomInt(1000, 9999)}` : undefined;
    return items.map(
      (item) => recordBotMessage(ctx, chat, { method: 'sendMediaGroup', ...item, mediaGroupId, reply }).message,
    );
  },
};

const getFile: MethodSpec = {
  handler: (params, ctx) => {
    const fileId = params.string('file_id');
    if (!fileId) throw badRequest('invalid file_id');
    return ctx.files.describe(fileId);
  },
};

export const mediaMethods: Readonly<Record<string, MethodSpec>> = { sendPhoto, sendDocument, sendMediaGroup, getFile };
