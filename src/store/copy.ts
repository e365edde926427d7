/**
 * COPY's text format (one row a line, fields by tabs, \\N for NULL), and the COPY statement both
 * drivers run: `COPY table (columns) FROM STDIN` on the server, `FROM '/dev/blob'` in PGlite.
 * Table and column names are the store's own constants, never a user's text.
 */
const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

export function copyStatement(table: string, columns: readonly string[], source: 'STDIN' | "'/dev/blob'"): string {
  for (const name of [table, ...columns]) if (!IDENTIFIER.test(name)) throw new Error(`COPY：名称“${name}”无效`);
  return `COPY ${table} (${columns.join(', ')}) FROM ${source}`;
}

/** A text field: backslash, tab, newline and carriage return escaped; null as \\N. */
export function copyField(value: string | number | null): string {
  if (value === null) return '\\N';
  if (typeof value === 'number') return String(value);
  // includes, not a regular expression: a version's JSON is tens of kB, searched four times faster.
  const plain = !value.includes('\\') && !value.includes('\t') && !value.includes('\n') && !value.includes('\r');
  return plain ? value : value.replace(/[\\\t\n\r]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c]!);
}

/** A tsvector's input text for lexemes without positions ('a' 'b'), the value array_to_tsvector gives. */
export function tsvectorText(terms: readonly string[]): string {
  if (terms.length === 0) return '';
  if (!terms.some((t) => t.includes("'") || t.includes('\\'))) return `'${terms.join("' '")}'`;
  return terms.map((t) => `'${t.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`).join(' ');
}
