import type { ApiResponseBody } from './api-error';

export interface ApiCallRecord {
  readonly seq: number;
  /** Method name as the client spelled it. */
  readonly method: string;
  /** Parameters as received; uploads are summarised as { file_name, size, mime_type }. */
  readonly params: Readonly<Record<string, unknown>>;
  readonly startedAt: number;
  finishedAt?: number;
  httpStatus?: number;
  response?: ApiResponseBody;
  /** "webhook-reply": the bot answered a webhook POST with a method call in the response body. */
  readonly via: 'http' | 'webhook-reply';
}

export interface CallStats {
  calls: number;
  byMethod: Record<string, number>;
  /** Calls that came in webhook response bodies (no request of their own). */
  viaWebhookReply: number;
  errors: number;
  /** Every 429 the fake answered, injected or enforced. A well-behaved sender keeps this at 0. */
  tooManyRequests: number;
  /** 429s produced by rate-limit enforcement (not by injected faults). */
  rateLimited: number;
}

/** Every API call, in arrival order, for assertions and debugging. */
export class CallLog {
  private readonly records: ApiCallRecord[] = [];
  private seq = 0;
  private rateLimitedCount = 0;

  start(method: string, params: Record<string, unknown>, via: ApiCallRecord['via'], at: number): ApiCallRecord {
    this.seq += 1;
    const record: ApiCallRecord = { seq: this.seq, method, params, startedAt: at, via };
    this.records.push(record);
    return record;
  }

  finish(record: ApiCallRecord, status: number, response: ApiResponseBody, at: number): void {
    record.httpStatus = status;
    record.response = response;
    record.finishedAt = at;
  }

  countRateLimited(): void {
    this.rateLimitedCount += 1;
  }

  all(method?: string): ApiCallRecord[] {
    if (method === undefined) return [...this.records];
    const name = method.toLowerCase();
    return this.records.filter((record) => record.method.toLowerCase() === name);
  }

  stats(): CallStats {
    const byMethod: Record<string, number> = {};
    let errors = 0;
    let tooMany = 0;
    let viaWebhookReply = 0;
    for (const record of this.records) {
      byMethod[record.method] = (byMethod[record.method] ?? 0) + 1;
      if (record.via === 'webhook-reply') viaWebhookReply += 1;
      if (record.response?.ok === false) errors += 1;
      if (record.httpStatus === 429) tooMany += 1;
    }
    return { calls: this.records.length, byMethod, viaWebhookReply, errors, tooManyRequests: tooMany, rateLimited: this.rateLimitedCount };
  }
}
