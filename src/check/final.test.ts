import { describe, expect, it } from 'vitest';
import { generateDocument } from '../synth/generate.js';
import { generateFinal } from '../synth/final.js';
import { builtinCatalogs } from '../catalogs/builtin.js';
import { budgetDocumentSchema, type BudgetDocument } from '../model/document.js';
import { rateHundredths } from '../model/money.js';
import { checkDocument } from './engine.js';
import { statedExecutions } from './final.js';

const catalogs = builtinCatalogs();
const pair = (seed: number, scope: 'department' | 'unit' = 'department') => {
  const budget = generateDocument({ seed, scope, year: 2022 + (seed % 4), catalogs });
  return { budget, final: generateFinal({ budget, seed: seed * 7 + 1, catalogs }) };
};
const clone = (d: BudgetDocument): BudgetDocument => structuredClone(d);
const serious = (doc: BudgetDocument, budget?: BudgetDocument) => checkDocument(doc, { catalogs, ...(budget ? { budget } : {}) }).filter((f) => f.severity !== 'info');
const rules = (doc: BudgetDocument, budget?: BudgetDocument) => new Set(serious(doc, budget).map((f) => f.rule));

/** The first seed whose generated pair satisfies `ok`. */
function find(ok: (p: ReturnType<typeof pair>) => boolean): ReturnType<typeof pair> {
  for (let seed = 1; seed < 400; seed++) {
    const p = pair(seed);
    if (ok(p)) return p;
  }
  throw new Error('no seed found');
}

describe('完成率 arithmetic', () => {
  it('recomputes the real 2024 社会工作部 决算 figures (hand-read from the PDF)', () => {
    expect(rateHundredths(5_132_0000, 5_200_0000)).toBe(9869); // 51.32 / 52.00 → 98.69%
    expect(rateHundredths(222_0000, 223_0000)).toBe(9955); // 2.22 / 2.23 → 99.55%
    expect(rateHundredths(1_770_0000, 1_812_0000)).toBe(9768); // 17.70 / 18.12 → 97.68%
    expect(rateHundredths(30_782_0000, 32_102_0000)).toBe(9589); // 307.82 / 321.02 → 95.89%
    expect(rateHundredths(1, 0)).toBeUndefined();
  });
});

describe('the real 社会工作部 2024 决算 sentences', () => {
  // Copied from sh-putuo-socialwork-2024-dept-final.pdf (五、(三)), line breaks as printed.
  const paragraphs = [
    '一般公共预算财政拨款支出年初预算为 0 万元，全年预算为 321.02 万元，支出决算为 307.82 万元，完成年初预算的 95.89%。决算数小于预算数的主要原因：人员经费支出数小于预算数。其中：',
    '1、一般公共服务支出（类）社会工作事务（款）行政运行（项）。主要用于：行政单位人员支出、公用支出。全年预算为 52.00 万元，支出决算为 51.32 万元，完成全年预算数的 98.69%。决算数小于全年预算数的主要原因：人员变动引起实际支出低于预算。',
    '3、一般公共服务支出（类）社会工作事务（款）其他社会工作事务支出（项）。主要用于：新建部门开办费、基层政权和社区建设项目支出。全年预算为 202.24 万元，支出决算为 202.24 万元。决算数与全年预算数持平。',
    '5、社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位职业年金缴费支出（项）。主要用于：机关事业单位职业年金支出。全年预算为 5.74 万元，支出决算为 4.64 万元。决算数小于预算数的主要原因：单位 2024 年新成立，人员变动，按实际支出。',
  ];
  const { final } = pair(3);
  const doc: BudgetDocument = { ...clone(final), narrative: { ...final.narrative, sections: [{ heading: '五、一般公共预算财政拨款支出决算情况说明', kind: 'budget-explanation', paragraphs: paragraphs.map((text) => ({ text })) }] } };

  it('reads every stated 预算/决算 pair with its 项 and direction', () => {
    const stated = statedExecutions(doc);
    expect(stated.map((s) => [s.basis, s.budget, s.actual, s.percentText, s.word, s.item?.[2]])).toEqual([
      ['年初预算', 0, 30_782_0000, '95.89', 'less', undefined],
      ['全年预算', 5_200_0000, 5_132_0000, '98.69', 'less', '行政运行'],
      ['全年预算', 20_224_0000, 20_224_0000, undefined, 'flat', '其他社会工作事务支出'],
      ['全年预算', 574_0000, 464_0000, undefined, 'less', '机关事业单位职业年金缴费支出'],
    ]);
  });

  it('flags only the 完成率 stated against a 年初预算 of 0', () => {
    const found = checkDocument(doc, { catalogs }).filter((f) => f.rule.startsWith('final.completion') || f.rule === 'final.direction');
    expect(found.map((f) => [f.rule, f.location.sentence?.slice(0, 12)])).toEqual([['final.completion-rate', '年初预算为0万元，全年预']]);
  });
});

describe('generated 决算', () => {
  it('are valid documents and pass the checker clean, with and without --budget', () => {
    for (let seed = 1; seed <= 24; seed++) {
      const { budget, final } = pair(seed, seed % 3 === 0 ? 'unit' : 'department');
      expect(() => budgetDocumentSchema.parse(JSON.parse(JSON.stringify(final)))).not.toThrow();
      expect(final.meta.kind).toBe('final');
      expect(serious(final), `seed ${seed}`).toEqual([]);
      expect(serious(final, budget), `seed ${seed} --budget`).toEqual([]);
    }
  });

  it('state a 完成率 for every 项 of the 一般公共预算 table, deviating from the budget somewhere', () => {
    const { budget, final } = pair(5);
    const items = final.tables.find((t) => t.id === 'general-function')!.rows.filter((r) => r.code?.length === 7);
    const stated = statedExecutions(final).filter((s) => s.item && s.section.startsWith('五'));
    expect(stated).toHaveLength(items.length);
    const budgeted = budget.tables.find((t) => t.id === 'general-function')!;
    expect(items.some((r) => r.cells.total !== budgeted.rows.find((b) => b.code === r.code)?.cells.total)).toBe(true);
  });

  it('report execution per 类 with --budget (info)', () => {
    const { budget, final } = pair(6);
    const info = checkDocument(final, { catalogs, budget }).filter((f) => f.rule === 'final.execution');
    const classes = final.tables.find((t) => t.id === 'general-function')!.rows.filter((r) => r.code?.length === 3);
    expect(info.length).toBe(new Set([...classes.map((r) => r.code), ...budget.tables.find((t) => t.id === 'general-function')!.rows.filter((r) => r.code?.length === 3).map((r) => r.code)]).size);
    expect(info[0]!.message).toMatch(/执行率 \d+\.\d{2}%|预算为 0/);
  });
});

describe('a generated 决算 carrying a defect is found by the right rule; its clean twin finds nothing', () => {
  it('broken 年初 + 收入 − 支出 = 年末 in a 政府性基金 项', () => {
    const { final } = find((p) => (p.final.tables.find((t) => t.id === 'fund-function')?.rows.length ?? 0) > 1);
    expect(rules(final)).not.toContain('arithmetic.final.balance');
    const bad = clone(final);
    const row = bad.tables.find((t) => t.id === 'fund-function')!.rows.find((r) => r.code?.length === 7)!;
    row.cells.closing = (row.cells.closing ?? 0) + 12_345_00;
    const found = serious(bad).filter((f) => f.rule === 'arithmetic.final.balance');
    expect(found).toHaveLength(1);
    expect(found[0]!.location.row).toBe(row.code);
    expect(found[0]!.message).toContain('相差 12,345.00 元');
  });

  it('wrong 完成率', () => {
    const { final } = pair(8);
    const bad = clone(final);
    const para = bad.narrative.sections.find((s) => s.heading.startsWith('五'))!.paragraphs.find((p) => /（项）.*完成年初预算的/.test(p.text))!;
    const m = /完成年初预算的(\d+\.\d{2})%/.exec(para.text)!;
    para.text = para.text.replace(m[0], `完成年初预算的${(Number(m[1]) + 3).toFixed(2)}%`);
    expect(rules(final)).not.toContain('final.completion-rate');
    expect([...rules(bad)]).toEqual(['final.completion-rate']);
  });

  it('a stated total not the table’s (人员经费 in 六; 本年支出合计 in 三 off by 0.01 万元: a warning)', () => {
    const { final } = pair(8);
    const bad = clone(final);
    const para = bad.narrative.sections.find((s) => s.heading.startsWith('六'))!.paragraphs[0]!;
    const m = /人员经费(\d+\.\d{2})万元/.exec(para.text)!;
    para.text = para.text.replace(m[0], `人员经费${(Number(m[1]) + 1).toFixed(2)}万元`);
    const spent = bad.narrative.sections.find((s) => s.heading.startsWith('三'))!.paragraphs[0]!;
    const n = /本年支出合计(\d+\.\d{2})万元/.exec(spent.text)!;
    spent.text = spent.text.replace(n[0], `本年支出合计${(Number(n[1]) + 0.01).toFixed(2)}万元`);
    expect(rules(final)).not.toContain('final.stated-total');
    const found = serious(bad).filter((f) => f.rule === 'final.stated-total');
    expect(found.map((f) => [f.severity, f.location.table, f.location.column])).toEqual([
      ['error', 'general-basic-economic', 'personnel'],
      ['warning', 'expenditure', 'total'],
    ]);
    expect([...rules(bad)]).toEqual(['final.stated-total']);
  });

  it('wrong direction word', () => {
    const { final } = find((p) => p.final.narrative.sections.some((s) => s.paragraphs.some((x) => /（项）.*决算数小于预算数/.test(x.text))));
    const bad = clone(final);
    const para = bad.narrative.sections.flatMap((s) => s.paragraphs).find((p) => /（项）.*决算数小于预算数/.test(p.text))!;
    para.text = para.text.replace('决算数小于预算数', '决算数大于预算数');
    expect(rules(final)).not.toContain('final.direction');
    expect([...rules(bad)]).toEqual(['final.direction']);
  });

  it('“三公” 预算数 not the budget’s (check --budget)', () => {
    const { budget, final } = find((p) => (p.final.tables.find((t) => t.id === 'three-public')!.rows[0]!.cells.reception ?? 0) > 0);
    expect(rules(final, budget)).not.toContain('final.budget-three-public');
    const bad = clone(final);
    const b = bad.tables.find((t) => t.id === 'three-public')!.rows.find((r) => r.key === 'budget')!;
    b.cells.reception! += 1_000_000; // +1.00 万元, total too: the table itself still adds up
    b.cells.total! += 1_000_000;
    const found = serious(bad, budget).filter((f) => f.rule === 'final.budget-three-public');
    expect(found.map((f) => f.location.column).sort()).toEqual(['reception', 'total']);
    expect(rules(bad)).not.toContain('final.budget-three-public'); // without --budget there is nothing to compare with
    expect(rules(bad)).not.toContain('arithmetic.row-total');
  });

  it('“三公” 决算数 below its 预算数 with no reason stated', () => {
    const { final } = find((p) => {
      const rows = p.final.tables.find((t) => t.id === 'three-public')!.rows;
      return (rows[0]!.cells.total ?? 0) > (rows[1]!.cells.total ?? 0);
    });
    const bad = clone(final);
    const para = bad.narrative.sections.find((s) => s.heading.includes('三公'))!.paragraphs[0]!;
    expect(para.text).toContain('决算数小于预算数的主要原因');
    para.text = para.text.replace(/\d{4}年度“三公”经费支出决算数小于预算数的主要原因：[^。]*。/, '');
    expect(rules(final)).not.toContain('final.three-public-reason');
    expect([...rules(bad)]).toEqual(['final.three-public-reason']);
  });

  it('a 项 whose 决算 differs from its 预算 with no reason stated', () => {
    const { final } = find((p) => p.final.narrative.sections.some((s) => s.paragraphs.some((x) => /（项）.*决算数小于预算数的主要原因/.test(x.text))));
    const bad = clone(final);
    const para = bad.narrative.sections.flatMap((s) => s.paragraphs).find((p) => /（项）.*决算数小于预算数的主要原因/.test(p.text))!;
    para.text = para.text.replace(/决算数小于预算数的主要原因：[^。]*。/, '');
    expect(rules(final)).not.toContain('final.reason-missing');
    expect([...rules(bad)]).toEqual(['final.reason-missing']);
  });

  it('a missing 决算 table and a missing part', () => {
    const { final } = pair(9);
    const bad = clone(final);
    bad.tables = bad.tables.filter((t) => t.id !== 'three-public');
    bad.narrative.sections = bad.narrative.sections.filter((s) => !s.heading.includes('绩效'));
    const found = serious(bad).filter((f) => f.family === 'completeness').map((f) => f.rule);
    expect(found.sort()).toEqual(['final.completeness.part', 'final.completeness.table']);
  });
});

describe('the synthetic city with 决算', () => {
  it('gives each department a 决算 for its past years that checks clean against that year’s budget', async () => {
    const { generateCity } = await import('../synth/city.js');
    const docs = [...generateCity({ seed: 4, entities: 6, years: 2, firstYear: 2024, finalsBefore: 2025, catalogs })];
    const finals = docs.filter((d) => d.doc.meta.kind === 'final');
    const budgets = docs.filter((d) => d.doc.meta.kind === 'budget' && d.doc.meta.scope === 'department');
    expect(finals.length).toBe(budgets.filter((d) => d.doc.meta.year === 2024).length);
    expect(finals.length).toBeGreaterThan(0);
    for (const f of finals) {
      expect(f.doc.meta.year).toBe(2024);
      const budget = budgets.find((b) => b.doc.meta.year === 2024 && b.doc.meta.entity.name === f.doc.meta.entity.name)!.doc;
      expect(serious(f.doc, budget), f.path).toEqual([]);
    }
  });
});

describe('决算 keys in a budget', () => {
  it('are refused where a document comes in, with the key named; the 决算 itself parses', () => {
    const { budget, final } = pair(2);
    expect(budgetDocumentSchema.safeParse(final).success).toBe(true);
    const bad = clone(budget);
    bad.tables.find((t) => t.id === 'three-public')!.rows.push({ key: 'final', cells: {} });
    const result = budgetDocumentSchema.safeParse(bad);
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.message).toContain('“final”只用于决算');
  });
});
