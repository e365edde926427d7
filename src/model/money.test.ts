import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatWanyuan, formatYuan, formatYuanGrouped, parseAmount, roundToWanyuanUnits } from './money.js';

describe('parseAmount', () => {
  it('reads the ways the documents print 元', () => {
    expect(parseAmount('257,801,271.00', 'yuan')).toBe(25_780_127_100);
    expect(parseAmount('10,148,231', 'yuan')).toBe(1_014_823_100);
    expect(parseAmount('105,833.33', 'yuan')).toBe(10_583_333);
    expect(parseAmount('0.00', 'yuan')).toBe(0);
    expect(parseAmount('-1,200.5', 'yuan')).toBe(-120_050);
  });
  it('reads 万元 exactly', () => {
    expect(parseAmount('184.19', 'wanyuan')).toBe(1_841_900_00);
    expect(parseAmount('0.20', 'wanyuan')).toBe(200_000);
    expect(parseAmount('1853.7', 'wanyuan')).toBe(1_853_700_000);
  });
  it('refuses what is not money', () => {
    expect(parseAmount('1,2345.00', 'yuan')).toBeNull();
    expect(parseAmount('12.345', 'yuan')).toBeNull();
    expect(parseAmount('一百', 'yuan')).toBeNull();
    expect(parseAmount('', 'yuan')).toBeNull();
    expect(parseAmount('1.2.3', 'yuan')).toBeNull();
  });
});

describe('formatting', () => {
  it('writes cells.md amounts', () => {
    expect(formatYuan(833_127_500)).toBe('8331275.00');
    expect(formatYuan(5)).toBe('0.05');
    expect(formatYuan(-120_050)).toBe('-1200.50');
    expect(formatYuanGrouped(25_780_127_100)).toBe('257,801,271.00');
  });
  it('rounds to 万元 half-up, as the narratives restate table figures', () => {
    // 8,331,275 元 → 833.1275 万元 → 833.13
    expect(formatWanyuan(833_127_500)).toBe('833.13');
    // 49,178,560 元 → 4917.856 万元 → 4917.86 (seed 003 prints 4917.85: truncated)
    expect(formatWanyuan(4_917_856_000)).toBe('4917.86');
    // exactly half: 0.005 万元 = 50 元 → 0.01
    expect(formatWanyuan(5_000)).toBe('0.01');
    expect(formatWanyuan(4_999)).toBe('0.00');
    expect(formatWanyuan(-5_000)).toBe('-0.01');
    expect(roundToWanyuanUnits(1_841_859_00)).toBe(18_419);
  });
  it('round-trips every 分 amount through 元 text', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e14, max: 1e14 }), (fen) => {
        expect(parseAmount(formatYuan(fen), 'yuan')).toBe(fen);
        expect(parseAmount(formatYuanGrouped(fen), 'yuan')).toBe(fen);
      }),
    );
  });
});
