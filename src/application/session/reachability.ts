import { setUserUnreachable } from '../../persistence/repositories/users';
import type { AppDeps } from '../deps';

/**
 * Keeps users.unreachable in step with the chat: a user who blocked the bot is marked (the
 * outbox stops trying), one who writes or unblocks again is cleared (notifications flow again).
 */
export async function markReachability(deps: AppDeps, input: { readonly userId: string; readonly reachable: boolean }): Promise<void> {
  await setUserUnreachable(deps.dataSource.manager, input.userId, !input.reachable, deps.clock.now());
}
