import type { TgBotUser } from './bot-api-types';
import type { CallbackQueryStore } from './callback-queries';
import type { ChatRegistry } from './chat-registry';
import type { CommandStore } from './bot-commands';
import type { FileStore } from './file-store';
import type { MessageStore } from './message-store';
import type { Params } from './params';
import type { UpdateQueue } from './update-queue';
import type { WebhookSender } from './webhook-sender';

export interface ChatActionRecord {
  readonly chatId: number;
  readonly action: string;
  readonly at: number;
}

/** Everything a Bot API method implementation may read or change. */
export interface FakeContext {
  readonly bot: TgBotUser;
  readonly strictHtmlAmpersand: boolean;
  readonly chats: ChatRegistry;
  readonly messages: MessageStore;
  readonly files: FileStore;
  readonly updates: UpdateQueue;
  readonly callbacks: CallbackQueryStore;
  readonly commands: CommandStore;
  readonly webhook: WebhookSender;
  readonly chatActions: ChatActionRecord[];
  now(): number;
}

export interface CallContext {
  /** Aborted when the client gave up on the HTTP request (e.g. telegraf stopping its poll). */
  readonly signal: AbortSignal;
}

export type MethodHandler = (params: Params, ctx: FakeContext, call: CallContext) => unknown;

export interface MethodSpec {
  readonly handler: MethodHandler;
  /** For send methods: how many messages the call sends (rate limiting counts these). */
  readonly sends?: (params: Params) => number;
}

export const unixTime = (ms: number): number => Math.floor(ms / 1000);
