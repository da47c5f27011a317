import type { AppDeps } from '../deps';
import { serviceCatalog } from '../users/catalog';
import { company, supportContacts } from '../users/contacts';
import { setLanguage } from '../users/profile';
import { ensureAdmin, registerByInvite } from '../users/register';
import { acceptRegulation, currentRegulation } from '../users/regulation';
import { bindDeps } from './bind';

/** Registration, a user's own settings, the regulation, and the reference data a client sees. */
export function createUsersDesk(deps: AppDeps) {
  const bind = bindDeps(deps);
  return {
    registerByInvite: bind(registerByInvite),
    ensureAdmin: bind(ensureAdmin),
    setLanguage: bind(setLanguage),
    currentRegulation: () => currentRegulation(deps),
    acceptRegulation: bind(acceptRegulation),
    serviceCatalog: () => serviceCatalog(deps),
    supportContacts: () => supportContacts(deps),
    company: bind(company),
  };
}

export type UsersDesk = ReturnType<typeof createUsersDesk>;
