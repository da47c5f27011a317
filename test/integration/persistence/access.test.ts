import { InviteEntity, UserEntity } from '../../../src/persistence/entities';
import { toActor } from '../../../src/persistence/mappers/actor';
import { consumeInvite, findInviteByToken } from '../../../src/persistence/repositories/invites';
import {
  acceptRegulation,
  currentRegulation,
} from '../../../src/persistence/repositories/regulation';
import {
  admins,
  companyUsers,
  departmentStaff,
  findUserById,
  findUserByTelegramId,
} from '../../../src/persistence/repositories/users';
import { RegulationAcceptanceEntity, RegulationVersionEntity } from '../../../src/persistence/entities';
import { openTestDatabase, type TestDatabase } from '../../support/database';
import { createAdmin, createClient, createCompany, createEngineer, seededDepartment } from '../../support/mothers';

const NOW = new Date('2026-02-24T08:00:00Z');

describe('users, invites and the regulation', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(() => db.close());

  it('finds a user by a Telegram id beyond 32 bits and maps them to an actor', async () => {
    const m = db.dataSource.manager;
    const company = await createCompany(m);
    const client = await createClient(m, company.id, { telegramId: 8_123_456_789_012 });
    const found = await findUserByTelegramId(m, 8_123_456_789_012);
    expect(found).toMatchObject({ id: client.id, telegramId: 8_123_456_789_012, role: 'client' });
    expect(await findUserByTelegramId(m, 8_123_456_789_013)).toBeNull();
    expect(toActor(client)).toEqual({
      kind: 'user',
      userId: client.id,
      role: 'client',
      companyId: company.id,
      departmentId: null,
    });
    expect((await findUserById(m, client.id))?.telegramId).toBe(8_123_456_789_012);
  });

  it('refuses a client without a company and an engineer without a department', async () => {
    const m = db.dataSource.manager;
    await expect(m.insert(UserEntity, { telegramId: 1, role: 'client', language: 'ru', displayName: 'x' })).rejects.toThrow(
      /users_company_check/,
    );
    await expect(
      m.insert(UserEntity, { telegramId: 2, role: 'engineer', language: 'en', displayName: 'y' }),
    ).rejects.toThrow(/users_department_check/);
  });

  it("lists a department's unblocked staff, the admins and a company's users", async () => {
    const m = db.dataSource.manager;
    const support = await seededDepartment(m, 'support');
    const engineer = await createEngineer(m, support.id);
    await createEngineer(m, support.id, { blocked: true, blockedReason: 'left' });
    await createEngineer(m, (await seededDepartment(m, 'sales')).id);
    const admin = await createAdmin(m, { departmentId: support.id });
    expect((await departmentStaff(m, support.id)).map((u) => u.id)).toEqual([engineer.id, admin.id]);
    expect((await admins(m)).map((u) => u.id)).toEqual([admin.id]);
    const company = await createCompany(m);
    const client = await createClient(m, company.id);
    expect((await companyUsers(m, company.id)).map((u) => u.id)).toEqual([client.id]);
  });

  it('uses an invite up to its limit, and never when revoked or expired', async () => {
    const m = db.dataSource.manager;
    const company = await createCompany(m);
    const expiresAt = new Date('2026-03-01T00:00:00Z');
    await m.insert(InviteEntity, [
      { token: 'two-uses', role: 'client', companyId: company.id, expiresAt, maxUses: 2 },
      { token: 'revoked', role: 'client', companyId: company.id, expiresAt, maxUses: 2, revokedAt: NOW },
      { token: 'expired', role: 'client', companyId: company.id, expiresAt: NOW, maxUses: 2 },
    ]);
    expect(await consumeInvite(m, 'two-uses', NOW)).toMatchObject({ uses: 1, companyId: company.id, role: 'client' });
    expect(await consumeInvite(m, 'two-uses', NOW)).toMatchObject({ uses: 2 });
    expect(await consumeInvite(m, 'two-uses', NOW)).toBeNull();
    expect(await consumeInvite(m, 'revoked', NOW)).toBeNull();
    expect(await consumeInvite(m, 'expired', NOW)).toBeNull();
    expect(await consumeInvite(m, 'unknown', NOW)).toBeNull();
    expect(await findInviteByToken(m, 'two-uses')).toMatchObject({ uses: 2, maxUses: 2 });
  });

  it('refuses an invite whose target does not fit its role', async () => {
    const m = db.dataSource.manager;
    await expect(
      m.insert(InviteEntity, { token: 'bad', role: 'engineer', expiresAt: NOW, maxUses: 1 }),
    ).rejects.toThrow(/invites_target_check/);
  });

  it('records acceptance of the current regulation and moves the accepted version only forward', async () => {
    const m = db.dataSource.manager;
    const company = await createCompany(m);
    const client = await createClient(m, company.id, { acceptedRegulationVersion: null });
    expect(await currentRegulation(m)).toMatchObject({ version: 1, url: 'https://www.medis-plus.ru/OTRS.pdf' });

    await m.insert(RegulationVersionEntity, { version: 2, summaryRu: 'v2', summaryEn: 'v2', url: 'https://x', publishedAt: NOW });
    expect((await currentRegulation(m))?.version).toBe(2);

    await acceptRegulation(m, client.id, 2, NOW);
    await acceptRegulation(m, client.id, 1, NOW);
    await acceptRegulation(m, client.id, 2, NOW);
    expect((await findUserById(m, client.id))?.acceptedRegulationVersion).toBe(2);
    expect((await m.find(RegulationAcceptanceEntity, { where: { userId: client.id }, order: { version: 'ASC' } })).map((a) => a.version)).toEqual([1, 2]);
  });
});
