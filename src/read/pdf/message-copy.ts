/**
 * The copy pdf.js's fake worker makes of every message between its two halves (LoopbackPort
 * posts `structuredClone(message)`), made in JavaScript for the messages that are plain data:
 * Node 20's structuredClone costs several µs per text item (it serializes and deserializes
 * through V8's ValueSerializer), and a read sends a message per chunk of text items and two per
 * pull of every stream. A message holding anything but primitives, plain objects and arrays
 * without holes (typed arrays, maps, errors, class instances, functions…), or nested deeper than
 * any pdf.js message (a cycle), is left to structuredClone whole, so it is copied — or refused —
 * exactly as before. Otherwise the copy holds the same values in the same key order as
 * structuredClone's. Two things it does not keep, which pdf.js's messages never use: an object
 * reached twice becomes two equal copies (pdf.js builds its messages from literals and its
 * receivers only read them), and named properties on arrays are not copied. pdf.js makes no
 * Proxy.
 */

const OTHER = Symbol('not plain data');
/** Text content is 5 deep (message, chunk, items, item, transform). */
const MAX_DEPTH = 64;

/** What structuredClone(value) gives, without its cost when the value is plain data. */
export function copyMessage<T>(value: T): T {
  const copied = copy(value, 0);
  return copied === OTHER ? structuredClone(value) : (copied as T);
}

function copy(value: unknown, depth: number): unknown {
  if (typeof value !== 'object' || value === null) return typeof value === 'function' || typeof value === 'symbol' ? OTHER : value;
  if (depth > MAX_DEPTH) return OTHER;
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto === Array.prototype && Array.isArray(value)) return copyArray(value, depth + 1);
  if (proto === Object.prototype || proto === null) return copyObject(value as Record<string, unknown>, depth + 1);
  return OTHER;
}

function copyArray(array: unknown[], depth: number): unknown {
  const out: unknown[] = [];
  for (let i = 0, n = array.length; i < n; i++) {
    if (!(i in array)) return OTHER;
    const v = copy(array[i], depth);
    if (v === OTHER) return OTHER;
    out.push(v);
  }
  return out;
}

function copyObject(object: Record<string, unknown>, depth: number): unknown {
  // structuredClone gives a plain object whatever the prototype was (null included).
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(object)) {
    // Assigning "__proto__" would set the copy's prototype, not a property.
    if (key === '__proto__') return OTHER;
    const v = copy(object[key], depth);
    if (v === OTHER) return OTHER;
    out[key] = v;
  }
  return out;
}
