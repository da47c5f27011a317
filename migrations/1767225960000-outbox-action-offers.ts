import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Outbox keyboards carry meaning instead of Telegram buttons: `{"rows":[[{"label":
 * "app.button.open","data":"tk:open:12"}]]}` becomes `{"rows":[[{"action":"open","ticket":12}]]}`
 * (the dispatcher maps each action to its callback data and its one label). Rows still to be
 * sent are converted; sent and abandoned rows keep what they were sent with. A `tk:ref` button
 * labelled as reporting a problem stays one; a button that is not a ticket action is dropped.
 */
export class OutboxActionOffers1767225960000 implements MigrationInterface {
  readonly name = 'OutboxActionOffers1767225960000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      UPDATE outbox o SET keyboard = jsonb_build_object('rows', coalesce((
        SELECT jsonb_agg(converted.buttons ORDER BY converted.r)
          FROM (SELECT r, (SELECT coalesce(jsonb_agg(jsonb_build_object('action', a.action, 'ticket', a.ticket) ORDER BY a.b), '[]'::jsonb)
                             FROM (SELECT b,
                                          CASE split_part(button->>'data', ':', 2)
                                            WHEN 'open' THEN 'open' WHEN 'acc' THEN 'accept' WHEN 'clr' THEN 'clarify'
                                            WHEN 'rep' THEN 'reply' WHEN 'cnf' THEN 'confirm'
                                            WHEN 'ref' THEN CASE WHEN button->>'label' IN ('app.button.report_problem', 'reminder.button.report_problem', 'bot.button.ref_install')
                                                                 THEN 'report_problem' ELSE 'refuse' END
                                            WHEN 'wd' THEN 'withdraw' WHEN 'tst' THEN 'send_to_testing' WHEN 'dev' THEN 'start_development'
                                            WHEN 'rdy' THEN 'ready_for_install' WHEN 'asg' THEN 'assign' WHEN 'pri' THEN 'change_priority'
                                            WHEN 'log' THEN 'log_work' WHEN 'pln' THEN 'replan' WHEN 'hist' THEN 'history'
                                            WHEN 'cmt' THEN 'comment' WHEN 'int' THEN 'internal_note' WHEN 'new' THEN 'new_linked'
                                          END AS action,
                                          CASE WHEN split_part(button->>'data', ':', 3) ~ '^[0-9]{1,9}$'
                                               THEN split_part(button->>'data', ':', 3)::integer END AS ticket
                                     FROM jsonb_array_elements(buttons_old) WITH ORDINALITY AS x(button, b)
                                    WHERE split_part(button->>'data', ':', 1) = 'tk') a
                            WHERE a.action IS NOT NULL AND a.ticket IS NOT NULL) AS buttons
                  FROM jsonb_array_elements(o.keyboard->'rows') WITH ORDINALITY AS y(buttons_old, r)) converted
         WHERE jsonb_array_length(converted.buttons) > 0), '[]'::jsonb))
       WHERE o.status IN ('pending', 'sending')
         AND jsonb_typeof(o.keyboard->'rows') = 'array'
         AND EXISTS (SELECT 1 FROM jsonb_array_elements(o.keyboard->'rows') AS z(row_old), jsonb_array_elements(z.row_old) AS w(button)
                      WHERE button ? 'data')`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // Back to Telegram buttons for the rows still to be sent (labels: the cards' keys, which stay).
    await queryRunner.query(`
      UPDATE outbox o SET keyboard = jsonb_build_object('rows', (
        SELECT jsonb_agg((SELECT jsonb_agg(jsonb_build_object('label', m.label, 'data', 'tk:' || m.code || ':' || (button->>'ticket')) ORDER BY b)
                            FROM jsonb_array_elements(row_new) WITH ORDINALITY AS x(button, b)
                            JOIN (VALUES ('open', 'open', 'bot.button.open'), ('accept', 'acc', 'bot.button.acc'), ('clarify', 'clr', 'bot.button.clr'),
                                         ('reply', 'rep', 'bot.button.rep'), ('confirm', 'cnf', 'bot.button.cnf'), ('refuse', 'ref', 'bot.button.ref'),
                                         ('report_problem', 'ref', 'bot.button.ref_install'), ('withdraw', 'wd', 'bot.button.wd'),
                                         ('send_to_testing', 'tst', 'bot.button.tst'), ('start_development', 'dev', 'bot.button.dev'),
                                         ('ready_for_install', 'rdy', 'bot.button.rdy'), ('assign', 'asg', 'bot.button.asg'),
                                         ('change_priority', 'pri', 'bot.button.pri'), ('log_work', 'log', 'bot.button.log'),
                                         ('replan', 'pln', 'bot.button.pln'), ('history', 'hist', 'bot.button.hist'),
                                         ('comment', 'cmt', 'bot.button.cmt'), ('internal_note', 'int', 'bot.button.int'),
                                         ('new_linked', 'new', 'bot.button.new')) AS m(action, code, label)
                              ON m.action = button->>'action') ORDER BY r)
          FROM jsonb_array_elements(o.keyboard->'rows') WITH ORDINALITY AS y(row_new, r)))
       WHERE o.status IN ('pending', 'sending')
         AND jsonb_typeof(o.keyboard->'rows') = 'array'
         AND EXISTS (SELECT 1 FROM jsonb_array_elements(o.keyboard->'rows') AS z(row_new), jsonb_array_elements(z.row_new) AS w(button)
                      WHERE button ? 'action')`);
  }
}
