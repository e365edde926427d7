/**
 * The nine 部门决算 table titles (model/tables.ts FINAL_TABLE_NAMES) as printed in the Shanghai
 * district template and the 普陀区 2024 决算, after titles.ts has dropped numbering, year and the
 * 部门/单位 prefix. Kept apart from the budget's titles so that neither list reads the other's tables.
 */
import type { TableId } from '../../model/tables.js';

export const FINAL_TITLE_PATTERNS: [RegExp, TableId][] = [
  [/^收入支出决算总表$/, 'summary'],
  [/^收入决算表$/, 'income'],
  [/^支出决算表$/, 'expenditure'],
  [/^财政拨款收入支出决算总表$/, 'fiscal'],
  [/^一般公共预算财政拨款支出决算表$/, 'general-function'],
  [/^一般公共预算财政拨款基本支出决算表$/, 'general-basic-economic'],
  [/^财政拨款[“"”]?三公[”"“]?经费支出决算表$/, 'three-public'],
  [/^政府性基金预算财政拨款收入支出决算表$/, 'fund-function'],
  [/^国有资本经营预算财政拨款收入支出决算表$/, 'soe-function'],
];

export function finalTableIdOfBody(body: string): TableId | undefined {
  return FINAL_TITLE_PATTERNS.find(([re]) => re.test(body))?.[1];
}
