import { badRequest } from './api-error';

/** A file part of a multipart request. */
export interface UploadedFile {
  readonly fieldName: string;
  readonly fileName: string;
  readonly contentType?: string;
  readonly data: Buffer;
}

export function isUploadedFile(value: unknown): value is UploadedFile {
  return typeof value === 'object' && value !== null && 'data' in value && Buffer.isBuffer(value.data);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Method parameters with Telegram's lenient typing: the same field may arrive as a JSON number,
 * or as a string from a query string, urlencoded or multipart body.
 */
export class Params {
  constructor(
    readonly fields: Readonly<Record<string, unknown>>,
    readonly files: ReadonlyMap<string, UploadedFile> = new Map(),
  ) {}

  has(name: string): boolean {
    const value = this.fields[name];
    return (value !== undefined && value !== null) || this.files.has(name);
  }

  raw(name: string): unknown {
    return this.fields[name] ?? undefined;
  }

  string(name: string): string | undefined {
    const value = this.raw(name);
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'string') return value;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    throw badRequest(`field "${name}" must be of type String`);
  }

  int(name: string): number | undefined {
    const value = this.raw(name);
    if (value === undefined || value === null || value === '') return undefined;
    const number = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
    if (!Number.isInteger(number)) throw badRequest(`field "${name}" must be of type Integer`);
    return number;
  }

  number(name: string): number | undefined {
    const value = this.raw(name);
    if (value === undefined || value === null || value === '') return undefined;
    const number = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
    if (!Number.isFinite(number)) throw badRequest(`field "${name}" must be of type Number`);
    return number;
  }

  bool(name: string): boolean | undefined {
    const value = this.raw(name);
    if (value === undefined || value === null) return undefined;
    if (value === true || value === 'true' || value === 1 || value === '1') return true;
    if (value === false || value === 'false' || value === 0 || value === '0' || value === '') return false;
    throw badRequest(`field "${name}" must be of type Boolean`);
  }

  /** Object/array fields arrive JSON-encoded outside of JSON bodies. */
  json(name: string, parseError: string): unknown {
    const value = this.raw(name);
    if (typeof value !== 'string') return value;
    if (value === '') return undefined;
    try {
      return JSON.parse(value) as unknown;
    } catch {
      throw badRequest(parseError);
    }
  }

  /** A file field: an uploaded part, or a string (file_id, URL or attach://name). */
  file(name: string): UploadedFile | string | undefined {
    return this.files.get(name) ?? this.string(name);
  }

  /** Resolves `attach://<name>` references used inside InputMedia. */
  attachment(reference: string): UploadedFile | undefined {
    return reference.startsWith('attach://') ? this.files.get(reference.slice('attach://'.length)) : undefined;
  }

  /** A loggable copy: uploads replaced by their name and size so call logs stay small. */
  summary(): Record<string, unknown> {
    const copy: Record<string, unknown> = { ...this.fields };
    for (const [name, file] of this.files) {
      copy[name] = { file_name: file.fileName, size: file.data.length, mime_type: file.contentType };
    }
    return copy;
  }
}
