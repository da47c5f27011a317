import { randomInt } from 'node:crypto';
import { badRequest } from './api-error';
import type { TgDocument, TgMessage, TgPhotoSize } from './bot-api-types';
import type { FakeContext, MethodSpec } from './fake-context';
import type { FormattedText } from './html-entities';
import type { StoredFile, TimedKind } from './file-store';
import { resolveDocument, resolveMedia, resolvePhoto, type MediaMeta, type ResolvedMedia } from './input-file';
import { formatCaption } from './message-text';
import { readCaption } from './methods-messages';
import { readReplyTarget, recordBotMessage } from './outgoing-message';
import { isRecord, isUploadedFile, Params } from './params';
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

function readMeta(params: Params): MediaMeta {
  const meta: Record<string, number | string> = {};
  for (const name of ['duration', 'width', 'height', 'length'] as const) {
    const value = params.int(name);
    if (value !== undefined) {
      if (value < 0) throw badRequest(`field "${name}" must be non-negative`);
      meta[name] = value;
    }
  }
  for (const name of ['performer', 'title'] as const) {
    const value = params.string(name);
    if (value !== undefined) meta[name] = value;
  }
  return meta;
}

/** The message content of resolved media: its own field, or a document when Telegram fell back to one. */
function mediaContent(resolved: ResolvedMedia): { media?: { file: StoredFile; fields: Partial<TgMessage> }; document?: TgDocument } {
  if ('document' in resolved.fields && resolved.file.kind === 'document') return { document: resolved.fields.document };
  return { media: resolved };
}

/**
 * sendVideo, sendVideoNote, sendVoice, sendAudio, sendAnimation: the file (upload, URL or a
 * file_id of the same type), optional duration and sizes, a caption (≤ 1024 after parsing;
 * video notes take none), a keyboard and a reply target.
 */
function timedMediaMethod(kind: TimedKind, method: string): MethodSpec {
  return {
    sends: () => 1,
    handler: (params, ctx) => {
      const chat = ctx.chats.resolveWritable(params.raw('chat_id'));
      // Video notes have no caption in the Bot API: the parameter does not exist, so it is ignored.
      const caption = kind === 'video_note' ? {} : readCaption(params, ctx);
      const resolved = resolveMedia(kind, params.file(kind), params, ctx, readMeta(params));
      return recordBotMessage(ctx, chat, {
        method,
        ...caption,
        ...mediaContent(resolved),
        replyMarkup: readReplyMarkup(params),
        reply: readReplyTarget(params, ctx, chat),
      }).message;
    },
  };
}

interface AlbumItem {
  readonly type: 'photo' | 'video' | 'audio' | 'document';
  readonly photo?: TgPhotoSize[];
  readonly document?: TgDocument;
  readonly media?: { file: StoredFile; fields: Partial<TgMessage> };
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
  if (type !== 'photo' && type !== 'document' && type !== 'video' && type !== 'audio') {
    // sendMediaGroup takes InputMediaAudio, InputMediaDocument, InputMediaPhoto and InputMediaVideo only.
    throw badRequest(`can't parse InputMedia: unsupported media type "${String(type)}"`);
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
  if (type === 'photo') return { type, photo: resolvePhoto(input, params, ctx), ...captionFields };
  if (type === 'document') return { type, document: resolveDocument(input, params, ctx), ...captionFields };
  const meta = new Params(value);
  return { type, ...mediaContent(resolveMedia(type, input, params, ctx, readMeta(meta))), ...captionFields };
}

/**
 * Telegram's album rules: documents only with documents, audio only with audio; photos and
 * videos together.
 */
function checkMixing(items: readonly AlbumItem[]): void {
  const types = new Set(items.map((item) => item.type));
  if (types.size < 2) return;
  if (types.has('document')) throw badRequest("document can't be mixed with other media types");
  if (types.has('audio')) throw badRequest("audio can't be mixed with other media types");
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
    checkMixing(items);
    const reply = readReplyTarget(params, ctx, chat);
    // A single item is sent as an ordinary message, outside any album, as Telegram does.
    const mediaGroupId = items.length > 1 ? `${randomInt(1, 2 ** 47)}${randomInt(1000, 9999)}` : undefined;
    return items.map(
      ({ type: _type, ...item }) => recordBotMessage(ctx, chat, { method: 'sendMediaGroup', ...item, mediaGroupId, reply }).message,
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

export const mediaMethods: Readonly<Record<string, MethodSpec>> = {
  sendPhoto,
  sendDocument,
  sendVideo: timedMediaMethod('video', 'sendVideo'),
  sendVideoNote: timedMediaMethod('video_note', 'sendVideoNote'),
  sendVoice: timedMediaMethod('voice', 'sendVoice'),
  sendAudio: timedMediaMethod('audio', 'sendAudio'),
  sendAnimation: timedMediaMethod('animation', 'sendAnimation'),
  sendMediaGroup,
  getFile,
};
