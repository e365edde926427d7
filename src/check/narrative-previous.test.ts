/**
 * Changes stated with the figure they are against, in the corpus's sentences: the two figures'
 * difference must be the change stated, in direction, amount and percentage. Last year's figures
 * (a comparison's basis, a 执行数) are never compared with this year's tables.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { builtinCatalogs } from '../catalogs/builtin.js';
import { readDocument } from '../read/index.js';
import { figuresOfSections } from '../read/narrative/figures.js';
import type { BudgetDocument } from '../model/document.js';
import { checkDocument } from './engine.js';

const catalogs = builtinCatalogs();
const seed = readDocument(new Uint8Array(readFileSync(new URL('../../examples/000_29c3f64a6006ec81.txt', import.meta.url))), { fileName: '000.txt', catalogs });

/** The seed's tables with a narrative of the given paragraphs only. */
function withNarrative(kind: 'budget-explanation' | 'other-info', ...paragraphs: string[]): BudgetDocument {
  const doc = structuredClone(seed);
  doc.narrative.sections = [{ heading: '四、部门预算编制说明', kind, paragraphs: paragraphs.map((text, i) => ({ text, line: i + 1 })) }];
  Object.assign(doc.narrative, figuresOfSections(doc.narrative.sections), { projects: [] });
  return doc;
}

function findings(doc: BudgetDocument, rule: string) {
  return checkDocument(doc, { catalogs }).filter((f) => f.rule === rule);
}

const ITEM = '“公共安全支出（类）司法（款）公共法律服务（项）”';

describe('narrative.change-previous', () => {
  it('accepts the figures as printed (普陀区万里街道 2024, item 7: 15.00 → 30.00 is 增加100.00%)', () => {
    const doc = withNarrative('budget-explanation', `7. ${ITEM}30.00万元，主要用于公共法律服务。2023年当年预算执行数为15.00万元，2024年预算安排30.00万元，比2023年预算执行数增加100.00%。`);
    expect(findings(doc, 'narrative.change-previous')).toEqual([]);
  });

  it('finds a percentage that is not the change over the stated 执行数', () => {
    // 45.41 → 42.60 is 减少 6.19 %; printed 61.9 %.
    const doc = withNarrative('budget-explanation', `2. ${ITEM}42.60万元，主要用于群众团体事务。2023年当年预算执行数为45.41万元，2024年预算安排42.60万元，比2023年预算执行数减少61.9%。`);
    const got = findings(doc, 'narrative.change-previous');
    expect(got.map((f) => [f.expected, f.actual])).toEqual([['6.2', '61.9']]);
  });

  it('finds a direction word that contradicts the two figures', () => {
    const doc = withNarrative('budget-explanation', `2. ${ITEM}42.60万元，主要用于群众团体事务。2023年当年预算执行数为45.41万元，2024年预算安排42.60万元，比2023年预算执行数增加6.19%。`);
    expect(findings(doc, 'narrative.change-previous').map((f) => [f.expected, f.actual])).toEqual([['减少', '增加']]);
  });

  it('finds a change amount that is not the difference of the two figures (北京 form)', () => {
    const ok = withNarrative('other-info', '2026 年度收入预算 9626.78 万元，比 2025 年年初预算数 9819.98 万元减少 193.20 万元，下降 1.97%。');
    expect(findings(ok, 'narrative.change-previous')).toEqual([]);
    const wrong = withNarrative('other-info', '2026 年度收入预算 9626.78 万元，比 2025 年年初预算数 9819.98 万元减少 139.20 万元，下降 1.97%。');
    expect(findings(wrong, 'narrative.change-previous').map((f) => [f.expected, f.actual])).toEqual([['193.20', '139.20']]);
  });
});

describe('last year\'s figures are not this year\'s', () => {
  it('compares the 收入预算 with the table, not the 上年 figure inside its comparison', () => {
    // Seed 000's 收入预算总额 is 25,780.13万元 (its own 预算编制说明); 9819.98 is "last year's" here.
    const doc = withNarrative('other-info', '2025 年度收入预算 25780.13 万元，比 2024 年年初预算数 9819.98 万元增加 15960.15 万元。');
    expect(doc.narrative.amounts.map((a) => [a.subject, a.amount, a.kind ?? 'budget'])).toEqual([
      ['income.total', 25_780_130_000, 'budget'],
      ['income.total', 9_819_980_000, 'previous'],
    ]);
    expect(findings(doc, 'narrative.amount')).toEqual([]);
    expect(findings(doc, 'narrative.restated')).toEqual([]);
  });
});

describe('a 科目 explained by all its spending (苏州) or by its 财政拨款 (上海)', () => {
  // Seed 000's 2080501 行政单位离退休 is 22.36万元, all 财政拨款; here its 支出总表 row is given 10万元 of other funds.
  function withOtherFunds(sentence: string): BudgetDocument {
    const doc = withNarrative('budget-explanation', sentence);
    const row = doc.tables.find((t) => t.id === 'expenditure')!.rows.find((r) => r.code === '2080501')!;
    row.cells.total = row.cells.total! + 10_000_000;
    row.cells.basic = row.cells.basic! + 10_000_000;
    return doc;
  }
  it('accepts either figure and reports a third against the 财政拨款', () => {
    expect(findings(withOtherFunds('2. “行政单位离退休”科目22.36万元，主要用于离退休经费。'), 'narrative.item-amount')).toEqual([]);
    expect(findings(withOtherFunds('2. “行政单位离退休”科目32.36万元，主要用于离退休经费。'), 'narrative.item-amount')).toEqual([]);
    const wrong = findings(withOtherFunds('2. “行政单位离退休”科目42.36万元，主要用于离退休经费。'), 'narrative.item-amount');
    expect(wrong.map((f) => [f.expected, f.actual])).toEqual([['22.36', '42.36']]);
    expect(wrong[0]!.message).toContain('财政拨款');
  });
});
