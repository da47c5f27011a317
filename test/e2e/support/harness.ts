import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Telegraf } from 'telegraf';
import type { AppDeps } from '../../../src/application/deps';
import { createDesk } from '../../../src/application/desk';
import type { DeskContext } from '../../../src/bot/context';
import { createBot } from '../../../src/bot/create-bot';
import type { BotDeps, BotSettings } from '../../../src/bot/deps';
import type { Feature } from '../../../src/bot/feature';
import { DEFAULT_TIME_POLICY, loadBusinessCalendar, type BusinessCalendar } from '../../../src/domain/calendar';
import type { Role } from '../../../src/domain/ticket/types';
import { createTranslator, type Language, type Translate, type TranslationParams } from '../../../src/i18n';
import pino from 'pino';
import { silentLogger } from '../../../src/logger';
import type { CompanyEntity, ContractEntity, DepartmentEntity, UserEntity } from '../../../src/persistence/entities';
import { InviteEntity } from '../../../src/persistence/entities';
import { openTestDatabase, type TestDatabase } from '../../support/database';
import { FakeTelegram, launchBot, type FakeUser, type RunningBot } from '../../../src/fake-telegram';
import { createAdmin, createClient, createCompany, createContract, createEngineer, seededDepartment } from '../../support/mothers';
import { TestClock } from './clock';

const CALENDAR_FILE = join(__dirname, '..', '..', '..', 'calendar', 'ru.json');

let calendarCache: BusinessCalendar | undefined;
function calendar(): BusinessCalendar {
  calendarCache ??= loadBusinessCalendar(JSON.parse(readFileSync(CALENDAR_FILE, 'utf8')));
  return calendarCache;
}

export interface E2eOptions {
  /** Features to mount instead of the default list (unhandled is always last). */
  readonly features?: readonly Feature[];
  readonly settings?: Partial<BotSettings>;
  readonly start?: Date;
}

/** Telegram ids of the harness users are unique per process (several files run in parallel workers). */
let nextTelegramId = 5_100_000_000 + (process.pid % 1000) * 10_000;
export function newTelegramId(): number {
  nextTelegramId += 1;
  return nextTelegramId;
}

/**
 * One end-to-end world: a fake Bot API server, a fresh migrated database (embedded, or on the
 * server with TEST_DATABASE_URL), the bot polling the fake, and a seeded company with a support
 * contract (40 h a month in 2026), the support department and one engineer.
 */
export class E2eWorld {
  bot!: Telegraf<DeskContext>;
  private running: RunningBot | undefined;

  private constructor(
    readonly fake: FakeTelegram,
    readonly db: TestDatabase,
    readonly clock: TestClock,
    readonly translate: Translate,
    readonly deps: BotDeps,
    readonly company: CompanyEntity,
    readonly contract: ContractEntity,
    readonly department: DepartmentEntity,
    readonly engineer: UserEntity,
    private readonly options: E2eOptions,
  ) {}

  static async start(options: E2eOptions = {}): Promise<E2eWorld> {
    const fake = await FakeTelegram.start();
    const db = await openTestDatabase();
    const clock = new TestClock(options.start);
    const translate = await createTranslator('ru');
    const app: AppDeps = {
      dataSource: db.dataSource,
      clock,
      calendar: calendar(),
      policy: DEFAULT_TIME_POLICY,
      attachmentMaxBytes: (options.settings?.maxFileBytes ?? 20 * 1024 * 1024),
    };
    const deps: BotDeps = {
      desk: createDesk(app),
      clock: app.clock,
      policy: app.policy,
      translate,
      logger: process.env.E2E_LOG ? pino({ level: 'debug' }, pino.destination({ dest: process.env.E2E_LOG, sync: true })) : silentLogger(),
      settings: {
        defaultLanguage: 'ru',
        adminTelegramIds: [],
        floodLimitPerMinute: 40,
        maxFileBytes: 20 * 1024 * 1024,
        ...options.settings,
      },
    };
    const m = db.dataSource.manager;
    const company = await createCompany(m, { name: 'Clinic "Health & Co"' });
    const contract = await createContract(m, company.id, { monthlyHours: 40 });
    const department = await seededDepartment(m, 'support');
    const engineer = await createEngineer(m, department.id, { telegramId: newTelegramId(), displayName: 'Ivan Engineer' });
    const world = new E2eWorld(fake, db, clock, translate, deps, company, contract, department, engineer, options);
    await world.launch();
    return world;
  }

  /** Builds a new bot instance on the same database and starts polling. */
  async launch(): Promise<void> {
    this.bot = createBot(this.fake.token, this.deps, {
      telegram: { apiRoot: this.fake.url },
      ...(this.options.features && { features: this.options.features }),
    });
    this.running = await launchBot(this.bot, this.fake);
  }

  /** Stops the bot (as a crash or deploy would) and starts a fresh instance on the same DB. */
  async restart(): Promise<void> {
    await this.running?.stop();
    this.running = undefined;
    await this.launch();
  }

  async stop(): Promise<void> {
    await this.running?.stop();
    this.running = undefined;
    await this.fake.stop();
    await this.db.close();
  }

  t(lang: Language, key: string, params?: TranslationParams): string {
    return this.translate(lang, key, params);
  }

  /** A fake Telegram user nobody registered yet. */
  stranger(lang: Language = 'ru', firstName = 'Anna'): FakeUser {
    return this.fake.user({ id: newTelegramId(), first_name: firstName, language_code: lang });
  }

  /** A client of the seeded company (or `companyId`) who accepted regulation v1, with a Telegram chat. */
  async client(lang: Language = 'ru', overrides: Partial<UserEntity> = {}): Promise<{ user: FakeUser; row: UserEntity }> {
    const user = this.stranger(lang, lang === 'ru' ? 'Ольга' : 'Olga');
    const row = await createClient(this.db.dataSource.manager, overrides.companyId ?? this.company.id, {
      telegramId: user.id,
      language: lang,
      displayName: lang === 'ru' ? 'Ольга' : 'Olga',
      ...overrides,
    });
    return { user, row };
  }

  /** An engineer of the support department (or an admin) with a Telegram chat. */
  async staff(role: Exclude<Role, 'client'>, lang: Language = 'ru'): Promise<{ user: FakeUser; row: UserEntity }> {
    const user = this.stranger(lang, role === 'admin' ? 'Admin' : 'Egor');
    const m = this.db.dataSource.manager;
    const fields = { telegramId: user.id, language: lang, displayName: role === 'admin' ? 'Admin' : 'Egor' };
    const row = role === 'admin' ? await createAdmin(m, fields) : await createEngineer(m, this.department.id, fields);
    return { user, row };
  }

  /** An invite for the seeded company (client) unless told otherwise. */
  async invite(overrides: Partial<InviteEntity> = {}): Promise<InviteEntity> {
    const m = this.db.dataSource.manager;
    return m.save(
      m.create(InviteEntity, {
        token: `inv${Math.random().toString(36).slice(2, 12)}`,
        role: 'client',
        companyId: this.company.id,
        departmentId: null,
        expiresAt: new Date(this.clock.now().getTime() + 7 * 86_400_000),
        maxUses: 5,
        uses: 0,
        revokedAt: null,
        ...overrides,
      }),
    );
  }
}
