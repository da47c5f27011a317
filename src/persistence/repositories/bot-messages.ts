import type { EntityManager } from 'typeorm';
import { namedQuery } from '../named-query';

/** Bot messages in one chat about the ticket numbered `ticketNumber`. */
export interface BotMessagesAbout {
  readonly chatId: number;
  readonly messageIds: readonly number[];
  readonly ticketNumber: number;
}

/**
 * Remembers which ticket bot messages are about (a redelivered send is kept once), for several
 * groups in one statement, each ticket found by number inside it. Returns, per group, how many
 * messages were recorded: 0 when no ticket has that number. The (chat, message) pairs of one
 * call must be distinct. Each ticket is probed by its number (LATERAL … LIMIT 1): with a plain
 * join the planner, which takes a recordset for 100 rows, hashed the whole tickets table.
 */
export async function rememberBotMessages(manager: EntityManager, groups: readonly BotMessagesAbout[], now: Date): Promise<number[]> {
  const rows = groups.flatMap((group, index) => group.messageIds.map((messageId) => ({ g: index, chat_id: group.chatId, message_id: messageId, number: group.ticketNumber })));
  if (rows.length === 0) return groups.map(() => 0);
  const stored = await namedQuery<{ g: number; n: number }>(
    manager,
    `WITH r AS (SELECT * FROM jsonb_to_recordset($1::jsonb) AS r (g int, chat_id bigint, message_id bigint, number int)),
     stored AS (
       INSERT INTO bot_messages (chat_id, message_id, ticket_id, created_at)
       SELECT r.chat_id, r.message_id, t.id, $2 FROM r JOIN LATERAL (SELECT t.id FROM tickets t WHERE t.number = r.number LIMIT 1) t ON true
       ON CONFLICT (chat_id, message_id) DO UPDATE SET ticket_id = EXCLUDED.ticket_id
       RETURNING chat_id, message_id)
     SELECT r.g, count(*)::int AS n FROM r JOIN stored s ON s.chat_id = r.chat_id AND s.message_id = r.message_id GROUP BY r.g`,
    [JSON.stringify(rows), now],
  );
  const counts = groups.map(() => 0);
  for (const row of stored) counts[row.g] = row.n;
  return counts;
}

/**
 * The ticket a bot message in `chatId` is about: one the bot sent directly (bot_messages), or a
 * notification the dispatcher delivered (the outbox row's ticket). Null for a message about no
 * single ticket (a list, /hours, a digest) or one the desk does not know.
 */
export async function ticketOfBotMessage(manager: EntityManager, chatId: number, messageId: number): Promise<{ id: string; number: number; companyId: string } | null> {
  const rows = await namedQuery<{ id: string; number: number; company_id: string }>(
    manager,
    `SELECT t.id, t.number, t.company_id FROM (
       SELECT b.ticket_id FROM bot_messages b WHERE b.chat_id = $1 AND b.message_id = $2
       UNION ALL
       SELECT o.ticket_id FROM outbox o LEFT JOIN users u ON u.id = o.recipient_id
        WHERE o.telegram_message_id = $2 AND o.ticket_id IS NOT NULL AND coalesce(o.chat_id, u.telegram_id) = $1
     ) m JOIN tickets t ON t.id = m.ticket_id LIMIT 1`,
    [chatId, messageId],
  );
  const row = rows[0];
  return row ? { id: row.id, number: Number(row.number), companyId: row.company_id } : null;
}

export interface TicketBrief {
  readonly number: number;
  readonly subject: string;
  readonly state: string;
}

/** The company's tickets waiting for the client (clarification, customer testing, ready to install), oldest window first. */
export async function ticketsWaitingForClient(manager: EntityManager, companyId: string): Promise<TicketBrief[]> {
  return namedQuery<TicketBrief>(
    manager,
    `SELECT number, subject, state FROM tickets
      WHERE company_id = $1 AND state IN ('clarification', 'customer_testing', 'ready_for_install')
      ORDER BY window_ends_at NULLS LAST, number LIMIT 10`,
    [companyId],
  );
}

const SEARCHABLE = `t.search_ru @@ q_ru OR t.search_en @@ q_en`;

/**
 * The company's tickets matching the words (PostgreSQL full-text search in the Russian and the
 * English configuration, so "кассы" finds "касса" and "printers" finds "printer"; any word
 * matches, each stem as a prefix — cast, not stemmed again, or "приём" → "прием" → "при" would
 * match "принтер"; words under three letters are left out, as prefixes they match nearly every
 * ticket), best first among the newest 200 matches. `openOnly`: only tickets not closed (the wizard's
 * "looks similar").
 */
export async function searchCompanyTickets(
  manager: EntityManager,
  companyId: string,
  words: string,
  options: { readonly openOnly: boolean; readonly limit: number },
): Promise<TicketBrief[]> {
  return namedQuery<TicketBrief>(
    manager,
    `WITH q AS (
       SELECT coalesce(nullif(array_to_string(array(SELECT quote_literal(w) || ':*' FROM unnest(tsvector_to_array(to_tsvector('russian', $2))) w WHERE length(w) >= 3), ' | '), ''), 'xyzzy_nothing')::tsquery AS q_ru,
              coalesce(nullif(array_to_string(array(SELECT quote_literal(w) || ':*' FROM unnest(tsvector_to_array(to_tsvector('english', $2))) w WHERE length(w) >= 3), ' | '), ''), 'xyzzy_nothing')::tsquery AS q_en
     ),
     -- Ranked among the newest 200 matches: a word every ticket has (the bench's one company,
     -- 800 open tickets alike) no longer ranks them all.
     recent AS MATERIALIZED (
       SELECT t.number, t.subject, t.state, t.search_ru, t.search_en FROM tickets t, q
        WHERE t.company_id = $1 AND (${SEARCHABLE})
          AND (NOT $3 OR t.state NOT IN ('done', 'rejected'))
        ORDER BY t.number DESC LIMIT 200)
     SELECT r.number, r.subject, r.state FROM recent r, q
      ORDER BY greatest(ts_rank(r.search_ru, q_ru), ts_rank(r.search_en, q_en)) DESC, r.number DESC
      LIMIT $4`,
    [companyId, words, options.openOnly, options.limit],
  );
}
