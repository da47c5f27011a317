import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One Telegram budget for every instance of the bot (issue 11, point 4): the send slots are
 * handed out by the database, so instances on one bot token keep to Telegram's limits together
 * (≈30 messages/s overall, ≈1/s per private chat, 20/min per group) without a per-instance
 * share to configure. One row per lane ('global', 'bulk') and per chat (its id as text): the
 * time (ms since the epoch, the database's clock) from which its next send may go, and a pause
 * a 429 imposed. UNLOGGED: the state only matters for the next minute; a crash that empties it
 * costs nothing but a fresh start of the pacing.
 *
 * send_budget_take(chat, messages, stage, interval, tolerance, slot, bulk slot) reserves, in one
 * round trip, the chat's turn (GCRA: `tolerance` lets interactive replies burst a little), then
 * the bulk lane's (notifications keep to their share; null for interactive replies), then the
 * global slot. A stage that must wait more than a few milliseconds returns its wait and the
 * next stage: the caller sleeps and calls again from there, so a send waiting for its chat
 * holds no global slot meanwhile and holds up nobody. send_budget_pause(chat, seconds) records
 * a 429: the chat is paused; if another chat is paused too, everything is (a global flood).
 */
export class SendBudget1796167510637 implements MigrationInterface {
  readonly name = 'SendBudget1796167510637';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE UNLOGGED TABLE send_budget (
      key text PRIMARY KEY,
      next_at double precision NOT NULL DEFAULT 0,
      paused_until double precision NOT NULL DEFAULT 0
    )`);
    await queryRunner.query(`CREATE INDEX send_budget_next_at_idx ON send_budget (next_at)`);
    await queryRunner.query(`INSERT INTO send_budget (key) VALUES ('global'), ('bulk')`);
    await queryRunner.query(`CREATE FUNCTION send_budget_take(
        p_chat bigint, p_messages integer, p_stage integer,
        p_interval double precision, p_tolerance double precision,
        p_slot double precision, p_bulk_slot double precision)
      RETURNS TABLE (wait_ms double precision, next_stage integer, start_at double precision)
      LANGUAGE plpgsql AS $$
      DECLARE
        now_ms double precision := extract(epoch FROM clock_timestamp()) * 1000;
        slack constant double precision := 5;
        earliest double precision := now_ms;
        tat double precision;
        paused double precision;
        start double precision;
      BEGIN
        IF p_stage > 0 THEN
          -- Rows are always locked chat first, then 'bulk', then 'global': no deadlock.
          PERFORM 1 FROM send_budget b WHERE b.key = p_chat::text FOR UPDATE;
        ELSE
          INSERT INTO send_budget (key) VALUES (p_chat::text) ON CONFLICT (key) DO NOTHING;
          SELECT b.next_at, b.paused_until INTO tat, paused FROM send_budget b WHERE b.key = p_chat::text FOR UPDATE;
          start := greatest(now_ms, tat - p_tolerance, paused);
          UPDATE send_budget SET next_at = greatest(tat, start) + p_interval WHERE key = p_chat::text;
          IF start > now_ms + slack THEN
            RETURN QUERY SELECT start - now_ms, 1, start;
            RETURN;
          END IF;
          earliest := greatest(earliest, start);
        END IF;
        IF p_stage <= 1 AND p_bulk_slot IS NOT NULL THEN
          SELECT b.next_at INTO tat FROM send_budget b WHERE b.key = 'bulk' FOR UPDATE;
          start := greatest(earliest, tat);
          UPDATE send_budget SET next_at = start + p_bulk_slot * p_messages WHERE key = 'bulk';
          IF start > now_ms + slack THEN
            RETURN QUERY SELECT start - now_ms, 2, start;
            RETURN;
          END IF;
          earliest := greatest(earliest, start);
        END IF;
        SELECT b.next_at, b.paused_until INTO tat, paused FROM send_budget b WHERE b.key = 'global' FOR UPDATE;
        start := greatest(earliest, tat, paused);
        UPDATE send_budget SET next_at = start + p_slot * p_messages WHERE key = 'global';
        -- The chat's pace counts from when the send really goes.
        UPDATE send_budget SET next_at = greatest(next_at, start + p_interval) WHERE key = p_chat::text;
        RETURN QUERY SELECT greatest(0, start - now_ms), 3, start;
      END $$`);
    await queryRunner.query(`CREATE FUNCTION send_budget_pause(p_chat bigint, p_seconds double precision)
      RETURNS text
      LANGUAGE plpgsql AS $$
      DECLARE
        now_ms double precision := extract(epoch FROM clock_timestamp()) * 1000;
        other boolean;
      BEGIN
        SELECT EXISTS (SELECT 1 FROM send_budget b WHERE b.paused_until > now_ms AND b.key NOT IN ('global', 'bulk', p_chat::text)) INTO other;
        INSERT INTO send_budget AS b (key, paused_until) VALUES (p_chat::text, now_ms + p_seconds * 1000)
          ON CONFLICT (key) DO UPDATE SET paused_until = greatest(b.paused_until, excluded.paused_until);
        IF other THEN
          UPDATE send_budget SET paused_until = greatest(paused_until, now_ms + p_seconds * 1000) WHERE key = 'global';
          RETURN 'global';
        END IF;
        RETURN 'chat';
      END $$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION send_budget_pause(bigint, double precision)`);
    await queryRunner.query(`DROP FUNCTION send_budget_take(bigint, integer, integer, double precision, double precision, double precision, double precision)`);
    await queryRunner.query(`DROP TABLE send_budget`);
  }
}
