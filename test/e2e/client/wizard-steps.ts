import type { Language } from '../../../src/i18n';
import type { ChatMessage, FakeUser } from '../../../src/fake-telegram';
import { said, saidStart } from '../support/expect-text';
import type { E2eWorld } from '../support/harness';

export const SUBJECT = { ru: 'Не открывается отчёт', en: 'Report does not open' } as const;
export const DESCRIPTION = {
  ru: 'Ежемесячный отчёт по приёмам показывает пустую страницу с утра.',
  en: 'The monthly appointments report shows an empty page since this morning.',
} as const;

/** Presses a button by its translated label and waits for the prompt of the next step. */
export async function choose(world: E2eWorld, user: FakeUser, label: string, nextPrompt: string, lang: Language): Promise<ChatMessage> {
  await user.press(label);
  return world.fake.waitForMessage(user.id, saidStart(world, lang, nextPrompt));
}

/** /new → Support → Phone consultation → `type` → normal → subject → description; returns at the next step's prompt. */
export async function fillCommon(
  world: E2eWorld,
  user: FakeUser,
  lang: Language,
  type: 'problem' | 'modification' | 'question',
): Promise<void> {
  const t = (key: string): string => world.t(lang, key);
  await user.command('new');
  await world.fake.waitForMessage(user.id, saidStart(world, lang, 'client.new.ask.category'));
  await choose(world, user, lang === 'ru' ? 'Сопровождение' : 'Support', 'client.new.ask.service', lang);
  await choose(world, user, lang === 'ru' ? 'Телефонная консультация' : 'Phone consultation', 'client.new.ask.type', lang);
  await choose(world, user, t(`ticket.type.${type}`), 'client.new.ask.priority', lang);
  await choose(world, user, t('ticket.priority.normal'), 'client.new.ask.subject', lang);
  await user.send(SUBJECT[lang]);
  await world.fake.waitForMessage(user.id, saidStart(world, lang, 'client.new.ask.description'));
  await user.send(DESCRIPTION[lang]);
  const next = type === 'problem' ? 'client.new.ask.steps' : type === 'modification' ? 'client.new.ask.new_form' : 'client.new.ask.files';
  await world.fake.waitForMessage(user.id, saidStart(world, lang, next));
}

export { said, saidStart };
