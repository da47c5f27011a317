import 'reflect-metadata';
import { runAdminCli } from './application/admin/cli/run-admin-cli';
import { openDatabase } from './persistence/data-source';
import { databaseTargetFromEnv } from './persistence/target';

/** `npm run admin -- <command>`: bootstrap and maintain the desk from a shell (see --help). */
async function main(): Promise<void> {
  process.exitCode = await runAdminCli(process.argv.slice(2), {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    now: () => new Date(),
    botUsername: process.env.BOT_USERNAME?.trim() || null,
    zone: process.env.TIME_ZONE?.trim() || 'Europe/Moscow',
    openDatabase: async () => {
      const dataSource = await openDatabase(databaseTargetFromEnv(process.env));
      return { dataSource, close: () => dataSource.destroy() };
    },
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
