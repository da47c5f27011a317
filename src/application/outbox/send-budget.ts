import { liveInstanceCount, pauseSends, takeSendSlot, type SendSlotRequest } from '../../persistence/repositories/send-budget';
import type { AppDeps } from '../deps';

/**
 * The bot's one Telegram send budget, shared by every instance through the database (issue 11,
 * point 4): a send's turn in its chat, the bulk lane and the global rate (see notify/send-limiter.ts
 * SharedSendBudget). Timing is the database's clock, the same for every instance.
 */
export function takeSendTurn(deps: AppDeps, input: SendSlotRequest): Promise<{ readonly waitMs: number; readonly nextStage: number; readonly startAt: number }> {
  return takeSendSlot(deps.dataSource.manager, input);
}

/** A 429 Telegram answered for this chat, for every instance to respect. */
export function pauseSendsAfter429(deps: AppDeps, input: { readonly chatId: number; readonly seconds: number }): Promise<'chat' | 'global'> {
  return pauseSends(deps.dataSource.manager, input.chatId, input.seconds);
}

/** How many instances share the bot now (this one included): one alone paces itself in memory. */
export function liveInstances(deps: AppDeps): Promise<number> {
  return liveInstanceCount(deps.dataSource.manager);
}
