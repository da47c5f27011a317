import type { IncomingMessage } from 'node:http';
import { ApiError, badRequest } from './api-error';
import { boundaryOf, MultipartError, parseMultipart } from './multipart';
import { isRecord, Params, type UploadedFile } from './params';

/** Telegram's upload limit for bots using the cloud Bot API. */
export const MAX_BODY_BYTES = 50 * 1024 * 1024;

export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer | string): void => {
      const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
      size += buffer.length;
      if (size > limit) {
        req.off('data', onData);
        req.resume();
        reject(new ApiError(413, 'Request Entity Too Large'));
        return;
      }
      chunks.push(buffer);
    };
    req.on('data', onData);
    req.once('end', () => resolve(chunks.length === 1 && chunks[0] ? chunks[0] : Buffer.concat(chunks)));
    req.once('error', reject);
  });
}

/** Builds the parameters exactly like the Bot API: query string first, then the body on top. */
export function parseParams(contentType: string | undefined, body: Buffer, query: URLSearchParams): Params {
  const fields: Record<string, unknown> = Object.fromEntries(query);
  const files = new Map<string, UploadedFile>();
  const type = (contentType ?? '').toLowerCase();
  if (body.length === 0) return new Params(fields, files);
  if (type.startsWith('application/json')) {
    Object.assign(fields, parseJsonObject(body));
  } else if (type.startsWith('application/x-www-form-urlencoded')) {
    Object.assign(fields, Object.fromEntries(new URLSearchParams(body.toString('utf8'))));
  } else if (type.startsWith('multipart/form-data')) {
    parseMultipartInto(contentType ?? '', body, fields, files);
  }
  return new Params(fields, files);
}

function parseJsonObject(body: Buffer): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    throw badRequest("can't parse JSON object");
  }
  if (!isRecord(parsed)) throw badRequest('JSON object expected');
  return parsed;
}

function parseMultipartInto(
  contentType: string,
  body: Buffer,
  fields: Record<string, unknown>,
  files: Map<string, UploadedFile>,
): void {
  const boundary = boundaryOf(contentType);
  if (!boundary) throw badRequest('multipart boundary is not specified');
  try {
    for (const part of parseMultipart(body, boundary)) {
      if (part.fileName === undefined) {
        fields[part.name] = part.data.toString('utf8');
      } else {
        files.set(part.name, {
          fieldName: part.name,
          fileName: part.fileName,
          data: part.data,
          ...(part.contentType !== undefined ? { contentType: part.contentType } : {}),
        });
      }
    }
  } catch (error) {
    if (error instanceof MultipartError) throw badRequest(`can't parse multipart body: ${error.message}`);
    throw error;
  }
}
