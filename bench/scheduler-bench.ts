import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { sweepDueTickets } from '../src/application/scheduler/sweep';
import { DEFAULT_TIME_POLICY, loadBusinessCalendar } from '../src/domain/calendar';
import type { BenchSection } from './report';
import { seedPeople, seedTickets } from './seed';

/** Wednesday 2026-03-11 12:00 Moscow: a working hour before a business day. */
const NOW = new Date('2026-03-11T09:00:00Z');

export interface SchedulerBenchOptions {
  readonly tickets: number;
  readonly due: number;
  readonly batchSize: number;
  /** Batches in flight at once (sweepDueTickets' concurrency). */
  readonly concurrency: number;
  readonly idleTicks: number;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length - 1) * p))] ?? 0;
}

/** Seeds the tickets, times one sweep through every due one, then times idle ticks. */
export async function benchScheduler(dataSource: DataSource, options: SchedulerBenchOptions): Promise<BenchSection> {
  const calendar = loadBusinessCalendar(JSON.parse(readFileSync(join(__dirname, '..', 'calendar', 'ru.json'), 'utf8')));
  const deps = { dataSource, calendar, policy: DEFAULT_TIME_POLICY };
  const people = await seedPeople(dataSource, 9_000_000_000);
  const seedStarted = performance.now();
  await seedTickets(dataSource, people, options.tickets, options.due, NOW);
  await dataSource.query('ANALYZE');
  const seedSeconds = (performance.now() - seedStarted) / 1000;

  const started = performance.now();
  const report = await sweepDueTickets(deps, NOW, { batchSize: options.batchSize, concurrency: options.concurrency });
  const seconds = (performance.now() - started) / 1000;
  if (report.tickets !== options.due) throw new Error(`swept ${report.tickets} tickets, expected ${options.due}`);
  const rate = report.tickets / seconds;

  const idleTicks = async (): Promise<number[]> => {
    const idle: number[] = [];
    for (let i = 0; i < options.idleTicks; i++) {
      const t = performance.now();
      const r = await sweepDueTickets(deps, NOW, { batchSize: options.batchSize });
      idle.push(performance.now() - t);
      if (r.tickets !== 0) throw new Error('an idle tick found work');
    }
    return idle.sort((a, b) => a - b);
  };
  // Right after the backlog the index still holds the 100,000 entries the sweep moved, dead
  // until (auto)vacuum; the steady state is measured after VACUUM.
  const afterBacklog = await idleTicks();
  await dataSource.query('VACUUM tickets');
  const idle = await idleTicks();
  const median = percentile(idle, 0.5);
  const p95 = percentile(idle, 0.95);
  const actions = Object.entries(report.actions).map(([k, v]) => `${k} ${v}`).join(', ');
  return {
    title: `Scheduler sweep (${options.tickets.toLocaleString('en-US')} tickets, ${options.due.toLocaleString('en-US')} due, batch ${options.batchSize}, ${options.concurrency} at once)`,
    figures: [
      { name: 'setup: bulk insert + ANALYZE', value: seedSeconds, unit: 's' },
      {
        name: 'time to process every due ticket',
        value: seconds,
        unit: 's',
        note: `${actions}; ${report.enqueued.toLocaleString('en-US')} outbox rows, ${report.batches} transactions`,
      },
      { name: 'processing rate', value: rate, unit: 'tickets/s', target: '≥ 3000', ok: rate >= 3000 },
      { name: `idle tick, median of ${options.idleTicks}`, value: median, unit: 'ms', target: '≤ 5', ok: median <= 5 },
      { name: 'idle tick, p95', value: p95, unit: 'ms' },
      {
        name: 'idle tick right after the backlog (before VACUUM), median',
        value: percentile(afterBacklog, 0.5),
        unit: 'ms',
        note: 'the partial index still holds the moved entries until vacuum; one VACUUM (or autovacuum) restores the steady state above',
      },
    ],
  };
}
