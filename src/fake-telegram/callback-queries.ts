import { badRequest } from './api-error';
import type { TgCallbackQuery } from './bot-api-types';

export interface CallbackAnswer {
  readonly text?: string;
  readonly showAlert: boolean;
  readonly url?: string;
  readonly cacheTime?: number;
  readonly at: number;
}

export interface CallbackQueryRecord {
  readonly query: TgCallbackQuery;
  readonly createdAt: number;
  answer?: CallbackAnswer;
}

/** Telegram caps the notification text of answerCallbackQuery at 200 characters. */
export const MAX_CALLBACK_ANSWER_LENGTH = 200;

/** Callback queries the users produced, and how the bot answered each one. */
export class CallbackQueryStore {
  private readonly records = new Map<string, CallbackQueryRecord>();
  private counter = 0;

  constructor(private readonly ttlMs: number | undefined) {}

  /** Ids look like Telegram's: long decimal strings. */
  newId(): string {
    this.counter += 1;
    return `${4_000_000_000_000 + Math.floor(Math.random() * 1_000_000_000) * 1000 + this.counter}`;
  }

  add(query: TgCallbackQuery, at: number): CallbackQueryRecord {
    const record: CallbackQueryRecord = { query, createdAt: at };
    this.records.set(query.id, record);
    return record;
  }

  get(id: string): CallbackQueryRecord | undefined {
    return this.records.get(id);
  }

  all(): CallbackQueryRecord[] {
    return [...this.records.values()];
  }

  /** One answer per query; later or unknown ones get Telegram's "query is too old" error. */
  answer(id: string | undefined, answer: Omit<CallbackAnswer, 'at'>, at: number): void {
    const record = id === undefined ? undefined : this.records.get(id);
    const expired = record !== undefined && this.ttlMs !== undefined && at - record.createdAt > this.ttlMs;
    if (!record || record.answer || expired) {
      throw badRequest('query is too old and response timeout expired or query ID is invalid');
    }
    if (answer.text !== undefined && answer.text.length > MAX_CALLBACK_ANSWER_LENGTH) {
      throw badRequest('MESSAGE_TOO_LONG');
    }
    record.answer = { ...answer, at };
  }
}
