import type { AppDeps } from '../deps';
import { editComment, MessageMemory, searchTickets, ticketOfMessage, waitingTickets } from '../tickets/conversation';
import { withdrawComment } from '../tickets/withdraw-comment';
import { bindDeps } from './bind';

/** Issue 13: which ticket a bot message is about, tickets waiting for the client, search, edited and withdrawn comments. */
export function createConversationDesk(deps: AppDeps) {
  const bind = bindDeps(deps);
  const memory = new MessageMemory(deps);
  return {
    remember: (input: Parameters<MessageMemory['remember']>[0]): Promise<void> => memory.remember(input),
    ticketOf: bind(ticketOfMessage),
    waiting: bind(waitingTickets),
    search: bind(searchTickets),
    editComment: bind(editComment),
    withdrawComment: bind(withdrawComment),
  };
}
