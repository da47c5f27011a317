import i18next from 'i18next';
import { LANGUAGES, createTranslator, escapeHtml, readLocale, type Translate } from '../../src/i18n';
import { localeTexts } from '../support/locale-texts';

/** The parameter names a text uses, as i18next reads them ({{name}}, {{- name}}, {{name, format}}). */
function parameterNames(text: string): string[] {
  return [...text.matchAll(/\{\{-?\s*([^{},]+?)\s*(,[^{}]*)?\}\}/g)].map((m) => m[1] ?? '');
}

describe('translator: texts filled in without i18next give what i18next gives', () => {
  let translate: Translate;
  const reference = i18next.createInstance();

  beforeAll(async () => {
    translate = await createTranslator();
    await reference.init({
      resources: Object.fromEntries(LANGUAGES.map((l) => [l, { translation: readLocale(l) }])),
      lng: 'ru',
      fallbackLng: 'ru',
      initAsync: false,
      returnNull: false,
      interpolation: { escapeValue: true, escape: escapeHtml },
    });
  });

  test.each(LANGUAGES)('every text of %s with parameters, user text with HTML in them', (lang) => {
    let compared = 0;
    for (const [key, text] of localeTexts(readLocale(lang))) {
      const names = parameterNames(text).filter((name) => name !== 'count');
      if (names.length === 0) continue;
      const base = key.replace(/_(zero|one|two|few|many|other)$/, '');
      const params = Object.fromEntries(names.map((name) => [name, `<b>${name}</b> & "quoted"`]));
      expect({ key, text: translate(lang, base, params) }).toEqual({ key, text: reference.t(base, { lng: lang, ...params }) });
      compared++;
    }
    expect(compared).toBeGreaterThan(100);
  });

  test('a missing parameter, a plural count and a text only in Russian go to i18next', () => {
    expect(translate('en', 'common.something_went_wrong', { unused: 'x' })).toBe(reference.t('common.something_went_wrong', { lng: 'en' }));
    const withName = [...localeTexts(readLocale('en'))].find(([, text]) => /\{\{\s*\w+\s*\}\}/.test(text) && !text.includes('$t('));
    if (!withName) throw new Error('no English text with a parameter');
    const [key] = withName;
    expect(translate('en', key, {})).toBe(reference.t(key, { lng: 'en' }));
  });

  test('fractional numbers are written with the language decimal mark', () => {
    const [key] = [...localeTexts(readLocale('ru'))].find(([, text]) => /\{\{\s*hours\s*\}\}/.test(text)) ?? [''];
    expect(key).not.toBe('');
    const ru = translate('ru', key, { hours: 2.5, total: 10.25, logged: 1.5, planned: 3.75, available: 0.5, remaining: 7.5 });
    expect(ru).toContain('2,5');
    expect(ru).not.toMatch(/\d\.\d/);
  });
});
