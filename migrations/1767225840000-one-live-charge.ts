import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One live charge per ticket (SPEC §7, issue 12). The ledger stays append-only; each row now
 * says why it was written (`cause`) and what the ticket's live charge was after it (`total`).
 * Charges stored before this rule (every acceptance charged the full plan again, in the month
 * of that acceptance, and a rejection kept its hours) are corrected by one `correction` row
 * per ticket and month, so that a ticket's rows add up to its current planned hours in the
 * month of its first charge (0 in any other month, 0 in all months once rejected), and the
 * ticket's `charged_month` names that first month. Earlier rows, overrides included, remain.
 */
const UP: readonly string[] = [
  `ALTER TABLE hour_charges ADD COLUMN cause text CHECK (cause IN ('accept', 'replan', 'release', 'correction'))`,
  `ALTER TABLE hour_charges ADD COLUMN total numeric(7, 2)`,
  `CREATE INDEX hour_charges_ticket_idx ON hour_charges (ticket_id)`,
  `WITH first_month AS (
     SELECT DISTINCT ON (ticket_id) ticket_id, month FROM hour_charges ORDER BY ticket_id, created_at, id
   ), per_month AS (
     SELECT ticket_id, month, min(company_id::text)::uuid AS company_id, min(contract_kind) AS contract_kind,
            sum(hours) AS hours
       FROM hour_charges GROUP BY ticket_id, month
   ), wanted AS (
     SELECT p.ticket_id, p.month, p.company_id, p.contract_kind, p.hours,
            CASE WHEN t.state = 'rejected' THEN 0 ELSE coalesce(t.planned_hours, 0) END AS live,
            p.month = f.month AS is_first
       FROM per_month p JOIN first_month f USING (ticket_id) JOIN tickets t ON t.id = p.ticket_id
   )
   INSERT INTO hour_charges (ticket_id, company_id, contract_kind, month, hours, overridden, created_at, cause, total)
   SELECT ticket_id, company_id, contract_kind, month,
          (CASE WHEN is_first THEN live ELSE 0 END) - hours, false, now(), 'correction', live
     FROM wanted
    WHERE (CASE WHEN is_first THEN live ELSE 0 END) <> hours`,
  `UPDATE tickets t SET charged_month = f.month
     FROM (SELECT DISTINCT ON (ticket_id) ticket_id, month FROM hour_charges ORDER BY ticket_id, created_at, id) f
    WHERE t.id = f.ticket_id AND t.charged_month IS DISTINCT FROM f.month`,
];

/** Takes the corrections back out; charged_month keeps the first month (the old value is not kept). */
const DOWN: readonly string[] = [
  `DELETE FROM hour_charges WHERE cause = 'correction'`,
  'DROP INDEX hour_charges_ticket_idx',
  'ALTER TABLE hour_charges DROP COLUMN total',
  'ALTER TABLE hour_charges DROP COLUMN cause',
];

export class OneLiveCharge1767225840000 implements MigrationInterface {
  readonly name = 'OneLiveCharge1767225840000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const sql of UP) await queryRunner.query(sql);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const sql of DOWN) await queryRunner.query(sql);
  }
}
