export { startDispatcher, DEFAULT_LEASE_MS } from './dispatcher';
export type { DispatcherDeps, DispatcherOptions, RunningDispatcher } from './dispatcher';
export type { TelegramSender } from './deliver';
export { SendLimiter, TELEGRAM_SEND_LIMITS, realTimer } from './send-limiter';
export type { SendLimits, Timer } from './send-limiter';
