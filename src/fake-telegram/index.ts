export { ApiError, Descriptions } from './api-error';
export type { ApiResponseBody, ErrorBody, OkBody, ResponseParameters } from './api-error';
export type * from './bot-api-types';
export type { BotCommand } from './bot-commands';
export type { ApiCallRecord, CallStats } from './call-log';
export type { CallbackAnswer, CallbackQueryRecord } from './callback-queries';
export type { WaitOptions } from './change-signal';
export type { ChatActionRecord } from './fake-context';
export { FakeTelegram } from './fake-telegram';
export type { FakeTelegramOptions, IdleOptions, MessageMatcher } from './fake-telegram';
export { FakeUser } from './fake-user';
export type { AlbumSource, ButtonMatcher, DocumentOptions, FakeUserProfile, MediaOptions, PressedButton, SentAlbum, SentUserMessage } from './fake-user';
export type { Fault, FaultScope } from './fault-injector';
export type { StoredFile } from './file-store';
export {
  decodeHtmlEntityAt,
  escapeHtml,
  HtmlParseError,
  parseTelegramHtml,
  stripHtml,
  validateTelegramHtml,
} from './html-entities';
export type { FormattedText, HtmlParseOptions } from './html-entities';
export { MAX_CAPTION_LENGTH, MAX_TEXT_LENGTH } from './message-text';
export type { MessageLike, MessageRef } from './message-ref';
export type { ChatMessage, MessageVersion } from './message-store';
export { TELEGRAM_RATE_LIMITS } from './rate-limiter';
export type { RateLimitConfig } from './rate-limiter';
export { inlineButtons, MAX_CALLBACK_DATA_BYTES, MAX_INLINE_BUTTONS } from './reply-markup';
export { launchBot } from './telegraf-harness';
export type { RunningBot } from './telegraf-harness';
export type { WebhookConfig, WebhookDelivery } from './webhook-sender';
