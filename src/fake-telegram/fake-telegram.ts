import { randomBytes } from 'node:crypto';
import { ApiDispatcher } from './api-dispatcher';
import type { TgBotUser, TgChat, TgUpdate } from './bot-api-types';
import { CommandStore, type BotCommand } from './bot-commands';
import { CallLog, type ApiCallRecord, type CallStats } from './call-log';
import { CallbackQueryStore, type CallbackAnswer, type CallbackQueryRecord } from './callback-queries';
import { ChangeSignal, delay, DEFAULT_WAIT_MS, type WaitOptions } from './change-signal';
import { ChatRegistry } from './chat-registry';
import type { ChatActionRecord, FakeContext } from './fake-context';
import { FakeUser, type FakeUserProfile } from './fake-user';
import { FaultInjector, type Fault, type FaultScope } from './fault-injector';
import { FileStore, type StoredFile } from './file-store';
import { setBotRights, setMemberStatus, topicsOf, type BotRights, type FakeTopic } from './forum';
import { FakeHttpServer } from './http-server';
import { describeChat } from './message-ref';
import { MessageStore, type ChatMessage } from './message-store';
import { Params } from './params';
import { RateLimiter, TELEGRAM_RATE_LIMITS, type RateLimitConfig } from './rate-limiter';
import { UpdateQueue } from './update-queue';
import type { UserWorld } from './user-world';
import { WebhookSender, webhookReplyCall, type WebhookConfig, type WebhookDelivery, type WebhookOptions } from './webhook-sender';

export interface FakeTelegramOptions {
  /** Bot token; the digits before ":" become the bot's user id. Random by default. */
  token?: string;
  botUsername?: string;
  botFirstName?: string;
  /** Reject unescaped "&" in HTML (stricter than Telegram, see html-entities.ts). Default true. */
  strictHtmlAmpersand?: boolean;
  /** Enforce Telegram's flood limits from the start (see enforceRateLimits). Default off. */
  rateLimits?: Partial<RateLimitConfig> | boolean;
  /** Answering a callback query later than this fails like an expired query. Default: never expires. */
  callbackQueryTtlMs?: number;
  webhook?: Partial<WebhookOptions>;
}

/** Matches a bot message: substring of its text/caption, a pattern, or a predicate. */
export type MessageMatcher = string | RegExp | ((message: ChatMessage) => boolean);

export interface IdleOptions extends WaitOptions {
  /** How long nothing may happen before the bot counts as idle. Default 50 ms. */
  quietMs?: number;
}

function matchesMessage(message: ChatMessage, matcher: MessageMatcher | undefined): boolean {
  if (matcher === undefined) return true;
  if (typeof matcher === 'function') return matcher(message);
  const content = message.text ?? message.caption ?? '';
  return typeof matcher === 'string' ? content.includes(matcher) : matcher.test(content);
}

/**
 * A fake Telegram Bot API server for end-to-end tests: a real HTTP server the bot talks to via
 * `apiRoot`, plus simulated users, fault injection, recording and waiting helpers.
 *
 * Stop the bot before the fake: a telegraf poller that loses its server retries every 5 s forever.
 */
export class FakeTelegram {
  readonly token: string;
  readonly botInfo: TgBotUser;
  private readonly signal = new ChangeSignal();
  private readonly log = new CallLog();
  private readonly faults = new FaultInjector();
  private readonly ctx: FakeContext;
  private readonly dispatcher: ApiDispatcher;
  private readonly consumed = new WeakSet<ChatMessage>();
  private readonly history: TgUpdate[] = [];
  private lastUpdateId = 1000;
  private lastUpdateAt = 0;
  private http: FakeHttpServer | undefined;

  private constructor(options: FakeTelegramOptions) {
    const botId = 7_000_000_000 + Math.floor(Math.random() * 900_000_000);
    this.token = options.token ?? `${botId}:AAF${randomBytes(24).toString('base64url')}`;
    const idFromToken = Number(this.token.split(':')[0]);
    const username = options.botUsername ?? 'fake_support_bot';
    this.botInfo = {
      id: Number.isSafeInteger(idFromToken) && idFromToken > 0 ? idFromToken : botId,
      is_bot: true,
      first_name: options.botFirstName ?? 'Fake Support Bot',
      username,
      can_join_groups: true,
      can_read_all_group_messages: false,
      supports_inline_queries: false,
    };
    const changed = (): void => this.signal.notify();
    const updates = new UpdateQueue(() => {
      this.lastUpdateAt = Date.now();
      changed();
      this.ctx?.webhook.kick();
    });
    const webhookOptions: WebhookOptions = {
      retryDelaysMs: [50, 100, 200, 400, 800],
      maxAttempts: 10,
      timeoutMs: 10_000,
      ...options.webhook,
    };
    const webhook = new WebhookSender(updates, webhookOptions, (method, fields) => this.executeWebhookCall(method, fields), changed);
    this.ctx = {
      bot: this.botInfo,
      strictHtmlAmpersand: options.strictHtmlAmpersand ?? true,
      chats: new ChatRegistry(),
      messages: new MessageStore(),
      files: new FileStore(),
      updates,
      callbacks: new CallbackQueryStore(options.callbackQueryTtlMs),
      commands: new CommandStore(),
      webhook,
      chatActions: [],
      now: () => Date.now(),
    };
    this.dispatcher = new ApiDispatcher(this.ctx, this.log, this.faults, changed);
    if (options.rateLimits) this.enforceRateLimits(options.rateLimits === true ? {} : options.rateLimits);
  }

  static async start(options: FakeTelegramOptions = {}): Promise<FakeTelegram> {
    const fake = new FakeTelegram(options);
    fake.http = await FakeHttpServer.listen({ token: fake.token, dispatcher: fake.dispatcher, files: fake.ctx.files });
    return fake;
  }

  /** The apiRoot for telegraf: `new Telegraf(fake.token, { telegram: { apiRoot: fake.url } })`. */
  get url(): string {
    if (!this.http) throw new Error('fake Telegram is not running');
    return this.http.url;
  }

  telegrafOptions(): { telegram: { apiRoot: string } } {
    return { telegram: { apiRoot: this.url } };
  }

  /** Where the bot downloads a file returned by getFile. */
  fileUrl(filePath: string): string {
    return `${this.url}/file/bot${this.token}/${filePath}`;
  }

  /** Releases waiting long polls, stops webhook delivery, fails pending waits, closes the server. */
  async stop(): Promise<void> {
    this.signal.cancelAll('fake Telegram stopped');
    this.ctx.webhook.stop();
    this.ctx.updates.releasePoll();
    await this.http?.close();
    this.http = undefined;
  }

  // ---- the world: users and chats ----

  /** A user with a private chat with the bot (registered, so the bot may write to it). */
  user(profile: FakeUserProfile): FakeUser {
    const user = { is_bot: false, ...profile };
    this.ctx.chats.registerUser(user);
    const chat = this.ctx.chats.chat(user.id);
    if (!chat) throw new Error('unreachable: the private chat was just registered');
    return new FakeUser(this.world(), user, chat);
  }

  /** A group the bot is a member of; use `user.in(group)` to talk there. */
  group(options: { title: string; id?: number; type?: 'group' | 'supergroup'; username?: string }): TgChat {
    const chat: TgChat = {
      id: options.id ?? -(1_000_000_000_000 + Math.floor(Math.random() * 1_000_000_000)),
      type: options.type ?? 'supergroup',
      title: options.title,
      ...(options.username !== undefined ? { username: options.username } : {}),
    };
    this.ctx.chats.registerChat(chat);
    return chat;
  }

  /**
   * A supergroup with topics (forum.ts). The bot is an administrator allowed to manage topics
   * unless `botRights` says otherwise.
   */
  forum(options: { title: string; id?: number; username?: string; botRights?: BotRights }): TgChat {
    const chat = this.group({ ...options, type: 'supergroup' });
    chat.is_forum = true;
    this.setBotRights(chat.id, options.botRights ?? { status: 'administrator', can_manage_topics: true });
    return chat;
  }

  /** The bot's membership in a group, as getChatMember reports it and the topic methods check it. */
  setBotRights(chatId: number, rights: BotRights): void {
    setBotRights(this.ctx, chatId, rights);
  }

  /** A user's status in a group (getChatMember); default member. */
  setMemberStatus(chatId: number, userId: number, status: 'member' | 'administrator' | 'creator' | 'left' | 'kicked' | 'restricted'): void {
    setMemberStatus(this.ctx, chatId, userId, status);
  }

  /** The topics of a forum, in creation order. */
  topics(chatId: number): FakeTopic[] {
    return topicsOf(this.ctx, chatId);
  }

  registerChat(chat: TgChat): void {
    this.ctx.chats.registerChat(chat);
  }

  /** Persistent "user blocked the bot": every send to the chat answers 403 until unblocked. */
  setBlocked(chatId: number, blocked = true): void {
    this.ctx.chats.setBlocked(chatId, blocked);
  }

  // ---- updates ----

  /** Queues a raw update; without update_id it gets the next one. */
  injectUpdate(update: Omit<TgUpdate, 'update_id'> & { update_id?: number }): TgUpdate {
    if (update.update_id === undefined) return this.deliver(update);
    this.lastUpdateId = Math.max(this.lastUpdateId, update.update_id);
    const full: TgUpdate = { ...update, update_id: update.update_id };
    this.history.push(full);
    this.ctx.updates.push(full);
    return full;
  }

  /**
   * Delivers an update again with the same update_id, as Telegram does when a bot crashed before
   * confirming it. It reaches getUpdates even if the bot already confirmed that id.
   */
  redeliver(update: TgUpdate): void {
    this.ctx.updates.push(structuredClone(update), true);
  }

  /** Every update the fake produced, in order (duplicates excluded). */
  updates(): TgUpdate[] {
    return [...this.history];
  }

  pendingUpdates(): TgUpdate[] {
    return this.ctx.updates.pending();
  }

  // ---- webhook mode ----

  /** Like the bot calling setWebhook: updates are POSTed to `url` instead of queued for getUpdates. */
  useWebhook(url: string, secretToken?: string): void {
    this.ctx.webhook.set({ url, maxConnections: 40, setAt: Date.now(), ...(secretToken !== undefined ? { secretToken } : {}) });
  }

  /** Like deleteWebhook. */
  useLongPolling(): void {
    this.ctx.webhook.unset();
  }

  /**
   * Executes the Bot API call in a webhook response body, as Telegram does after the response
   * (for a driver that POSTs updates itself, like the bench; the fake's own webhook sender does
   * this too). Its result, like Telegram's, is not returned; an empty body does nothing.
   */
  async executeWebhookReply(body: string | undefined): Promise<void> {
    const call = webhookReplyCall(body);
    if (call) await this.executeWebhookCall(call.method, call.fields);
  }

  private async executeWebhookCall(method: string, fields: Record<string, unknown>): Promise<void> {
    await this.dispatcher.call(method, new Params(fields), 'webhook-reply', new AbortController().signal);
  }

  webhookConfig(): WebhookConfig | undefined {
    return this.ctx.webhook.config;
  }

  webhookDeliveries(): WebhookDelivery[] {
    return [...this.ctx.webhook.deliveries];
  }

  /** The update_id the webhook is posting right now (the bot has it in flight), if any. */
  webhookInFlight(): number | undefined {
    return this.ctx.webhook.inFlight;
  }

  // ---- faults and limits ----

  /** Answers the next matching call(s) with `fault` instead of executing them. */
  failNext(fault: Fault, scope: FaultScope = {}): void {
    this.faults.add(fault, scope);
  }

  /** 429 "Too Many Requests: retry after N" with parameters.retry_after. */
  tooManyRequests(retryAfter: number, scope: FaultScope = {}): void {
    this.failNext({ kind: 'too-many-requests', retryAfter }, scope);
  }

  /** A one-off 403 "Forbidden: bot was blocked by the user" (see setBlocked for a lasting block). */
  blockedByUser(scope: FaultScope = {}): void {
    this.failNext({ kind: 'blocked' }, scope);
  }

  serverError(status: 500 | 502 | 503 | 504 = 500, scope: FaultScope = {}): void {
    this.failNext({ kind: 'server-error', status }, scope);
  }

  clearFaults(): void {
    this.faults.clear();
  }

  /** Enforce Telegram's flood limits (defaults: TELEGRAM_RATE_LIMITS); `false` turns it off. */
  enforceRateLimits(config: Partial<RateLimitConfig> | false = {}): void {
    this.dispatcher.rateLimiter = config === false ? undefined : new RateLimiter({ ...TELEGRAM_RATE_LIMITS, ...config });
  }

  // ---- recording ----

  calls(method?: string): ApiCallRecord[] {
    return this.log.all(method);
  }

  stats(): CallStats {
    return this.log.stats();
  }

  /** Bot messages in a chat, in order, in their current (edited) state; deleted ones are flagged. */
  messages(chatId: number): ChatMessage[] {
    return this.ctx.messages.botMessages(chatId);
  }

  /** Bot messages in a chat that the user can still see. */
  visibleMessages(chatId: number): ChatMessage[] {
    return this.messages(chatId).filter((message) => !message.deleted);
  }

  /** Every message in a chat, the users' and the bot's. */
  transcript(chatId: number): ChatMessage[] {
    return [...this.ctx.messages.inChat(chatId)];
  }

  allBotMessages(): ChatMessage[] {
    return this.ctx.messages.botMessages();
  }

  lastMessage(chatId: number): ChatMessage | undefined {
    return this.messages(chatId).at(-1);
  }

  message(chatId: number, messageId: number): ChatMessage | undefined {
    return this.ctx.messages.get(chatId, messageId);
  }

  callbackAnswer(queryId: string): CallbackAnswer | undefined {
    return this.ctx.callbacks.get(queryId)?.answer;
  }

  callbackQueries(): CallbackQueryRecord[] {
    return this.ctx.callbacks.all();
  }

  chatActions(chatId?: number): ChatActionRecord[] {
    return this.ctx.chatActions.filter((action) => chatId === undefined || action.chatId === chatId);
  }

  /** The command list stored for a scope and language, as getMyCommands would return it. */
  commands(scope?: Record<string, unknown>, languageCode?: string): BotCommand[] {
    return this.ctx.commands.get(scope, languageCode);
  }

  file(fileId: string): StoredFile | undefined {
    return this.ctx.files.get(fileId);
  }

  fileContent(fileId: string): Buffer | undefined {
    const file = this.ctx.files.get(fileId);
    return file ? this.ctx.files.content(file) : undefined;
  }

  // ---- waiting ----

  /** Resolves with the probe's first non-undefined value, re-checked after every change. */
  waitUntil<T>(probe: () => T | undefined, description = 'a condition', options: WaitOptions = {}): Promise<T> {
    return this.signal.waitFor(probe, () => description, options);
  }

  /**
   * The next bot message in the chat (matching `matcher`) that no earlier waitForMessage call
   * returned. Messages the bot already sent count, so there is no race with a fast bot.
   */
  waitForMessage(chatId: number, matcher?: MessageMatcher, options: WaitOptions = {}): Promise<ChatMessage> {
    return this.signal.waitFor(
      () => {
        const found = this.messages(chatId).find((message) => !this.consumed.has(message) && matchesMessage(message, matcher));
        if (found) this.consumed.add(found);
        return found;
      },
      () => `a bot message in chat ${chatId}${matcher === undefined ? '' : ` matching ${String(matcher)}`}; chat so far:\n${describeChat(this.ctx.messages.inChat(chatId))}`,
      options,
    );
  }

  /** Marks every bot message already in the chat as seen, so waitForMessage only returns new ones. */
  skipMessages(chatId: number): void {
    for (const message of this.messages(chatId)) this.consumed.add(message);
  }

  waitForCallbackAnswer(queryId: string, options: WaitOptions = {}): Promise<CallbackAnswer> {
    return this.signal.waitFor(() => this.callbackAnswer(queryId), () => `an answer to callback query ${queryId}`, options);
  }

  /** Waits for a call of `method` (optionally matching) and returns its record once answered. */
  waitForCall(method: string, predicate: (call: ApiCallRecord) => boolean = () => true, options: WaitOptions = {}): Promise<ApiCallRecord> {
    return this.signal.waitFor(
      () => this.calls(method).find((call) => call.response !== undefined && predicate(call)),
      () => `a ${method} call`,
      options,
    );
  }

  /**
   * Waits until the bot has consumed every update (confirmed them via getUpdates, or answered the
   * webhook), no API call is running and none happened for `quietMs`.
   */
  async waitForIdle(options: IdleOptions = {}): Promise<void> {
    const quietMs = options.quietMs ?? 50;
    const deadline = Date.now() + (options.timeoutMs ?? DEFAULT_WAIT_MS);
    for (;;) {
      const busy = this.ctx.updates.pendingCount > 0 || this.dispatcher.inFlight > 0 || this.ctx.webhook.busy;
      const quietFor = Date.now() - Math.max(this.dispatcher.lastActivityAt, this.lastUpdateAt);
      if (!busy && quietFor >= quietMs) return;
      if (Date.now() > deadline) {
        throw new Error(
          `fake Telegram did not become idle: ${this.ctx.updates.pendingCount} update(s) pending, ` +
            `${this.dispatcher.inFlight} call(s) running${this.ctx.updates.hasWaitingPoll ? '' : ', no bot is polling'}`,
        );
      }
      await delay(Math.min(10, quietMs));
    }
  }

  // ---- internals shared with FakeUser ----

  private deliver(update: Omit<TgUpdate, 'update_id'>): TgUpdate {
    this.lastUpdateId += 1;
    const full: TgUpdate = { update_id: this.lastUpdateId, ...update };
    this.history.push(full);
    this.ctx.updates.push(full);
    return full;
  }

  private world(): UserWorld {
    return {
      ctx: this.ctx,
      deliver: (update) => this.deliver(update),
      waitForCallbackAnswer: (queryId, options) => this.waitForCallbackAnswer(queryId, options),
    };
  }
}
