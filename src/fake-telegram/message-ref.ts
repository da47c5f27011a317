import type { ChatMessage, MessageStore } from './message-store';

/** Any Telegram Message object: the fake's TgMessage, or telegraf's Message types. */
export interface MessageLike {
  readonly message_id: number;
  readonly chat: { readonly id: number };
}

/** A message as tests hold it: the fake's record, a Telegram Message, or a message id in the chat. */
export type MessageRef = ChatMessage | MessageLike | number;

export function resolveMessageRef(store: MessageStore, ref: MessageRef, chatId: number): ChatMessage {
  const [targetChat, messageId] =
    typeof ref === 'number' ? [chatId, ref] : 'messageId' in ref ? [ref.chatId, ref.messageId] : [ref.chat.id, ref.message_id];
  const record = store.get(targetChat, messageId);
  if (!record) throw new Error(`fake Telegram: no message ${messageId} in chat ${targetChat}`);
  return record;
}

/** One line per message, for failure messages that show what the chat looked like. */
export function describeChat(messages: readonly ChatMessage[]): string {
  if (messages.length === 0) return '  (no messages)';
  return messages
    .map((record) => {
      const content = record.text ?? (record.caption !== undefined ? `[${record.method}] ${record.caption}` : `[${record.method}]`);
      const flags = `${record.deleted ? ' (deleted)' : ''}${record.editedAt !== undefined ? ' (edited)' : ''}`;
      return `  #${record.messageId} ${record.sender}${flags}: ${JSON.stringify(content)}`;
    })
    .join('\n');
}
