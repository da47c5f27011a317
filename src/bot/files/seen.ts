import type { DeskContext } from '../context';

/** The reaction that tells a client their message is stored with the ticket (Telegram's native "seen"). */
export const SEEN_REACTION = '👀';

/**
 * Issue 13 §9: reacts to the client's message once it is stored on a ticket (its notification
 * to the engineer is queued in the same transaction). Where the Bot API refuses (an old client,
 * reactions disabled in the chat) nothing else changes: the text acknowledgement stays.
 */
export async function markSeen(ctx: DeskContext, chatId: number, messageId: number): Promise<void> {
  await ctx.telegram
    .setMessageReaction(chatId, messageId, [{ type: 'emoji', emoji: SEEN_REACTION }])
    .catch((error: unknown) => ctx.log.debug({ err: error }, 'setMessageReaction refused'));
}
