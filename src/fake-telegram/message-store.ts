import type { TgMessage, TgMessageEntity, TgReplyMarkup } from './bot-api-types';

/** One earlier state of an edited bot message. */
export interface MessageVersion {
  readonly text?: string;
  readonly caption?: string;
  readonly entities: readonly TgMessageEntity[];
  readonly replyMarkup?: TgReplyMarkup;
  readonly at: number;
}

/**
 * A message in a chat as the fake recorded it. Bot messages are updated in place on edits and
 * marked on deletion, so a transcript always shows what the user currently sees.
 */
export interface ChatMessage {
  readonly chatId: number;
  readonly messageId: number;
  readonly sender: 'bot' | 'user';
  /** The Bot API method that produced it (sendMessage, sendPhoto, ...; "user" for user messages). */
  readonly method: string;
  /** Current text or caption as Telegram stores it: HTML removed, entities decoded. */
  text?: string;
  caption?: string;
  /** Current text/caption exactly as the bot sent it (with markup). */
  rawText?: string;
  parseMode?: string;
  entities: TgMessageEntity[];
  /** Whatever markup the bot attached (reply keyboards too; only inline ones appear in `message`). */
  replyMarkup?: TgReplyMarkup;
  readonly replyToMessageId?: number;
  readonly replyParameters?: Readonly<Record<string, unknown>>;
  readonly photoFileIds?: readonly string[];
  readonly documentFileId?: string;
  /** A video, video note, voice message, audio or animation: its kind and file id. */
  readonly media?: { readonly kind: 'video' | 'video_note' | 'voice' | 'audio' | 'animation'; readonly fileId: string };
  readonly mediaGroupId?: string;
  readonly sentAt: number;
  editedAt?: number;
  deleted: boolean;
  deletedAt?: number;
  /** Earlier versions, oldest first. */
  readonly edits: MessageVersion[];
  /** The current Telegram Message object. */
  message: TgMessage;
}

export class MessageStore {
  private readonly lastId = new Map<number, number>();
  private readonly byChat = new Map<number, ChatMessage[]>();
  private readonly ordered: ChatMessage[] = [];

  /** Message ids grow per chat and are shared by the bot and the users of that chat. */
  nextId(chatId: number): number {
    const id = (this.lastId.get(chatId) ?? 0) + 1;
    this.lastId.set(chatId, id);
    return id;
  }

  add(record: ChatMessage): ChatMessage {
    const list = this.byChat.get(record.chatId) ?? [];
    list.push(record);
    this.byChat.set(record.chatId, list);
    this.ordered.push(record);
    return record;
  }

  get(chatId: number, messageId: number): ChatMessage | undefined {
    return this.byChat.get(chatId)?.find((record) => record.messageId === messageId);
  }

  /** Everything in a chat, users' and bot's, in the order it was sent. */
  inChat(chatId: number): readonly ChatMessage[] {
    return this.byChat.get(chatId) ?? [];
  }

  botMessages(chatId?: number): ChatMessage[] {
    const source = chatId === undefined ? this.ordered : this.inChat(chatId);
    return source.filter((record) => record.sender === 'bot');
  }

  /** Applies an edit (only the fields present in `change`) and keeps the previous version. */
  edit(record: ChatMessage, change: Partial<EditableFields>, at: number): void {
    record.edits.push({
      ...(record.text !== undefined ? { text: record.text } : {}),
      ...(record.caption !== undefined ? { caption: record.caption } : {}),
      entities: record.entities,
      ...(record.replyMarkup !== undefined ? { replyMarkup: record.replyMarkup } : {}),
      at: record.editedAt ?? record.sentAt,
    });
    Object.assign(record, change);
    record.editedAt = at;
  }
}

export type EditableFields = Pick<ChatMessage, 'text' | 'caption' | 'rawText' | 'parseMode' | 'entities' | 'replyMarkup'>;
