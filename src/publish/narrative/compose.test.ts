/**
 * The generated narrative: its sentences for the seeds written out by hand from the tables,
 * changes and percentages worked by hand, and — over generated documents — that what it states
 * is what the tables say (the checker finds nothing in it) and the reader reads it back.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { builtinCatalogs } from '../../catalogs/builtin.js';
import { checkDocument } from '../../check/engine.js';
import { figuresOfSections } from '../../read/narrative/figures.js';
import { generateDocument } from '../../synth/generate.js';
import type { BudgetDocument } from '../../model/document.js';
import { changeText, composeNarrative } from './compose.js';
import { exampleBytes, importBytes, SEED_000, SEED_003 } from '../../../test/helpers.js';

const catalogs = builtinCatalogs();
const text = (doc: BudgetDocument, opts = {}) => composeNarrative(doc, opts).flatMap((s) => [s.heading, ...s.paragraphs.map((p) => p.text)]);

describe('changes', () => {
  it('are worded and rounded half-up from 分', () => {
    // 12,345,600 − 10,000,000 分 = 2.3456 万元 → 2.35; 2,345,600 / 10,000,000 = 23.456% → 23.46%
    expect(changeText(12_345_600, 10_000_000, 2025, true)).toBe('，比2024年预算增加2.35万元，增长23.46%');
    expect(changeText(10_000_000, 12_345_600, 2025, true)).toBe('，比2024年预算减少2.35万元，下降19.00%');
    // A change under 0.005 万元 (50 元) shows as 持平.
    expect(changeText(10_004_999, 10_000_000, 2025, true)).toBe('，与2024年预算持平');
    expect(changeText(10_005_000, 10_000_000, 2025, true)).toBe('，比2024年预算增加0.01万元，增长0.05%');
    expect(changeText(5_000_000, 0, 2025, true)).toBe('，比2024年预算增加5.00万元');
    expect(changeText(5_000_000, undefined, 2025, true)).toBe('');
  });
});

describe('seed 000 (闵行区医疗保障局)', () => {
  const doc = importBytes(exampleBytes(SEED_000), SEED_000);
  const lines = text(doc);

  it('states totals, sources and funds from the tables', () => {
    // Without last year's file, the changes the seed itself states ("比2024年预算增加7889.43万元", "与2024年预算持平").
    expect(lines).toContain('2025年，上海市闵行区医疗保障局收入预算25780.13万元，其中：财政拨款收入25780.13万元，比2024年预算增加7889.43万元；事业收入0万元；事业单位经营收入0万元；其他收入0万元。');
    expect(lines).toContain('支出预算25780.13万元，其中：财政拨款支出预算25780.13万元，比2024年预算增加7889.43万元。财政拨款支出预算中，一般公共预算拨款支出预算25780.13万元，比2024年预算增加7889.43万元；政府性基金拨款支出预算0万元，与2024年预算持平；国有资本经营预算拨款支出预算0万元，与2024年预算持平。');
    // The reason is the preparer's to write: a marked placeholder.
    expect(lines).toContain('财政拨款收入增加的主要原因是【待填写：财政拨款收入增加的主要原因】。');
  });

  it('explains every 项 with 财政拨款 in code order, rounding half-up where the document truncated', () => {
    const items = lines.filter((l) => /^\d+\. “/.test(l));
    expect(items).toHaveLength(15);
    // 8,331,275 元 → 833.1275 万元 → 833.13 (the document printed 833.12)
    expect(items[0]).toBe('1. “社会保险经办机构”科目833.13万元，主要用于社会保险经办机构开展业务工作的支出。');
    expect(items[6]).toBe('7. “城乡医疗救助”科目2242.75万元，主要用于反映财政用于城乡困难群众医疗救助的支出。');
    expect(items[14]).toBe('15. “购房补贴”科目168.96万元，主要用于按房改政策规定为行政事业单位职工发放的购买住房的补贴支出。');
  });

  it('states “三公”, 机关运行经费, 政府采购 and 绩效目标', () => {
    expect(lines).toContain('2025年“三公”经费预算数为1.00万元，与2024年预算持平。其中：');
    expect(lines).toContain('（三）公务接待费1.00万元，与2024年预算持平。');
    expect(lines).toContain('2025年上海市闵行区医疗保障局机关运行经费预算为184.19万元。');
    expect(lines).toContain('2025年本部门政府采购预算30.00万元，其中：政府采购货物预算0.00万元、政府采购工程预算0.00万元、政府采购服务预算30.00万元。');
    // 240,621,219 元 项目支出 → 24062.12 万元; 21 projects as the document states
    expect(lines).toContain('2025年度，本部门编报绩效目标的项目共21个，涉及项目预算资金24062.12万元。');
    expect(lines).toContain('五、国有资产占用情况');
  });

  it('gives each figure its change on last year’s document', () => {
    const prior = structuredClone(doc);
    prior.meta.year = 2024;
    const fiscal = prior.tables.find((t) => t.id === 'summary')!.rows.find((r) => r.key === 'income.fiscal')!;
    fiscal.cells.amount = 178_907_000_00; // 17890.70 万元 → +7889.43 万元 (+44.10%)
    const withPrior = text(doc, { prior });
    expect(withPrior[1]).toContain('财政拨款收入25780.13万元，比2024年预算增加7889.43万元，增长44.10%；');
    expect(withPrior).toContain('（三）公务接待费1.00万元，与2024年预算持平。');
  });
});

describe('seed 003 (松江区医疗保险事务中心)', () => {
  const doc = importBytes(exampleBytes(SEED_003), SEED_003);
  const lines = text(doc);

  it('states what the tables say where the document’s text does not', () => {
    // 60,706,322.53 元 → 6070.63; 财政拨款 60,676,322.53 → 6067.63 (the document says 6070.63 for 一般公共预算)
    // The changes are the seed's own words (its "增加/减少23%" left unfilled is not repeated).
    expect(lines[1]).toBe('2025年，上海市松江区医疗保险事务中心收入预算6070.63万元，比上年减少1853.7万元，其中：财政拨款收入6067.63万元，比2024年预算减少1842.35万元；事业收入0万元；事业单位经营收入0万元；其他收入3.00万元，比2024年度预算减少14.05万元。');
    expect(lines[2]).toContain('一般公共预算拨款支出预算6067.63万元');
    // The “三公” table has 93.47 万元 of 机关运行经费 where the document says there is none.
    expect(lines).toContain('2025年上海市松江区医疗保险事务中心机关运行经费预算为93.47万元。');
    // 其他医疗救助支出: the document's own explanation, found under its shorter name.
    expect(lines).toContain('8. “其他医疗救助支出”科目2467.00万元，主要用于辖区内参加互助帮困计划的人员医疗费补助和补贴。');
  });

  it('leaves out 国有资产, which the document does not state', () => {
    expect(lines.some((l) => l.includes('国有资产'))).toBe(false);
  });
});

describe('purposes a preparer can use', () => {
  const doc = importBytes(exampleBytes(SEED_000), SEED_000);
  const items = text(doc).filter((l) => /^\d+\. “/.test(l));

  it('never copies what check flags in the source (職業, 安排的安排的, "and")', () => {
    // The seed: "由单位实际缴纳的職業年金支出", "财政部门集中安排的安排的公务员医疗补助经费", "运行维护 and 数据分析".
    expect(items[3]).toBe('4. “机关事业单位职业年金缴费支出”科目53.11万元，主要用于机关事业单位实施养老保险制度由单位实际缴纳的职业年金支出。');
    expect(items[5]).toBe('6. “公务员医疗补助”科目44.05万元，主要用于财政部门集中安排的公务员医疗补助经费。');
    expect(items.join('\n')).not.toMatch(/[A-Za-z]{2,}|職業|安排的安排的/);
  });

  it('never says "主要用于X方面的支出" of 科目 X; a purpose it cannot know is a marked placeholder', () => {
    for (const l of items) {
      const name = /“([^”]+)”科目/.exec(l)![1]!;
      expect(l).not.toContain(`主要用于${name}方面的支出`);
    }
    expect(items[10]).toBe('11. “信息化建设”科目38.77万元，为项目支出，具体用途【待填写：“信息化建设”项目支出的具体用途】。');
  });
});

describe('generated narrative of generated documents', () => {
  it('states only what the tables say, and the reader reads back every figure', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.constantFrom<'unit' | 'department'>('unit', 'department'), (seed, scope) => {
        const doc = generateDocument({ seed, scope });
        const sections = composeNarrative(doc);
        const figures = figuresOfSections(sections);
        const own = doc.narrative.sections.filter((s) => !['budget-explanation', 'other-info', 'three-public', 'office-operation', 'procurement', 'performance', 'assets'].includes(s.kind));
        const replaced: BudgetDocument = { ...doc, narrative: { ...doc.narrative, sections: [...own, ...sections], ...figures } };
        const findings = checkDocument(replaced, { catalogs }).filter((f) => f.family === 'narrative' && f.severity !== 'info');
        expect(findings.map((f) => f.message)).toEqual([]);
        const items = figures.amounts.filter((a) => a.subject === 'item');
        expect(items.length).toBe(sections[0]!.paragraphs.filter((p) => /^\d+\. “/.test(p.text)).length);
      }),
      { numRuns: 300 },
    );
  });
});
