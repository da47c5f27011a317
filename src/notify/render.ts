import { z } from 'zod';
import type { ForceReply, InlineKeyboardMarkup, ReplyKeyboardMarkup, ReplyKeyboardRemove } from 'telegraf/types';
import { contactLinks } from '../telegram/contact-links';
import { splitHtml } from '../telegram/text-limits';
import type { FileSend } from './file-sends';
import { offerKeyboard, parseActionOffer } from '../telegram/ticket-actions';
import type { Language, Translate, TranslationParams } from '../i18n';

const paramsSchema = z.record(z.string(), z.union([z.string(), z.number()]));

/** application/outbox/deferred-replies.ts DEFERRED_REPLY_KEY: a bot reply sent late, as the bot made it. */
const DEFERRED_REPLY = 'reply.deferred';
const inlineSchema = z.object({ inline_keyboard: z.array(z.array(z.object({ text: z.string() }).loose())) }).loose();
const otherMarkupSchema = z.union([
  z.object({ keyboard: z.array(z.array(z.union([z.string(), z.object({ text: z.string() }).loose()]))) }).loose(),
  z.object({ remove_keyboard: z.literal(true) }).loose(),
  z.object({ force_reply: z.literal(true) }).loose(),
]);

/** What a bot reply may carry besides an inline keyboard: a reply keyboard (the menu), its removal, a forced reply. */
export type OtherReplyMarkup = ReplyKeyboardMarkup | ReplyKeyboardRemove | ForceReply;

const fileKindSchema = z.enum(['photo', 'document', 'video', 'video_note', 'voice', 'audio', 'animation']);
const deferredFilesSchema = z.array(
  z.union([
    z.object({
      kind: z.literal('album'),
      fileIds: z.array(z.string()),
      items: z.array(z.object({ type: z.enum(['photo', 'video', 'document', 'audio']), fileId: z.string(), caption: z.string().optional() })),
    }),
    z.object({ kind: fileKindSchema, fileId: z.string(), caption: z.string().optional() }),
  ]),
);

/** A deferred reply's file calls (JSON text written by the reply budget); none when it does not parse. */
function deferredFiles(values: TranslationParams): FileSend[] {
  if (typeof values.files !== 'string') return [];
  try {
    const parsed = deferredFilesSchema.safeParse(JSON.parse(values.files));
    return parsed.success ? (parsed.data as FileSend[]) : [];
  } catch {
    return [];
  }
}

/** A deferred reply as the bot made it: its text, its buttons whatever their kind (inline, the menu keyboard, …), its files. */
function deferredReply(values: TranslationParams): RenderedNotification {
  const html = typeof values.html === 'string' ? values.html : '';
  const files = deferredFiles(values);
  const withFiles = files.length > 0 ? { files } : {};
  const chunks = html === '' && files.length > 0 ? [] : splitHtml(html);
  let markup: unknown;
  try {
    markup = typeof values.markup === 'string' ? JSON.parse(values.markup) : undefined;
  } catch {
    markup = undefined;
  }
  const thread = typeof values.thread === 'number' ? { threadId: values.thread } : {};
  const inline = inlineSchema.safeParse(markup);
  if (inline.success) return { chunks, keyboard: inline.data as unknown as InlineKeyboardMarkup, ...thread, ...withFiles };
  const other = otherMarkupSchema.safeParse(markup);
  return { chunks, keyboard: undefined, ...(other.success && { markup: other.data as unknown as OtherReplyMarkup }), ...thread, ...withFiles };
}

const contactsSchema = z.array(z.object({ displayName: z.string(), username: z.string().nullable(), telegramId: z.number() }));

/**
 * `contacts` given as people (JSON: the admins a user is sent to) becomes tap-to-open links; the
 * texts that carry it interpolate it unescaped (`{{- contacts}}`), since it is HTML made here
 * from escaped names.
 */
function withContactLinks(values: TranslationParams): TranslationParams {
  if (typeof values.contacts !== 'string' || !values.contacts.startsWith('[')) return values;
  let people: unknown;
  try {
    people = JSON.parse(values.contacts);
  } catch {
    return values;
  }
  const parsed = contactsSchema.safeParse(people);
  return { ...values, contacts: parsed.success ? (contactLinks(parsed.data) ?? '—') : '—' };
}

/** A notification as Telegram messages: HTML chunks within 4096 characters, buttons under the last. */
export interface RenderedNotification {
  readonly chunks: readonly string[];
  readonly keyboard: InlineKeyboardMarkup | undefined;
  /** A deferred reply's other markup (a reply keyboard, its removal, a forced reply), under the last chunk. */
  readonly markup?: OtherReplyMarkup;
  /** A deferred reply's forum topic (message_thread_id): its chunks go there. */
  readonly threadId?: number;
  /** A deferred reply's files, sent after the chunks as the bot first tried to send them. */
  readonly files?: readonly FileSend[];
}

/**
 * Renders an outbox row in the recipient's language: the text, and the actions the row offers
 * as buttons (src/telegram/ticket-actions.ts: the same codes and labels as on ticket cards).
 * Params that are not strings or numbers (none are written so) are dropped; a keyboard that
 * does not parse is left out rather than blocking the message.
 */
export function renderNotification(
  translate: Translate,
  lang: Language,
  key: string,
  params: unknown,
  keyboard: unknown,
): RenderedNotification {
  const parsedParams = paramsSchema.safeParse(params);
  const values: TranslationParams = parsedParams.success ? parsedParams.data : {};
  if (key === DEFERRED_REPLY) return deferredReply(values);
  const chunks = splitHtml(translate(lang, key, withContactLinks(values)));
  const offer = parseActionOffer(keyboard);
  return { chunks, keyboard: offer === null ? undefined : offerKeyboard(offer, (label) => translate(lang, label)) };
}
