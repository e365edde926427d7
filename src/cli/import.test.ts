import { describe, expect, it } from 'vitest';
import { byYearInPath } from './import.js';

describe('byYearInPath', () => {
  it('orders files by the last year their path names, keeping the given order otherwise; no year first', () => {
    const files = ['city/2025/上海市/a.txt', 'city/2024/上海市/b.txt', '2023年上海市闵行区/2025年 c.pdf', 'notes/readme.md', 'city/2024/上海市/a.txt', 'x/12024/d.txt'];
    expect(byYearInPath(files)).toEqual(['notes/readme.md', 'x/12024/d.txt', 'city/2024/上海市/b.txt', 'city/2024/上海市/a.txt', 'city/2025/上海市/a.txt', '2023年上海市闵行区/2025年 c.pdf']);
  });
});
