import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * send_budget becomes an ordinary (logged) table. UNLOGGED tables are emptied by PostgreSQL's
 * recovery after a crash and are absent on a promoted replica: the two fixed lanes ('global',
 * 'bulk') went with the chats', and send_budget_take, finding no lane, paced nothing globally
 * until the next migration. Logged, the lanes survive; the WAL of ~30 small updates a second is
 * nothing. Lanes lost before this migration are put back.
 */
export class SendBudgetLogged1796170490125 implements MigrationInterface {
  readonly name = 'SendBudgetLogged1796170490125';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE send_budget SET LOGGED`);
    await queryRunner.query(`INSERT INTO send_budget (key) VALUES ('global'), ('bulk') ON CONFLICT (key) DO NOTHING`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE send_budget SET UNLOGGED`);
  }
}
