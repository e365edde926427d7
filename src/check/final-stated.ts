/**
 * A 决算's narrative states its totals (收入支出总计, 本年收入合计, 基本支出, 人员经费, each 类 …): each
 * figure against the table cell the template's sentence is about, section by section. A difference of
 * 0.01 万元 is a warning (rounding of the printed figures), more an error.
 */
import type { CellRef as Cell } from '../model/identities.js';
import { formatWanyuan, parseAmount } from '../model/money.js';
import type { TableId } from '../model/tables.js';
import type { CheckContext } from './context.js';
import type { Finding } from './finding.js';

interface Stated {
  /** The section's heading. */
  section: RegExp;
  /** The figure, in 万元, as the template words it. */
  sentence: RegExp;
  cell: { table: TableId; row: string; column: string };
  what: string;
}

const NUMBER = String.raw`(\d[\d,]*(?:\.\d+)?)万元`;
const at = (table: TableId, row: string, column: string) => ({ table, row, column });

const STATED: Stated[] = [
  { section: /^[一1]、收入支出决算总体情况/, sentence: new RegExp(`收入支出总计${NUMBER}`), cell: at('summary', 'income.total', 'amount'), what: '收入支出总计' },
  { section: /^[二2]、收入决算情况/, sentence: new RegExp(`本年收入合计${NUMBER}`), cell: at('summary', 'income.current', 'amount'), what: '本年收入合计' },
  { section: /^[二2]、收入决算情况/, sentence: new RegExp(`财政拨款收入${NUMBER}`), cell: at('income', 'total', 'fiscal'), what: '财政拨款收入' },
  { section: /^[二2]、收入决算情况/, sentence: new RegExp(`事业收入${NUMBER}`), cell: at('income', 'total', 'business'), what: '事业收入' },
  { section: /^[二2]、收入决算情况/, sentence: new RegExp(`其他收入${NUMBER}`), cell: at('income', 'total', 'other'), what: '其他收入' },
  { section: /^[三3]、支出决算情况/, sentence: new RegExp(`本年支出合计${NUMBER}`), cell: at('expenditure', 'total', 'total'), what: '本年支出合计' },
  { section: /^[三3]、支出决算情况/, sentence: new RegExp(`基本支出${NUMBER}`), cell: at('expenditure', 'total', 'basic'), what: '基本支出' },
  { section: /^[三3]、支出决算情况/, sentence: new RegExp(`项目支出${NUMBER}`), cell: at('expenditure', 'total', 'project'), what: '项目支出' },
  { section: /财政拨款收入支出决算总体情况/, sentence: new RegExp(`财政拨款收入支出总计${NUMBER}`), cell: at('fiscal', 'income.total', 'amount'), what: '财政拨款收入支出总计' },
  { section: /一般公共预算财政拨款支出决算(总体|结构)情况/, sentence: new RegExp(`一般公共预算财政拨款支出${NUMBER}`), cell: at('general-function', 'total', 'total'), what: '一般公共预算财政拨款支出' },
  { section: /基本支出决算情况/, sentence: new RegExp(`基本支出${NUMBER}`), cell: at('general-function', 'total', 'basic'), what: '一般公共预算财政拨款基本支出' },
  { section: /基本支出决算情况/, sentence: new RegExp(`人员经费${NUMBER}`), cell: at('general-basic-economic', 'total', 'personnel'), what: '人员经费' },
  { section: /基本支出决算情况/, sentence: new RegExp(`公用经费${NUMBER}`), cell: at('general-basic-economic', 'total', 'public'), what: '公用经费' },
];

/** "一般公共服务支出（类）264.87 万元" in the 结构 part: each 类 against the function table. */
const CLASS = new RegExp(`([\\u4e00-\\u9fff]+支出)（类）${NUMBER}`, 'g');

export function statedTotals(ctx: CheckContext): Finding[] {
  const out: Finding[] = [];
  const compare = (heading: string, sentence: string, printed: string, cell: Cell, what: string) => {
    if (!ctx.table(cell.table)) return;
    const stated = parseAmount(printed, 'wanyuan');
    if (stated === null) return;
    const value = ctx.value(cell);
    // Against the table's figure as the sentence prints it: 万元 with two decimals.
    const diff = Math.abs(stated - (parseAmount(formatWanyuan(value), 'wanyuan') ?? value));
    if (diff === 0) return;
    const severity = diff <= 10_000 ? 'warning' : 'error';
    out.push({
      rule: 'final.stated-total',
      family: 'narrative',
      severity,
      message: `说明所述${what} ${printed} 万元，但${ctx.describeCell(cell)}为 ${formatWanyuan(value)} 万元${severity === 'warning' ? '（相差 0.01 万元，可能是尾数）' : ''}`,
      location: { section: heading, sentence, table: cell.table, row: cell.row, column: cell.column },
      expected: formatWanyuan(value),
      actual: printed,
      unit: '万元',
    });
  };
  for (const s of ctx.doc.narrative.sections) {
    const heading = s.heading.replace(/\s+/g, '');
    const text = s.paragraphs.map((p) => p.text).join('').replace(/\s+/g, '');
    for (const st of STATED) {
      if (!st.section.test(heading)) continue;
      const m = st.sentence.exec(text);
      if (m) compare(s.heading, m[0], m[1]!.replace(/,/g, ''), st.cell, st.what);
    }
    if (/一般公共预算财政拨款支出决算结构情况/.test(heading)) {
      for (const m of text.matchAll(CLASS)) {
        const code = ctx.catalogs.classByName('function', m[1]!, ctx.doc.meta.year);
        if (code) compare(s.heading, m[0], m[2]!.replace(/,/g, ''), at('general-function', code, 'total'), `${m[1]}（类）`);
      }
    }
  }
  return out;
}
