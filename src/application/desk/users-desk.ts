import type { AppDeps } from '../deps';
import { serviceCatalog } from '../users/catalog';
import { supportContacts } from '../users/contacts';
import { setLanguage } from '../users/profile';
import { replyDefault, setReplyDefault } from '../users/reply-default';
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
    /** Staff: what a reply to a ticket message does (ask / internal / client), issue 14 §3. */
    replyDefault: bind(replyDefault),
    setReplyDefault: bind(setReplyDefault),
    currentRegulation: () => currentRegulation(deps),
    acceptRegulation: bind(acceptRegulation),
    serviceCatalog: () => serviceCatalog(deps),
    supportContacts: () => supportContacts(deps),
  };
}

export type UsersDesk = ReturnType<typeof createUsersDesk>;
