import { setServiceActive } from '../../../src/application/admin/services';
import { activeCatalog, CATALOG_TTL_MS } from '../../../src/persistence/repositories/service-catalog';
import { openTestDatabase, type TestDatabase } from '../../support/database';

describe('the active service catalog served from memory', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(() => db.close());
  afterEach(() => jest.restoreAllMocks());

  const codes = async (): Promise<string[]> => (await activeCatalog(db.dataSource.manager)).map((s) => s.code);

  it('sees a change made through this process at once', async () => {
    const m = db.dataSource.manager;
    const before = await codes();
    expect(before).toContain('support.phone');
    await setServiceActive(m, 'support.phone', false);
    expect(await codes()).toEqual(before.filter((code) => code !== 'support.phone'));
    await setServiceActive(m, 'support.phone', true);
    expect(await codes()).toEqual(before);
  });

  it('sees a change made elsewhere (another instance, the admin CLI) once the cache is older than its TTL', async () => {
    let clock = 1_000_000;
    jest.spyOn(performance, 'now').mockImplementation(() => clock);
    const m = db.dataSource.manager;
    const before = await codes();
    await m.query(`UPDATE services SET active = false WHERE code = 'support.phone'`);
    clock += CATALOG_TTL_MS - 1;
    expect(await codes()).toEqual(before);
    clock += 1;
    expect(await codes()).not.toContain('support.phone');
    await m.query(`UPDATE services SET active = true WHERE code = 'support.phone'`);
  });

  it('shares one read between steps that ask at the same time', async () => {
    const m = db.dataSource.manager;
    await setServiceActive(m, 'support.phone', true);
    const find = jest.spyOn(m, 'find');
    const [a, b] = await Promise.all([activeCatalog(m), activeCatalog(m)]);
    expect(a).toBe(b);
    expect(find).toHaveBeenCalledTimes(1);
  });
});
