import {
  AdminAmbiguousError,
  AdminDuplicateError,
  AdminInputError,
  AdminNotFoundError,
  RegulationVersionError,
  RoleChangeError,
  addService,
  blockUser,
  createCompany,
  createInvite,
  findCompanyByRef,
  inviteLink,
  inviteStatus,
  listServices,
  moveToDepartment,
  publishRegulation,
  renameCompany,
  revokeInvite,
  setServiceActive,
  setStaffRole,
  unblockUser,
} from '../../../src/application/admin';
import { currentRegulation } from '../../../src/persistence/repositories/regulation';
import { consumeInvite } from '../../../src/persistence/repositories/invites';
import { openTestDatabase, type TestDatabase } from '../../support/database';
import { createAdmin, createClient, createCompany as companyMother, createEngineer, seededDepartment } from '../../support/mothers';

const NOW = new Date('2026-03-02T09:00:00Z');

describe('admin functions', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(() => db.close());
  const m = () => db.dataSource.manager;

  it('creates, finds and renames companies; refuses blank names and ambiguous references', async () => {
    const company = await createCompany(m(), '  Клиника «Здоровье»  ');
    expect(company.name).toBe('Клиника «Здоровье»');
    expect((await findCompanyByRef(m(), company.id)).id).toBe(company.id);
    expect((await renameCompany(m(), 'клиника «здоровье»', 'Клиника «Здоровье+»')).name).toBe('Клиника «Здоровье+»');
    await expect(createCompany(m(), ' ')).rejects.toBeInstanceOf(AdminInputError);
    await companyMother(m(), { name: 'Twin' });
    await companyMother(m(), { name: 'twin' });
    await expect(findCompanyByRef(m(), 'Twin')).rejects.toBeInstanceOf(AdminAmbiguousError);
    await expect(findCompanyByRef(m(), 'Nobody')).rejects.toBeInstanceOf(AdminNotFoundError);
  });

  it('makes invites with URL-safe random tokens, fitting the role to the target, and revokes them', async () => {
    const company = await companyMother(m());
    const client = await createInvite(m(), { company: company.id, days: 2, uses: 2 }, NOW);
    const staff = await createInvite(m(), { department: 'support' }, NOW);
    expect(client).toMatchObject({ role: 'client', companyId: company.id, departmentId: null, maxUses: 2 });
    expect(staff).toMatchObject({ role: 'engineer', companyId: null, maxUses: 1 });
    expect(client.token).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(client.token).not.toBe(staff.token);
    expect(inviteLink('@desk_bot', client.token)).toBe(`https://t.me/desk_bot?start=${client.token}`);
    await expect(createInvite(m(), { department: 'support', role: 'client' }, NOW)).rejects.toBeInstanceOf(AdminInputError);
    await expect(createInvite(m(), { company: company.id, role: 'engineer' }, NOW)).rejects.toBeInstanceOf(AdminInputError);
    await expect(createInvite(m(), { company: company.id, days: 0 }, NOW)).rejects.toBeInstanceOf(AdminInputError);

    const revoked = await revokeInvite(m(), client.id, NOW);
    expect(inviteStatus(revoked, NOW)).toBe('revoked');
    expect(await consumeInvite(m(), client.token, NOW)).toBeNull();
    expect(inviteStatus(staff, new Date('2026-03-20T00:00:00Z'))).toBe('expired');
  });

  it('blocks with a reason and unblocks; moves staff and changes roles, never a client’s', async () => {
    const company = await companyMother(m());
    const client = await createClient(m(), company.id);
    await expect(blockUser(m(), client.telegramId, 'x', NOW)).rejects.toBeInstanceOf(AdminInputError);
    expect(await blockUser(m(), client.telegramId, 'Contract dispute', NOW)).toMatchObject({ blocked: true, blockedReason: 'Contract dispute' });
    expect(await unblockUser(m(), client.id, NOW)).toMatchObject({ blocked: false, blockedReason: null });

    const support = await seededDepartment(m(), 'support');
    const sales = await seededDepartment(m(), 'sales');
    const engineer = await createEngineer(m(), support.id);
    expect((await moveToDepartment(m(), engineer.id, 'sales', NOW)).departmentId).toBe(sales.id);
    expect((await setStaffRole(m(), engineer.telegramId, 'admin', NOW)).role).toBe('admin');
    const admin = await createAdmin(m());
    await expect(setStaffRole(m(), admin.id, 'engineer', NOW)).rejects.toBeInstanceOf(RoleChangeError);
    expect(await setStaffRole(m(), admin.id, 'engineer', NOW, 'quality')).toMatchObject({ role: 'engineer' });
    await expect(setStaffRole(m(), client.id, 'engineer', NOW, 'support')).rejects.toBeInstanceOf(RoleChangeError);
    await expect(setStaffRole(m(), engineer.id, 'client', NOW)).rejects.toBeInstanceOf(AdminInputError);
  });

  it('publishes a newer regulation version only; users who accepted the old one must accept again', async () => {
    const company = await companyMother(m());
    const client = await createClient(m(), company.id);
    const v2 = await publishRegulation(m(), { summaryRu: 'Новая редакция регламента', summaryEn: 'A new edition of the rules', url: 'https://example.org/v2' }, NOW);
    expect(v2.version).toBe(2);
    expect((await currentRegulation(m()))?.version).toBe(2);
    expect(client.acceptedRegulationVersion).toBeLessThan(v2.version);
    await expect(
      publishRegulation(m(), { version: 2, summaryRu: 'Ещё одна вторая версия', summaryEn: 'Another version two', url: 'https://example.org/x' }, NOW),
    ).rejects.toBeInstanceOf(RegulationVersionError);
    await expect(publishRegulation(m(), { summaryRu: 'коротко', summaryEn: 'A long enough summary', url: 'ftp://x' }, NOW)).rejects.toBeInstanceOf(AdminInputError);
  });

  it('adds, deactivates and reactivates catalog services', async () => {
    const service = await addService(m(), {
      code: 'support.backup', nameRu: 'Резервное копирование', nameEn: 'Backups', billing: 'contract', contractKind: 'support', department: 'support',
    });
    expect(service).toMatchObject({ categoryCode: 'support', selectable: true, active: true });
    await expect(addService(m(), { code: 'support.backup', nameRu: 'Дубль', nameEn: 'Twin', billing: 'paid', department: 'support' })).rejects.toBeInstanceOf(AdminDuplicateError);
    await expect(addService(m(), { code: 'x.y', nameRu: 'Платно', nameEn: 'Paid', billing: 'paid', contractKind: 'support', department: 'support' })).rejects.toBeInstanceOf(AdminInputError);
    await setServiceActive(m(), 'support.backup', false);
    expect((await listServices(m())).map((s) => s.code)).not.toContain('support.backup');
    expect((await listServices(m(), { includeInactive: true })).map((s) => s.code)).toContain('support.backup');
    await expect(setServiceActive(m(), 'nope', true)).rejects.toBeInstanceOf(AdminNotFoundError);
  });
});
