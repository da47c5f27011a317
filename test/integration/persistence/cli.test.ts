import { chmodSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../../src/persistence/cli';
import { migrationTemplate } from '../../../src/persistence/migration-template';
import { MIGRATIONS } from '../../../migrations';
import { openTestDatabase, type TestDatabase } from '../../support/database';

const NOW = new Date('2026-03-01T10:00:00Z');
const NAMES = MIGRATIONS.map((m) => m.name);
const LAST = NAMES[NAMES.length - 1] ?? '';

describe('migration CLI', () => {
  const dirs: string[] = [];
  const tempDir = (): string => {
    const dir = mkdtempSync(join(tmpdir(), 'desk-cli-'));
    // As root the embedded server runs as the postgres OS user, which must enter it.
    chmodSync(dir, 0o755);
    dirs.push(dir);
    return dir;
  };
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  async function cli(args: string[], env: Record<string, string>): Promise<string[]> {
    const lines: string[] = [];
    await runCli(args, { env, out: (line) => lines.push(...line.split('\n')), now: () => NOW, migrationsDir: tempDir() });
    return lines;
  }

  it('runs, reverts one by one, and says when there is nothing left (embedded, DATA_DIR)', async () => {
    const env = { DATA_DIR: join(tempDir(), 'data') };
    expect(NAMES.slice(0, 2)).toEqual(['InitialSchema1767225600000', 'SeedReferenceData1767225660000']);
    expect(await cli(['run'], env)).toEqual([
      `Database: embedded PostgreSQL in ${env.DATA_DIR}`,
      ...NAMES.map((name) => `Applied ${name}`),
    ]);
    expect((await cli(['run'], env)).slice(1)).toEqual(['No pending migrations.']);
    for (const name of [...NAMES].reverse()) {
      expect((await cli(['revert'], env)).slice(1)).toEqual([`Reverted ${name}`]);
    }
    expect((await cli(['revert'], env)).slice(1)).toEqual(['No migration to revert.']);
  });

  describe('against the server', () => {
    let db: TestDatabase;
    beforeAll(async () => {
      db = await openTestDatabase();
    });
    afterAll(() => db.close());

    it('reverts and re-applies the test database when DATABASE_URL points at it', async () => {
      const env = { DATABASE_URL: String(db.url) };
      expect((await cli(['revert'], env)).slice(1)).toEqual([`Reverted ${LAST}`]);
      expect((await cli(['run'], env)).slice(1)).toEqual([`Applied ${LAST}`]);
    });
  });

  it('generates an empty timestamped migration class and explains that migrations are hand-written', async () => {
    const dir = tempDir();
    const lines: string[] = [];
    await runCli(['generate', 'AddTicketLabels'], { env: {}, out: (l) => lines.push(l), now: () => NOW, migrationsDir: dir });
    expect(readdirSync(dir)).toEqual(['1772359200000-add-ticket-labels.ts']);
    const source = readFileSync(join(dir, '1772359200000-add-ticket-labels.ts'), 'utf8');
    expect(source).toContain('export class AddTicketLabels1772359200000 implements MigrationInterface');
    expect(source).toContain('async down(queryRunner: QueryRunner)');
    expect(lines.join('\n')).toMatch(/hand-written/);
    expect(lines.join('\n')).toContain('MIGRATIONS in migrations/index.ts');
  });

  it('refuses a missing or non-PascalCase name and an unknown command', async () => {
    await expect(runCli(['generate'], { env: {}, out: () => undefined })).rejects.toThrow(/needs a name/);
    expect(() => migrationTemplate('add-foo', NOW)).toThrow(/PascalCase/);
    expect(migrationTemplate('AddHTTPLog', NOW).fileName).toBe('1772359200000-add-http-log.ts');
    await expect(runCli(['migrate'], { env: {}, out: () => undefined })).rejects.toThrow(/Usage/);
  });
});
