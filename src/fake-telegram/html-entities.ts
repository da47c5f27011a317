import type { TgMessageEntity } from './bot-api-types';

/**
 * Telegram's HTML parse mode, reimplemented after TDLib's parser so that the fake rejects the
 * same markup Telegram rejects (with the same "can't parse entities" descriptions) and counts
 * lengths on the same resulting plain text.
 */

export interface FormattedText {
  text: string;
  entities: TgMessageEntity[];
}

export interface HtmlParseOptions {
  /**
   * Reject a bare `&` that does not start an entity. Telegram itself passes such a `&` through,
   * but its documentation requires escaping it, and a bot that forgets `&amp;` usually also
   * forgets `&lt;`, which Telegram does reject. Default true: be stricter than production.
   */
  strictAmpersand?: boolean;
}

export class HtmlParseError extends Error {
  constructor(readonly reason: string) {
    super(`can't parse entities: ${reason}`);
    this.name = 'HtmlParseError';
  }
}

const SUPPORTED_TAGS = new Set([
  'a', 'b', 'strong', 'i', 'em', 's', 'strike', 'del', 'u', 'ins',
  'tg-spoiler', 'tg-emoji', 'span', 'pre', 'code', 'blockquote',
]);

const ENTITY_TYPE_OF_TAG: Readonly<Record<string, string>> = {
  b: 'bold', strong: 'bold', i: 'italic', em: 'italic', u: 'underline', ins: 'underline',
  s: 'strikethrough', strike: 'strikethrough', del: 'strikethrough',
  'tg-spoiler': 'spoiler', span: 'spoiler', code: 'code', pre: 'pre', a: 'text_link',
  'tg-emoji': 'custom_emoji', blockquote: 'blockquote',
};

const NAMED_ENTITIES: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"' };

interface OpenTag {
  tag: string;
  argument: string;
  expandable: boolean;
  offset: number;
}

const isSpace = (ch: string | undefined): boolean =>
  ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r' || ch === '\f' || ch === '\v';

/** Decodes `&name;` / `&#n;` / `&#xh;` at `at`, or returns undefined if it is not an entity. */
export function decodeHtmlEntityAt(html: string, at: number): { text: string; length: number } | undefined {
  const match = /^&(?:#(\d{1,8})|#[xX]([0-9a-fA-F]{1,7})|([a-zA-Z]{1,10}));/.exec(html.slice(at, at + 16));
  if (!match) return undefined;
  if (match[3] !== undefined) {
    const named = NAMED_ENTITIES[match[3]];
    return named === undefined ? undefined : { text: named, length: match[0].length };
  }
  const code = match[1] !== undefined ? Number.parseInt(match[1], 10) : Number.parseInt(match[2] ?? '', 16);
  if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return undefined;
  return { text: String.fromCodePoint(code), length: match[0].length };
}

/** Parses Telegram HTML into plain text plus entities (UTF-16 offsets), or throws HtmlParseError. */
export function parseTelegramHtml(html: string, options: HtmlParseOptions = {}): FormattedText {
  return new HtmlParser(html, options.strictAmpersand ?? true).parse();
}

/** Returns Telegram's "can't parse entities" reason for invalid markup, or undefined if valid. */
export function validateTelegramHtml(html: string, options: HtmlParseOptions = {}): string | undefined {
  try {
    parseTelegramHtml(html, options);
    return undefined;
  } catch (error) {
    if (error instanceof HtmlParseError) return error.reason;
    throw error;
  }
}

/** Plain text of Telegram HTML for assertions; tolerant of markup Telegram would reject. */
export function stripHtml(html: string): string {
  try {
    return parseTelegramHtml(html, { strictAmpersand: false }).text;
  } catch {
    return html
      .replace(/<[^>]*>/g, '')
      .replace(/&(#\d+|#[xX][0-9a-fA-F]+|[a-zA-Z]+);/g, (entity) => decodeHtmlEntityAt(entity, 0)?.text ?? entity);
  }
}

/** Escapes text for Telegram HTML (the three characters Telegram requires). */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

class HtmlParser {
  private out = '';
  private readonly entities: TgMessageEntity[] = [];
  private readonly stack: OpenTag[] = [];
  private i = 0;

  constructor(
    private readonly html: string,
    private readonly strictAmpersand: boolean,
  ) {}

  parse(): FormattedText {
    const { html } = this;
    while (this.i < html.length) {
      const ch = html[this.i];
      if (ch === '&') this.readAmpersand();
      else if (ch === '<' && html[this.i + 1] === '/') this.readEndTag();
      else if (ch === '<') this.readStartTag();
      else {
        this.out += ch;
        this.i++;
      }
    }
    const unclosed = this.stack.at(-1);
    if (unclosed) throw new HtmlParseError(`Can't find end tag corresponding to start tag "${unclosed.tag}"`);
    this.entities.sort((a, b) => a.offset - b.offset || b.length - a.length);
    return { text: this.out, entities: this.entities };
  }

  /** Telegram reports positions as UTF-8 byte offsets into the original markup. */
  private byteOffset(index: number): number {
    return Buffer.byteLength(this.html.slice(0, index), 'utf8');
  }

  private readAmpersand(): void {
    const decoded = decodeHtmlEntityAt(this.html, this.i);
    if (decoded) {
      this.out += decoded.text;
      this.i += decoded.length;
      return;
    }
    if (this.strictAmpersand) {
      throw new HtmlParseError(`Unescaped "&" at byte offset ${this.byteOffset(this.i)}; use "&amp;"`);
    }
    this.out += '&';
    this.i++;
  }

  private readStartTag(): void {
    const { html } = this;
    const begin = this.i;
    let j = begin + 1;
    while (j < html.length && !isSpace(html[j]) && html[j] !== '>') j++;
    if (j >= html.length) throw new HtmlParseError(`Unclosed start tag at byte offset ${this.byteOffset(begin)}`);
    const tag = html.slice(begin + 1, j).toLowerCase();
    if (!SUPPORTED_TAGS.has(tag)) {
      throw new HtmlParseError(`Unsupported start tag "${tag}" at byte offset ${this.byteOffset(begin)}`);
    }
    this.i = j;
    const open: OpenTag = { tag, argument: '', expandable: false, offset: this.out.length };
    this.readAttributes(open, begin);
    if (tag === 'span' && open.argument !== 'spoiler') {
      throw new HtmlParseError(`Tag "span" must have class "tg-spoiler" at byte offset ${this.byteOffset(begin)}`);
    }
    if (tag === 'tg-emoji' && !/^\d{1,19}$/.test(open.argument)) {
      throw new HtmlParseError('Invalid custom emoji identifier specified');
    }
    this.i++; // '>'
    this.stack.push(open);
  }

  private readAttributes(open: OpenTag, begin: number): void {
    const { html } = this;
    const unclosed = (): HtmlParseError =>
      new HtmlParseError(`Unclosed start tag at byte offset ${this.byteOffset(begin)}`);
    for (;;) {
      while (this.i < html.length && isSpace(html[this.i])) this.i++;
      if (this.i >= html.length) throw unclosed();
      if (html[this.i] === '>') return;
      const nameStart = this.i;
      while (this.i < html.length && !isSpace(html[this.i]) && html[this.i] !== '=' && html[this.i] !== '>') this.i++;
      const name = html.slice(nameStart, this.i).toLowerCase();
      while (this.i < html.length && isSpace(html[this.i])) this.i++;
      if (html[this.i] !== '=') {
        if (open.tag === 'blockquote' && name === 'expandable') {
          open.expandable = true;
          continue;
        }
        throw new HtmlParseError(
          `Expected equal sign in declaration of an attribute of the tag "${open.tag}" at byte offset ${this.byteOffset(begin)}`,
        );
      }
      this.i++;
      while (this.i < html.length && isSpace(html[this.i])) this.i++;
      if (this.i >= html.length) throw unclosed();
      const value = this.readAttributeValue();
      if (this.i >= html.length) throw unclosed();
      applyAttribute(open, name, value);
    }
  }

  private readAttributeValue(): string {
    const { html } = this;
    const quote = html[this.i];
    if (quote !== '"' && quote !== "'") {
      // An unquoted name token: letters, digits, periods and hyphens, case-insensitive.
      const start = this.i;
      while (this.i < html.length && /[A-Za-z0-9.-]/.test(html[this.i] ?? '')) this.i++;
      if (this.i < html.length && !isSpace(html[this.i]) && html[this.i] !== '>') {
        throw new HtmlParseError(`Unexpected end of name token at byte offset ${this.byteOffset(this.i)}`);
      }
      return html.slice(start, this.i).toLowerCase();
    }
    this.i++;
    let value = '';
    while (this.i < html.length && html[this.i] !== quote) {
      const decoded = html[this.i] === '&' ? decodeHtmlEntityAt(html, this.i) : undefined;
      if (decoded) {
        value += decoded.text;
        this.i += decoded.length;
      } else {
        value += html[this.i];
        this.i++;
      }
    }
    if (html[this.i] === quote) this.i++;
    return value;
  }

  private readEndTag(): void {
    const { html } = this;
    const begin = this.i;
    const open = this.stack.at(-1);
    if (!open) throw new HtmlParseError(`Unexpected end tag at byte offset ${this.byteOffset(begin)}`);
    let j = begin + 2;
    while (j < html.length && !isSpace(html[j]) && html[j] !== '>') j++;
    const name = html.slice(begin + 2, j).toLowerCase();
    while (j < html.length && isSpace(html[j])) j++;
    if (html[j] !== '>') throw new HtmlParseError(`Unclosed end tag at byte offset ${this.byteOffset(begin)}`);
    if (name !== '' && name !== open.tag) {
      throw new HtmlParseError(
        `Unmatched end tag at byte offset ${this.byteOffset(begin)}, expected "</${open.tag}>", found "</${name}>"`,
      );
    }
    this.stack.pop();
    this.i = j + 1;
    this.closeEntity(open);
  }

  private closeEntity(open: OpenTag): void {
    const length = this.out.length - open.offset;
    if (length <= 0) return;
    const base = { offset: open.offset, length };
    const last = this.entities.at(-1);
    if (open.tag === 'pre' && last?.type === 'code' && last.offset === open.offset && last.length === length) {
      // <pre><code class="language-x"> is one pre entity with a language.
      this.entities.pop();
      this.entities.push({ type: 'pre', ...base, ...(last.language ? { language: last.language } : {}) });
      return;
    }
    if (open.tag === 'a') {
      const url = open.argument || this.out.slice(open.offset);
      if (isLinkUrl(url)) this.entities.push({ type: 'text_link', ...base, url });
      return;
    }
    if (open.tag === 'blockquote') {
      this.entities.push({ type: open.expandable ? 'expandable_blockquote' : 'blockquote', ...base });
      return;
    }
    if (open.tag === 'tg-emoji') {
      this.entities.push({ type: 'custom_emoji', ...base, custom_emoji_id: open.argument });
      return;
    }
    if (open.tag === 'code' && open.argument) {
      this.entities.push({ type: 'code', ...base, language: open.argument });
      return;
    }
    const type = ENTITY_TYPE_OF_TAG[open.tag];
    if (type) this.entities.push({ type, ...base });
  }
}

function applyAttribute(open: OpenTag, name: string, value: string): void {
  if (open.tag === 'a' && name === 'href') open.argument = value;
  else if (open.tag === 'code' && name === 'class' && value.startsWith('language-')) {
    open.argument = value.slice('language-'.length);
  } else if (open.tag === 'span' && name === 'class' && value.startsWith('tg-')) open.argument = value.slice(3);
  else if (open.tag === 'tg-emoji' && name === 'emoji-id') open.argument = value;
}

function isLinkUrl(url: string): boolean {
  return /^(https?:\/\/|tg:\/\/)\S+$/i.test(url) || /^[\w-]+(\.[\w-]+)+(\/\S*)?$/.test(url);
}
