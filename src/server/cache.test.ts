import { describe, expect, it } from 'vitest';
import { ByteLru, cacheBytes } from './cache.js';

describe('ByteLru', () => {
  it('keeps at most its bytes, dropping the least recently used first', () => {
    const c = new ByteLru<string>(10);
    c.set('a', 'A', 4);
    c.set('b', 'B', 4);
    expect(c.get('a')).toBe('A'); // a is now the most recent
    c.set('c', 'C', 4); // 12 > 10: b goes
    expect(c.get('b')).toBeUndefined();
    expect(c.get('a')).toBe('A');
    expect(c.get('c')).toBe('C');
    expect(c.bytes).toBe(8);
    expect(c.size).toBe(2);
  });

  it('does not keep a value larger than the whole cache, and replaces a key in place', () => {
    const c = new ByteLru<string>(10);
    c.set('a', 'A', 4);
    c.set('big', 'X', 11);
    expect(c.get('big')).toBeUndefined();
    expect(c.get('a')).toBe('A');
    c.set('a', 'A2', 6);
    expect(c.get('a')).toBe('A2');
    expect(c.bytes).toBe(6);
  });

  it('reads its size from BUDGETBOOK_CACHE_MB', () => {
    expect(cacheBytes({})).toBe(64 * 1024 * 1024);
    expect(cacheBytes({ BUDGETBOOK_CACHE_MB: '0' })).toBe(0);
    expect(cacheBytes({ BUDGETBOOK_CACHE_MB: 'x' })).toBe(64 * 1024 * 1024);
  });
});
