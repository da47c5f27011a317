import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import i18next, { type i18n as I18n } from 'i18next';
import { PROJECT_ROOT } from './project-root';

export const LANGUAGES = ['ru', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export type TranslationParams = Readonly<Record<string, string | number>>;
export type Translate = (lang: Language, key: string, params?: TranslationParams) => string;

export const LOCALES_DIR = join(PROJECT_ROOT, 'locales');

/** Reads locales/<lang>/<namespace>.json into one tree per language, each file under its own name. */
export function readLocale(lang: Language, dir: string = LOCALES_DIR): Record<string, unknown> {
  const tree: Record<string, unknown> = {};
  for (const file of readdirSync(join(dir, lang)).filter((f) => f.endsWith('.json')).sort()) {
    tree[file.slice(0, -'.json'.length)] = JSON.parse(readFileSync(join(dir, lang, file), 'utf8'));
  }
  return tree;
}

/** Telegram's HTML parse mode needs only these four escaped; parameters are user text. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/**
 * The one way a figure is shown to a person (issue 13 §5): at most two decimals, no trailing
 * zeros, and the language's decimal mark — "2,5" in Russian, "2.5" in English. Hours on cards,
 * /hours, the wizard, confirmations, notifications and reminders all go through it (the
 * translator applies it to every fractional number parameter).
 */
export function formatDecimal(value: number, lang: Language): string {
  const rounded = Math.round(value * 100) / 100;
  const text = String(Object.is(rounded, -0) ? 0 : rounded);
  return lang === 'ru' ? text.replace('.', ',') : text;
}

/** Parameters as the user reads them: fractional numbers through formatDecimal; integers (counts, plurals) as they are. */
function localizedParams(lang: Language, params: TranslationParams): TranslationParams {
  let out: Record<string, string | number> | null = null;
  for (const [name, value] of Object.entries(params)) {
    if (typeof value !== 'number' || Number.isInteger(value) || !Number.isFinite(value)) continue;
    out ??= { ...params };
    out[name] = formatDecimal(value, lang);
  }
  return out ?? params;
}

/** Picks ru or en from a Telegram client's language_code; anything else gets the default. */
export function languageFromTelegram(code: string | undefined, fallback: Language): Language {
  const base = code?.slice(0, 2).toLowerCase();
  return isLanguage(base) ? base : fallback;
}

/**
 * Builds the translator once at start-up. Parameters are HTML-escaped; a key missing in the
 * requested language falls back to Russian, and a key missing everywhere is returned as is
 * (the locale test keeps that from happening).
 */
export async function createTranslator(fallback: Language = 'ru', dir: string = LOCALES_DIR): Promise<Translate> {
  const instance: I18n = i18next.createInstance();
  await instance.init({
    resources: Object.fromEntries(LANGUAGES.map((l) => [l, { translation: readLocale(l, dir) }])),
    lng: fallback,
    fallbackLng: 'ru',
    initAsync: false,
    returnNull: false,
    interpolation: { escapeValue: true, escape: escapeHtml },
  });
  // The texts are fixed once loaded: a key without parameters is looked up once per language,
  // and a text whose parameters are plain {{name}} / {{- name}} is filled in here (i18next's t()
  // with options was the costliest step of rendering: 0.44 s of the bot's 16.6 s in the bench).
  const plain = new Map<string, string>();
  const templates = new Map<string, Template | null>();
  return (lang, key, params) => {
    const cacheKey = `${lang}\u0000${key}`;
    if (params !== undefined) {
      let template = templates.get(cacheKey);
      if (template === undefined) {
        template = compileTemplate(instance.getResource(lang, 'translation', key));
        templates.set(cacheKey, template);
      }
      const localized = localizedParams(lang, params);
      return (template !== null && fillTemplate(template, localized)) || instance.t(key, { lng: lang, ...localized });
    }
    let text = plain.get(cacheKey);
    if (text === undefined) {
      text = instance.t(key, { lng: lang });
      plain.set(cacheKey, text);
    }
    return text;
  };
}

/** A text cut at its placeholders: literal parts, and parameters (`raw`: {{- name}}, not escaped). */
type Template = readonly (string | { readonly name: string; readonly raw: boolean })[];

const PLACEHOLDER = /\{\{(-?)\s*([^{}]*?)\s*\}\}/g;

/**
 * The template of a text, or null where i18next must do it: no such text in this language
 * (the fallback language, plural forms), nesting ($t), formats ({{value, number}}).
 */
function compileTemplate(text: unknown): Template | null {
  if (typeof text !== 'string' || text.includes('$t(')) return null;
  const parts: (string | { name: string; raw: boolean })[] = [];
  let last = 0;
  for (const match of text.matchAll(PLACEHOLDER)) {
    const name = match[2] ?? '';
    if (name === '' || name.includes(',')) return null;
    parts.push(text.slice(last, match.index), { name, raw: match[1] === '-' });
    last = (match.index ?? 0) + match[0].length;
  }
  parts.push(text.slice(last));
  return parts;
}

/** The text with its parameters in (escaped unless raw), or '' when one is missing or a plural is asked for (i18next then). */
function fillTemplate(template: Template, params: TranslationParams): string {
  if (params.count !== undefined) return '';
  let out = '';
  for (const part of template) {
    if (typeof part === 'string') {
      out += part;
      continue;
    }
    const value = params[part.name];
    if (value === undefined) return '';
    out += part.raw ? String(value) : escapeHtml(String(value));
  }
  return out;
}
