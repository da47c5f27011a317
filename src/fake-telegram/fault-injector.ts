import { ApiError, badRequest, forbidden, serverError, tooManyRequests } from './api-error';

/** What a faulted call answers. */
export type Fault =
  | { kind: 'too-many-requests'; retryAfter: number }
  | { kind: 'blocked' }
  | { kind: 'server-error'; status: 500 | 502 | 503 | 504; description?: string }
  | { kind: 'bad-request'; description: string };

export interface FaultScope {
  /** How many matching calls fail (default 1). */
  times?: number;
  /** Only calls of this method (case-insensitive). Without it every method except getUpdates. */
  method?: string;
  /** Only calls whose chat_id equals this. */
  chatId?: number | string;
  /**
   * Perform the call, then answer with the error anyway: a response lost after Telegram already
   * delivered the message, which is what makes naive retries send duplicates.
   */
  afterExecute?: boolean;
}

export interface FaultRule extends Required<Pick<FaultScope, 'afterExecute'>> {
  readonly fault: Fault;
  remaining: number;
  readonly method?: string;
  readonly chatId?: string;
}

export function faultError(fault: Fault): ApiError {
  switch (fault.kind) {
    case 'too-many-requests':
      return tooManyRequests(fault.retryAfter);
    case 'blocked':
      return forbidden('bot was blocked by the user');
    case 'server-error':
      return serverError(fault.status, fault.description);
    case 'bad-request':
      return fault.description.startsWith('Bad Request: ')
        ? new ApiError(400, fault.description)
        : badRequest(fault.description);
  }
}

/** Queued one-shot failures that tests arm before driving the bot. */
export class FaultInjector {
  private rules: FaultRule[] = [];

  add(fault: Fault, scope: FaultScope = {}): FaultRule {
    const rule: FaultRule = {
      fault,
      remaining: scope.times ?? 1,
      afterExecute: scope.afterExecute ?? false,
      ...(scope.method !== undefined ? { method: scope.method.toLowerCase() } : {}),
      ...(scope.chatId !== undefined ? { chatId: String(scope.chatId) } : {}),
    };
    this.rules.push(rule);
    return rule;
  }

  /** Finds and consumes the first rule that applies to this call. */
  take(method: string, chatId: unknown): FaultRule | undefined {
    const name = method.toLowerCase();
    const rule = this.rules.find(
      (candidate) =>
        candidate.remaining > 0 &&
        // getUpdates is polled non-stop; unscoped faults would hit the poller instead of the bot's sends.
        (candidate.method === undefined ? name !== 'getupdates' : candidate.method === name) &&
        (candidate.chatId === undefined || candidate.chatId === String(chatId)),
    );
    if (!rule) return undefined;
    rule.remaining -= 1;
    this.rules = this.rules.filter((candidate) => candidate.remaining > 0);
    return rule;
  }

  get armed(): number {
    return this.rules.reduce((sum, rule) => sum + rule.remaining, 0);
  }

  clear(): void {
    this.rules = [];
  }
}
