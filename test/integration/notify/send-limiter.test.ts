import { TelegramError } from 'telegraf';
import { SendLimiter, TELEGRAM_SEND_LIMITS, sendBudgetLimits, type Timer } from '../../../src/notify/send-limiter';
import { backoffMs, classifySendFailure } from '../../../src/notify/telegram-failure';

/** A timer that only moves when told. */
function manualTimer(): Timer & { advance(ms: number): void } {
  let now = 0;
  return { now: () => now, sleep: async (ms) => void (now += ms), advance: (ms) => void (now += ms) };
}

const LIMITS = { globalPerSecond: 30, privateIntervalMs: 1000, groupIntervalMs: 3000 };

describe('SendLimiter', () => {
  it('spaces sends to distinct chats at the global rate, an album counting each photo', () => {
    const limiter = new SendLimiter(LIMITS, manualTimer());
    const waits = [1, 2, 3].map((chat) => limiter.reserve(chat));
    expect(waits.map((w) => Math.round(w))).toEqual([0, 33, 67]);
    expect(Math.round(limiter.reserve(4, 10))).toBe(100);
    expect(Math.round(limiter.reserve(5))).toBe(433);
  });

  it('keeps one second between sends to a private chat and three to a group', () => {
    const limiter = new SendLimiter(LIMITS, manualTimer());
    expect(limiter.reserve(7)).toBeCloseTo(0, 3);
    expect(limiter.reserve(7)).toBeCloseTo(1000, 3);
    // The group takes the free slot right after the first send, not a place behind the wait.
    expect(limiter.reserve(-100)).toBeCloseTo(33.3, 0);
    expect(limiter.reserve(-100)).toBeCloseTo(3033.3, 0);
  });

  it('pauses a chat on a 429, and everything when a second chat is limited meanwhile', () => {
    const timer = manualTimer();
    const limiter = new SendLimiter(LIMITS, timer);
    expect(limiter.rateLimited(1, 5)).toBe('chat');
    expect(limiter.reserve(2)).toBeCloseTo(0, 3);
    expect(limiter.reserve(1)).toBeCloseTo(5000, 3);
    expect(limiter.rateLimited(3, 2)).toBe('global');
    expect(limiter.reserve(4)).toBeCloseTo(2000, 3);
  });
});

describe('Telegram failures', () => {
  const apiError = (code: number, description: string, retryAfter?: number): TelegramError =>
    new TelegramError({ error_code: code, description, ...(retryAfter ? { parameters: { retry_after: retryAfter } } : {}) });

  it('sorts 429, 403, 5xx, other 4xx and network errors', () => {
    expect(classifySendFailure(apiError(429, 'Too Many Requests: retry after 7', 7))).toMatchObject({ kind: 'rate_limited', retryAfterSeconds: 7 });
    expect(classifySendFailure(apiError(403, 'Forbidden: bot was blocked by the user')).kind).toBe('blocked');
    expect(classifySendFailure(apiError(502, 'Bad Gateway')).kind).toBe('transient');
    expect(classifySendFailure(apiError(400, 'Bad Request: chat not found'))).toEqual({ kind: 'permanent', error: '400 Bad Request: chat not found' });
    expect(classifySendFailure(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })).kind).toBe('transient');
  });

  it('backs off exponentially up to ten minutes', () => {
    const middle = (): number => 0.5;
    expect([1, 2, 3, 10, 30].map((n) => backoffMs(n, middle))).toEqual([2000, 4000, 8000, 600_000, 600_000]);
  });
});

describe('one budget: interactive replies ahead of bulk notifications', () => {
  test('bulk keeps to its share of the rate; an interactive reply finds a slot at once and may burst a little in its chat', () => {
    const clock = { t: 0 };
    const limiter = new SendLimiter(
      { globalPerSecond: 10, privateIntervalMs: 1000, groupIntervalMs: 3000, bulkShare: 0.5, privateBurst: 3 },
      { now: () => clock.t, sleep: async () => undefined },
    );
    // Ten bulk sends to ten chats: at 5/s (half of 10/s), so the tenth starts at 1.8 s.
    const bulk = Array.from({ length: 10 }, (_, i) => limiter.reserve(100 + i, 1, 'bulk'));
    expect(bulk[9]).toBeCloseTo(1800, 0);
    // A reply now takes a free slot between them, not a place behind them.
    expect(limiter.reserve(7, 1, 'interactive')).toBeLessThanOrEqual(100);
    // A second and third reply to the same private chat come at once too (burst of 3), the fourth waits.
    expect(limiter.reserve(7, 1, 'interactive')).toBeLessThanOrEqual(300);
    expect(limiter.reserve(7, 1, 'interactive')).toBeLessThanOrEqual(500);
    expect(limiter.reserve(7, 1, 'interactive')).toBeGreaterThanOrEqual(900);
  });
});

describe('the budget from the configuration', () => {
  it('keeps Telegram’s pace per private chat unless a local Bot API server is configured otherwise', () => {
    const base = { perSecond: 30, share: 0.5, bulkShare: 0.6 };
    expect(sendBudgetLimits(base).privateIntervalMs).toBe(TELEGRAM_SEND_LIMITS.privateIntervalMs);
    expect(sendBudgetLimits({ ...base, privateIntervalMs: 0 }).privateIntervalMs).toBe(0);
    expect(sendBudgetLimits(base).globalPerSecond).toBeCloseTo(14.75);
  });
});
