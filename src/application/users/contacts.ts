import { admins } from '../../persistence/repositories/users';
import type { AppDeps } from '../deps';
import type { ContactView } from '../views/access';

/** Whom a blocked client should contact (SPEC §8): the desk's admins who are not blocked, oldest first. */
export async function supportContacts(deps: AppDeps): Promise<readonly ContactView[]> {
  const rows = await admins(deps.dataSource.manager);
  return rows.map((a) => ({ displayName: a.displayName, username: a.username, telegramId: a.telegramId }));
}
