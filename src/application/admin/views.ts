import { toServiceView } from '../users/catalog';
import type { CompanyEntity, ContractEntity, DepartmentEntity, InviteEntity, ServiceEntity } from '../../persistence/entities';
import type { CompanyView } from '../views/access';
import type { CatalogServiceView, ContractView, DepartmentView, InviteView } from '../views/admin';

/** Plain copies of stored rows for the callers of the admin desk. */

export const toCompanyView = (c: CompanyEntity): CompanyView => ({ id: c.id, name: c.name });

export const toContractView = (c: ContractEntity): ContractView => ({
  id: c.id,
  companyId: c.companyId,
  kind: c.kind,
  number: c.number,
  startsOn: c.startsOn,
  endsOn: c.endsOn,
  monthlyHours: c.monthlyHours,
  modificationsIncluded: c.modificationsIncluded,
});

export const toDepartmentView = (d: DepartmentEntity): DepartmentView => ({ id: d.id, code: d.code, nameRu: d.nameRu, nameEn: d.nameEn });

export const toInviteView = (i: InviteEntity): InviteView => ({
  id: i.id,
  token: i.token,
  role: i.role,
  companyId: i.companyId,
  departmentId: i.departmentId,
  expiresAt: i.expiresAt,
  maxUses: i.maxUses,
  uses: i.uses,
  revokedAt: i.revokedAt,
});

export const toCatalogServiceView = (s: ServiceEntity): CatalogServiceView => ({ ...toServiceView(s), active: s.active });
