import { createDesk } from '../../../src/application/desk';
import type { TelegramProfile } from '../../../src/application/views/access';
import { InviteEntity, RegulationAcceptanceEntity, RegulationVersionEntity, UserEntity } from '../../../src/persistence/entities';
import { openTestDatabase, type TestDatabase } from '../../support/database';
import { createAdmin, createClient, createCompany, seededDepartment } from '../../support/mothers';
import { appDeps, manualClock } from './fixture';

const NOW = new Date('2026-03-02T08:00:00Z');
const DAY = 86_400_000;

describe('the users desk: registration, admin bootstrap, language, regulation, what a client sees', () => {
  let db: TestDatabase;
  const clock = manualClock(NOW);
  let desk: ReturnType<typeof createDesk>;
  let nextId = 8_100_000_000;
  const profile = (fields: Partial<TelegramProfile> = {}): TelegramProfile => ({
    id: ++nextId,
    firstName: 'Anna',
    lastName: 'Petrova',
    username: 'anna_p',
    language: 'en',
    ...fields,
  });
  const invite = async (fields: Partial<InviteEntity>): Promise<InviteEntity> => {
    const m = db.dataSource.manager;
    return m.save(
      m.create(InviteEntity, {
        token: `tok${++nextId}`,
        role: 'client',
        companyId: null,
        departmentId: null,
        expiresAt: new Date(NOW.getTime() + 7 * DAY),
        maxUses: 1,
        uses: 0,
        revokedAt: null,
        ...fields,
      }),
    );
  };

  beforeAll(async () => {
    db = await openTestDatabase();
    desk = createDesk(appDeps(db.dataSource, clock));
  });
  afterAll(() => db.close());

  it('registers by invite with its role and company, using one place; then says why a token is refused', async () => {
    const m = db.dataSource.manager;
    const company = await createCompany(m, { name: 'Clinic' });
    const token = (await invite({ companyId: company.id })).token;
    const who = profile();
    const result = await desk.users.registerByInvite({ token, profile: who });
    expect(result).toEqual({
      kind: 'registered',
      user: expect.objectContaining({
        telegramId: who.id,
        role: 'client',
        companyId: company.id,
        departmentId: null,
        language: 'en',
        displayName: 'Anna Petrova',
        username: 'anna_p',
        acceptedRegulationVersion: null,
      }),
    });
    expect(await m.findOneByOrFail(InviteEntity, { token })).toMatchObject({ uses: 1 });
    expect(await desk.users.registerByInvite({ token, profile: profile() })).toEqual({ kind: 'refused', reason: 'used_up' });
    expect(await desk.users.registerByInvite({ token: 'nope', profile: profile() })).toEqual({ kind: 'refused', reason: 'unknown' });
    const expired = await invite({ companyId: company.id, expiresAt: new Date(NOW.getTime() - 1) });
    expect(await desk.users.registerByInvite({ token: expired.token, profile: profile() })).toEqual({ kind: 'refused', reason: 'expired' });
    const revoked = await invite({ companyId: company.id, revokedAt: NOW });
    expect(await desk.users.registerByInvite({ token: revoked.token, profile: profile() })).toEqual({ kind: 'refused', reason: 'revoked' });
  });

  it('registers staff into the invite department, and gives the place back when the user cannot be created', async () => {
    const m = db.dataSource.manager;
    const department = await seededDepartment(m);
    const staffInvite = await invite({ role: 'engineer', departmentId: department.id, maxUses: 2 });
    const who = profile({ lastName: undefined, username: undefined });
    const first = await desk.users.registerByInvite({ token: staffInvite.token, profile: who });
    expect(first).toMatchObject({ kind: 'registered', user: { role: 'engineer', departmentId: department.id, companyId: null, displayName: 'Anna', username: null } });
    // The same Telegram id again: the insert fails, the transaction rolls the used place back.
    await expect(desk.users.registerByInvite({ token: staffInvite.token, profile: who })).rejects.toThrow();
    expect(await m.findOneByOrFail(InviteEntity, { id: staffInvite.id })).toMatchObject({ uses: 1 });
  });

  it('bootstraps an admin: creates a new one, upgrades a client (who loses the company), leaves an admin as is', async () => {
    const m = db.dataSource.manager;
    const company = await createCompany(m);
    const fresh = profile();
    expect(await desk.users.ensureAdmin({ profile: fresh })).toMatchObject({ telegramId: fresh.id, role: 'admin', companyId: null, displayName: 'Anna Petrova' });
    const client = await createClient(m, company.id);
    const upgraded = await desk.users.ensureAdmin({ profile: profile({ id: client.telegramId }) });
    expect(upgraded).toMatchObject({ id: client.id, role: 'admin', companyId: null, displayName: client.displayName });
    expect(await m.findOneByOrFail(UserEntity, { id: client.id })).toMatchObject({ role: 'admin', companyId: null });
    expect(await desk.users.ensureAdmin({ profile: profile({ id: client.telegramId }) })).toEqual(upgraded);
  });

  it('changes the language', async () => {
    const m = db.dataSource.manager;
    const admin = await createAdmin(m, { language: 'ru' });
    await desk.users.setLanguage({ userId: admin.id, language: 'en' });
    expect(await m.findOneByOrFail(UserEntity, { id: admin.id })).toMatchObject({ language: 'en' });
  });

  it('accepts only the current regulation version, records it once, and never moves the accepted version back', async () => {
    const m = db.dataSource.manager;
    const admin = await createAdmin(m, { acceptedRegulationVersion: null });
    expect(await desk.users.currentRegulation()).toMatchObject({ version: 1 });
    expect(await desk.users.acceptRegulation({ userId: admin.id, version: 1 })).toEqual({ kind: 'accepted', version: 1 });
    expect(await desk.users.acceptRegulation({ userId: admin.id, version: 1 })).toEqual({ kind: 'accepted', version: 1 });
    await m.save(m.create(RegulationVersionEntity, { version: 2, summaryRu: 'Новое', summaryEn: 'New', url: 'https://example.com/2', publishedAt: NOW }));
    const outdated = await desk.users.acceptRegulation({ userId: admin.id, version: 1 });
    expect(outdated).toEqual({ kind: 'outdated', current: { version: 2, summaryRu: 'Новое', summaryEn: 'New', url: 'https://example.com/2' } });
    expect(await desk.users.acceptRegulation({ userId: admin.id, version: 2 })).toEqual({ kind: 'accepted', version: 2 });
    expect(await m.findOneByOrFail(UserEntity, { id: admin.id })).toMatchObject({ acceptedRegulationVersion: 2 });
    expect((await m.findBy(RegulationAcceptanceEntity, { userId: admin.id })).map((a) => a.version).sort()).toEqual([1, 2]);
    expect(await desk.users.acceptRegulation({ userId: '00000000-0000-4000-8000-000000000000', version: 2 })).toEqual({ kind: 'none' });
  });

  it('serves the active catalog and the admins to contact as plain views', async () => {
    const m = db.dataSource.manager;
    const catalog = await desk.users.serviceCatalog();
    expect(catalog.length).toBeGreaterThan(0);
    expect(Object.keys(catalog[0]!).sort()).toEqual(['billing', 'categoryCode', 'code', 'contractKind', 'nameEn', 'nameRu', 'selectable']);
    await createAdmin(m, { displayName: 'Boss', username: null, blocked: true });
    const contacts = await desk.users.supportContacts();
    expect(contacts.length).toBeGreaterThan(0);
    expect(contacts).not.toContainEqual({ displayName: 'Boss', username: null });
  });
});
