import { InvalidInputError, NotFoundError } from '../../domain/ticket/errors';
import { TICKET_LIMITS } from '../../domain/ticket/input-rules';
import type { Actor } from '../../domain/ticket/types';
import { toTicketSnapshot } from '../../persistence/mappers/ticket-snapshot';
import {
  rememberBotMessages,
  searchCompanyTickets,
  ticketOfBotMessage,
  ticketsWaitingForClient,
  type TicketBrief,
} from '../../persistence/repositories/bot-messages';
import { editCommentBySource } from '../../persistence/repositories/comment-edits';
import type { AppDeps } from '../deps';
import { offer } from '../views/ticket-actions';
import { GroupCommit } from '../session/group-commit';
import { loadActingUser } from './acting-user';
import { enqueueAddressed } from './notifications';
import { findTicketRow, refText } from './ticket-ref';

export type { TicketBrief };

interface RememberInput {
  readonly chatId: number;
  readonly messageIds: readonly number[];
  readonly number: number;
}

/**
 * Issue 13: the desk remembers which ticket each bot message is about, so a Telegram reply is
 * routed by the message it answers, never by parsing its text. The messages of the updates
 * handled at the same time are stored together (GroupCommit: one statement per batch); a call
 * resolves once its messages are stored.
 * @throws NotFoundError (`ticket`) when no ticket has the number.
 */
export class MessageMemory {
  private readonly writes: GroupCommit<RememberInput, number>;

  constructor(private readonly deps: AppDeps) {
    this.writes = new GroupCommit<RememberInput, number>({
      run: (inputs) =>
        rememberBotMessages(
          this.deps.dataSource.manager,
          inputs.map((input) => ({ chatId: input.chatId, messageIds: input.messageIds, ticketNumber: input.number })),
          this.deps.clock.now(),
        ),
      // One statement cannot write a (chat, message) twice: a chat's messages wait for the next batch.
      keyOf: (input) => String(input.chatId),
      sameKey: 'next',
      retryAlone: true,
    });
  }

  async remember(input: RememberInput): Promise<void> {
    if (input.messageIds.length === 0) return;
    const remembered = await this.writes.submit({ ...input, messageIds: [...new Set(input.messageIds)] });
    if (remembered === 0) throw new NotFoundError('ticket', refText({ number: input.number }));
  }
}

/** The number of the ticket the bot message is about, if the actor may see it; null otherwise. */
export async function ticketOfMessage(deps: AppDeps, input: { chatId: number; messageId: number; actor: Actor }): Promise<number | null> {
  const found = await ticketOfBotMessage(deps.dataSource.manager, input.chatId, input.messageId);
  if (!found) return null;
  if (input.actor.kind === 'user' && input.actor.role === 'client' && input.actor.companyId !== found.companyId) return null;
  return found.number;
}

function companyOf(actor: Actor): string {
  if (actor.kind !== 'user' || actor.role !== 'client' || actor.companyId === null) throw new NotFoundError('ticket', 'company');
  return actor.companyId;
}

/** The client's company's tickets waiting for the client (clarification, testing, installation). */
export function waitingTickets(deps: AppDeps, input: { actor: Actor }): Promise<TicketBrief[]> {
  return ticketsWaitingForClient(deps.dataSource.manager, companyOf(input.actor));
}

/**
 * Full-text search over the client's company's tickets (subject and description; Russian and
 * English stemming): `/find words`, and the wizard's "looks similar" (openOnly) before Create.
 */
export function searchTickets(deps: AppDeps, input: { actor: Actor; words: string; openOnly?: boolean; limit?: number }): Promise<TicketBrief[]> {
  const words = input.words.trim().slice(0, 200);
  if (words === '') return Promise.resolve([]);
  return searchCompanyTickets(deps.dataSource.manager, companyOf(input.actor), words, { openOnly: input.openOnly ?? false, limit: input.limit ?? 10 });
}

export interface EditCommentResult {
  readonly number: number;
  readonly previousText: string;
}

/**
 * The author edited in Telegram a message that became a comment: the comment takes the new
 * text, the old one stays in comment_edits (history shows both), and the owner and responsible
 * (for a client's comment) or the ticket's author (for staff's public comment) get "was / now".
 * Null when no comment came from that message or the text did not change.
 */
export async function editComment(
  deps: AppDeps,
  input: { actor: Actor; source: { chatId: number; messageId: number }; text: string },
): Promise<EditCommentResult | null> {
  const text = input.text.trim();
  if (text === '') throw new InvalidInputError('note', 'required');
  if (text.length > TICKET_LIMITS.description.max) throw new InvalidInputError('note', 'too_long', { max: TICKET_LIMITS.description.max });
  const now = deps.clock.now();
  return deps.dataSource.transaction(async (manager) => {
    const { user } = await loadActingUser(manager, input.actor);
    if (!user) return null;
    const edited = await editCommentBySource(manager, input.source, user.id, text, now);
    if (!edited) return null;
    const ticket = toTicketSnapshot(await findTicketRow(manager, { id: edited.ticketId }));
    const recipients =
      user.role === 'client'
        ? [ticket.ownerId, ticket.responsibleId]
        : [ticket.authorId];
    await enqueueAddressed(
      manager,
      ticket.id,
      [...new Set(recipients)]
        .filter((id): id is string => id !== null && id !== user.id)
        .map((recipientId) => ({
          recipientId,
          key: 'app.notify.comment_edited',
          params: { number: ticket.number, author: user.displayName, was: edited.previousText, now: text },
          keyboard: offer(ticket.number, [['open']]),
          dedupeKey: `${ticket.id}:comment-edit:${edited.commentId}:${now.getTime()}:${recipientId}`,
        })),
      now,
    );
    return { number: ticket.number, previousText: edited.previousText };
  });
}
