import { addDays, isIsoDate, toLocalDate } from '../../../domain/calendar';

/** Planned or logged hours as people type them: `1.5`, `1,5`, `2`; null for anything else. */
export function parseHours(text: string): number | null {
  const m = /^\s*(\d{1,4}(?:[.,]\d{1,2})?)\s*(?:h|ч)?\s*$/i.exec(text);
  return m?.[1] ? Number(m[1].replace(',', '.')) : null;
}

/** DD.MM.YYYY, DD.MM (this year) or YYYY-MM-DD → YYYY-MM-DD; null when it is not a real date. */
export function parseDate(text: string, today: string): string | null {
  const trimmed = text.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(trimmed);
  const dotted = /^(\d{1,2})\.(\d{1,2})(?:\.(\d{4}))?$/.exec(trimmed);
  let date: string | null = null;
  if (iso) date = trimmed;
  else if (dotted) {
    const [, d, m, y] = dotted;
    date = `${y ?? today.slice(0, 4)}-${(m ?? '').padStart(2, '0')}-${(d ?? '').padStart(2, '0')}`;
  }
  return date !== null && isIsoDate(date) ? date : null;
}

/** Quick choices for the planned date: today, tomorrow, in 3 days, in a week (vendor zone). */
export function quickDates(now: Date, zone: string): string[] {
  const today = toLocalDate(now, zone);
  return [0, 1, 3, 7].map((days) => addDays(today, days));
}

/** YYYY-MM-DD ↔ YYYYMMDD for callback data. */
export const compactDate = (date: string): string => date.replace(/-/g, '');
export const expandDate = (compact: string | undefined): string | null =>
  compact && /^\d{8}$/.test(compact) ? `${compact.slice(0, 4)}-${compact.slice(4, 6)}-${compact.slice(6, 8)}` : null;
