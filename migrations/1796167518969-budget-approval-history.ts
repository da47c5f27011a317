import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Budget approvals in the ticket's history (issue 14 §8): an admin's Approve or Decline is a
 * history line of field `budget_approval` (to `approved` / `declined`, with the admin's reason).
 */
const FIELDS = `'created', 'state', 'owner', 'responsible', 'priority', 'planned_hours', 'planned_date', 'department'`;

const UP: readonly string[] = [
  'ALTER TABLE ticket_history DROP CONSTRAINT ticket_history_field_check',
  `ALTER TABLE ticket_history ADD CONSTRAINT ticket_history_field_check CHECK (field IN (${FIELDS}, 'budget_approval'))`,
];

/** Down loses the approval lines (the old constraint does not allow them); budget_approvals keeps the decisions. */
const DOWN: readonly string[] = [
  `DELETE FROM ticket_history WHERE field = 'budget_approval'`,
  'ALTER TABLE ticket_history DROP CONSTRAINT ticket_history_field_check',
  `ALTER TABLE ticket_history ADD CONSTRAINT ticket_history_field_check CHECK (field IN (${FIELDS}))`,
];

export class BudgetApprovalHistory1796167518969 implements MigrationInterface {
  readonly name = 'BudgetApprovalHistory1796167518969';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const sql of UP) await queryRunner.query(sql);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const sql of DOWN) await queryRunner.query(sql);
  }
}
