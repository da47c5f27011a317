import { CAPTION_MAX, MESSAGE_MAX, fitCaption, splitHtml, visibleLength } from '../../../src/telegram/text-limits';

const balanced = (html: string): boolean => {
  const stack: string[] = [];
  for (const [, close, name] of html.matchAll(/<(\/?)([a-z-]+)[^>]*>/g)) {
    if (close) {
      if (stack.pop() !== name) return false;
    } else stack.push(name ?? '');
  }
  return stack.length === 0;
};

describe('splitHtml', () => {
  it('leaves a short text whole', () => {
    expect(splitHtml('<b>hi</b> there')).toEqual(['<b>hi</b> there']);
  });

  it('counts visible characters, not markup', () => {
    expect(visibleLength('<b>a&amp;b</b>')).toBe(3);
  });

  it('cuts a long text into chunks within the limit, at word boundaries, with tags balanced', () => {
    const text = `<b>Заявка №12</b>\n${'слово '.repeat(2000)}<i>конец</i>`;
    const chunks = splitHtml(text);
    expect(chunks.length).toBeGreaterThan(2);
    for (const chunk of chunks) {
      expect(visibleLength(chunk)).toBeLessThanOrEqual(MESSAGE_MAX);
      expect(balanced(chunk)).toBe(true);
      expect(chunk).not.toMatch(/сл$|^ово/);
    }
    const joined = chunks.join('').replace(/<[^>]+>/g, '').replace(/\s+/g, ' ');
    expect(joined).toBe(text.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ').trimEnd() + '');
  });

  it('reopens a tag that spans a cut', () => {
    const chunks = splitHtml(`<i>${'x '.repeat(3000)}</i>`);
    expect(chunks[1]?.startsWith('<i>')).toBe(true);
    expect(chunks[0]?.endsWith('</i>')).toBe(true);
  });

  it('cuts a single word longer than the limit and never splits an entity', () => {
    const chunks = splitHtml('&amp;'.repeat(5000));
    expect(chunks.length).toBe(2);
    for (const chunk of chunks) expect(chunk).toMatch(/^(&amp;)+$/);
  });
});

describe('fitCaption', () => {
  it('keeps a caption within 1024 characters with an ellipsis', () => {
    const caption = fitCaption(`<b>${'a '.repeat(800)}</b>`);
    expect(visibleLength(caption)).toBeLessThanOrEqual(CAPTION_MAX);
    expect(caption.endsWith('…')).toBe(true);
  });
});
