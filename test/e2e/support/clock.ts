import type { Clock } from '../../../src/domain/calendar';

/** Tuesday 2026-03-10 10:00 in Moscow: a business day inside the mothers' 2026 contracts. */
export const E2E_START = new Date('2026-03-10T07:00:00Z');

/**
 * A clock that starts at `start` and runs with real time (so per-minute limits behave), and
 * that a test can move forward with advance().
 */
export class TestClock implements Clock {
  private offsetMs: number;

  constructor(start: Date = E2E_START) {
    this.offsetMs = start.getTime() - Date.now();
  }

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  advance(ms: number): void {
    this.offsetMs += ms;
  }

  set(instant: Date): void {
    this.offsetMs = instant.getTime() - Date.now();
  }
}
