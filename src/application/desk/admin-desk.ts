import type { EntityManager } from 'typeorm';
import { currentRegulation } from '../../persistence/repositories/regulation';
import { createCompany, findCompanyByRef, listCompanies, renameCompany } from '../admin/companies';
import { addContract, changeContract, findContract, listContracts, type ContractChange, type ContractInput } from '../admin/contracts';
import { createDepartment, findDepartmentByRef, listDepartments } from '../admin/departments';
import { createInvite, listInvites, revokeInvite, type InviteInput } from '../admin/invites';
import { publishRegulation, type RegulationInput } from '../admin/regulation';
import { addService, listServices, setServiceActive, type ServiceInput } from '../admin/services';
import { addAdmin, blockUser, listClientUsers, listStaff, moveToDepartment, setStaffRole, unblockUser } from '../admin/users';
import { toCatalogServiceView, toCompanyView, toContractView, toDepartmentView, toInviteView } from '../admin/views';
import type { AppDeps } from '../deps';
import { joinDepartmentByRef, leaveDepartmentByRef } from '../departments/memberships';
import { buildMonthlyReport, type MonthlyReport } from '../reports/monthly-report';
import { buildMonthlySheets, type MonthlySheets } from '../reports/report-sheets';
import type { RegulationView } from '../views/access';
import { toUserView } from '../views/user-view';

/**
 * Admin operations (SPEC §8–9) for the bot's /admin and the admin CLI: each runs in one
 * transaction (a refusal, an AdminError, changes nothing) and returns plain views. Users and
 * companies are named by reference (id, name, code or Telegram id) as an admin types them.
 */
export function createAdminDesk(deps: AppDeps) {
  const run = <R>(work: (manager: EntityManager, now: Date) => Promise<R>): Promise<R> =>
    deps.dataSource.transaction((manager) => work(manager, deps.clock.now()));
  const regulationView = (r: RegulationView): RegulationView => ({ version: r.version, summaryRu: r.summaryRu, summaryEn: r.summaryEn, url: r.url });
  return {
    companies: () => run(async (m) => (await listCompanies(m)).map(toCompanyView)),
    createCompany: (name: string) => run(async (m) => toCompanyView(await createCompany(m, name))),
    renameCompany: (input: { readonly company: string; readonly name: string }) =>
      run(async (m) => toCompanyView(await renameCompany(m, input.company, input.name))),

    /** Contracts, of one company (by reference) or all. */
    contracts: (input: { readonly company?: string } = {}) =>
      run(async (m) => {
        const companyId = input.company ? (await findCompanyByRef(m, input.company)).id : undefined;
        return (await listContracts(m, companyId)).map(toContractView);
      }),
    addContract: (input: ContractInput) => run(async (m) => toContractView(await addContract(m, input))),
    /** One contract by id (the bot's contract screen). */
    contract: (id: string) => run(async (m) => toContractView(await findContract(m, id))),
    /** Edit a contract's hours or end date, or end it (today or on a date), issue 14 §7. */
    changeContract: (change: ContractChange) => run(async (m) => toContractView(await changeContract(m, change))),

    departments: () => run(async (m) => (await listDepartments(m)).map(toDepartmentView)),
    /** Without a code, one is made from the English name. */
    createDepartment: (input: { readonly code?: string; readonly nameRu: string; readonly nameEn: string }) =>
      run(async (m) => toDepartmentView(await createDepartment(m, input))),

    /** Invites newest first; with `activeOnly`, those still usable now. */
    invites: (input: { readonly activeOnly?: boolean } = {}) => run(async (m, now) => (await listInvites(m, now, input)).map(toInviteView)),
    createInvite: (input: InviteInput) => run(async (m, now) => toInviteView(await createInvite(m, input, now))),
    revokeInvite: (ref: string) => run(async (m, now) => toInviteView(await revokeInvite(m, ref, now))),

    services: (input: { readonly includeInactive?: boolean } = {}) => run(async (m) => (await listServices(m, input)).map(toCatalogServiceView)),
    addService: (input: ServiceInput) => run(async (m) => toCatalogServiceView(await addService(m, input))),
    setServiceActive: (input: { readonly code: string; readonly active: boolean }) =>
      run(async (m) => toCatalogServiceView(await setServiceActive(m, input.code, input.active))),

    regulation: () => run(async (m) => {
      const current = await currentRegulation(m);
      return current ? regulationView(current) : null;
    }),
    publishRegulation: (input: RegulationInput) => run(async (m, now) => regulationView(await publishRegulation(m, input, now))),

    /** Engineers and admins, of one department (by id or code) or all. */
    staff: (input: { readonly department?: string } = {}) =>
      run(async (m) => {
        const departmentId = input.department ? (await findDepartmentByRef(m, input.department)).id : undefined;
        return (await listStaff(m, departmentId)).map(toUserView);
      }),
    /** Client users, of one company (by reference) or all. */
    clientUsers: (input: { readonly company?: string } = {}) =>
      run(async (m) => {
        const companyId = input.company ? (await findCompanyByRef(m, input.company)).id : undefined;
        return (await listClientUsers(m, companyId)).map(toUserView);
      }),
    blockUser: (input: { readonly user: string | number; readonly reason: string }) =>
      run(async (m, now) => toUserView(await blockUser(m, input.user, input.reason, now))),
    unblockUser: (input: { readonly user: string | number }) => run(async (m, now) => toUserView(await unblockUser(m, input.user, now))),
    moveToDepartment: (input: { readonly user: string | number; readonly department: string }) =>
      run(async (m, now) => toUserView(await moveToDepartment(m, input.user, input.department, now))),
    /** The staff member also works in the department (issue 12: several departments); `added` false when they did already. */
    joinDepartment: (input: { readonly user: string | number; readonly department: string }) =>
      run(async (m, now) => {
        const r = await joinDepartmentByRef(m, input.user, input.department, now);
        return { user: toUserView(r.user), department: toDepartmentView(r.department), added: r.added };
      }),
    leaveDepartment: (input: { readonly user: string | number; readonly department: string }) =>
      run(async (m) => {
        const r = await leaveDepartmentByRef(m, input.user, input.department);
        return { user: toUserView(r.user), department: toDepartmentView(r.department), removed: r.removed };
      }),
    setStaffRole: (input: { readonly user: string | number; readonly role: string; readonly department?: string }) =>
      run(async (m, now) => toUserView(await setStaffRole(m, input.user, input.role, now, input.department))),
    /** Bootstrap: makes a Telegram user an admin. */
    addAdmin: (input: { readonly telegramId: string | number; readonly displayName?: string }) =>
      run(async (m, now) => toUserView(await addAdmin(m, input, now))),

    /**
     * The month report (SPEC §9) of one company (by reference) or all (null), months in the
     * vendor's zone, with the per-ticket and per-engineer sheets (issue 14 §9).
     */
    monthlyReport: (input: { readonly month: string; readonly company: string | null }): Promise<MonthlyReport & { readonly sheets: MonthlySheets }> =>
      run(async (m, now) => {
        const companyId = input.company === null ? null : (await findCompanyByRef(m, input.company)).id;
        const report = await buildMonthlyReport(m, { month: input.month, companyId }, deps.policy.zone);
        return { ...report, sheets: await buildMonthlySheets(m, { month: input.month, companyId }, deps.policy.zone, now) };
      }),
  };
}

export type AdminDesk = ReturnType<typeof createAdminDesk>;
