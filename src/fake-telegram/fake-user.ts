import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { randomInt } from 'node:crypto';
import type {
  TgCallbackQuery,
  TgChat,
  TgInlineKeyboardButton,
  TgMessage,
  TgMessageEntity,
  TgUpdate,
  TgUser,
} from './bot-api-types';
import type { CallbackAnswer } from './callback-queries';
import type { WaitOptions } from './change-signal';
import { detectCommandEntities } from './command-entities';
import { unixTime } from './fake-context';
import { documentOf, mediaFields, type StoredFile, type TimedKind } from './file-store';
import { mimeTypeOf } from './input-file';
import type { ChatMessage } from './message-store';
import { describeChat, resolveMessageRef, type MessageRef } from './message-ref';
import { withoutReply } from './outgoing-message';
import { inlineButtons } from './reply-markup';
import type { UserWorld } from './user-world';

export interface FakeUserProfile {
  id: number;
  first_name: string;
  last_name?: string;
  username?: string;
  language_code?: string;
}

export interface SentUserMessage {
  readonly update: TgUpdate;
  readonly message: TgMessage;
}

export interface SentAlbum {
  readonly updates: TgUpdate[];
  readonly messages: TgMessage[];
  readonly mediaGroupId: string;
}

/** A button label (exact), a pattern, or a predicate over the button. */
export type ButtonMatcher = string | RegExp | ((button: TgInlineKeyboardButton) => boolean);

export interface PressedButton {
  readonly id: string;
  readonly query: TgCallbackQuery;
  readonly update: TgUpdate;
  /** The bot message whose button was pressed. */
  readonly message: ChatMessage;
  /** The bot's answer so far (answerCallbackQuery), if any. */
  answer(): CallbackAnswer | undefined;
  waitForAnswer(options?: WaitOptions): Promise<CallbackAnswer>;
}

export interface DocumentOptions {
  file_name?: string;
  mime_type?: string;
  /** Pretend the file is this large (e.g. 60 MB) without allocating it. */
  size?: number;
  caption?: string;
}

/** A video, video note, voice message, audio or animation a user sends (sizes may be faked). */
export interface MediaOptions {
  /** Seconds. */
  duration?: number;
  width?: number;
  height?: number;
  /** A video note's diameter. */
  length?: number;
  bytes?: Buffer;
  /** Pretend the file is this large (e.g. 60 MB) without allocating it. */
  size?: number;
  file_name?: string;
  mime_type?: string;
  performer?: string;
  title?: string;
  caption?: string;
  /** Sent as a Telegram reply to this message. */
  replyTo?: MessageRef;
}

/** An album item: a photo (its bytes or path) or a video. */
export type AlbumSource = FileSource | { readonly video: MediaOptions };

type FileSource = Buffer | string;

const MEDIA_DEFAULTS: Readonly<Record<TimedKind, { mime: string; bytes: Buffer }>> = {
  video: { mime: 'video/mp4', bytes: Buffer.from('\0\0\0\x18ftypmp42') },
  video_note: { mime: 'video/mp4', bytes: Buffer.from('\0\0\0\x18ftypmp42') },
  voice: { mime: 'audio/ogg', bytes: Buffer.from('OggS') },
  audio: { mime: 'audio/mpeg', bytes: Buffer.from('ID3') },
  animation: { mime: 'video/mp4', bytes: Buffer.from('\0\0\0\x18ftypisom') },
};

async function load(source: FileSource): Promise<{ bytes: Buffer; name?: string }> {
  return typeof source === 'string' ? { bytes: await readFile(source), name: basename(source) } : { bytes: source };
}

function matches(button: TgInlineKeyboardButton, matcher: ButtonMatcher): boolean {
  if (typeof matcher === 'string') return button.text === matcher;
  if (matcher instanceof RegExp) return matcher.test(button.text);
  return matcher(button);
}

/**
 * A Telegram user talking to the bot in one chat (their private chat unless `in(group)` was
 * used). Every action produces the update Telegram would send, with the next update_id.
 */
export class FakeUser {
  constructor(
    private readonly world: UserWorld,
    readonly profile: TgUser,
    readonly chat: TgChat,
    /** The forum topic this user writes in (see `inTopic`). */
    readonly threadId?: number,
  ) {}

  get id(): number {
    return this.profile.id;
  }

  /** The same user writing in a topic of a forum (fake.forum()): messages carry message_thread_id and is_topic_message. */
  inTopic(chat: TgChat, threadId: number): FakeUser {
    return new FakeUser(this.world, this.profile, chat, threadId);
  }

  /** The same user acting in another chat (e.g. a group created with fake.group()). */
  in(chat: TgChat): FakeUser {
    return new FakeUser(this.world, this.profile, chat);
  }

  async send(text: string, options: { entities?: TgMessageEntity[]; replyTo?: MessageRef } = {}): Promise<SentUserMessage> {
    const entities = options.entities ?? detectCommandEntities(text);
    return this.post({
      text,
      ...(entities.length > 0 ? { entities } : {}),
      ...this.replyFields(options.replyTo),
    });
  }

  /** "/name payload" with its bot_command entity, like tapping a command in the client. */
  async command(name: string, payload?: string): Promise<SentUserMessage> {
    const command = `/${name.replace(/^\//, '')}`;
    const text = payload === undefined || payload === '' ? command : `${command} ${payload}`;
    return this.send(text, { entities: [{ type: 'bot_command', offset: 0, length: command.length }] });
  }

  async replyTo(message: MessageRef, text: string): Promise<SentUserMessage> {
    return this.send(text, { replyTo: message });
  }

  async sendPhoto(source: FileSource, caption?: string): Promise<SentUserMessage> {
    const { bytes } = await load(source);
    return this.post({ photo: this.world.ctx.files.addPhoto(bytes, 'user'), ...captionFields(caption) });
  }

  /** Several photos sent together: one message update per photo, sharing a media_group_id. */
  async sendAlbum(sources: AlbumSource[], caption?: string): Promise<SentAlbum> {
    const mediaGroupId = `${randomInt(1, 2 ** 47)}${randomInt(1000, 9999)}`;
    const sent: SentUserMessage[] = [];
    for (const [index, source] of sources.entries()) {
      const content: Partial<TgMessage> =
        typeof source === 'object' && !Buffer.isBuffer(source)
          ? mediaFields(this.storeMedia('video', source.video))
          : { photo: this.world.ctx.files.addPhoto((await load(source)).bytes, 'user') };
      // Clients put the album caption on the first item only.
      sent.push(this.post({ ...content, media_group_id: mediaGroupId, ...(index === 0 ? captionFields(caption) : {}) }));
    }
    return { updates: sent.map((item) => item.update), messages: sent.map((item) => item.message), mediaGroupId };
  }

  async sendDocument(source: FileSource, options: DocumentOptions = {}): Promise<SentUserMessage> {
    const { bytes, name } = await load(source);
    const fileName = options.file_name ?? name ?? 'document.dat';
    const size = options.size ?? bytes.length;
    const file = this.world.ctx.files.add({
      kind: 'document',
      bytes,
      // May exceed the bytes: a faked size lets tests hit size limits without allocating.
      size,
      fileName,
      mimeType: options.mime_type ?? mimeTypeOf(fileName),
      uploadedBy: 'user',
    });
    return this.post({ document: documentOf(file), ...captionFields(options.caption) });
  }

  async sendSticker(emoji = '👍'): Promise<SentUserMessage> {
    const file = this.world.ctx.files.add({ kind: 'sticker', bytes: Buffer.from('RIFF0000WEBP'), width: 512, height: 512, uploadedBy: 'user' });
    return this.post({
      sticker: {
        file_id: file.fileId, file_unique_id: file.fileUniqueId, type: 'regular', width: 512, height: 512,
        is_animated: false, is_video: false, emoji, file_size: file.size,
      },
    });
  }

  /** A voice message (OGG/OPUS, no file name), `duration` seconds long. */
  async sendVoice(duration = 3, options: MediaOptions = {}): Promise<SentUserMessage> {
    return this.sendMedia('voice', { ...options, duration });
  }

  /** A video (a screen recording, say): width, height, duration, a thumbnail, maybe a caption. */
  async sendVideo(options: MediaOptions = {}): Promise<SentUserMessage> {
    return this.sendMedia('video', options);
  }

  /** A round video message: square (`length`), no caption, no file name. */
  async sendVideoNote(options: MediaOptions = {}): Promise<SentUserMessage> {
    return this.sendMedia('video_note', { ...options, caption: undefined });
  }

  async sendAudio(options: MediaOptions = {}): Promise<SentUserMessage> {
    return this.sendMedia('audio', options);
  }

  /** A GIF as Telegram sends it: an MPEG-4 `animation`, also given as `document`. */
  async sendAnimation(options: MediaOptions = {}): Promise<SentUserMessage> {
    return this.sendMedia('animation', options);
  }

  private sendMedia(kind: TimedKind, options: MediaOptions): Promise<SentUserMessage> {
    return Promise.resolve(
      this.post({ ...mediaFields(this.storeMedia(kind, options)), ...captionFields(options.caption), ...this.replyFields(options.replyTo) }),
    );
  }

  private storeMedia(kind: TimedKind, options: MediaOptions): StoredFile {
    const { files } = this.world.ctx;
    const bytes = options.bytes ?? MEDIA_DEFAULTS[kind].bytes;
    const visual = kind === 'video' || kind === 'animation';
    const width = options.width ?? 720;
    const height = options.height ?? 1280;
    const length = options.length ?? 384;
    const thumbnail = visual ? files.addThumbnail(width, height, 'user') : kind === 'video_note' ? files.addThumbnail(length, length, 'user') : undefined;
    const fileName = kind === 'voice' || kind === 'video_note' ? undefined : options.file_name ?? (kind === 'animation' ? 'animation.mp4' : undefined);
    return files.add({
      kind,
      bytes,
      // May exceed the bytes: a faked size lets tests hit size limits without allocating.
      size: options.size ?? bytes.length,
      duration: options.duration ?? (kind === 'voice' ? 3 : 10),
      ...(kind !== 'video_note' ? { mimeType: options.mime_type ?? MEDIA_DEFAULTS[kind].mime } : {}),
      ...(fileName !== undefined ? { fileName } : {}),
      ...(visual ? { width, height } : {}),
      ...(kind === 'video_note' ? { length } : {}),
      ...(kind === 'audio' && options.performer !== undefined ? { performer: options.performer } : {}),
      ...(kind === 'audio' && options.title !== undefined ? { title: options.title } : {}),
      ...(thumbnail ? { thumbnail } : {}),
      uploadedBy: 'user',
    });
  }

  async sendLocation(latitude: number, longitude: number): Promise<SentUserMessage> {
    return this.post({ location: { latitude, longitude } });
  }

  async sendContact(phoneNumber: string, firstName = this.profile.first_name, userId?: number): Promise<SentUserMessage> {
    return this.post({
      contact: { phone_number: phoneNumber, first_name: firstName, ...(userId !== undefined ? { user_id: userId } : {}) },
    });
  }

  /** Edits one of this user's messages: an edited_message update with the new text. */
  async editMessage(ref: MessageRef, text: string): Promise<SentUserMessage> {
    const record = resolveMessageRef(this.world.ctx.messages, ref, this.chat.id);
    if (record.sender !== 'user') throw new Error('fake Telegram: users can only edit their own messages');
    const at = this.world.ctx.now();
    const entities = detectCommandEntities(text);
    const message: TgMessage = { ...record.message, text, edit_date: unixTime(at) };
    delete message.entities;
    if (entities.length > 0) message.entities = entities;
    this.world.ctx.messages.edit(record, { text, entities }, at);
    record.message = message;
    return { message, update: this.world.deliver({ edited_message: structuredClone(message) }) };
  }

  /**
   * Presses an inline button: in `options.message`, or else in the latest visible bot message
   * in this chat that has a matching button. Returns the callback query so the test can check
   * how (and whether) the bot answered it.
   */
  async press(matcher: ButtonMatcher, options: { message?: MessageRef } = {}): Promise<PressedButton> {
    const { ctx } = this.world;
    const candidates = options.message
      ? [resolveMessageRef(ctx.messages, options.message, this.chat.id)]
      : ctx.messages.botMessages(this.chat.id).filter((record) => !record.deleted).reverse();
    for (const record of candidates) {
      if (record.deleted) throw new Error(`fake Telegram: message ${record.messageId} was deleted, its buttons are gone`);
      const button = inlineButtons(record.replyMarkup).find((candidate) => matches(candidate, matcher));
      if (!button) continue;
      if (button.callback_data === undefined) {
        throw new Error(`fake Telegram: button ${JSON.stringify(button.text)} has no callback_data (${JSON.stringify(button)})`);
      }
      return this.fireCallback(record, button.callback_data);
    }
    const visible = candidates.flatMap((record) => inlineButtons(record.replyMarkup).map((b) => `#${record.messageId} ${JSON.stringify(b.text)}`));
    throw new Error(
      `fake Telegram: no inline button matching ${String(matcher)} in chat ${this.chat.id}. ` +
        `Buttons: ${visible.join(', ') || '(none)'}\nChat:\n${describeChat(ctx.messages.inChat(this.chat.id))}`,
    );
  }

  /** A callback query with arbitrary data on a message, as a modified client could forge. */
  async pressData(data: string, message: MessageRef): Promise<PressedButton> {
    return this.fireCallback(resolveMessageRef(this.world.ctx.messages, message, this.chat.id), data);
  }

  /** The user blocks the bot: sends to this chat now fail with 403, and a my_chat_member update arrives. */
  async blockBot(): Promise<TgUpdate> {
    this.world.ctx.chats.setBlocked(this.chat.id, true);
    return this.memberUpdate('member', 'kicked');
  }

  async unblockBot(): Promise<TgUpdate> {
    this.world.ctx.chats.setBlocked(this.chat.id, false);
    return this.memberUpdate('kicked', 'member');
  }

  private memberUpdate(from: 'member' | 'kicked', to: 'member' | 'kicked'): TgUpdate {
    const { bot } = this.world.ctx;
    const date = unixTime(this.world.ctx.now());
    return this.world.deliver({
      my_chat_member: {
        chat: this.chat,
        from: this.profile,
        date,
        old_chat_member: { status: from, user: bot, ...(from === 'kicked' ? { until_date: 0 } : {}) },
        new_chat_member: { status: to, user: bot, ...(to === 'kicked' ? { until_date: 0 } : {}) },
      },
    });
  }

  private fireCallback(record: ChatMessage, data: string): PressedButton {
    const { ctx } = this.world;
    const query: TgCallbackQuery = {
      id: ctx.callbacks.newId(),
      from: this.profile,
      // A snapshot: later edits must not change what this update carried.
      message: structuredClone(record.message),
      chat_instance: `${BigInt(record.chatId) * 7919n + 4_000_000_000_000_000n}`,
      data,
    };
    ctx.callbacks.add(query, ctx.now());
    const update = this.world.deliver({ callback_query: structuredClone(query) });
    const { world } = this;
    return {
      id: query.id,
      query,
      update,
      message: record,
      answer: () => ctx.callbacks.get(query.id)?.answer,
      waitForAnswer: (options) => world.waitForCallbackAnswer(query.id, options),
    };
  }

  private replyFields(ref: MessageRef | undefined): Partial<TgMessage> {
    if (ref === undefined) return {};
    const target = resolveMessageRef(this.world.ctx.messages, ref, this.chat.id);
    return { reply_to_message: withoutReply(structuredClone(target.message)) };
  }

  /**
   * In a topic, Telegram marks the message with the thread and, when it replies to nothing,
   * makes it a reply to the topic's forum_topic_created service message.
   */
  private topicFields(threadId: number): Partial<TgMessage> {
    const created = this.world.ctx.messages.get(this.chat.id, threadId);
    return {
      message_thread_id: threadId,
      is_topic_message: true,
      ...(created ? { reply_to_message: withoutReply(structuredClone(created.message)) } : {}),
    };
  }

  /** Records a user message in the chat and emits its update. */
  private post(content: Partial<TgMessage>): SentUserMessage {
    const { ctx } = this.world;
    if (this.chat.type === 'private' && ctx.chats.isBlocked(this.chat.id)) {
      // Writing to a blocked bot means restarting it in the client, which unblocks it.
      ctx.chats.setBlocked(this.chat.id, false);
      this.memberUpdate('kicked', 'member');
    }
    const at = ctx.now();
    const message: TgMessage = {
      message_id: ctx.messages.nextId(this.chat.id),
      from: this.profile,
      chat: this.chat,
      date: unixTime(at),
      ...(this.threadId !== undefined ? this.topicFields(this.threadId) : {}),
      ...content,
    };
    const record: ChatMessage = {
      chatId: this.chat.id,
      messageId: message.message_id,
      sender: 'user',
      method: 'user',
      entities: message.entities ?? message.caption_entities ?? [],
      sentAt: at,
      deleted: false,
      edits: [],
      message,
      ...(message.text !== undefined ? { text: message.text } : {}),
      ...(message.caption !== undefined ? { caption: message.caption } : {}),
      ...(message.photo ? { photoFileIds: message.photo.map((size) => size.file_id) } : {}),
      ...(message.document ? { documentFileId: message.document.file_id } : {}),
      ...userMedia(message),
      ...(message.media_group_id !== undefined ? { mediaGroupId: message.media_group_id } : {}),
      ...(message.reply_to_message ? { replyToMessageId: message.reply_to_message.message_id } : {}),
    };
    ctx.messages.add(record);
    return { message, update: this.world.deliver({ message: structuredClone(message) }) };
  }
}

function captionFields(caption: string | undefined): Partial<TgMessage> {
  return caption === undefined || caption === '' ? {} : { caption };
}

function userMedia(message: TgMessage): Pick<ChatMessage, 'media'> {
  for (const kind of ['video', 'video_note', 'voice', 'audio', 'animation'] as const) {
    const media = message[kind];
    if (media) return { media: { kind, fileId: media.file_id } };
  }
  return {};
}
