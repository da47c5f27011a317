import { formatDecimal, type Language } from '../../i18n';

/** Hours as people write them in `lang`: 12.5 (en) / 12,5 (ru), not 12.50 (src/i18n.ts formatDecimal). */
export function formatHours(hours: number, lang: Language): string {
  return formatDecimal(hours, lang);
}
