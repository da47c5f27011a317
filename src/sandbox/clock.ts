import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Clock } from '../domain/calendar';

/** Tuesday 2026-03-10 10:00 in Moscow: a working day inside the shipped calendar. */
export const SANDBOX_START = new Date('2026-03-10T07:00:00Z');

/** A clock that runs with real time from `start` and that the sandbox moves forward on /clock. */
export class SandboxClock implements Clock {
  private offsetMs: number;

  constructor(start: Date = SANDBOX_START) {
    this.offsetMs = start.getTime() - Date.now();
  }

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  advance(ms: number): void {
    this.offsetMs += ms;
  }
}

const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** "+7d", "+3h", "+30m", "+1d12h" → milliseconds; null for anything else (the clock never goes back). */
export function parseClockJump(text: string): number | null {
  const match = /^\+((?:\d{1,4}[dhm])+)$/.exec(text.trim());
  if (!match?.[1]) return null;
  let total = 0;
  for (const part of match[1].matchAll(/(\d+)([dhm])/g)) {
    total += Number(part[1]) * UNIT_MS[part[2] as keyof typeof UNIT_MS];
  }
  return total > 0 ? total : null;
}

const CLOCK_FILE = 'sandbox-clock.json';

/** The sandbox time a kept data directory was left at; null for a new directory. */
export function loadClockStart(dataDir: string): Date | null {
  try {
    const saved = JSON.parse(readFileSync(join(dataDir, CLOCK_FILE), 'utf8')) as { now?: unknown };
    const time = typeof saved.now === 'string' ? new Date(saved.now) : null;
    return time && !Number.isNaN(time.getTime()) ? time : null;
  } catch {
    return null;
  }
}

/** Writes the sandbox time into the data directory (after every jump and on close). */
export function saveClock(dataDir: string, clock: Clock): void {
  writeFileSync(join(dataDir, CLOCK_FILE), JSON.stringify({ now: clock.now().toISOString() }));
}
