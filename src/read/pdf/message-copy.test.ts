/**
 * The fake worker's message copy (message-copy.ts) gives what structuredClone gives: the same
 * values, keys in the same order, plain prototypes, nothing shared with the original; and leaves
 * to structuredClone what is not plain data.
 */
import { describe, expect, it } from 'vitest';
import { copyMessage } from './message-copy.js';

/** The same values, key order and prototypes, compared through a walk (toEqual ignores key order). */
function shape(v: unknown): unknown {
  if (typeof v !== 'object' || v === null) return Object.is(v, -0) ? '-0' : v;
  const proto = Object.getPrototypeOf(v) === Array.prototype ? 'array' : Object.getPrototypeOf(v) === Object.prototype ? 'object' : String(Object.getPrototypeOf(v)?.constructor?.name);
  return [proto, Object.keys(v).map((k) => [k, shape((v as Record<string, unknown>)[k])])];
}

describe('copyMessage', () => {
  const styles = Object.assign(Object.create(null) as object, { g_d0_f1: { fontFamily: 'sans-serif', ascent: 0.88, descent: -0.12, vertical: false } });
  const textChunk = {
    sourceName: 'worker',
    targetName: 'main',
    stream: 4,
    streamId: 3,
    chunk: {
      items: [
        { str: '一般公共预算', dir: 'ltr', width: 72.5, height: 12, transform: [12, 0, 0, 12, 90.1, 700.25], fontName: 'g_d0_f1', hasEOL: false },
        { str: '', dir: 'ltr', width: 0, height: 0, transform: [12, 0, 0, 12, -0, 688], fontName: 'g_d0_f1', hasEOL: true },
      ],
      styles,
      lang: null,
    },
  };
  const plain: Record<string, unknown> = {
    'a text chunk': textChunk,
    'a pull': { sourceName: 'main', targetName: 'worker', stream: 6, streamId: 3, desiredSize: 1 },
    'integer keys first': { b: 1, 2: 'two', a: [], 1: 'one', u: undefined, n: NaN, big: 10n },
    primitives: ['x', 1, true, null, undefined, -0, Infinity],
  };

  it('copies plain data as structuredClone does, sharing nothing with the original', () => {
    for (const [name, value] of Object.entries(plain)) {
      const copied = copyMessage(value);
      expect(shape(copied), name).toEqual(shape(structuredClone(value)));
      expect(copied, name).not.toBe(value);
    }
    const copied = copyMessage(textChunk);
    expect(copied.chunk.items[0]).not.toBe(textChunk.chunk.items[0]);
    expect(copied.chunk.items[0]!.transform).not.toBe(textChunk.chunk.items[0]!.transform);
    expect(Object.getPrototypeOf(copied.chunk.styles)).toBe(Object.prototype);
  });

  it('leaves what is not plain data to structuredClone', () => {
    const sparse = [1, , 3];
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    const protoKey = JSON.parse('{"__proto__": {"x": 1}}') as unknown;
    class Point {
      constructor(readonly x = 1) {}
    }
    const others: Record<string, unknown> = {
      'a typed array': { data: new Uint8Array([1, 2, 3]) },
      'a map': { m: new Map([[1, 2]]) },
      'an error': { reason: new TypeError('bad') },
      'a class instance': { p: new Point() },
      'a date': [new Date(0)],
      'a sparse array': { sparse },
      'a cycle': cyclic,
      'an own __proto__': protoKey,
    };
    for (const [name, value] of Object.entries(others)) {
      const copied = copyMessage(value);
      const cloned = structuredClone(value);
      expect(copied, name).toEqual(cloned);
      if (value !== cyclic) expect(shape(copied), name).toEqual(shape(cloned));
    }
    expect(1 in (copyMessage({ sparse }).sparse as unknown[])).toBe(false);
    const c = copyMessage(cyclic);
    expect(c.self).toBe(c);
    expect(Object.getOwnPropertyNames(copyMessage(protoKey))).toEqual(['__proto__']);
  });

  it('refuses what structuredClone refuses', () => {
    for (const value of [{ f: () => 1 }, [Symbol('s')]]) {
      expect(() => copyMessage(value)).toThrow(expect.objectContaining({ name: 'DataCloneError' }) as Error);
    }
  });
});
