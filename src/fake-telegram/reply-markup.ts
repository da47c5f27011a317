import { badRequest } from './api-error';
import type {
  TgInlineKeyboardButton,
  TgInlineKeyboardMarkup,
  TgKeyboardButton,
  TgReplyMarkup,
} from './bot-api-types';
import { isRecord, type Params } from './params';

/** Telegram caps callback_data at 64 bytes of UTF-8, not 64 characters. */
export const MAX_CALLBACK_DATA_BYTES = 64;
/** Telegram rejects keyboards with more than 100 buttons. */
export const MAX_INLINE_BUTTONS = 100;

const INLINE_ACTIONS = [
  'callback_data', 'url', 'login_url', 'switch_inline_query', 'switch_inline_query_current_chat',
  'switch_inline_query_chosen_chat', 'callback_game', 'pay', 'web_app', 'copy_text',
] as const;

const BOOLEAN_FIELDS = ['resize_keyboard', 'one_time_keyboard', 'is_persistent', 'selective'] as const;

export function isInlineKeyboard(markup: TgReplyMarkup | undefined): markup is TgInlineKeyboardMarkup {
  return markup !== undefined && 'inline_keyboard' in markup;
}

/** Reads and validates `reply_markup` like the Bot API does for send methods. */
export function readReplyMarkup(params: Params): TgReplyMarkup | undefined {
  const value = params.json('reply_markup', "can't parse reply keyboard markup JSON object");
  return value === undefined || value === null ? undefined : parseReplyMarkup(value);
}

/** Edit methods accept only inline keyboards. */
export function readInlineMarkup(params: Params): TgInlineKeyboardMarkup | undefined {
  const markup = readReplyMarkup(params);
  if (markup !== undefined && !isInlineKeyboard(markup)) throw badRequest('inline keyboard expected');
  return markup;
}

export function parseReplyMarkup(value: unknown): TgReplyMarkup {
  if (!isRecord(value)) throw badRequest('object expected as reply markup');
  if ('inline_keyboard' in value) return parseInlineKeyboard(value.inline_keyboard);
  if ('keyboard' in value) return parseReplyKeyboard(value);
  if ('remove_keyboard' in value) {
    if (typeof value.remove_keyboard !== 'boolean') throw badRequest('field "remove_keyboard" must be of type Boolean');
    return { remove_keyboard: true, ...optionalBoolean(value, 'selective') };
  }
  if ('force_reply' in value) {
    if (typeof value.force_reply !== 'boolean') throw badRequest('field "force_reply" must be of type Boolean');
    const placeholder = typeof value.input_field_placeholder === 'string' ? value.input_field_placeholder : undefined;
    return {
      force_reply: true,
      ...optionalBoolean(value, 'selective'),
      ...(placeholder !== undefined ? { input_field_placeholder: placeholder } : {}),
    };
  }
  throw badRequest('object expected as reply markup');
}

function parseInlineKeyboard(rows: unknown): TgInlineKeyboardMarkup {
  if (!Array.isArray(rows) || !rows.every(Array.isArray)) {
    throw badRequest('field "inline_keyboard" must be of type Array');
  }
  const keyboard = rows.map((row: unknown[]) => row.map(parseInlineButton));
  const count = keyboard.reduce((sum, row) => sum + row.length, 0);
  if (count > MAX_INLINE_BUTTONS) throw badRequest('REPLY_MARKUP_TOO_LONG');
  return { inline_keyboard: keyboard };
}

function parseInlineButton(value: unknown): TgInlineKeyboardButton {
  const fail = (detail: string): Error => badRequest(`can't parse inline keyboard button: ${detail}`);
  if (!isRecord(value)) throw fail('InlineKeyboardButton must be an Object');
  if (!('text' in value)) throw fail(`Can't find field "text"`);
  if (typeof value.text !== 'string') throw fail(`Field "text" must be of type String`);
  if (value.text.trim() === '') throw badRequest('BUTTON_TEXT_INVALID');
  const button: TgInlineKeyboardButton = { ...value, text: value.text };
  // Telegram treats an empty callback_data as absent, which leaves a "text button".
  const actions = INLINE_ACTIONS.filter((field) => value[field] !== undefined && value[field] !== '');
  if (actions.length === 0) throw fail('Text buttons are unallowed in the inline keyboard');
  if (value.callback_data !== undefined) {
    if (typeof value.callback_data !== 'string') throw fail(`Field "callback_data" must be of type String`);
    if (Buffer.byteLength(value.callback_data, 'utf8') > MAX_CALLBACK_DATA_BYTES) {
      throw badRequest('BUTTON_DATA_INVALID');
    }
  }
  if (value.url !== undefined) checkButtonUrl(value.url);
  return button;
}

function checkButtonUrl(url: unknown): void {
  if (typeof url !== 'string') throw badRequest(`can't parse inline keyboard button: Field "url" must be of type String`);
  let protocol: string;
  try {
    protocol = new URL(url).protocol;
  } catch {
    throw badRequest(`inline keyboard button URL '${url}' is invalid: Wrong HTTP URL`);
  }
  if (!['http:', 'https:', 'tg:'].includes(protocol)) {
    throw badRequest(`inline keyboard button URL '${url}' is invalid: Unsupported URL protocol`);
  }
}

function parseReplyKeyboard(value: Record<string, unknown>): TgReplyMarkup {
  const rows = value.keyboard;
  if (!Array.isArray(rows) || !rows.every(Array.isArray)) throw badRequest('field "keyboard" must be of type Array');
  for (const field of BOOLEAN_FIELDS) {
    if (value[field] !== undefined && typeof value[field] !== 'boolean') {
      throw badRequest(`field "${field}" must be of type Boolean`);
    }
  }
  const keyboard = rows.map((row: unknown[]) => row.map(parseKeyboardButton));
  return { ...value, keyboard };
}

function parseKeyboardButton(value: unknown): TgKeyboardButton {
  if (typeof value === 'string') return { text: value };
  if (!isRecord(value)) throw badRequest("can't parse keyboard button: KeyboardButton must be an Object");
  if (typeof value.text !== 'string') throw badRequest(`can't parse keyboard button: Field "text" must be of type String`);
  return { ...value, text: value.text };
}

function optionalBoolean(value: Record<string, unknown>, field: string): Record<string, boolean> {
  const raw = value[field];
  if (raw === undefined) return {};
  if (typeof raw !== 'boolean') throw badRequest(`field "${field}" must be of type Boolean`);
  return { [field]: raw };
}

/** Every inline button of a keyboard, row by row. */
export function inlineButtons(markup: TgReplyMarkup | undefined): TgInlineKeyboardButton[] {
  return isInlineKeyboard(markup) ? markup.inline_keyboard.flat() : [];
}
