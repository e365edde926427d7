/**
 * Script payloads planted in every string field of a document (issue 13): each text gets both
 * an attribute breakout and a script-element breakout appended, so a field written anywhere
 * without escaping runs `window.__x = 1`.
 */
import type { BudgetDocument } from '../src/model/document.js';

export const ATTRIBUTE_PAYLOAD = '"><img src=x onerror=window.__x=1>';
export const SCRIPT_PAYLOAD = '</script><script>window.__x=1</script>';
export const SINGLE_QUOTE_PAYLOAD = "'><svg onload=window.__x=1>";
export const PAYLOAD = ATTRIBUTE_PAYLOAD + SCRIPT_PAYLOAD + SINGLE_QUOTE_PAYLOAD;

/** Fields whose value is one of a fixed set (or a fixed pattern): the schema allows nothing else there. */
const FIXED = new Set(['format', 'kind', 'scope', 'level', 'layout', 'id', 'unit', 'direction', 'category', 'comparator', 'code', 'quantity', 'start', 'end', 'sha256', 'encoding', 'subject']);

export interface PlantOptions {
  /** Also plant into column keys, row keys and cell keys (only a renderer sees these: the schema refuses them). */
  keys?: boolean;
  /** Paths (dotted, without array indexes) to leave alone, e.g. meta.entity.name when the store must recognise the unit. */
  keep?: string[];
}

/** A copy of the document with the payload appended to every free text, and a count of the fields planted. */
export function plantPayloads(doc: BudgetDocument, options: PlantOptions = {}): { doc: BudgetDocument; planted: number } {
  let planted = 0;
  const keep = new Set(options.keep ?? []);
  const walk = (value: unknown, path: string[], field: string): unknown => {
    const at = path.join('.');
    if (typeof value === 'string') {
      if (FIXED.has(field) || keep.has(at)) return value;
      if (field === 'key' || (field === 'columns' && path[path.length - 1] === 'columns')) {
        if (!options.keys) return value;
      }
      planted++;
      return value + PAYLOAD;
    }
    if (Array.isArray(value)) return value.map((v) => walk(v, path, field));
    if (value && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) {
        if (field === 'cells' && options.keys && typeof v === 'number') {
          out[k + PAYLOAD] = v;
          planted++;
          continue;
        }
        out[k] = walk(v, [...path, k], k);
      }
      return out;
    }
    return value;
  };
  return { doc: walk(structuredClone(doc), [], '') as BudgetDocument, planted };
}

/**
 * Markup that the payload would add if it escaped its text: an <img> element, a script whose
 * content is the payload's, an on… handler attribute on any element. Returns what was found in
 * `html` (an empty list when the payload is all text).
 */
export function activeMarkup(html: string): string[] {
  const found = new Set<string>();
  for (const m of html.matchAll(/<([a-zA-Z][\w:-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g)) {
    const [tag, name, attrs = ''] = m;
    if (/^img$/i.test(name!)) found.add(tag);
    if (/^script$/i.test(name!) && html.slice(m.index! + tag.length, html.indexOf('</script>', m.index!)).includes('window.__x')) found.add(tag);
    for (const a of attrs.matchAll(/\s([^\s=/>"']+)(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>"']+))?/g)) {
      if (/^on/i.test(a[1]!)) found.add(tag);
    }
  }
  return [...found];
}
