import type { EntityManager } from 'typeorm';
import { namedQuery } from '../named-query';

export interface StoredRating {
  readonly ticketId: string;
  readonly companyId: string;
  readonly engineerId: string | null;
  readonly authorId: string;
  readonly score: number;
  readonly comment: string | null;
  readonly ratedAt: Date;
  readonly updatedAt: Date;
}

interface RatingRow {
  ticket_id: string;
  company_id: string;
  engineer_id: string | null;
  author_id: string;
  score: number;
  comment: string | null;
  rated_at: Date;
  updated_at: Date;
}

const toRating = (r: RatingRow): StoredRating => ({
  ticketId: r.ticket_id,
  companyId: r.company_id,
  engineerId: r.engineer_id,
  authorId: r.author_id,
  score: Number(r.score),
  comment: r.comment,
  ratedAt: r.rated_at,
  updatedAt: r.updated_at,
});

/** The ticket's rating, or null. */
export async function findRating(manager: EntityManager, ticketId: string): Promise<StoredRating | null> {
  const rows = await namedQuery<RatingRow>(
    manager,
    `SELECT ticket_id, company_id, engineer_id, author_id, score, comment, rated_at, updated_at
       FROM ticket_ratings WHERE ticket_id = $1`,
    [ticketId],
  );
  return rows[0] ? toRating(rows[0]) : null;
}

/**
 * Stores the score (a second rating of the same ticket replaces the score, keeps rated_at).
 * `comment` undefined keeps the stored comment; null clears it.
 */
export async function upsertRating(
  manager: EntityManager,
  rating: { ticketId: string; companyId: string; engineerId: string | null; authorId: string; score: number; comment?: string | null },
  now: Date,
): Promise<StoredRating> {
  const keep = rating.comment === undefined;
  const rows = await namedQuery<RatingRow>(
    manager,
    `INSERT INTO ticket_ratings (ticket_id, company_id, engineer_id, author_id, score, comment, rated_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $7)
     ON CONFLICT (ticket_id) DO UPDATE SET score = EXCLUDED.score, author_id = EXCLUDED.author_id,
       comment = CASE WHEN $8 THEN ticket_ratings.comment ELSE EXCLUDED.comment END, updated_at = EXCLUDED.updated_at
     RETURNING ticket_id, company_id, engineer_id, author_id, score, comment, rated_at, updated_at`,
    [rating.ticketId, rating.companyId, rating.engineerId, rating.authorId, rating.score, keep ? null : rating.comment, now, keep],
  );
  const row = rows[0];
  if (!row) throw new Error('INSERT INTO ticket_ratings returned no row');
  return toRating(row);
}

/** Sets the comment of an existing rating; null when the ticket has no rating. */
export async function setRatingComment(manager: EntityManager, ticketId: string, comment: string, now: Date): Promise<StoredRating | null> {
  const rows = await namedQuery<RatingRow>(
    manager,
    `UPDATE ticket_ratings SET comment = $2, updated_at = $3 WHERE ticket_id = $1
     RETURNING ticket_id, company_id, engineer_id, author_id, score, comment, rated_at, updated_at`,
    [ticketId, comment, now],
  );
  return rows[0] ? toRating(rows[0]) : null;
}

/** One group's ratings: how many and their mean (two decimals). */
export interface RatingAverage {
  readonly id: string;
  readonly count: number;
  readonly average: number;
}

export interface RatingAverages {
  readonly companies: readonly RatingAverage[];
  readonly engineers: readonly RatingAverage[];
}

/**
 * Average rating per company and per engineer (the ticket's owner when rated) over ratings
 * given in [from, to), optionally of one company: the monthly report's figures. Ordered by id.
 */
export async function ratingAverages(manager: EntityManager, from: Date, to: Date, companyId: string | null = null): Promise<RatingAverages> {
  const rows = await namedQuery<{ grp: 'company' | 'engineer'; id: string; n: number; avg: string }>(
    manager,
    `SELECT 'company' AS grp, company_id::text AS id, count(*)::int AS n, round(avg(score), 2)::text AS avg
       FROM ticket_ratings WHERE rated_at >= $1 AND rated_at < $2 AND ($3::uuid IS NULL OR company_id = $3)
      GROUP BY company_id
     UNION ALL
     SELECT 'engineer', engineer_id::text, count(*)::int, round(avg(score), 2)::text
       FROM ticket_ratings WHERE rated_at >= $1 AND rated_at < $2 AND ($3::uuid IS NULL OR company_id = $3)
        AND engineer_id IS NOT NULL
      GROUP BY engineer_id
     ORDER BY 1, 2`,
    [from, to, companyId],
  );
  const pick = (grp: 'company' | 'engineer'): RatingAverage[] =>
    rows.filter((r) => r.grp === grp).map((r) => ({ id: r.id, count: r.n, average: Number(r.avg) }));
  return { companies: pick('company'), engineers: pick('engineer') };
}
