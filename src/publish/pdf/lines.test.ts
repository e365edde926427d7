import { describe, expect, it } from 'vitest';
import { breakLines, justifySpacing, tokens } from './lines.js';

/** Every character 10 units wide, Latin letters and digits 5: lines of a width of 100 hold 10 hanzi. */
const measure = (s: string) => [...s].reduce((w, c) => w + (/[\x20-\x7e]/.test(c) ? 5 : 10), 0);

describe('Chinese line breaking', () => {
  it('keeps a number whole with its decimals, percent sign and unit', () => {
    expect(tokens('收入25,780.13万元，增长1.97%。')).toEqual(['收', '入', '25,780.13万元', '，', '增', '长', '1.97%', '。']);
  });

  it('never starts a line with closing punctuation: the character before it moves down with it', () => {
    // Ten hanzi fill the line exactly; the 。 after them would start the next line.
    expect(breakLines('一二三四五六七八九十。十一二', 100, measure)).toEqual(['一二三四五六七八九', '十。十一二']);
    // Two closing marks in a row (”。) go down together with the character before them.
    expect(breakLines('一二三四五六七八九“十”。后面的字', 100, measure)).toEqual(['一二三四五六七八九', '“十”。后面的字']);
  });

  it('keeps closing punctuation that overflows by little on its line, set closer', () => {
    expect(breakLines('一二三四五六七八九十。十一二', 100, measure, 100, 10)).toEqual(['一二三四五六七八九十。', '十一二']);
    expect(justifySpacing('一二三四五六七八九十。', 110, 100, 2)).toBeCloseTo(-1);
  });

  it('never ends a line with opening punctuation', () => {
    expect(breakLines('一二三四五六七八九（十）后面还有字', 100, measure)).toEqual(['一二三四五六七八九', '（十）后面还有字']);
  });

  it('moves a number with its unit down whole rather than splitting it', () => {
    expect(breakLines('一二三四五六七八1,234.56万元。', 100, measure)).toEqual(['一二三四五六七八', '1,234.56万元。']);
  });

  it('does not end a paragraph on one character and its full stop', () => {
    expect(breakLines('一二三四五六七八九十入。', 100, measure)).toEqual(['一二三四五六七八九', '十入。']);
  });

  it('indents the first line by its own width', () => {
    expect(breakLines('一二三四五六七八九十一二', 100, measure, 80)).toEqual(['一二三四五六七八', '九十一二']);
  });

  it('spreads a line to the measure, but not so far that the gaps read as spaces', () => {
    expect(justifySpacing('一二三四五', 45, 50, 2)).toBeCloseTo(1.25);
    expect(justifySpacing('一二三四五', 20, 50, 2)).toBe(0);
    expect(justifySpacing('一二三四五', 50, 50, 2)).toBe(0);
    expect(justifySpacing('一', 10, 50, 2)).toBe(0);
  });
});
