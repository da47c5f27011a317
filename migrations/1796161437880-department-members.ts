import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An engineer may belong to several departments (issue 12). `users.department_id` stays the
 * primary department (the queue it opens by default, where an invite put the engineer);
 * `department_members` lists the further ones. Staff of a department = primary there, or a
 * member row. A ticket's move to another department is written to its history as field
 * `department` (the history's field check allows it).
 */
const UP: readonly string[] = [
  `CREATE TABLE department_members (
     user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
     department_id uuid NOT NULL REFERENCES departments (id),
     created_at timestamptz NOT NULL DEFAULT now(),
     PRIMARY KEY (user_id, department_id)
   )`,
  `CREATE INDEX department_members_department_idx ON department_members (department_id)`,
  'ALTER TABLE ticket_history DROP CONSTRAINT ticket_history_field_check',
  `ALTER TABLE ticket_history ADD CONSTRAINT ticket_history_field_check CHECK (field IN ('created', 'state', 'owner',
     'responsible', 'priority', 'planned_hours', 'planned_date', 'department'))`,
];

/** Down loses the department moves' history lines (the old constraint does not allow them). */
const DOWN: readonly string[] = [
  `DELETE FROM ticket_history WHERE field = 'department'`,
  'ALTER TABLE ticket_history DROP CONSTRAINT ticket_history_field_check',
  `ALTER TABLE ticket_history ADD CONSTRAINT ticket_history_field_check CHECK (field IN ('created', 'state', 'owner',
     'responsible', 'priority', 'planned_hours', 'planned_date'))`,
  'DROP TABLE department_members',
];

export class DepartmentMembers1796161437880 implements MigrationInterface {
  readonly name = 'DepartmentMembers1796161437880';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const sql of UP) await queryRunner.query(sql);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const sql of DOWN) await queryRunner.query(sql);
  }
}
