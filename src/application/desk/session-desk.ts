import type { AppDeps } from '../deps';
import { clearDialog, DialogWriter } from '../session/dialogs';
import { pruneLedgers } from '../session/housekeeping';
import { markReachability } from '../session/reachability';
import { completeUpdates, releaseUnfinishedUpdates, releaseUpdates, startLiveness, UpdateClaims, type ClaimUpdateInput } from '../session/update-ledger';
import { bindDeps } from './bind';

/** The runtime's ledger of Telegram updates, the users' dialogs and their reachability. */
export function createSessionDesk(deps: AppDeps) {
  const bind = bindDeps(deps);
  const dialogs = new DialogWriter(deps);
  const claims = new UpdateClaims(deps);
  return {
    claimUpdate: (input: ClaimUpdateInput) => claims.claim(input),
    completeUpdates: bind(completeUpdates),
    releaseUpdates: bind(releaseUpdates),
    releaseUnfinishedUpdates: (): Promise<number> => releaseUnfinishedUpdates(deps),
    startLiveness: (options: { readonly onError?: (error: unknown) => void } = {}) => startLiveness(deps, options),
    pruneLedgers: bind(pruneLedgers),
    saveDialog: (input: Parameters<DialogWriter['save']>[0]): Promise<void> => dialogs.save(input),
    clearDialog: bind(clearDialog),
    markReachability: bind(markReachability),
  };
}

export type SessionDesk = ReturnType<typeof createSessionDesk>;
