import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Budget approvals (issue 14 §8): an engineer whose acceptance or re-plan went over the month's
 * norm-hours asks the admins to approve it. At most one pending request per ticket; an admin
 * approves it with a reason (the plan is applied as the admin's override, the engineer stays
 * owner) or declines it.
 */
const UP: readonly string[] = [
  `CREATE TABLE budget_approvals (
     id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
     ticket_id uuid NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
     engineer_id uuid NOT NULL REFERENCES users (id),
     kind text NOT NULL CHECK (kind IN ('accept', 'replan')),
     planned_hours numeric(7, 2) NOT NULL,
     planned_date text NOT NULL,
     state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'approved', 'declined')),
     decided_by uuid REFERENCES users (id),
     reason text,
     created_at timestamptz NOT NULL,
     decided_at timestamptz
   )`,
  `CREATE UNIQUE INDEX budget_approvals_pending_idx ON budget_approvals (ticket_id) WHERE state = 'pending'`,
];

const DOWN: readonly string[] = ['DROP TABLE budget_approvals'];

export class BudgetApprovals1796164046978 implements MigrationInterface {
  readonly name = 'BudgetApprovals1796164046978';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const sql of UP) await queryRunner.query(sql);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const sql of DOWN) await queryRunner.query(sql);
  }
}
