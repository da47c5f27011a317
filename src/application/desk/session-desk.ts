import type { AppDeps } from '../deps';
import { clearDialog, saveDialog } from '../session/dialogs';
import { markReachability } from '../session/reachability';
import { claimUpdate, completeUpdates, releaseUnfinishedUpdates } from '../session/update-ledger';
import { bindDeps } from './bind';

/** The runtime's ledger of Telegram updates, the users' dialogs and their reachability. */
export function createSessionDesk(deps: AppDeps) {
  const bind = bindDeps(deps);
  return {
    claimUpdate: bind(claimUpdate),
    completeUpdates: bind(completeUpdates),
    releaseUnfinishedUpdates: (): Promise<number> => releaseUnfinishedUpdates(deps),
    saveDialog: bind(saveDialog),
    clearDialog: bind(clearDialog),
    markReachability: bind(markReachability),
  };
}

export type SessionDesk = ReturnType<typeof createSessionDesk>;
