/**
 * Server-side SVG charts of a budget document (ECharts SSR, no browser, no canvas): income by
 * source, expenditure by 功能分类 类, 基本支出 and 项目支出, the 经济分类 类 of 一般公共预算基本支出,
 * and the “三公” expenses this year against last year.
 *
 * Amounts stay integer 分 all the way into the chart (bar lengths and pie angles are drawn from
 * the 分 values); every printed figure is formatted here in 万元 with two decimals, rounded
 * half-up (src/model/money.ts), so the charts print what the narrative states. The output is
 * deterministic: the renderer's per-instance id prefix is replaced by one derived from the
 * chart id, which also keeps the ids of several charts on one page apart.
 *
 * Gotchas (../shared/design/stack-notes.md §5): value labels get a white outline by default,
 * which svg-to-pdfkit paints as white text, so labels carry no border at all (textBorderWidth 0
 * alone is not enough for pie labels: the colour must be transparent too); CJK stays as <text>
 * with the font family given, so whoever draws the SVG needs a CJK font.
 */
import type * as Echarts from 'echarts';
import type { BudgetDocument, BudgetTable, StatedAmount, TableRow } from '../../model/document.js';
import { formatWanyuan, type Fen } from '../../model/money.js';
import type { TableId } from '../../model/tables.js';
import { builtinCatalogs } from '../../catalogs/builtin.js';
import { echartsLibrary } from '../packages.js';

export interface Chart {
  /** Stable identifier: income-sources, expenditure-function, expenditure-basic-project, general-basic-economic, three-public. */
  id: string;
  /** Chinese title, as drawn at the top of the chart. */
  title: string;
  svg: string;
}

export const CHART_FONT_FAMILY = "'Noto Sans CJK SC', 'Source Han Sans SC', sans-serif";

const PALETTE = ['#4e79a7', '#f28e2b', '#59a14f', '#e15759', '#76b7b2', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];
const WIDTH = 800;
const UNIT_SUBTITLE = '单位：万元';

/** Labels are drawn without the white outline ECharts gives them (see the header). */
const PLAIN_LABEL = { textBorderWidth: 0, textBorderColor: 'transparent', color: '#333' } as const;

interface Datum {
  name: string;
  fen: Fen;
}

// ---------------------------------------------------------------------------------------------
// Rendering

/** ECharts's one-file build (publish/packages.ts), loaded at the first chart, so publishing without HTML or PDF never loads it. */
let loaded: typeof Echarts | undefined;
const echarts = (): typeof Echarts => (loaded ??= echartsLibrary());

function render(id: string, width: number, height: number, option: Echarts.EChartsCoreOption): string {
  const chart = echarts().init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ animation: false, color: PALETTE, textStyle: { fontFamily: CHART_FONT_FAMILY }, ...option });
    return stableIds(chart.renderToSVGString(), id);
  } finally {
    chart.dispose();
  }
}

/**
 * zrender names its ids and CSS classes after a per-instance counter ("zr3-c0") and numbers
 * the classes with a process-wide one ("zr3-cls-17"). Renumbered in order of first appearance
 * under the chart id, the same chart always reads the same, and two charts on one page keep
 * their ids apart.
 */
function stableIds(svg: string, id: string): string {
  const seen = new Map<string, string>();
  const next = new Map<string, number>();
  return svg.replace(/\bzr\d+-([a-z]+-?)(\d+)\b/g, (whole: string, kind: string) => {
    let name = seen.get(whole);
    if (name === undefined) {
      const n = next.get(kind) ?? 0;
      next.set(kind, n + 1);
      name = `${id}-${kind}${n}`;
      seen.set(whole, name);
    }
    return name;
  });
}

function titleOption(text: string) {
  return {
    text,
    subtext: UNIT_SUBTITLE,
    left: 'center',
    top: 8,
    textStyle: { fontFamily: CHART_FONT_FAMILY, fontSize: 16, fontWeight: 'bold' },
    subtextStyle: { fontFamily: CHART_FONT_FAMILY, fontSize: 14, color: '#666' },
  };
}

/** A value-axis tick (分) in 万元, without needless zeros: 5000000000 → "5000". */
function axisWan(fen: number): string {
  if (!Number.isFinite(fen)) return '';
  return formatWanyuan(Math.round(fen)).replace(/\.?0+$/, '') || '0';
}

/** Share of a whole, one decimal, half-up ("6.7%"); a sliver is "<0.1%", not "0.0%", and a near-whole ">99.9%". */
function percent(part: Fen, whole: Fen): string {
  if (whole <= 0) return '';
  const tenths = Math.floor((part * 1000) / whole + 0.5);
  if (tenths === 0 && part > 0) return '<0.1%';
  if (tenths === 1000 && part < whole) return '>99.9%';
  return `${Math.floor(tenths / 10)}.${tenths % 10}%`;
}

function pieChart(id: string, title: string, data: Datum[]): Chart {
  const shown = data.filter((d) => d.fen > 0);
  const whole = shown.reduce((s, d) => s + d.fen, 0);
  const labels = shown.map((d) => `${d.name}\n${formatWanyuan(d.fen)} 万元（${percent(d.fen, whole)}）`);
  const svg = render(id, WIDTH, 420, {
    title: titleOption(title),
    series: [
      {
        type: 'pie',
        silent: true,
        radius: ['32%', '55%'],
        center: ['50%', '56%'],
        startAngle: 90,
        clockwise: true,
        avoidLabelOverlap: true,
        data: shown.map((d) => ({ name: d.name, value: d.fen })),
        label: { ...PLAIN_LABEL, show: true, fontSize: 14, lineHeight: 18, formatter: (p: { dataIndex: number }) => labels[p.dataIndex] ?? '' },
        labelLine: { show: true, length: 12, length2: 16 },
      },
    ],
  });
  return { id, title, svg };
}

/** One series of horizontal bars, first datum on top, each labelled "24465.07 万元". */
function horizontalBarChart(id: string, title: string, data: Datum[]): Chart {
  const labels = data.map((d) => `${formatWanyuan(d.fen)} 万元`);
  const svg = render(id, WIDTH, 110 + 38 * data.length, {
    title: titleOption(title),
    grid: { left: 16, right: 130, top: 70, bottom: 24, containLabel: true },
    xAxis: {
      type: 'value',
      axisLabel: { formatter: (v: number) => axisWan(v), color: '#666', fontSize: 14 },
      splitLine: { lineStyle: { color: '#e5e5e5' } },
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: data.map((d) => d.name),
      axisTick: { show: false },
      axisLabel: { interval: 0, color: '#333', fontSize: 14 },
    },
    series: [
      {
        type: 'bar',
        silent: true,
        barMaxWidth: 26,
        data: data.map((d) => d.fen),
        label: { ...PLAIN_LABEL, show: true, position: 'right', fontSize: 14, formatter: (p: { dataIndex: number }) => labels[p.dataIndex] ?? '' },
      },
    ],
  });
  return { id, title, svg };
}

interface BarSeries {
  name: string;
  /** One value per category; undefined where the figure is not known. */
  values: (Fen | undefined)[];
}

/** Vertical grouped bars with a legend, each bar labelled in 万元 (unit in the subtitle). */
function groupedBarChart(id: string, title: string, categories: string[], series: BarSeries[]): Chart {
  const svg = render(id, WIDTH, 420, {
    title: titleOption(title),
    legend: { show: series.length > 1, top: 58, left: 'center', silent: true, data: series.map((s) => s.name), textStyle: { fontFamily: CHART_FONT_FAMILY, fontSize: 14 } },
    grid: { left: 16, right: 16, top: series.length > 1 ? 96 : 72, bottom: 16, containLabel: true },
    xAxis: { type: 'category', data: categories, axisTick: { show: false }, axisLabel: { interval: 0, color: '#333', fontSize: 14 } },
    yAxis: { type: 'value', axisLabel: { formatter: (v: number) => axisWan(v), color: '#666', fontSize: 14 }, splitLine: { lineStyle: { color: '#e5e5e5' } } },
    series: series.map((s) => {
      const labels = s.values.map((v) => (v === undefined ? '' : formatWanyuan(v)));
      return {
        type: 'bar',
        name: s.name,
        silent: true,
        barMaxWidth: 48,
        data: s.values.map((v) => (v === undefined ? '-' : v)),
        label: { ...PLAIN_LABEL, show: true, position: 'top', fontSize: 14, formatter: (p: { dataIndex: number }) => labels[p.dataIndex] ?? '' },
      };
    }),
  });
  return { id, title, svg };
}

// ---------------------------------------------------------------------------------------------
// Data

function table(doc: BudgetDocument, id: TableId): BudgetTable | undefined {
  return doc.tables.find((t) => t.id === id);
}

function row(t: BudgetTable | undefined, key: string): TableRow | undefined {
  return t?.rows.find((r) => r.key === key);
}

function cell(t: BudgetTable | undefined, key: string, column: string): Fen | undefined {
  return row(t, key)?.cells[column];
}

function allZero(values: readonly (Fen | undefined)[]): boolean {
  return values.every((v) => v === undefined || v === 0);
}

/** A printed 科目 name without its numbering or spacing: "二、卫生健康支出" → "卫生健康支出". */
function cleanLabel(label: string | undefined): string | undefined {
  const t = (label ?? '')
    .replace(/[\s\u3000]+/g, '')
    .replace(/^[（(]?[一二三四五六七八九十百零〇\d]+[)）、.．]/, '');
  return t === '' ? undefined : t;
}

function kindWord(doc: BudgetDocument): string {
  return doc.meta.kind === 'final' ? '决算' : '预算';
}

/** Summary-table income rows (cells.md keys, other provinces' included) and how to name them. */
const INCOME_PARTS: readonly (readonly [string, string])[] = [
  ['income.fiscal.general', '一般公共预算拨款'],
  ['income.fiscal.fund', '政府性基金预算拨款'],
  ['income.fiscal.soe', '国有资本经营预算拨款'],
  ['income.special-account', '财政专户管理资金收入'],
  ['income.business', '事业收入'],
  ['income.operating', '事业单位经营收入'],
  ['income.superior', '上级补助收入'],
  ['income.affiliated', '附属单位上缴收入'],
  ['income.other', '其他收入'],
  ['income.fund-balance', '用事业基金弥补收支差额'],
  ['income.carryover', '上年结转结余'],
];

/** The income table's total row column for each summary income row (fallback when there is no summary). */
const INCOME_TABLE_COLUMN: Record<string, string> = {
  'income.special-account': 'special-account',
  'income.business': 'business',
  'income.operating': 'operating',
  'income.superior': 'superior',
  'income.affiliated': 'affiliated',
  'income.other': 'other',
  'income.fund-balance': 'fund-balance',
  'income.carryover': 'carryover',
};

const FISCAL_SPLIT: Record<string, string> = {
  'income.fiscal.general': 'income.general',
  'income.fiscal.fund': 'income.fund',
  'income.fiscal.soe': 'income.soe',
};

function incomeSources(doc: BudgetDocument): Datum[] {
  const summary = table(doc, 'summary');
  const fiscalTable = table(doc, 'fiscal');
  const incomeTotal = row(table(doc, 'income'), 'total');
  const has = (key: string) => row(summary, key) !== undefined;
  const fiscalWhole = summary ? cell(summary, 'income.fiscal', 'amount') : incomeTotal?.cells.fiscal;

  // 财政拨款 split by fund: the summary's own rows, else the 财政拨款收支总表's income rows.
  const split = Object.entries(FISCAL_SPLIT).map(([key, fiscalKey]) => {
    const v = has(key) ? cell(summary, key, 'amount') : cell(fiscalTable, fiscalKey, 'amount');
    return { key, fen: v ?? 0 };
  });
  const splitSum = split.reduce((s, p) => s + p.fen, 0);

  const out: Datum[] = [];
  for (const [key, name] of INCOME_PARTS) {
    let fen: Fen | undefined;
    if (key in FISCAL_SPLIT) {
      fen = splitSum > 0 ? split.find((p) => p.key === key)?.fen : undefined;
    } else if (summary) {
      fen = cell(summary, key, 'amount');
    } else {
      const column = INCOME_TABLE_COLUMN[key];
      fen = column ? incomeTotal?.cells[column] : undefined;
    }
    if (fen !== undefined && fen !== 0) out.push({ name, fen });
  }
  // 财政拨款 not split by fund (or only partly): show it whole, or the remainder beside the parts.
  if (fiscalWhole !== undefined && fiscalWhole > splitSum) {
    out.unshift({ name: splitSum > 0 ? '其他财政拨款' : '财政拨款收入', fen: fiscalWhole - splitSum });
  }
  return out;
}

/** The 3-digit rows of a code table, in document order, named by their printed labels. */
function classRows(t: BudgetTable | undefined, column: string, names: (code: string) => string | undefined): Datum[] {
  if (!t) return [];
  const out: Datum[] = [];
  for (const r of t.rows) {
    if (!/^\d{3}$/.test(r.key)) continue;
    const fen = r.cells[column];
    if (fen === undefined || fen === 0) continue;
    out.push({ name: cleanLabel(r.label) ?? names(r.key) ?? r.key, fen });
  }
  return out;
}

/** Largest first; equal amounts keep document order (Array.prototype.sort is stable). */
function byAmount(data: Datum[]): Datum[] {
  return [...data].sort((a, b) => b.fen - a.fen);
}

function functionClasses(doc: BudgetDocument): Datum[] {
  const summary = table(doc, 'summary');
  const summaryName = (code: string) => cleanLabel(row(summary, `expenditure.${code}`)?.label);
  const expenditure = table(doc, 'expenditure');
  if (expenditure) return classRows(expenditure, 'total', summaryName);
  // No 支出预算总表: the 类 lines of the 财务收支预算总表.
  const out: Datum[] = [];
  for (const r of summary?.rows ?? []) {
    const m = /^expenditure\.(\d{3})$/.exec(r.key);
    const fen = r.cells.total;
    if (m && fen !== undefined && fen !== 0) out.push({ name: cleanLabel(r.label) ?? m[1]!, fen });
  }
  return out;
}

const EXPENDITURE_KINDS: readonly (readonly [string, string])[] = [
  ['basic', '基本支出'],
  ['project', '项目支出'],
  ['subsidiary', '对附属单位补助支出'],
  ['to-superior', '上缴上级支出'],
  ['carry-forward', '结转下年'],
];

function basicAndProject(doc: BudgetDocument): Datum[] {
  const total = row(table(doc, 'expenditure'), 'total');
  if (!total) return [];
  return EXPENDITURE_KINDS.map(([column, name]) => ({ name, fen: total.cells[column] ?? 0 })).filter((d) => d.fen !== 0);
}

/** 类 rows printed without a name are named from the catalog. */
function economicClasses(doc: BudgetDocument): Datum[] {
  const catalogs = builtinCatalogs();
  return classRows(table(doc, 'general-basic-economic'), 'total', (code) => {
    const e = catalogs.lookup('economic-department', code, doc.meta.year);
    return e.status === 'known' ? e.entry.name : undefined;
  });
}

// ---------------------------------------------------------------------------------------------
// “三公” this year and last

const THREE_PUBLIC = [
  ['abroad', '因公出国(境)费'],
  ['reception', '公务接待费'],
  ['vehicle-purchase', '公务用车购置费'],
  ['vehicle-operation', '公务用车运行费'],
] as const;

type ThreePublicKey = 'total' | 'abroad' | 'reception' | 'vehicle' | 'vehicle-purchase' | 'vehicle-operation';
type ThreePublic = Partial<Record<ThreePublicKey, Fen>>;

function threePublicOf(doc: BudgetDocument): ThreePublic | undefined {
  const t = table(doc, 'three-public');
  const r = row(t, 'budget') ?? t?.rows[0];
  if (!r) return undefined;
  const out: ThreePublic = {};
  for (const k of ['total', 'abroad', 'reception', 'vehicle', 'vehicle-purchase', 'vehicle-operation'] as const) out[k] = r.cells[k] ?? 0;
  return out;
}

/** Signed change in 分 (flat is 0); undefined when only a word or a percentage is given. */
function signedChange(a: StatedAmount): Fen | undefined {
  const c = a.change;
  if (!c) return undefined;
  if (c.direction === 'flat') return 0;
  if (c.amount === undefined || c.direction === 'unknown') return undefined;
  return c.direction === 'decrease' ? -c.amount : c.amount;
}

/** Whether a stated basis compares with last year's figure of the same kind (预算 with 预算). */
function sameKindBasis(doc: BudgetDocument, basis: string): boolean {
  const actual = /执行|决算|实际/.test(basis);
  return doc.meta.kind === 'final' ? true : !actual;
}

/**
 * Last year's “三公” figures as the narrative states them: each stated amount less its stated
 * change. Missing parts follow from the stated whole where they can (a whole of 0 makes its
 * parts 0; a whole less its other known parts gives the last one).
 */
function priorFromNarrative(doc: BudgetDocument): ThreePublic {
  const known: ThreePublic = {};
  for (const a of doc.narrative.amounts) {
    const m = /^three-public\.(total|abroad|reception|vehicle|vehicle-purchase|vehicle-operation)$/.exec(a.subject);
    if (!m || !a.change || !sameKindBasis(doc, a.change.basis)) continue;
    const key = m[1] as ThreePublicKey;
    const delta = signedChange(a);
    if (delta === undefined || known[key] !== undefined) continue;
    const prior = a.amount - delta;
    if (prior >= 0) known[key] = prior;
  }
  const sums: readonly (readonly [ThreePublicKey, readonly ThreePublicKey[]])[] = [
    ['total', ['abroad', 'reception', 'vehicle']],
    ['vehicle', ['vehicle-purchase', 'vehicle-operation']],
  ];
  for (let changed = true; changed; ) {
    changed = false;
    for (const [whole, parts] of sums) {
      const w = known[whole];
      const missing = parts.filter((p) => known[p] === undefined);
      if (w === undefined) {
        if (missing.length === 0) {
          known[whole] = parts.reduce((s, p) => s + known[p]!, 0);
          changed = true;
        }
        continue;
      }
      if (missing.length === 0) continue;
      if (w === 0) {
        for (const p of missing) known[p] = 0;
        changed = true;
      } else if (missing.length === 1) {
        const rest = w - parts.filter((p) => p !== missing[0]).reduce((s, p) => s + known[p]!, 0);
        if (rest >= 0) {
          known[missing[0]!] = rest;
          changed = true;
        }
      }
    }
  }
  return known;
}

function threePublicChart(doc: BudgetDocument, prior: BudgetDocument | undefined): Chart | undefined {
  const now = threePublicOf(doc);
  if (!now) return undefined;
  const year = doc.meta.year;
  const priorYear = prior?.meta.year ?? year - 1;
  const last = (prior && threePublicOf(prior)) ?? priorFromNarrative(doc);
  const thisValues = THREE_PUBLIC.map(([k]) => now[k]);
  const lastValues = THREE_PUBLIC.map(([k]) => last[k]);
  const haveLast = lastValues.some((v) => v !== undefined);
  if (allZero(thisValues) && (!haveLast || allZero(lastValues))) return undefined;
  const kind = kindWord(doc);
  const series: BarSeries[] = [{ name: `${year}年${kind}`, values: thisValues }];
  if (haveLast) series.push({ name: `${priorYear}年${kind}`, values: lastValues });
  const title = haveLast ? `“三公”经费${kind}：${year}年与${priorYear}年` : `${year}年“三公”经费${kind}`;
  return groupedBarChart('three-public', title, THREE_PUBLIC.map(([, name]) => name), series);
}

// ---------------------------------------------------------------------------------------------

/**
 * The charts a document's data support, in a fixed order. A chart whose figures are all zero
 * (or absent) is left out. `prior` is last year's document, for the “三公” comparison; without
 * it last year's figures come from the changes the narrative states, and are left out when it
 * states none.
 */
export function documentCharts(doc: BudgetDocument, prior?: BudgetDocument): Chart[] {
  const year = doc.meta.year;
  const kind = kindWord(doc);
  const charts: Chart[] = [];

  const income = incomeSources(doc);
  if (!allZero(income.map((d) => d.fen))) charts.push(pieChart('income-sources', `${year}年收入${kind}构成`, income));

  const functions = functionClasses(doc);
  if (!allZero(functions.map((d) => d.fen))) {
    charts.push(horizontalBarChart('expenditure-function', `${year}年支出${kind}按功能分类（类）`, byAmount(functions)));
  }

  const kinds = basicAndProject(doc);
  if (!allZero(kinds.map((d) => d.fen))) charts.push(pieChart('expenditure-basic-project', `${year}年基本支出与项目支出`, kinds));

  const economic = economicClasses(doc);
  if (!allZero(economic.map((d) => d.fen))) {
    charts.push(horizontalBarChart('general-basic-economic', `${year}年一般公共预算基本支出经济分类（类）`, byAmount(economic)));
  }

  const threePublic = threePublicChart(doc, prior);
  if (threePublic) charts.push(threePublic);
  return charts;
}

export interface TrendSeries {
  name: string;
  /** One amount (分) per year, in the order of `years`; null where that year has no document. */
  values: (Fen | null)[];
}

/** An entity's figures over the years (bars per series), in 万元: the portal's trend chart. */
export function trendChart(id: string, title: string, years: number[], series: TrendSeries[]): Chart {
  const svg = render(id, WIDTH, 360, {
    title: titleOption(title),
    legend: { bottom: 4, textStyle: { fontFamily: CHART_FONT_FAMILY, fontSize: 14 } },
    grid: { left: 80, right: 24, top: 70, bottom: 56 },
    xAxis: { type: 'category', data: years.map((y) => `${y}年`), axisLabel: { fontSize: 14 } },
    yAxis: { type: 'value', axisLabel: { fontSize: 14, formatter: axisWan } },
    series: series.map((s) => ({
      type: 'bar',
      name: s.name,
      silent: true,
      barMaxWidth: 48,
      data: s.values,
      label: { ...PLAIN_LABEL, show: true, position: 'top', fontSize: 14, formatter: (p: { value: number | null }) => (p.value == null ? '' : formatWanyuan(p.value)) },
    })),
  });
  return { id, title, svg };
}

// ---------------------------------------------------------------------------------------------
// A 决算 beside its budget

export interface ExecutionBar {
  /** The 类 as shown: "210 卫生健康支出". */
  name: string;
  budget: Fen;
  final: Fen;
  /** 决算 ÷ 年初预算 in hundredths of a per cent; undefined when the budget is 0. */
  rate?: number;
}

/** A chart with its text alternative: every bar's figures in words, in the chart's order. */
export interface DescribedChart extends Chart {
  text: string;
}

function rateText(rate: number | undefined): string {
  return rate === undefined ? '预算为 0' : `完成率 ${(rate / 100).toFixed(2)}%`;
}

/**
 * 年初预算 beside 决算 for each 类, in the order given (the caller puts the largest deviation
 * first), as pairs of horizontal bars labelled in 万元; under each 类's name its 完成率.
 */
export function executionChart(id: string, title: string, bars: readonly ExecutionBar[]): DescribedChart {
  const categories = bars.map((b) => `${b.name}\n${rateText(b.rate)}`);
  const series = [
    { name: '年初预算', values: bars.map((b) => b.budget) },
    { name: '决算', values: bars.map((b) => b.final) },
  ];
  const svg = render(id, WIDTH, 130 + 64 * Math.max(bars.length, 1), {
    title: titleOption(title),
    legend: { top: 58, left: 'center', silent: true, data: series.map((s) => s.name), textStyle: { fontFamily: CHART_FONT_FAMILY, fontSize: 14 } },
    grid: { left: 16, right: 110, top: 92, bottom: 16, containLabel: true },
    xAxis: {
      type: 'value',
      axisLabel: { formatter: (v: number) => axisWan(v), color: '#666', fontSize: 14 },
      splitLine: { lineStyle: { color: '#e5e5e5' } },
    },
    yAxis: { type: 'category', inverse: true, data: categories, axisTick: { show: false }, axisLabel: { interval: 0, color: '#333', fontSize: 14, lineHeight: 20 } },
    series: series.map((s) => ({
      type: 'bar',
      name: s.name,
      silent: true,
      barMaxWidth: 22,
      data: s.values,
      label: { ...PLAIN_LABEL, show: true, position: 'right', fontSize: 13, formatter: (p: { value: number }) => formatWanyuan(p.value) },
    })),
  });
  const text = bars.length
    ? `${title}（单位：万元），按偏差从大到小：${bars.map((b) => `${b.name}，年初预算 ${formatWanyuan(b.budget)}，决算 ${formatWanyuan(b.final)}，${rateText(b.rate)}`).join('；')}。`
    : `${title}：没有可对照的类。`;
  return { id, title, svg, text };
}
