import type { Language, TranslationParams } from '../../../src/i18n';
import { stripHtml, type MessageMatcher } from '../../../src/fake-telegram';
import type { E2eWorld } from './harness';

/**
 * A matcher for the bot message showing translation `key` (as the user sees it: tags removed).
 * With `partOnly`, the text up to its first parameter is enough (for keys with values the test
 * does not know).
 */
export function said(world: E2eWorld, lang: Language, key: string, params?: TranslationParams): MessageMatcher {
  const plain = stripHtml(world.t(lang, key, params));
  return (message) => (message.text ?? message.caption ?? '').includes(plain);
}

/** Like `said`, but only the start of the text before the first `{{`. */
export function saidStart(world: E2eWorld, lang: Language, key: string): MessageMatcher {
  // Without parameters i18next leaves the placeholders in place.
  const raw = world.translate(lang, key);
  const head = stripHtml(raw.split('{{')[0] ?? raw).trim();
  return (message) => (message.text ?? message.caption ?? '').includes(head);
}
