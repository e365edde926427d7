/**
 * Charts of the two seed documents: which charts exist, that each is a well-formed SVG carrying
 * the Chinese labels and the figures in 万元 worked out by hand from the documents, that labels
 * have no white outline (svg-to-pdfkit would paint them white), and that output is deterministic.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { builtinCatalogs } from '../../catalogs/builtin.js';
import type { BudgetDocument, StatedAmount } from '../../model/document.js';
import { readDocument } from '../../read/index.js';
import { CHART_FONT_FAMILY, documentCharts, type Chart } from './charts.js';

function seed(name: string): BudgetDocument {
  const bytes = new Uint8Array(readFileSync(new URL(`../../../examples/${name}`, import.meta.url)));
  return readDocument(bytes, { fileName: name, catalogs: builtinCatalogs() });
}

const DOC_000 = seed('000_29c3f64a6006ec81.txt');
const DOC_003 = seed('003_91fd8cb34c22987a.txt');
const CHARTS_000 = documentCharts(DOC_000);
const CHARTS_003 = documentCharts(DOC_003);

const ALL_IDS = ['income-sources', 'expenditure-function', 'expenditure-basic-project', 'general-basic-economic', 'three-public'];

function chart(charts: Chart[], id: string): Chart {
  const c = charts.find((x) => x.id === id);
  if (!c) throw new Error(`no chart ${id}`);
  return c;
}

/** The text content of every <text> element, in document order (entities decoded). */
function texts(svg: string): string[] {
  return [...svg.matchAll(/<text\b[^>]*>([^<]*)<\/text>/g)].map((m) =>
    m[1]!.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&'),
  );
}

/** Value and category labels only: axis ticks and the unit subtitle are drawn in grey (#666). */
function labels(svg: string): string[] {
  return [...svg.matchAll(/<text\b([^>]*)>([^<]*)<\/text>/g)].filter((m) => !m[1]!.includes('fill="#666"')).map((m) => m[2]!);
}

/** A small well-formedness check: every tag's attributes are name="value" pairs, and tags nest. */
function wellFormed(svg: string): string | undefined {
  const body = svg.replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, '');
  const stack: string[] = [];
  const tag = /<(\/?)([A-Za-z][\w:.-]*)((?:\s+[\w:.-]+="[^"<]*")*)\s*(\/?)>/y;
  let i = 0;
  while (i < body.length) {
    const lt = body.indexOf('<', i);
    if (lt < 0) break;
    if (body.slice(i, lt).includes('>')) return `stray ">" before ${lt}`;
    tag.lastIndex = lt;
    const m = tag.exec(body);
    if (!m) return `malformed tag at ${lt}: ${body.slice(lt, lt + 80)}`;
    const [, close, name, , selfClose] = m;
    if (close) {
      if (stack.pop() !== name) return `unbalanced </${name}> at ${lt}`;
    } else if (!selfClose) stack.push(name!);
    i = tag.lastIndex;
  }
  return stack.length === 0 ? undefined : `unclosed <${stack.join('><')}>`;
}

describe.each([
  ['000', CHARTS_000],
  ['003', CHARTS_003],
])('charts of %s', (_name, charts) => {
  it('has every chart, in order, with Chinese titles', () => {
    expect(charts.map((c) => c.id)).toEqual(ALL_IDS);
    for (const c of charts) {
      expect(c.title).toMatch(/[\u4e00-\u9fff]/);
      expect(texts(c.svg)).toContain(c.title);
      expect(texts(c.svg)).toContain('单位：万元');
    }
  });

  it('is well-formed SVG with the CJK font, ids of its own and no label outlines', () => {
    for (const c of charts) {
      expect(c.svg.startsWith('<svg')).toBe(true);
      expect(c.svg.trimEnd().endsWith('</svg>')).toBe(true);
      expect(wellFormed(c.svg)).toBeUndefined();
      expect(c.svg).toContain(`font-family:${CHART_FONT_FAMILY}`);
      expect(c.svg).not.toMatch(/\bzr\d+-/);
      for (const t of c.svg.match(/<text\b[^>]*>/g) ?? []) expect(t).not.toMatch(/\bstroke=/);
      // Figures printed in 万元 with exactly two decimals; no raw 分 or grouped 元 figure.
      for (const t of texts(c.svg)) expect(t).not.toMatch(/\d{1,3},\d{3}/);
    }
  });
});

describe('charts of 000 (闵行区医疗保障局 2025)', () => {
  it('income by source: all 财政拨款, 一般公共预算', () => {
    const c = chart(CHARTS_000, 'income-sources');
    const t = texts(c.svg);
    expect(t).toContain('一般公共预算拨款');
    expect(t).toContain('25780.13 万元（100.0%）');
    expect(t).not.toContain('事业收入');
  });

  it('expenditure by 功能分类 类, largest first', () => {
    const c = chart(CHARTS_000, 'expenditure-function');
    const t = texts(c.svg);
    const names = ['卫生健康支出', '社会保障和就业支出', '住房保障支出'];
    expect(t.filter((x) => names.includes(x))).toEqual(names);
    // 244,650,650 元 → 24465.07 万元; 10,148,231 → 1014.82; 3,002,390 → 300.24 (half-up)
    expect(labels(c.svg).filter((x) => x.endsWith('万元'))).toEqual(['24465.07 万元', '1014.82 万元', '300.24 万元']);
  });

  it('基本支出 and 项目支出 from the 支出预算总表 total row', () => {
    const c = chart(CHARTS_000, 'expenditure-basic-project');
    const t = texts(c.svg);
    // 17,180,052 元 → 1718.01 万元; 240,621,219 元 → 24062.12 万元
    expect(t).toEqual(expect.arrayContaining(['基本支出', '1718.01 万元（6.7%）', '项目支出', '24062.12 万元（93.3%）']));
  });

  it('经济分类 类 of 一般公共预算基本支出', () => {
    const c = chart(CHARTS_000, 'general-basic-economic');
    const t = texts(c.svg);
    expect(t).toEqual(expect.arrayContaining(['工资福利支出', '商品和服务支出', '对个人和家庭的补助', '资本性支出']));
    // 15,112,113 → 1511.21; 1,731,859 → 173.19; 226,080 → 22.61; 110,000 → 11.00
    expect(labels(c.svg).filter((x) => x.endsWith('万元'))).toEqual(['1511.21 万元', '173.19 万元', '22.61 万元', '11.00 万元']);
  });

  it('“三公”: last year equals this year, since the narrative says 持平', () => {
    const c = chart(CHARTS_000, 'three-public');
    const t = texts(c.svg);
    expect(c.title).toBe('“三公”经费预算：2025年与2024年');
    expect(t).toEqual(expect.arrayContaining(['因公出国(境)费', '公务接待费', '公务用车购置费', '公务用车运行费', '2025年预算', '2024年预算']));
    const figures = labels(c.svg).filter((x) => /^\d+\.\d{2}$/.test(x));
    expect(figures).toEqual(['0.00', '1.00', '0.00', '0.00', '0.00', '1.00', '0.00', '0.00']);
    // The two series' bars are drawn alike.
    const bar = (series: number, index: number) => new RegExp(`<path d="[^"]*"[^>]*ecmeta_series_index="${series}" ecmeta_data_index="${index}"`).exec(c.svg)?.[0] ?? '';
    const height = (p: string) => /l0 (-?[\d.]+)/.exec(p)?.[1];
    expect(height(bar(0, 1))).toMatch(/^-\d/);
    expect(height(bar(1, 1))).toBe(height(bar(0, 1)));
  });

  it('is deterministic', () => {
    expect(documentCharts(DOC_000)).toEqual(CHARTS_000);
  });
});

describe('charts of 003 (松江区医疗保险事务中心 2025, flattened PDF text)', () => {
  it('income by source: 一般公共预算 and a sliver of 其他收入', () => {
    const c = chart(CHARTS_003, 'income-sources');
    const t = texts(c.svg);
    // 60,676,322.53 元 → 6067.63 万元; 30,000 元 → 3.00 万元 (0.05%)
    expect(t).toEqual(expect.arrayContaining(['一般公共预算拨款', '6067.63 万元（>99.9%）', '其他收入', '3.00 万元（<0.1%）']));
  });

  it('expenditure by 功能分类 类, names from the rows', () => {
    const c = chart(CHARTS_003, 'expenditure-function');
    const t = texts(c.svg);
    expect(t.filter((x) => x.endsWith('支出'))).toEqual(['卫生健康支出', '住房保障支出', '社会保障和就业支出']);
    // 57,110,922.53 → 5711.09; 2,336,800 → 233.68; 1,258,600 → 125.86
    expect(labels(c.svg).filter((x) => x.endsWith('万元'))).toEqual(['5711.09 万元', '233.68 万元', '125.86 万元']);
  });

  it('基本支出 and 项目支出', () => {
    const c = chart(CHARTS_003, 'expenditure-basic-project');
    const t = texts(c.svg);
    // 11,527,762.53 → 1152.78; 49,178,560 → 4917.86
    expect(t).toEqual(expect.arrayContaining(['1152.78 万元（19.0%）', '4917.86 万元（81.0%）']));
  });

  it('经济分类 类', () => {
    const c = chart(CHARTS_003, 'general-basic-economic');
    const t = texts(c.svg);
    // 10,413,025.60 → 1041.30; 1,011,836.93 → 101.18; 102,900 → 10.29; 310 资本性支出 is empty
    expect(labels(c.svg).filter((x) => x.endsWith('万元'))).toEqual(['1041.30 万元', '101.18 万元', '10.29 万元']);
    expect(t).not.toContain('资本性支出');
  });

  it('“三公”: the narrative states only the 公务用车 subtotal; its 0 makes both parts 0', () => {
    const c = chart(CHARTS_003, 'three-public');
    const t = texts(c.svg);
    expect(t).toContain('2024年预算');
    expect(labels(c.svg).filter((x) => /^\d+\.\d{2}$/.test(x))).toEqual(['0.00', '0.20', '0.00', '0.00', '0.00', '0.20', '0.00', '0.00']);
  });

  it('is deterministic', () => {
    expect(documentCharts(DOC_003)).toEqual(CHARTS_003);
  });
});

describe('last year’s “三公”', () => {
  const reception = (doc: BudgetDocument): StatedAmount => doc.narrative.amounts.find((a) => a.subject === 'three-public.reception')!;

  it('comes from the prior document’s table when given', () => {
    const prior = structuredClone(DOC_000);
    prior.meta.year = 2024;
    prior.tables.find((t) => t.id === 'three-public')!.rows[0]!.cells.reception = 2_345_600; // 2.35 万元 (2.3456)
    const c = chart(documentCharts(DOC_000, prior), 'three-public');
    expect(texts(c.svg)).toContain('2024年预算');
    expect(labels(c.svg).filter((x) => /^\d+\.\d{2}$/.test(x))).toEqual(['0.00', '1.00', '0.00', '0.00', '0.00', '2.35', '0.00', '0.00']);
  });

  it('is this year less the stated change', () => {
    const doc = structuredClone(DOC_000);
    const r = reception(doc);
    r.change = { word: '增加', direction: 'increase', amount: 400_000, amountText: '0.4万元', basis: '2024年预算' };
    for (const a of doc.narrative.amounts) if (a.subject === 'three-public.total') a.change = { ...r.change };
    const c = chart(documentCharts(doc), 'three-public');
    const t = texts(c.svg);
    expect(labels(c.svg).filter((x) => /^\d+\.\d{2}$/.test(x))).toEqual(['0.00', '1.00', '0.00', '0.00', '0.00', '0.60', '0.00', '0.00']);
  });

  it('is left out when the narrative states no change', () => {
    const doc = structuredClone(DOC_000);
    doc.narrative.amounts = doc.narrative.amounts.filter((a) => !a.subject.startsWith('three-public.'));
    const c = chart(documentCharts(doc), 'three-public');
    expect(c.title).toBe('2025年“三公”经费预算');
    expect(texts(c.svg)).not.toContain('2024年预算');
    expect(labels(c.svg).filter((x) => /^\d+\.\d{2}$/.test(x))).toEqual(['0.00', '1.00', '0.00', '0.00']);
  });
});

describe('charts whose data are all zero are skipped', () => {
  it('drops the 经济分类 and “三公” charts when their tables hold only zeros', () => {
    const doc = structuredClone(DOC_000);
    for (const t of doc.tables) {
      if (t.id !== 'general-basic-economic' && t.id !== 'three-public') continue;
      for (const r of t.rows) for (const k of Object.keys(r.cells)) r.cells[k] = 0;
    }
    for (const a of doc.narrative.amounts) if (a.subject.startsWith('three-public.')) a.amount = 0;
    expect(documentCharts(doc).map((c) => c.id)).toEqual(['income-sources', 'expenditure-function', 'expenditure-basic-project']);
  });

  it('gives no chart for a document without tables', () => {
    expect(documentCharts({ ...DOC_000, tables: [] })).toEqual([]);
  });
});

describe('经济分类 类 printed without a name', () => {
  it('are named from the catalog', () => {
    const doc = structuredClone(DOC_000);
    for (const r of doc.tables.find((t) => t.id === 'general-basic-economic')!.rows) if (r.code?.length === 3) delete r.label;
    const t = texts(chart(documentCharts(doc), 'general-basic-economic').svg);
    expect(t).toEqual(expect.arrayContaining(['工资福利支出', '商品和服务支出', '对个人和家庭的补助', '资本性支出']));
  });
});
