import type { ContractKind, Role } from '../../domain/ticket/types';
import type { ServiceView } from './access';

/**
 * What the admin operations (bot /admin, the admin CLI) return: plain objects, never
 * persistence entities.
 */

/** A contract with its monthly norm-hours (SPEC §7). */
export interface ContractView {
  readonly id: string;
  readonly companyId: string;
  readonly kind: ContractKind;
  readonly number: string;
  /** YYYY-MM-DD, inclusive. */
  readonly startsOn: string;
  /** YYYY-MM-DD, inclusive. */
  readonly endsOn: string;
  readonly monthlyHours: number;
  readonly modificationsIncluded: boolean;
}

export interface DepartmentView {
  readonly id: string;
  readonly code: string;
  readonly nameRu: string;
  readonly nameEn: string;
}

/** An invite link's record (SPEC §8). */
export interface InviteView {
  readonly id: string;
  readonly token: string;
  readonly role: Role;
  readonly companyId: string | null;
  readonly departmentId: string | null;
  readonly expiresAt: Date;
  readonly maxUses: number;
  readonly uses: number;
  readonly revokedAt: Date | null;
}

/** A catalog entry as an admin manages it (inactive ones included). */
export interface CatalogServiceView extends ServiceView {
  readonly active: boolean;
}
