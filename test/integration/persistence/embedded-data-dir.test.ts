import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../../src/persistence/data-source';
import { CompanyEntity, ContractEntity } from '../../../src/persistence/entities';
import { databaseTargetFromEnv } from '../../../src/persistence/target';
import { MIGRATIONS } from '../../../migrations';

describe('embedded engine in a data directory', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'desk-data-'));
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
