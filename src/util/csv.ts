/**
 * RFC 4180 CSV: the cells export and the catalog files. Every CSV we write is safe to open in a
 * spreadsheet (OWASP, CSV injection): a text field that begins with = + - @, a tab or a carriage
 * return is written with a leading ' so that it is never taken for a formula; a plain number
 * (a negative amount such as -1234.50) is a number and stays as it is. Reading takes that ' off
 * again, so our own files read back to what was written.
 */

export function parseCsv(text: string): string[][] {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  // The lines before the first quote hold no quoted field: they are split natively (the catalogs
  // parsed at every start-up are ~100 KB, and a character loop runs cold there); the rest, from
  // the start of the line with that quote, character by character.
  const quote = src.indexOf('"');
  const cut = quote < 0 ? src.length : src.lastIndexOf('\n', quote) + 1;
  const plain = cut > 0 ? src.slice(0, cut).split(/\r\n|\r|\n/).map((line) => line.split(',')) : [];
  return [...plain, ...(cut < src.length ? parseQuoted(src.slice(cut)) : [])].filter((r) => !(r.length === 1 && r[0] === '')).map((r) => r.map(unneutralise));
}

function parseQuoted(src: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  // Characters are taken in runs (slices from `start`), not one by one.
  let start = 0;
  for (let i = 0; i < src.length; i++) {
    const ch = src.charCodeAt(i);
    if (quoted) {
      if (ch !== 0x22) continue;
      field += src.slice(start, i);
      if (src.charCodeAt(i + 1) === 0x22) {
        field += '"';
        i++;
      } else quoted = false;
      start = i + 1;
    } else if (ch === 0x22 && field === '' && start === i) {
      quoted = true;
      start = i + 1;
    } else if (ch === 0x2c) {
      row.push(field + src.slice(start, i));
      field = '';
      start = i + 1;
    } else if (ch === 0x0a || ch === 0x0d) {
      row.push(field + src.slice(start, i));
      if (ch === 0x0d && src.charCodeAt(i + 1) === 0x0a) i++;
      rows.push(row);
      row = [];
      field = '';
      start = i + 1;
    }
  }
  field += src.slice(start);
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** Header row → objects keyed by the header names. */
export function parseCsvRecords(text: string): Record<string, string>[] {
  const [header, ...body] = parseCsv(text);
  if (!header) return [];
  const keys = header.map((h) => h.trim());
  return body.map((r) => {
    const o: Record<string, string> = {};
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i]!;
      const v = (r[i] ?? '').trim();
      // As Object.fromEntries would: a "__proto__" column is a property, never the prototype.
      if (k === '__proto__') Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
      else o[k] = v;
    }
    return o;
  });
}

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?\d+(?:\.\d+)?$/;

/** A field as a spreadsheet will not run it: text that begins like a formula gets a leading '. */
export function neutraliseCsvField(field: string): string {
  return FORMULA_START.test(field) && !PLAIN_NUMBER.test(field) ? `'${field}` : field;
}

/** The inverse of neutraliseCsvField, for reading. */
function unneutralise(field: string): string {
  return field.startsWith("'") && FORMULA_START.test(field.slice(1)) && !PLAIN_NUMBER.test(field.slice(1)) ? field.slice(1) : field;
}

function quote(field: string): string {
  const safe = neutraliseCsvField(field);
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function formatCsv(rows: readonly (readonly string[])[]): string {
  return rows.map((r) => r.map(quote).join(',')).join('\n') + '\n';
}
