import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The company search ("looks similar" before Create, /find) keeps each ticket's text as
 * tsvectors in the Russian and the English configuration, written by a trigger when the subject
 * or the description changes. The expression indexes found the matches, but every matching row
 * was parsed again twice to check it and twice more to rank it: 24 ms per search at 400 open
 * tickets of one company in the bench, 10 of the 15 s PostgreSQL spent there. The stored vectors
 * are read, not parsed; other updates of a ticket (state, timers) do not touch them.
 */
const UP: readonly string[] = [
  'ALTER TABLE tickets ADD COLUMN search_ru tsvector, ADD COLUMN search_en tsvector',
  `CREATE FUNCTION tickets_search_vectors() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     NEW.search_ru := to_tsvector('russian', NEW.subject || ' ' || NEW.description);
     NEW.search_en := to_tsvector('english', NEW.subject || ' ' || NEW.description);
     RETURN NEW;
   END $$`,
  `CREATE TRIGGER tickets_search_vectors BEFORE INSERT OR UPDATE OF subject, description ON tickets
     FOR EACH ROW EXECUTE FUNCTION tickets_search_vectors()`,
  `UPDATE tickets SET search_ru = to_tsvector('russian', subject || ' ' || description),
                      search_en = to_tsvector('english', subject || ' ' || description)`,
  'ALTER TABLE tickets ALTER COLUMN search_ru SET NOT NULL, ALTER COLUMN search_en SET NOT NULL',
  'DROP INDEX tickets_search_ru_idx',
  'DROP INDEX tickets_search_en_idx',
  'CREATE INDEX tickets_search_ru_idx ON tickets USING gin (search_ru)',
  'CREATE INDEX tickets_search_en_idx ON tickets USING gin (search_en)',
];

/** Down goes back to the expression indexes. */
const DOWN: readonly string[] = [
  'DROP INDEX tickets_search_en_idx',
  'DROP INDEX tickets_search_ru_idx',
  'DROP TRIGGER tickets_search_vectors ON tickets',
  'DROP FUNCTION tickets_search_vectors()',
  'ALTER TABLE tickets DROP COLUMN search_en, DROP COLUMN search_ru',
  `CREATE INDEX tickets_search_ru_idx ON tickets USING gin (to_tsvector('russian', subject || ' ' || description))`,
  `CREATE INDEX tickets_search_en_idx ON tickets USING gin (to_tsvector('english', subject || ' ' || description))`,
];

export class TicketSearchVectors1796182000000 implements MigrationInterface {
  readonly name = 'TicketSearchVectors1796182000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const sql of UP) await queryRunner.query(sql);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const sql of DOWN) await queryRunner.query(sql);
  }
}
