import 'reflect-metadata';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { LessThanOrEqual, type DataSource } from 'typeorm';
import type { Telegraf } from 'telegraf';
import { createDesk } from '../application/desk';
import { timePolicyFromConfig, type AppDeps } from '../application/deps';
import { addAdmin, addContract, createCompany, createInvite } from '../application/admin';
import type { DeskContext } from '../bot/context';
import { createBot } from '../bot/create-bot';
import { botSettingsFromConfig, type BotDeps } from '../bot/deps';
import { loadConfig } from '../config';
import { formatLocalDateTime, loadBusinessCalendar } from '../domain/calendar';
import { createTranslator, type Language, type Translate, type TranslationParams } from '../i18n';
import { silentLogger, type Logger } from '../logger';
import { startDispatcher, type RunningDispatcher } from '../notify';
import { openDatabase } from '../persistence/data-source';
import { CompanyEntity, OutboxEntity, ProcessedUpdateEntity } from '../persistence/entities';
import { startScheduler, type RunningScheduler } from '../scheduler';
import { PROJECT_ROOT } from '../project-root';
// The project's fake Bot API server (also used by the tests), run in-process.
import { FakeTelegram, launchBot, type ChatMessage, type FakeUser, type RunningBot } from '../fake-telegram';
import { mediaLabel } from '../telegram/media-label';
import { loadClockStart, parseClockJump, saveClock, SandboxClock, SANDBOX_START } from './clock';

export const PERSONAS = ['client', 'engineer', 'admin'] as const;
export type Persona = (typeof PERSONAS)[number];

const DEMO_COMPANY = 'Demo Clinic';
const TELEGRAM_IDS: Record<Persona, number> = { client: 700_001, engineer: 700_002, admin: 700_003 };
const FIRST_NAMES: Record<Persona, string> = { client: 'Olga', engineer: 'Ivan', admin: 'Anna' };

export interface SandboxOptions {
  /**
   * Directory of the embedded PostgreSQL and of the sandbox clock, kept between runs; without
   * one (default) a temporary directory is used and removed on close.
   */
  readonly dataDir?: string;
  /** Language of the sandbox texts and of the demo users' Telegram apps. */
  readonly language?: Language;
  readonly start?: Date;
  readonly logger?: Logger;
}

export interface Sandbox {
  /** The lines to print on start (the demo world and the sandbox help hint). */
  intro(): string[];
  goodbye(): string;
  /** Runs one line typed by the person and returns what to print. */
  handleLine(line: string): Promise<string[]>;
  readonly persona: Persona;
  readonly clock: SandboxClock;
  readonly dataSource: DataSource;
  readonly fake: FakeTelegram;
  close(): Promise<void>;
}

interface Shown {
  /** message id → the edit time last printed (0: printed unedited). */
  readonly printed: Map<number, number>;
  /** Buttons numbered in the last output that had any. */
  buttons: { label: string; data: string; message: ChatMessage }[];
}

interface InlineButton {
  readonly text: string;
  readonly callback_data?: string;
}

/** "✅ Done" → "done": letters and digits only, so a label can be typed without its emoji. */
function normalizeLabel(label: string): string {
  return label.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/** The sample files shipped with the sandbox (screen.png), used when a path is not found. */
export const SAMPLES_DIR = join(PROJECT_ROOT, 'src', 'sandbox', 'samples');

/** The file at `path` from the current directory, else the sample of that name; null when neither exists. */
async function readLocalFile(path: string): Promise<Buffer | null> {
  for (const candidate of [path, join(SAMPLES_DIR, basename(path))]) {
    try {
      return await readFile(candidate);
    } catch {
      // the next candidate
    }
  }
  return null;
}

function inlineRows(message: ChatMessage): InlineButton[][] {
  const markup = message.replyMarkup as { inline_keyboard?: InlineButton[][] } | undefined;
  return markup?.inline_keyboard ?? [];
}

/**
 * The whole desk offline: the embedded database with demo data (a client company with a
 * contract, a client, an engineer, an admin — made with the admin functions and registered
 * through invites like real users), the bot on the fake Bot API server, the outbox dispatcher
 * and the scheduler on a clock the person moves forward.
 */
export async function createSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const language = options.language ?? 'ru';
  // No configuration: the defaults of every variable (TIME_ZONE, windows, reminders, limits).
  const config = loadConfig({ DEFAULT_LANGUAGE: language });
  const logger = options.logger ?? silentLogger();
  // A kept directory resumes the clock where the last run left it: tickets there were made at that time.
  const temporary = options.dataDir === undefined;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'desk-sandbox-'));
  // As root the server runs as the postgres OS user, which must enter the directory.
  if (temporary) chmodSync(dataDir, 0o755);
  const clock = new SandboxClock(loadClockStart(dataDir) ?? options.start ?? SANDBOX_START);
  const calendarFile = join(PROJECT_ROOT, 'calendar', 'ru.json');
  const calendar = loadBusinessCalendar(JSON.parse(await readFile(calendarFile, 'utf8')), { warn: (w) => logger.warn({ year: w.year }, w.message) });
  const translate = await createTranslator(language);
  const fake = await FakeTelegram.start();
  const dataSource = await openDatabase({ kind: 'embedded', dataDir, durable: !temporary });
  const app: AppDeps = {
    dataSource,
    clock,
    calendar,
    policy: timePolicyFromConfig(config),
    attachmentMaxBytes: Math.floor(config.MAX_FILE_MB * 1024 * 1024),
  };
  const deps: BotDeps = { desk: createDesk(app), clock: app.clock, policy: app.policy, translate, logger, settings: botSettingsFromConfig(config) };
  const bot: Telegraf<DeskContext> = createBot(fake.token, deps, { telegram: { apiRoot: fake.url } });
  const running: RunningBot = await launchBot(bot, fake);
  const dispatcher: RunningDispatcher = startDispatcher({ desk: deps.desk, clock, translate, logger, config, telegram: bot.telegram }, { pollMs: 100 });
  const scheduler: RunningScheduler = startScheduler({ desk: deps.desk, clock, policy: app.policy, logger, config });
  const sandbox = new SandboxSession(language, translate, clock, dataSource, fake, scheduler, app.policy.zone, async () => {
    await running.stop();
    await scheduler.stop();
    await dispatcher.stop();
    await fake.stop();
    saveClock(dataDir, clock);
    await dataSource.destroy();
    if (temporary) rmSync(dataDir, { recursive: true, force: true });
  }, () => saveClock(dataDir, clock));
  try {
    await sandbox.seed();
  } catch (error) {
    await sandbox.close();
    throw error;
  }
  return sandbox;
}

class SandboxSession implements Sandbox {
  persona: Persona = 'client';
  private readonly users: Record<Persona, FakeUser>;
  private readonly shown = new Map<Persona, Shown>();
  private companyName = DEMO_COMPANY;

  constructor(
    private readonly language: Language,
    private readonly translate: Translate,
    readonly clock: SandboxClock,
    readonly dataSource: DataSource,
    readonly fake: FakeTelegram,
    private readonly scheduler: RunningScheduler,
    private readonly zone: string,
    private readonly shutdown: () => Promise<void>,
    private readonly saveClock: () => void,
  ) {
    const user = (persona: Persona): FakeUser =>
      fake.user({ id: TELEGRAM_IDS[persona], first_name: FIRST_NAMES[persona], language_code: language });
    this.users = { client: user('client'), engineer: user('engineer'), admin: user('admin') };
    for (const persona of PERSONAS) this.shown.set(persona, { printed: new Map(), buttons: [] });
  }

  private t(key: string, params?: TranslationParams): string {
    return this.translate(this.language, key, params);
  }

  /** Demo data, once per data directory; the users register through their invites. */
  async seed(): Promise<void> {
    const m = this.dataSource.manager;
    const now = this.clock.now();
    const existing = await m.findOneBy(CompanyEntity, { name: DEMO_COMPANY });
    if (existing) {
      this.companyName = existing.name;
      // A kept data directory: the new fake Telegram numbers its updates from scratch again.
      await m.createQueryBuilder().delete().from(ProcessedUpdateEntity).execute();
    } else {
      const company = await createCompany(m, DEMO_COMPANY);
      const year = now.getUTCFullYear();
      await addContract(m, {
        company: company.id,
        kind: 'support',
        number: 'DEMO-1',
        validFrom: `${year}-01-01`,
        validTo: `${year + 1}-12-31`,
        monthlyHours: 40,
        modificationsIncluded: true,
      });
      await addAdmin(m, { telegramId: TELEGRAM_IDS.admin, displayName: 'Anna Admin' }, now);
      const clientInvite = await createInvite(m, { company: company.id }, now);
      const engineerInvite = await createInvite(m, { department: 'support', role: 'engineer' }, now);
      await this.register('client', clientInvite.token);
      await this.register('engineer', engineerInvite.token);
      await this.register('admin', null);
    }
    // What the registration said is not news: the session starts with empty chats.
    for (const persona of PERSONAS) this.render(persona);
    for (const persona of PERSONAS) this.shown.set(persona, { printed: this.shown.get(persona)?.printed ?? new Map(), buttons: [] });
  }

  private async register(persona: Persona, token: string | null): Promise<void> {
    const user = this.users[persona];
    await user.command('start', token ?? undefined);
    await this.settle();
    // Accept the regulation if the bot asks for it.
    const prompt = this.fake
      .messages(user.id)
      .filter((message) => message.sender === 'bot')
      .reverse()
      .find((message) => inlineRows(message).flat().some((button) => button.callback_data?.startsWith('rg:')));
    const accept = prompt && inlineRows(prompt).flat().find((button) => button.callback_data?.startsWith('rg:'));
    if (prompt && accept?.callback_data) {
      await user.pressData(accept.callback_data, prompt);
      await this.settle();
    }
  }

  intro(): string[] {
    return [this.t('sandbox.intro', { company: this.companyName, persona: this.t(`sandbox.persona.${this.persona}`) })];
  }

  goodbye(): string {
    return this.t('sandbox.goodbye');
  }

  async handleLine(raw: string): Promise<string[]> {
    const line = raw.trim();
    if (!line) return [];
    const [head = '', ...rest] = line.split(/\s+/);
    const argument = line.slice(head.length).trim();
    const user = this.users[this.persona];
    switch (head.toLowerCase()) {
      case '/help':
        return this.t('sandbox.help').split('\n');
      case '/as': {
        const persona = PERSONAS.find((p) => p === argument.toLowerCase());
        if (!persona) return [this.t('sandbox.unknown_persona')];
        this.persona = persona;
        return [this.t('sandbox.switched', { persona: this.t(`sandbox.persona.${persona}`) }), ...this.render(persona)];
      }
      case '/press': {
        const buttons = this.shown.get(this.persona)?.buttons ?? [];
        if (!argument) return [this.t('sandbox.press_usage')];
        const byNumber = /^\d+$/.test(argument) ? buttons[Number(argument) - 1] : undefined;
        const wanted = normalizeLabel(argument);
        const button =
          byNumber ??
          buttons.find((b) => normalizeLabel(b.label) === wanted) ??
          buttons.find((b) => normalizeLabel(b.label).includes(wanted));
        if (!button) return [this.t('sandbox.no_button', { button: argument })];
        await user.pressData(button.data, button.message);
        return this.after();
      }
      case '/reply': {
        const match = /^m?(\d+)\s+([\s\S]+)$/.exec(argument);
        if (!match?.[1] || !match[2]) return [this.t('sandbox.reply_usage')];
        const target = this.fake.message(user.id, Number(match[1]));
        if (!target || target.sender !== 'bot') return [this.t('sandbox.no_message', { message: match[1] })];
        await user.replyTo(target, match[2]);
        return this.after();
      }
      case '/photo':
      case '/file': {
        const [path, ...captionWords] = rest;
        if (!path) return [this.t('sandbox.file_usage')];
        const bytes = await readLocalFile(path);
        if (!bytes) return [this.t('sandbox.file_not_found', { path })];
        const caption = captionWords.join(' ') || undefined;
        if (head.toLowerCase() === '/photo') await user.sendPhoto(bytes, caption);
        else await user.sendDocument(bytes, { file_name: basename(path), ...(caption && { caption }) });
        return this.after();
      }
      case '/album': {
        // "/album a.png b.png | caption": one media group, the caption on its first item.
        const [files = '', caption] = argument.split('|').map((part) => part.trim());
        const paths = files.split(/\s+/).filter(Boolean);
        if (paths.length < 2 || paths.length > 10) return [this.t('sandbox.album_usage')];
        const sources: Buffer[] = [];
        for (const path of paths) {
          const bytes = await readLocalFile(path);
          if (!bytes) return [this.t('sandbox.file_not_found', { path })];
          sources.push(bytes);
        }
        await user.sendAlbum(sources, caption || undefined);
        return this.after();
      }
      case '/voice': {
        const seconds = /^\d+$/.test(argument) ? Number(argument) : 5;
        await user.sendVoice(seconds);
        return this.after();
      }
      case '/video':
      case '/videonote':
      case '/audio':
      case '/gif': {
        // "/video [seconds] [caption]": a screen recording, a round video note, an audio or a GIF.
        const match = /^(\d+)?\s*([\s\S]*)$/.exec(argument);
        const seconds = match?.[1] !== undefined ? Number(match[1]) : undefined;
        const caption = match?.[2]?.trim() || undefined;
        const options = { ...(seconds !== undefined && { duration: seconds }), ...(caption !== undefined && { caption }) };
        const command = head.toLowerCase();
        if (command === '/video') await user.sendVideo({ file_name: 'screen-recording.mp4', ...options });
        else if (command === '/videonote') await user.sendVideoNote(options);
        else if (command === '/audio') await user.sendAudio({ file_name: 'recording.mp3', ...options });
        else await user.sendAnimation(options);
        return this.after();
      }
      case '/sticker':
        await user.sendSticker(argument || '👍');
        return this.after();
      case '/edit': {
        // "/edit M new text": edit your own earlier message [mM].
        const match = /^m?(\d+)\s+([\s\S]+)$/.exec(argument);
        if (!match?.[1] || !match[2]) return [this.t('sandbox.edit_usage')];
        const target = this.fake.message(user.id, Number(match[1]));
        if (!target || target.sender !== 'user') return [this.t('sandbox.no_message', { message: match[1] })];
        await user.editMessage(target, match[2]);
        return this.after();
      }
      case '/pressm': {
        // "/pressm M N": press button N of an earlier bot message [mM].
        const match = /^m?(\d+)\s+(\d+)$/.exec(argument);
        if (!match?.[1] || !match[2]) return [this.t('sandbox.pressm_usage')];
        const target = this.fake.message(user.id, Number(match[1]));
        const rows = (target?.replyMarkup as { inline_keyboard?: { callback_data?: string }[][] } | undefined)?.inline_keyboard ?? [];
        const data = rows.flat()[Number(match[2]) - 1]?.callback_data;
        if (!target || target.sender !== 'bot' || data === undefined) return [this.t('sandbox.no_button', { button: argument })];
        await user.pressData(data, target);
        return this.after();
      }
      case '/clock': {
        if (!argument) return [this.t('sandbox.clock_now', { time: this.now() })];
        const jump = parseClockJump(argument);
        if (jump === null) return [this.t('sandbox.clock_usage')];
        this.clock.advance(jump);
        this.saveClock();
        const report = await this.scheduler.tick();
        const lines = [this.t('sandbox.clock_moved', { time: this.now(), tickets: report.sweep.tickets })];
        return [...lines, ...(await this.after())];
      }
      default:
        // "//help" sends "/help" to the bot; everything else goes as typed.
        await user.send(line.startsWith('//') ? line.slice(1) : line);
        return this.after();
    }
  }

  private now(): string {
    return formatLocalDateTime(this.clock.now(), this.zone);
  }

  /** Waits until the bot and the dispatcher are done, then shows what came. */
  private async after(): Promise<string[]> {
    await this.settle();
    const lines = this.render(this.persona);
    for (const persona of PERSONAS) {
      if (persona === this.persona) continue;
      const count = this.unseen(persona).length;
      if (count > 0) lines.push(this.t('sandbox.others_waiting', { count, persona }));
    }
    return lines;
  }

  /** The bot has consumed every update and no outbox row is due (or it gave up on them). */
  private async settle(): Promise<void> {
    const deadline = Date.now() + 15_000;
    await this.fake.waitForIdle({ quietMs: 100, timeoutMs: 15_000 });
    for (;;) {
      const due = await this.dataSource.manager.count(OutboxEntity, {
        where: [{ status: 'sending' }, { status: 'pending', nextAttemptAt: LessThanOrEqual(this.clock.now()) }],
      });
      if (due === 0 || Date.now() > deadline) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await this.fake.waitForIdle({ quietMs: 100, timeoutMs: 15_000 });
  }

  private unseen(persona: Persona): ChatMessage[] {
    const printed = this.shown.get(persona)?.printed ?? new Map<number, number>();
    return this.fake
      .messages(this.users[persona].id)
      .filter((message) => message.sender === 'bot' && !message.deleted)
      .filter((message) => {
        const at = printed.get(message.messageId);
        return at === undefined || at !== (message.editedAt ?? 0);
      });
  }

  /** The persona's bot messages not printed yet (or edited since), buttons numbered afresh. */
  private render(persona: Persona): string[] {
    const shown = this.shown.get(persona)!;
    const messages = this.unseen(persona);
    const lines: string[] = [];
    const buttons: Shown['buttons'] = [];
    for (const message of messages) {
      shown.printed.set(message.messageId, message.editedAt ?? 0);
      const media = message.media ? this.fake.file(message.media.fileId) : undefined;
      const label = media ? mediaLabel((key, params) => this.t(key, params), { kind: media.kind, durationSeconds: media.duration ?? null }) : null;
      const kind =
        label !== null
          ? `[${label}] `
          : message.photoFileIds?.length
            ? `${this.t('sandbox.photo')} `
            : message.documentFileId
              ? `${this.t('sandbox.document')} `
              : '';
      const edited = message.editedAt ? ` ${this.t('sandbox.edited')}` : '';
      const body = message.text ?? message.caption ?? '';
      const [first = '', ...more] = `${kind}${body}`.trim().split('\n');
      lines.push(`🤖 [m${message.messageId}]${edited} ${first}`, ...more.map((l) => `   ${l}`));
      for (const row of inlineRows(message)) {
        const cells: string[] = [];
        for (const button of row) {
          if (button.callback_data === undefined) continue;
          buttons.push({ label: button.text, data: button.callback_data, message });
          cells.push(`[${buttons.length}] ${button.text}`);
        }
        if (cells.length) lines.push(`   ${cells.join('   ')}`);
      }
    }
    if (buttons.length > 0) shown.buttons = buttons;
    return lines;
  }

  async close(): Promise<void> {
    await this.shutdown();
  }
}
