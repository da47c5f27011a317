import type { EntityManager } from 'typeorm';
import { UserEntity } from '../entities/user.entity';
import { entityColumns, hydrateEntity } from '../fast-select';
import { namedQuery } from '../named-query';
import { clientContractValidSql } from './contracts';
import { claimUpdatesSql } from './processed-updates';

/** What handling one Telegram update starts from, read in one round trip (see claimUpdateWithContext). */
export interface UpdateContext {
  /** The claim on update_id was taken: this delivery is the one that acts (SPEC §10). */
  readonly fresh: boolean;
  /** Not fresh and not completed: the claim belongs to a live handler elsewhere. */
  readonly inProgress: boolean;
  /** The registered user with this Telegram id, or null. */
  readonly user: UserEntity | null;
  /** The stored dialog state of this user in this chat (bot_sessions.state), or null. */
  readonly session: unknown;
  /** The newest published regulation version, or null when none is published. */
  readonly regulationVersion: number | null;
  /** For a client: whether their company has a contract valid on `today`; null for anyone else. */
  readonly contractValid: boolean | null;
  /** The name of the user's company (for titles: /my, /hours, the no-contract notice); null without one. */
  readonly companyName: string | null;
}

/** One update to claim: its id, sender and chat, and who claims it. */
export interface UpdateToClaim {
  readonly updateId: number;
  /** The sender's Telegram id (null for updates without a sender). */
  readonly telegramId: number | null;
  /** The chat the update belongs to (null when it has none). */
  readonly chatId: number | null;
  /** This instance's liveness id (persistence/instance-liveness.ts), or null when it holds none. */
  readonly claimer: number | null;
}

/** What the updates claimed together share: the instant and the day they are claimed at. */
export interface ClaimMoment {
  readonly now: Date;
  /** An open claim without a claimer (written before claims named one) older than this is taken over. */
  readonly staleBefore: Date;
  /** A marker older than this is another update that reuses the id: forgotten (see claimUpdatesSql). */
  readonly forgetBefore: Date;
  /** YYYY-MM-DD in the vendor's zone, for contractValid. */
  readonly today: string;
}

export type UpdateContextQuery = UpdateToClaim & ClaimMoment;

interface UpdateContextRow {
  readonly claim_update_id: string;
  readonly fresh: boolean;
  readonly done: boolean;
  readonly regulation_version: number | null;
  readonly contract_valid: boolean | null;
  readonly company_name: string | null;
  readonly session_state: unknown;
  /** The user's columns under their own names (users.id is null when there is no such user). */
  readonly id: string | null;
  readonly [column: string]: unknown;
}

/**
 * Claims the update (claimUpdatesSql) and reads the sender, their dialog in this chat, the
 * current regulation version and, for a client, whether their company has a valid contract
 * today (SPEC §8), all in one statement: the claim is a data-modifying CTE, which PostgreSQL
 * runs exactly once whatever the SELECT reads. The user is hydrated by TypeORM's metadata, as
 * find() would (fast-select.ts).
 *
 * Each row is looked up by its keys, one index probe per update: the planner takes a recordset
 * for 100 rows, and with plain joins and EXISTS it hashed whole tables instead — processed_updates
 * among them, which holds two days of update ids, so every claim cost a scan of it (0.55 ms at
 * 6,380 rows, and growing with the traffic). The subqueries that cannot be flattened (a scalar
 * subquery, LATERAL … LIMIT 1) keep the probes.
 */
export async function claimUpdateWithContext(manager: EntityManager, query: UpdateContextQuery): Promise<UpdateContext> {
  const [context] = await claimUpdatesWithContext(manager, query, [query]);
  if (!context) throw new Error('claimUpdateWithContext: the statement returned no row');
  return context;
}

/**
 * claimUpdateWithContext for several updates (distinct ids) in one statement, as the updates
 * handled at the same time claim together (application/session/update-ledger.ts). One round
 * trip instead of five on every update is most of what the bot spends on the database for a
 * button press; one for several updates is less still. Results in the order of `updates`.
 */
export async function claimUpdatesWithContext(manager: EntityManager, moment: ClaimMoment, updates: readonly UpdateToClaim[]): Promise<UpdateContext[]> {
  const rows = await namedQuery<UpdateContextRow>(
    manager,
    `WITH i AS MATERIALIZED (
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS r (update_id bigint, telegram_id bigint, chat_id bigint, claimer integer)),
     claim AS (${claimUpdatesSql('i')})
     SELECT i.update_id::text AS claim_update_id,
            EXISTS (SELECT 1 FROM claim c WHERE c.update_id = i.update_id) AS fresh,
            coalesce((SELECT p.completed_at IS NOT NULL FROM processed_updates p WHERE p.update_id = i.update_id), false) AS done,
            (SELECT max(version) FROM regulation_versions) AS regulation_version,
            s.state AS session_state,
            ${clientContractValidSql('u', '$5::date')} AS contract_valid,
            (SELECT co.name FROM companies co WHERE co.id = u.company_id) AS company_name,
            ${entityColumns(manager, UserEntity, 'u')}
       FROM i
       LEFT JOIN LATERAL (SELECT * FROM users u WHERE u.telegram_id = i.telegram_id LIMIT 1) u ON true
       LEFT JOIN LATERAL (SELECT s.state FROM bot_sessions s WHERE s.chat_id = i.chat_id AND s.user_id = i.telegram_id LIMIT 1) s ON true`,
    [
      JSON.stringify(updates.map((u) => ({ update_id: u.updateId, telegram_id: u.telegramId, chat_id: u.chatId, claimer: u.claimer }))),
      moment.now,
      moment.staleBefore,
      moment.forgetBefore,
      moment.today,
    ],
  );
  const byId = new Map(rows.map((row) => [Number(row.claim_update_id), row]));
  return updates.map((update) => {
    const row = byId.get(update.updateId);
    if (!row) throw new Error(`claimUpdatesWithContext: no row for update ${update.updateId}`);
    return {
      fresh: row.fresh,
      inProgress: !row.fresh && !row.done,
      user: row.id === null ? null : hydrateEntity(manager, UserEntity, row),
      session: row.session_state ?? null,
      regulationVersion: row.regulation_version === null ? null : Number(row.regulation_version),
      contractValid: row.contract_valid,
      companyName: row.company_name,
    };
  });
}
