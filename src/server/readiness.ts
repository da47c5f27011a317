import type { DataSource } from 'typeorm';
import { hasPendingMigrations, pingDatabase } from '../persistence/health';

/** Ready or not; a ready instance may carry warnings (e.g. the calendar data runs out soon) that do not fail it. */
export type Readiness = { readonly ready: true; readonly warnings?: readonly string[] } | { readonly ready: false; readonly reason: string };

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

/**
 * Ready to take traffic: the database answers and has no pending migrations (migrations are run
 * once per deploy, before the instances start; an instance of a newer release waits for them).
 * `warnings` are reported with a ready answer and never make it fail (calendar upkeep).
 */
export async function checkReadiness(dataSource: DataSource, timeoutMs = 2000, warnings: () => readonly string[] = () => []): Promise<Readiness> {
  if (!dataSource.isInitialized) return { ready: false, reason: 'database connection closed' };
  try {
    await withTimeout(pingDatabase(dataSource), timeoutMs);
  } catch {
    // The driver's text (host names, users, server messages) is for the log, not for whoever asks.
    return { ready: false, reason: 'database unreachable' };
  }
  try {
    if (await withTimeout(hasPendingMigrations(dataSource), timeoutMs)) return { ready: false, reason: 'pending migrations' };
  } catch {
    return { ready: false, reason: 'database unreachable' };
  }
  const warned = warnings();
  return warned.length > 0 ? { ready: true, warnings: warned } : { ready: true };
}
