import { findCompany } from '../../persistence/repositories/contracts';
import { admins } from '../../persistence/repositories/users';
import type { AppDeps } from '../deps';
import type { CompanyView, ContactView } from '../views/access';

/** Whom a blocked client should contact (SPEC §8): the desk's admins who are not blocked, oldest first. */
export async function supportContacts(deps: AppDeps): Promise<readonly ContactView[]> {
  const rows = await admins(deps.dataSource.manager);
  return rows.map((a) => ({ displayName: a.displayName, username: a.username, telegramId: a.telegramId }));
}

/** A company by id (a client's own, for titles and the no-contract notice), or null. */
export async function company(deps: AppDeps, input: { readonly companyId: string }): Promise<CompanyView | null> {
  const row = await findCompany(deps.dataSource.manager, input.companyId);
  return row ? { id: row.id, name: row.name } : null;
}
