import { escapeHtml } from '../i18n';

/** Someone a user can be sent to (an admin): enough for Telegram to open their chat. */
export interface ContactPerson {
  readonly displayName: string;
  readonly username: string | null;
  readonly telegramId: number;
}

/**
 * People as tap-to-open contacts in Telegram HTML (issue 14 §7): @username, else the name
 * linking to their chat (tg://user?id=…); null when there is nobody.
 */
export function contactLinks(people: readonly ContactPerson[]): string | null {
  if (people.length === 0) return null;
  return people
    .map((p) => (p.username ? `@${escapeHtml(p.username)}` : `<a href="tg://user?id=${p.telegramId}">${escapeHtml(p.displayName)}</a>`))
    .join(', ');
}
