import type { DataSource } from 'typeorm';

/** Where rows are read from: anything that runs SQL and returns rows (a pg client, PGlite). */
export interface RowSource {
  query<T>(sql: string, parameters?: unknown[]): Promise<T[]>;
}

export interface CopyReport {
  /** Rows copied per table, in copy order. */
  readonly tables: readonly { readonly table: string; readonly rows: number }[];
  readonly sequences: number;
}

interface ColumnRow {
  readonly table_name: string;
  readonly column_name: string;
  readonly is_generated: string;
}

const quote = (name: string): string => `"${name.replace(/"/g, '""')}"`;

async function columnsOf(query: RowSource['query']): Promise<Map<string, string[]>> {
  const rows = await query<ColumnRow>(
    `SELECT table_name, column_name, is_generated FROM information_schema.columns
      WHERE table_schema = 'public' ORDER BY table_name, ordinal_position`,
  );
  const tables = new Map<string, string[]>();
  for (const row of rows) {
    if (row.is_generated === 'ALWAYS') continue;
    tables.set(row.table_name, [...(tables.get(row.table_name) ?? []), row.column_name]);
  }
  return tables;
}

/**
 * Copies every row of the public tables of `source` into the same tables of `target`, whose
 * schema is already migrated to the source's migrations: the target's own rows (the seed) are
 * replaced, columns both sides have are copied, and sequences are set to the source's values.
 * One transaction; foreign keys are checked by the data as it was, not row by row
 * (session_replication_role = replica needs a superuser, which the embedded server's user is).
 * Throws when a count differs after the copy.
 */
export async function copyDatabase(source: RowSource, target: DataSource): Promise<CopyReport> {
  const from = await columnsOf((sql, parameters) => source.query(sql, parameters));
  const to = await columnsOf((sql, parameters) => target.query(sql, parameters));
  const tables = [...to.keys()].filter((table) => table !== 'migrations' && from.has(table));
  const copied: { table: string; rows: number }[] = [];
  let sequences = 0;
  await target.transaction(async (m) => {
    await m.query(`SET LOCAL session_replication_role = replica`);
    if (tables.length > 0) await m.query(`TRUNCATE ${tables.map(quote).join(', ')} CASCADE`);
    for (const table of tables) {
      const shared = (to.get(table) ?? []).filter((column) => from.get(table)?.includes(column));
      const list = shared.map(quote).join(', ');
      const [read] = await source.query<{ rows: unknown }>(`SELECT coalesce(json_agg(t), '[]'::json)::text AS rows FROM (SELECT ${list} FROM ${quote(table)}) t`);
      const json = typeof read?.rows === 'string' ? read.rows : JSON.stringify(read?.rows ?? []);
      await m.query(
        `INSERT INTO ${quote(table)} (${list}) OVERRIDING SYSTEM VALUE SELECT ${list} FROM json_populate_recordset(null::${quote(table)}, $1::json)`,
        [json],
      );
      const [before] = await source.query<{ n: string | number }>(`SELECT count(*) AS n FROM ${quote(table)}`);
      const [after] = await m.query<{ n: string }[]>(`SELECT count(*) AS n FROM ${quote(table)}`);
      if (Number(before?.n) !== Number(after?.n)) throw new Error(`${table}: ${String(before?.n)} rows in the source, ${String(after?.n)} copied`);
      copied.push({ table, rows: Number(after?.n) });
    }
    const known = new Set((await m.query<{ name: string }[]>(`SELECT sequencename AS name FROM pg_sequences WHERE schemaname = 'public'`)).map((r) => r.name));
    for (const sequence of await source.query<{ name: string; last: string | number | null }>(
      `SELECT sequencename AS name, last_value AS last FROM pg_sequences WHERE schemaname = 'public'`,
    )) {
      if (!known.has(sequence.name) || sequence.last === null) continue;
      await m.query(`SELECT setval($1, $2)`, [`public.${quote(sequence.name)}`, Number(sequence.last)]);
      sequences += 1;
    }
  });
  return { tables: copied, sequences };
}
