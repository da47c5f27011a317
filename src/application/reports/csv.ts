/**
 * CSV for Excel, our decision: RFC 4180 records (CRLF line ends, fields quoted when they hold
 * the separator, a quote or a line break, quotes doubled), UTF-8 with a byte-order mark so
 * Excel reads Cyrillic, and `;` as the separator — the list separator of Russian-locale Excel,
 * where `,` is the decimal mark. Numbers are written with the decimal mark of the report's
 * language (ru `1,5`, en `1.5`).
 */
export const CSV_SEPARATOR = ';';
export const UTF8_BOM = '\uFEFF';

export type CsvCell = string | number;

/** Text that Excel would run as a formula (=, +, -, @ first) is kept as text with a leading '. */
function neutralize(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function quote(text: string): string {
  return /[";\r\n,]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function formatNumber(value: number, decimalMark: '.' | ','): string {
  const text = String(Math.round(value * 100) / 100);
  return decimalMark === ',' ? text.replace('.', ',') : text;
}

/** The whole file: BOM, then one CRLF-terminated record per row. */
export function toCsv(rows: readonly (readonly CsvCell[])[], decimalMark: '.' | ','): Buffer {
  const lines = rows.map((row) =>
    row.map((cell) => (typeof cell === 'number' ? quote(formatNumber(cell, decimalMark)) : quote(neutralize(cell)))).join(CSV_SEPARATOR),
  );
  return Buffer.from(UTF8_BOM + lines.map((l) => `${l}\r\n`).join(''), 'utf8');
}
