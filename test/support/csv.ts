/**
 * Reads back the reports' CSV dialect (a BOM, `;`, CRLF, quoted fields with doubled quotes) the
 * way Excel would. The first character is taken to be the BOM; callers check it.
 */
export function parseReportCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 1; i < text.length; i++) {
    const ch = text[i];
    if (quoted && ch === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (quoted && ch === '"') {
      quoted = false;
    } else if (quoted || (ch !== '"' && ch !== ';' && ch !== '\r')) {
      field += ch;
    } else if (ch === '"') {
      quoted = true;
    } else if (ch === ';') {
      row.push(field);
      field = '';
    } else {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++; // the \n of CRLF
    }
  }
  return rows;
}
