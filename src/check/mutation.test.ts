/**
 * Mutation tests: one planted error of each family, in generated documents (written as text and
 * read back, so the importer sees what a reader of a real document would) and in copies of the
 * seeds; each must be found by the right rule at the right place.
 */
import { describe, expect, it } from 'vitest';
import { generateDocument } from '../synth/generate.js';
import { writeMarkdownText } from '../publish/text/markdown.js';
import { readDocument } from '../read/index.js';
import { builtinCatalogs } from '../catalogs/builtin.js';
import { checkDocument } from './engine.js';
import type { Finding } from './finding.js';
import { plantAll, type Planted } from '../../test/mutations.js';
import { SEED_000, SEED_003, exampleText, importText } from '../../test/helpers.js';

const catalogs = builtinCatalogs();

function found(findings: Finding[], p: Pick<Planted, 'rule' | 'where'>): boolean {
  return findings.some(
    (f) =>
      f.rule.startsWith(p.rule) &&
      (!p.where.table || f.location.table === p.where.table) &&
      (!p.where.row || f.location.row === p.where.row) &&
      (!p.where.sentence || (f.location.sentence ?? '').includes(p.where.sentence)),
  );
}

describe('planted errors in generated documents', () => {
  it('are each found by the right rule at the right place (60 documents × 7 families)', () => {
    const missed: string[] = [];
    for (let seed = 1; seed <= 60; seed++) {
      for (const p of plantAll(generateDocument({ seed }), seed)) {
        const text = writeMarkdownText(p.doc);
        const doc = readDocument(new TextEncoder().encode(text), { catalogs, requireAllTables: false });
        if (!found(checkDocument(doc, { catalogs }), p)) missed.push(`seed ${seed} ${p.family} ${p.rule} ${JSON.stringify(p.where)}`);
      }
    }
    expect(missed).toEqual([]);
  });
});

/** Hand-made edits of the seeds: the original text, what to change, and what must be found. */
const SEED_MUTATIONS: { seed: string; family: string; from: string; to: string; rule: string; where: Planted['where'] }[] = [
  { seed: SEED_000, family: 'arithmetic', from: '| 210 | 15 | 04 | 信息化建设 | 387,700 | 0.00 | 387,700 |', to: '| 210 | 15 | 04 | 信息化建设 | 387,700 | 0.00 | 388,700 |', rule: 'arithmetic.row-total', where: { table: 'expenditure', row: '2101504' } },
  { seed: SEED_000, family: 'cross-table', from: '| 二、政府性基金 | 0.00 | 二、卫生健康支出 | 244,650,650 |', to: '| 二、政府性基金 | 0.00 | 二、卫生健康支出 | 244,650,750 |', rule: 'cross-table.fiscal-income', where: { table: 'fiscal', row: 'expenditure.210' } },
  { seed: SEED_000, family: 'catalog', from: '| 210 | 15 | 06 | 医疗保障经办事务 | 4,642,859 | 4,642,859 |', to: '| 210 | 15 | 06 | 医疗保障经办业务 | 4,642,859 | 4,642,859 |', rule: 'catalog.name-mismatch', where: { table: 'income', row: '2101506' } },
  { seed: SEED_000, family: 'narrative', from: '“行政运行”科目291.94万元', to: '“行政运行”科目292.94万元', rule: 'narrative.item-amount', where: { sentence: '292.94万元' } },
  { seed: SEED_000, family: 'year-on-year', from: '一般公共预算拨款支出预算25780.13万元，比2024年预算增加7889.43万元', to: '一般公共预算拨款支出预算25780.13万元，比2024年预算减少7889.43万元', rule: 'year-on-year.consistency', where: {} },
  { seed: SEED_000, family: 'text', from: '是主管本区医疗保障工作的区政府工作部门。', to: '是主管本区医疗保障工作的××部门。', rule: 'text.template-residue', where: { sentence: '××' } },
  { seed: SEED_003, family: 'arithmetic', from: '302 09 物业管理费 222,300.00 222,300.00', to: '302 09 物业管理费 222,300.00 222,300.00 100.00', rule: 'arithmetic.row-total', where: { table: 'general-basic-economic', row: '30209' } },
  { seed: SEED_003, family: 'cross-table', from: '十七、住房保障支出 2,336,800.00 2,336,800.00\n\n十八、粮油物资储备支出\n\n十九、灾害防治及应急管理支出\n\n二十、预备费\n\n二十一、债务付息支出\n\n二十二、其他支出\n\n收入总计 60,676,322.53', to: '十七、住房保障支出 2,346,800.00 2,346,800.00\n\n十八、粮油物资储备支出\n\n十九、灾害防治及应急管理支出\n\n二十、预备费\n\n二十一、债务付息支出\n\n二十二、其他支出\n\n收入总计 60,676,322.53', rule: 'cross-table.fiscal-function', where: { table: 'fiscal', row: 'expenditure.221' } },
  { seed: SEED_003, family: 'catalog', from: '302 26 劳务费 28,000.00 28,000.00', to: '302 26 劳务费用 28,000.00 28,000.00', rule: 'catalog.name-mismatch', where: { table: 'general-basic-economic', row: '30226' } },
  { seed: SEED_003, family: 'completeness', from: '2025年预算单位政府性基金预算支出功能分类预算表', to: '2025年预算单位政府性基金预算支出功能分类情况', rule: 'completeness.table', where: { table: 'fund-function' } },
  { seed: SEED_003, family: 'narrative', from: '“行政运行”科目743.24万元', to: '“行政运行”科目734.24万元', rule: 'narrative.item-amount', where: { sentence: '734.24万元' } },
  { seed: SEED_003, family: 'year-on-year', from: '（三）公务接待费0.2万元。比2024年预算持平。', to: '（三）公务接待费0.20万元。比2024年预算增加0.10万元，增长30.00%。', rule: 'year-on-year.percent', where: { sentence: '增长30.00%' } },
  { seed: SEED_003, family: 'text', from: '负责医疗保险业务档案管理事务；', to: '负责医疗保险业务业务档案管理事务；', rule: 'text.duplicate-words', where: { sentence: '业务业务' } },
];

describe('planted errors in copies of the seeds', () => {
  for (const m of SEED_MUTATIONS.filter((x) => x.rule)) {
    it(`${m.seed.slice(0, 3)} ${m.family}: ${m.rule}`, () => {
      const original = exampleText(m.seed);
      expect(original).toContain(m.from);
      const doc = importText(original.replace(m.from, m.to), m.seed, false);
      const findings = checkDocument(doc, { catalogs });
      expect(found(findings, m), findings.map((f) => f.rule + ' ' + f.message).join('\n')).toBe(true);
    });
  }

  it('a table dropped from a seed is reported missing', () => {
    const t = exampleText(SEED_000);
    const start = t.lastIndexOf('2025年部门国有资本经营预算支出功能分类预算表');
    const end = t.lastIndexOf('2025年部门一般公共预算基本支出部门预算经济分类预算表');
    const findings = checkDocument(importText(t.slice(0, start) + t.slice(end), SEED_000, false), { catalogs });
    expect(findings.some((f) => f.rule === 'completeness.table' && f.location.table === 'soe-function' && f.severity === 'error')).toBe(true);
  });
});
