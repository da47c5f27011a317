import { badRequest } from './api-error';
import type { MethodSpec } from './fake-context';
import type { ChatMessage } from './message-store';

/** The emoji a bot may react with (Bot API ReactionTypeEmoji, 7.x). */
export const REACTION_EMOJI: ReadonlySet<string> = new Set([
  '👍', '👎', '❤', '🔥', '🥰', '👏', '😁', '🤔', '🤯', '😱', '🤬', '😢', '🎉', '🤩', '🤮', '💩', '🙏', '👌', '🕊', '🤡',
  '🥱', '🥴', '😍', '🐳', '❤‍🔥', '🌚', '🌭', '💯', '🤣', '⚡', '🍌', '🏆', '💔', '🤨', '😐', '🍓', '🍾', '💋', '🖕', '😈',
  '😴', '😭', '🤓', '👻', '👨‍💻', '👀', '🎃', '🙈', '😇', '😨', '🤝', '✍', '🤗', '🫡', '🎅', '🎄', '☃', '💅', '🤪', '🗿',
  '🆒', '💘', '🙉', '🦄', '😘', '💊', '🙊', '😎', '👾', '🤷‍♂', '🤷', '🤷‍♀', '😡',
]);

export interface BotReaction {
  readonly type: 'emoji';
  readonly emoji: string;
}

/** A message with the bot's current reactions (the fake keeps them on the record). */
export type ReactedMessage = ChatMessage & { botReactions?: readonly BotReaction[] };

/**
 * setMessageReaction as Telegram defines it: chat_id and message_id required; `reaction` a JSON
 * array of ReactionType (bots: at most one, `emoji` from the allowed list; empty removes);
 * the message must exist in that chat. Custom emoji and paid reactions are refused here.
 */
const setMessageReaction: MethodSpec = {
  handler: (params, ctx) => {
    const chat = ctx.chats.resolve(params.raw('chat_id'));
    const messageId = params.int('message_id');
    if (messageId === undefined) throw badRequest('message identifier is not specified');
    const record = ctx.messages.get(chat.id, messageId) as ReactedMessage | undefined;
    if (!record || record.deleted) throw badRequest('message to react not found');
    const raw = params.has('reaction') ? params.json('reaction', "can't parse reaction types JSON object") : [];
    if (!Array.isArray(raw)) throw badRequest("can't parse reaction types JSON object");
    if (raw.length > 1) throw badRequest('REACTIONS_TOO_MANY');
    const reactions: BotReaction[] = raw.map((item: unknown) => {
      if (typeof item !== 'object' || item === null || (item as { type?: unknown }).type !== 'emoji') throw badRequest('REACTION_INVALID');
      const emoji = (item as { emoji?: unknown }).emoji;
      if (typeof emoji !== 'string' || !REACTION_EMOJI.has(emoji)) throw badRequest('REACTION_INVALID');
      return { type: 'emoji', emoji };
    });
    record.botReactions = reactions;
    return true;
  },
};

export const reactionMethods: Readonly<Record<string, MethodSpec>> = { setMessageReaction };
