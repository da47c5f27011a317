import { badRequest } from './api-error';
import type { TgMessageEntity } from './bot-api-types';
import { HtmlParseError, parseTelegramHtml, type FormattedText } from './html-entities';
import { isRecord } from './params';

/** Telegram's documented limits, in UTF-16 code units of the text after entity parsing. */
export const MAX_TEXT_LENGTH = 4096;
export const MAX_CAPTION_LENGTH = 1024;

export interface TextInput {
  raw: string;
  parseMode?: string;
  entities?: unknown;
}

export interface TextOptions {
  strictAmpersand: boolean;
}

const ENTITY_TYPES = new Set([
  'mention', 'hashtag', 'cashtag', 'bot_command', 'url', 'email', 'phone_number', 'bold', 'italic',
  'underline', 'strikethrough', 'spoiler', 'blockquote', 'expandable_blockquote', 'code', 'pre',
  'text_link', 'text_mention', 'custom_emoji',
]);

/** Message text as Telegram stores it; rejects what Telegram rejects for sendMessage/editMessageText. */
export function formatMessageText(input: TextInput | undefined, options: TextOptions): FormattedText {
  if (input === undefined || input.raw === '') throw badRequest('message text is empty');
  const formatted = formatText(input, options);
  if (formatted.text === '') throw badRequest('text must be non-empty');
  if (formatted.text.length > MAX_TEXT_LENGTH) throw badRequest('message is too long');
  return formatted;
}

/** A media caption; undefined when there is none (an empty caption is no caption). */
export function formatCaption(input: TextInput | undefined, options: TextOptions): FormattedText | undefined {
  if (input === undefined || input.raw === '') return undefined;
  const formatted = formatText(input, options);
  if (formatted.text.length > MAX_CAPTION_LENGTH) throw badRequest('message caption is too long');
  return formatted.text === '' ? undefined : formatted;
}

function formatText(input: TextInput, options: TextOptions): FormattedText {
  const mode = (input.parseMode ?? '').toLowerCase();
  if (mode === 'html') {
    try {
      return trimFormatted(parseTelegramHtml(input.raw, { strictAmpersand: options.strictAmpersand }));
    } catch (error) {
      if (error instanceof HtmlParseError) throw badRequest(error.message);
      throw error;
    }
  }
  // Markdown modes are accepted but not parsed (a known gap of the fake): the text is kept as sent.
  if (mode !== '' && mode !== 'markdown' && mode !== 'markdownv2') throw badRequest('unsupported parse_mode');
  const entities = mode === '' ? validateEntities(input.entities, input.raw) : [];
  return trimFormatted({ text: input.raw, entities });
}

/** Telegram strips surrounding whitespace and moves entities with the text. */
function trimFormatted({ text, entities }: FormattedText): FormattedText {
  const trimmed = text.trim();
  const start = text.length - text.trimStart().length;
  const end = start + trimmed.length;
  const moved: TgMessageEntity[] = [];
  for (const entity of entities) {
    const from = Math.max(entity.offset, start);
    const to = Math.min(entity.offset + entity.length, end);
    if (to > from) moved.push({ ...entity, offset: from - start, length: to - from });
  }
  return { text: trimmed, entities: moved };
}

function validateEntities(value: unknown, text: string): TgMessageEntity[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw badRequest('field "entities" must be of type Array');
  return value.map((entity) => validateEntity(entity, text.length));
}

function validateEntity(value: unknown, textLength: number): TgMessageEntity {
  if (!isRecord(value)) throw badRequest("can't parse MessageEntity: MessageEntity must be an Object");
  const { type, offset, length } = value;
  if (typeof type !== 'string' || !ENTITY_TYPES.has(type)) {
    throw badRequest("can't parse MessageEntity: Unsupported type specified");
  }
  if (typeof offset !== 'number' || typeof length !== 'number') {
    throw badRequest(`can't parse MessageEntity: Field "${typeof offset !== 'number' ? 'offset' : 'length'}" must be of type Number`);
  }
  if (offset < 0) throw badRequest(`receive an entity with incorrect offset ${offset}`);
  if (offset > textLength) throw badRequest(`entity begins after the end of the text at UTF-16 offset ${offset}`);
  if (offset + length > textLength) {
    throw badRequest(
      `entity beginning at UTF-16 offset ${offset} ends after the end of the text at UTF-16 offset ${offset + length}`,
    );
  }
  const entity: TgMessageEntity = { type, offset, length };
  if (type === 'text_link') entity.url = validateEntityUrl(value.url);
  if (type === 'text_mention') {
    const user = value.user;
    if (!isRecord(user) || typeof user.id !== 'number') {
      throw badRequest(`can't parse MessageEntity: Can't find field "user"`);
    }
    const firstName = typeof user.first_name === 'string' ? user.first_name : '';
    entity.user = { id: user.id, is_bot: user.is_bot === true, first_name: firstName };
  }
  if (type === 'custom_emoji') {
    if (typeof value.custom_emoji_id !== 'string') {
      throw badRequest(`can't parse MessageEntity: Can't find field "custom_emoji_id"`);
    }
    entity.custom_emoji_id = value.custom_emoji_id;
  }
  if (type === 'pre' && typeof value.language === 'string') entity.language = value.language;
  return entity;
}

function validateEntityUrl(url: unknown): string {
  if (typeof url !== 'string') throw badRequest(`can't parse MessageEntity: Can't find field "url"`);
  if (url === '') throw badRequest(`entity URL '' is invalid: URL host is empty`);
  if (!/^(https?:\/\/|tg:\/\/)\S+$/i.test(url)) throw badRequest(`entity URL '${url}' is invalid: Wrong HTTP URL`);
  return url;
}
