/**
 * A small multipart/form-data parser (RFC 7578), enough for what Bot API clients send.
 * Written here because the project must not pull in new packages for a test double.
 */

export interface MultipartPart {
  readonly name: string;
  /** Present for file parts; Telegram treats any part with a filename as an upload. */
  readonly fileName?: string;
  readonly contentType?: string;
  readonly data: Buffer;
}

export class MultipartError extends Error {}

const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');

export function boundaryOf(contentType: string): string | undefined {
  const match = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return match?.[1] ?? match?.[2];
}

export function parseMultipart(body: Buffer, boundary: string): MultipartPart[] {
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: MultipartPart[] = [];
  let cursor = body.indexOf(delimiter);
  if (cursor < 0) throw new MultipartError('multipart boundary not found');
  for (;;) {
    cursor += delimiter.length;
    // "--" right after a delimiter marks the end of the body.
    if (body[cursor] === 0x2d && body[cursor + 1] === 0x2d) return parts;
    if (body.subarray(cursor, cursor + 2).equals(CRLF)) cursor += 2;
    const headerEnd = body.indexOf(HEADER_END, cursor);
    if (headerEnd < 0) throw new MultipartError('unterminated part headers');
    const headers = parseHeaders(body.subarray(cursor, headerEnd).toString('utf8'));
    const dataStart = headerEnd + HEADER_END.length;
    const next = body.indexOf(Buffer.concat([CRLF, delimiter]), dataStart);
    if (next < 0) throw new MultipartError('unterminated part body');
    parts.push(toPart(headers, body.subarray(dataStart, next)));
    cursor = next + CRLF.length;
  }
}

function parseHeaders(block: string): Map<string, string> {
  const headers = new Map<string, string>();
  for (const line of block.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return headers;
}

function toPart(headers: Map<string, string>, data: Buffer): MultipartPart {
  const disposition = headers.get('content-disposition') ?? '';
  const name = dispositionParam(disposition, 'name');
  if (name === undefined) throw new MultipartError('part without a name');
  const fileName = dispositionFileName(disposition);
  const contentType = headers.get('content-type');
  // Copy so the parts do not pin the whole request buffer in memory.
  return {
    name,
    data: Buffer.from(data),
    ...(fileName !== undefined ? { fileName } : {}),
    ...(contentType !== undefined ? { contentType } : {}),
  };
}

function dispositionParam(disposition: string, param: string): string | undefined {
  const match = new RegExp(`(?:^|;)\\s*${param}=(?:"((?:[^"\\\\]|\\\\.)*)"|([^;]*))`, 'i').exec(disposition);
  if (!match) return undefined;
  return match[1] !== undefined ? match[1].replace(/\\(.)/g, '$1') : match[2]?.trim();
}

function dispositionFileName(disposition: string): string | undefined {
  const extended = /(?:^|;)\s*filename\*=(?:UTF-8|utf-8)''([^;]*)/.exec(disposition);
  if (extended?.[1] !== undefined) return decodeURIComponent(extended[1]);
  // Browsers and undici (WHATWG FormData) percent-encode only these three characters.
  return dispositionParam(disposition, 'filename')?.replace(/%(22|0D|0A)/gi, (code) => decodeURIComponent(code));
}
