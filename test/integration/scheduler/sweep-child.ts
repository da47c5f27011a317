/**
 * A sweep in its own process, for the crash test: `node -r ts-node/register/transpile-only
 * sweep-child.ts` with SWEEP_DATABASE_URL and SWEEP_NOW set. Prints one line per committed batch.
 */
import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sweepDueTickets } from '../../../src/application/scheduler/sweep';
import { DEFAULT_TIME_POLICY, loadBusinessCalendar } from '../../../src/domain/calendar';
import { openDatabase } from '../../../src/persistence/data-source';

async function main(): Promise<void> {
  const url = process.env.SWEEP_DATABASE_URL;
  const now = process.env.SWEEP_NOW;
  if (!url || !now) throw new Error('SWEEP_DATABASE_URL and SWEEP_NOW are required');
  const calendar = loadBusinessCalendar(JSON.parse(readFileSync(join(__dirname, '../../../calendar/ru.json'), 'utf8')));
  const dataSource = await openDatabase({ kind: 'postgres', url, poolSize: 2 });
  process.stdout.write('ready\n');
  await sweepDueTickets({ dataSource, calendar, policy: DEFAULT_TIME_POLICY }, new Date(now), {
    batchSize: Number(process.env.SWEEP_BATCH ?? 10),
    onBatch: (n) => process.stdout.write(`batch ${n}\n`),
  });
  process.stdout.write('done\n');
  await dataSource.destroy();
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
