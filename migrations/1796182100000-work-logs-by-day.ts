import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A company's hours logged in a month (/hours, the wizard's budget line, the month report) are
 * found from the month's work logs: without an index on the day, PostgreSQL went through every
 * ticket of the company and looked up its logs (0.8 ms per budget at 800 tickets, the costliest
 * read of the bench), however few hours the month had.
 */
export class WorkLogsByDay1796182100000 implements MigrationInterface {
  readonly name = 'WorkLogsByDay1796182100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE INDEX work_logs_logged_on_idx ON work_logs (logged_on)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX work_logs_logged_on_idx');
  }
}
