/**
 * How a narrative figure is compared with its table value: the table value in 万元 rounded
 * half-up to two decimals (the way the documents restate 元 tables). A figure printed with
 * fewer decimals ("40万元") is compared at its own precision. 0.01万元 apart is a warning
 * (truncation, or a different rounding); more is an error.
 */
import type { StatedAmount } from '../model/document.js';
import { FEN_PER, formatWanyuan, formatYuanGrouped, roundToWanyuanUnits, type Fen } from '../model/money.js';
import type { Severity } from './finding.js';

export interface Comparison {
  severity: Severity | undefined;
  /** The table value as the narrative should print it. */
  expected: string;
  difference: string;
  rounding: string;
}

export function compareStated(stated: Pick<StatedAmount, 'amount' | 'unit' | 'decimals'>, table: Fen): Comparison {
  if (stated.unit === 'yuan') {
    const step = stated.decimals >= 2 ? 1 : FEN_PER.yuan;
    const expectedUnits = Math.round(table / step);
    const diff = Math.abs(Math.round(stated.amount / step) - expectedUnits);
    const expected = formatYuanGrouped(expectedUnits * step);
    return { severity: diff === 0 ? undefined : 'error', expected: `${expected}元`, difference: `${formatYuanGrouped(Math.abs(stated.amount - table))}元`, rounding: '按元比较' };
  }
  const places = Math.max(2, stated.decimals);
  const expected2 = roundToWanyuanUnits(table, places);
  const statedUnits = Math.round(stated.amount / (FEN_PER.wanyuan / 10 ** places));
  const diff = Math.abs(statedUnits - expected2);
  const expected = formatWanyuan(table, places);
  const differenceText = `${formatWanyuan(Math.abs(stated.amount - expected2 * (FEN_PER.wanyuan / 10 ** places)), places)}万元`;
  if (diff === 0) return { severity: undefined, expected: `${expected}万元`, difference: '0万元', rounding: `四舍五入保留${places}位小数` };
  if (stated.decimals < 2 && roundToWanyuanUnits(table, stated.decimals) * (FEN_PER.wanyuan / 10 ** stated.decimals) === stated.amount) {
    return { severity: undefined, expected: `${formatWanyuan(table, stated.decimals)}万元`, difference: '0万元', rounding: `四舍五入保留${stated.decimals}位小数（文中的精度）` };
  }
  const severity: Severity = diff === 1 && places === 2 ? 'warning' : 'error';
  return { severity, expected: `${expected}万元`, difference: differenceText, rounding: `四舍五入保留${places}位小数` };
}
