/** Telegram's limits, in UTF-16 code units of the text after entity parsing. */
export const MESSAGE_MAX = 4096;
export const CAPTION_MAX = 1024;

/** Length of HTML text as Telegram counts it: tags removed, the four entities decoded. */
export function visibleLength(html: string): number {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&(lt|gt|amp|quot|#\d+|#x[0-9a-fA-F]+);/g, '_').length;
}

/**
 * Splits Telegram HTML into chunks that each fit `limit`, cutting at line breaks (then spaces)
 * and never inside a tag or an entity. Open tags are closed at the end of a chunk and reopened
 * at the start of the next, so every chunk is valid HTML on its own.
 */
export function splitHtml(html: string, limit: number = MESSAGE_MAX): string[] {
  if (visibleLength(html) <= limit) return [html];
  const tokens = html.match(/<[^>]+>|&[^;\s]{1,10};|[^<&]+|[<&]/g) ?? [];
  const chunks: string[] = [];
  const open: string[] = [];
  let current = '';
  let length = 0;
  const closeAll = (): string => open.slice().reverse().map((t) => `</${tagName(t)}>`).join('');
  const flush = (): void => {
    chunks.push(current + closeAll());
    current = open.join('');
    length = 0;
  };
  for (const token of tokens) {
    if (token.startsWith('<') && token.length > 1) {
      if (token.startsWith('</')) open.pop();
      else open.push(token);
      current += token;
      continue;
    }
    const pieces = token.startsWith('&') ? [token] : splitWords(token);
    for (const piece of pieces) {
      const size = token.startsWith('&') ? 1 : piece.length;
      if (length + size > limit && length > 0) flush();
      if (size > limit) {
        for (let i = 0; i < piece.length; i += limit) {
          if (length > 0) flush();
          current += piece.slice(i, i + limit);
          length = Math.min(limit, piece.length - i);
        }
        continue;
      }
      current += piece;
      length += size;
    }
  }
  if (length > 0 || chunks.length === 0) chunks.push(current + closeAll());
  return chunks.map((c) => c.replace(/^\n+/, '')).filter((c) => visibleLength(c) > 0);
}

/** Shortens HTML to fit a caption, with an ellipsis; tags are dropped when it must cut. */
export function fitCaption(html: string, limit: number = CAPTION_MAX): string {
  if (visibleLength(html) <= limit) return html;
  const first = splitHtml(html, limit - 1)[0] ?? '';
  return `${first}…`;
}

function tagName(openTag: string): string {
  return /^<\s*([a-zA-Z-]+)/.exec(openTag)?.[1] ?? 'b';
}

function splitWords(text: string): string[] {
  return text.match(/[^\s]+\s*|\s+/g) ?? [text];
}
