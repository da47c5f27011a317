import { defaultFeatures } from '../../../src/bot/features';
import { adminFeatures } from '../../../src/bot/features/admin';
import { engineerFeatures } from '../../../src/bot/features/engineer';
import type { TicketSnapshot, TicketType } from '../../../src/domain/ticket/types';
import type { Language, TranslationParams } from '../../../src/i18n';
import { TicketEntity, type UserEntity } from '../../../src/persistence/entities';
import { startDispatcher, type RunningDispatcher } from '../../../src/notify';
import { stripHtml, type ChatMessage, type FakeUser, type MessageMatcher } from '../../../src/fake-telegram';
import { createTicket } from '../../support/mothers';
import { E2eWorld } from '../support/harness';

/** The bot with the engineer and admin features (and the client's), plus the outbox dispatcher. */
export class EngineerWorld {
  private dispatcher: RunningDispatcher | undefined;

  private constructor(readonly world: E2eWorld) {}

  static async start(): Promise<EngineerWorld> {
    const base = defaultFeatures();
    const mounted = base.includes(engineerFeatures[0] ?? base[0]!) ? base : defaultFeatures([...engineerFeatures, ...adminFeatures]);
    const world = await E2eWorld.start({ features: mounted });
    const running = new EngineerWorld(world);
    running.dispatcher = startDispatcher(
      { desk: world.deps.desk, clock: world.deps.clock, translate: world.translate },
      { telegram: world.bot.telegram, pollMs: 50 },
    );
    return running;
  }

  async stop(): Promise<void> {
    await this.dispatcher?.stop();
    await this.world.stop();
  }

  get manager() {
    return this.world.db.dataSource.manager;
  }

  /** A `new` ticket of the seeded company written straight into the database (no notifications). */
  seedTicket(author: UserEntity, type: TicketType = 'problem', overrides: Partial<Parameters<typeof createTicket>[2]> = {}): Promise<TicketSnapshot> {
    const at = this.world.clock.now();
    return createTicket(
      this.manager,
      { companyId: author.companyId ?? this.world.company.id, authorId: author.id, departmentId: this.world.department.id },
      { type, createdAt: at, ...overrides },
    );
  }

  /** A ticket created through the use case: the department's staff are notified with Accept / Ask / Open. */
  async createQuestion(author: UserEntity, subject = 'Нужна консультация по отчёту'): Promise<TicketSnapshot> {
    const result = await this.world.deps.desk.tickets.create({
      actor: { kind: 'user', userId: author.id, role: 'client', companyId: author.companyId, departmentId: null },
      serviceCode: 'support.phone',
      type: 'question',
      priority: 'normal',
      subject,
      description: 'Как сформировать ежемесячный отчёт по услугам за прошлый месяц?',
      attachments: [],
    });
    return result.ticket;
  }

  ticket(number: number): Promise<TicketEntity> {
    return this.manager.findOneByOrFail(TicketEntity, { number });
  }

  said(lang: Language, key: string, params?: TranslationParams): MessageMatcher {
    const plain = stripHtml(this.world.t(lang, key, params));
    return (message) => (message.text ?? message.caption ?? '').includes(plain);
  }

  wait(user: FakeUser, matcher: MessageMatcher): Promise<ChatMessage> {
    return this.world.fake.waitForMessage(user.id, matcher, { timeoutMs: 15_000 });
  }

  /** Polls an asynchronous condition (the fake's waitUntil takes synchronous probes only). */
  async until(probe: () => Promise<boolean>, description = 'a condition', timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await probe())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${description}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** `/ticket N` and the card that comes back. */
  async card(user: FakeUser, number: number): Promise<ChatMessage> {
    await user.command('ticket', String(number));
    return this.wait(user, (m) => (m.text ?? '').includes(`№${number}`) && (m.replyMarkup !== undefined));
  }
}
