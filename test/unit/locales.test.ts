import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { LANGUAGES, createTranslator, readLocale } from '../../src/i18n';
import { localeTexts } from '../support/locale-texts';

const root = join(__dirname, '..', '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

const locales = Object.fromEntries(LANGUAGES.map((l) => [l, localeTexts(readLocale(l))])) as Record<
  (typeof LANGUAGES)[number],
  Map<string, string>
>;
const namespaces = readdirSync(join(root, 'locales', 'ru')).map((f) => f.replace(/\.json$/, ''));

describe('locales', () => {
  it('have the same keys in every language', () => {
    const [first, ...rest] = LANGUAGES;
    for (const lang of rest) {
      expect([...locales[lang].keys()].sort()).toEqual([...locales[first].keys()].sort());
    }
  });

  it('have no empty texts', () => {
    for (const lang of LANGUAGES) {
      const empty = [...locales[lang]].filter(([, v]) => v.trim() === '').map(([k]) => `${lang}:${k}`);
      expect(empty).toEqual([]);
    }
  });

  it('use the same interpolation parameters in every language', () => {
    const params = (text: string): string[] => [...text.matchAll(/\{\{\s*(\w+)/g)].map((m) => m[1] ?? '').sort();
    const mismatched = [...locales.ru]
      .filter(([key, text]) => JSON.stringify(params(text)) !== JSON.stringify(params(locales.en.get(key) ?? '')))
      .map(([key]) => key);
    expect(mismatched).toEqual([]);
  });

  it('hold every key the code uses', () => {
    // A key is a string literal that starts with a locale file's name: 'ticket.state.new'.
    const pattern = new RegExp(`['"\`]((?:${namespaces.join('|')})\\.[a-z0-9_]+(?:\\.[a-z0-9_]+)*)['"\`]`, 'g');
    const missing = new Set<string>();
    for (const file of sourceFiles(join(root, 'src'))) {
      for (const match of readFileSync(file, 'utf8').matchAll(pattern)) {
        const key = match[1] ?? '';
        const known =
          locales.ru.has(key) ||
          [...locales.ru.keys()].some((k) => k.startsWith(`${key}.`) || k.startsWith(`${key}_`));
        if (!known) missing.add(`${key} (${file.slice(root.length + 1)})`);
      }
    }
    expect([...missing]).toEqual([]);
  });

  it('render with escaped parameters', async () => {
    const t = await createTranslator('ru', join(__dirname, 'fixtures', 'locales'));
    expect(t('en', 'greeting.hello', { name: '<b>&' })).toBe('Hello, &lt;b&gt;&amp;!');
    expect(t('ru', 'greeting.hello', { name: 'Аня' })).toBe('Привет, Аня!');
    expect(t('en', 'greeting.only_ru', {})).toBe('Только по-русски');
  });
});
