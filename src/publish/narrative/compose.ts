/**
 * The standard 编制说明 and 其他相关情况说明, written from the tables (and last year's document
 * when given) in the documents' usual wording: totals and their sources, 财政拨款 by fund, each
 * 科目's 财政拨款 with what it is for, 基本支出/项目支出, “三公” and 机关运行经费, 政府采购,
 * 绩效目标 and 国有资产 as the document states them. Every figure is computed here: in 万元,
 * rounded half-up to two decimals (model/money.ts), changes worded 增加/减少/持平 with a
 * percentage rounded the same way. The narrative reader reads back exactly these figures.
 */
import type { BudgetDocument, NarrativeSection } from '../../model/document.js';
import { formatWanyuan, roundToWanyuanUnits, type Fen } from '../../model/money.js';
import { fiscalOfCode, itemCodes } from '../../model/fiscal.js';

export interface ComposeOptions {
  /** Last year's document: every figure gets its change. */
  prior?: BudgetDocument;
  /**
   * Figures no table holds (政府采购 amounts in 分, 绩效目标 project count, 国有资产 counts), by
   * narrative subject; the document's own statements by default.
   */
  stated?: (subject: string) => number | undefined;
}

type Doc = BudgetDocument;

function cell(doc: Doc | undefined, table: string, row: string, column: string): Fen | undefined {
  return doc?.tables.find((t) => t.id === table)?.rows.find((r) => r.key === row)?.cells[column];
}

const value = (doc: Doc, table: string, row: string, column: string): Fen => cell(doc, table, row, column) ?? 0;

export const wan = (fen: Fen): string => `${formatWanyuan(fen)}万元`;

/** |delta| / prior as a percentage with two decimals, half-up, in exact integer arithmetic. */
function percentText(delta: Fen, prior: Fen): string {
  const hundredths = Math.floor((2 * Math.abs(delta) * 10_000 + prior) / (2 * prior));
  return `${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, '0')}%`;
}

/** "，比2024年预算增加12.34万元，增长5.67%" / "，与2024年预算持平" / "" when last year is unknown. */
export function changeText(now: Fen, prior: Fen | undefined, year: number, percent = false): string {
  if (prior === undefined) return '';
  const basis = `${year - 1}年预算`;
  const delta = now - prior;
  if (roundToWanyuanUnits(delta) === 0) return `，与${basis}持平`;
  const word = delta > 0 ? '增加' : '减少';
  const pct = percent && prior > 0 ? `，${delta > 0 ? '增长' : '下降'}${percentText(delta, prior)}` : '';
  return `，比${basis}${word}${wan(Math.abs(delta))}${pct}`;
}

/** An amount and its change on the same quantity of last year's document. */
function figure(doc: Doc, prior: Doc | undefined, table: string, row: string, column: string, percent = false): string {
  const now = value(doc, table, row, column);
  return `${wan(now)}${changeText(now, prior ? value(prior, table, row, column) : undefined, doc.meta.year, percent)}`;
}

const self = (doc: Doc) => (doc.meta.scope === 'department' ? '本部门' : '本单位');

/** Each 项 with 财政拨款 (model/fiscal.ts), named as the tables print it. */
export function fiscalItems(doc: Doc): { code: string; name: string; label: string; amount: Fen }[] {
  const names = new Map<string, string>();
  for (const t of doc.tables) for (const r of t.rows) if (r.code && r.label && !names.has(r.code)) names.set(r.code, r.label);
  const items = itemCodes(doc.tables)
    .map((code) => ({ code, name: names.get(code) ?? code, label: names.get(code) ?? code, amount: fiscalOfCode(doc.tables, code) }))
    .filter((i) => i.amount !== 0);
  // Several 项 of one name (机关服务 under many 款) are told apart by their path, as documents do.
  const count = new Map<string, number>();
  for (const i of items) count.set(i.name, (count.get(i.name) ?? 0) + 1);
  for (const i of items) {
    if (count.get(i.name)! > 1) i.label = `${names.get(i.code.slice(0, 3)) ?? i.code.slice(0, 3)}（类）${names.get(i.code.slice(0, 5)) ?? i.code.slice(0, 5)}（款）${i.name}（项）`;
  }
  return items;
}

function itemPrior(prior: Doc | undefined, code: string): Fen | undefined {
  return prior ? fiscalOfCode(prior.tables, code) : undefined;
}

/** What the document itself says a 科目 is for ("主要用于…"), else a plain statement of it. */
function purposeOf(doc: Doc, name: string): string {
  const own = doc.narrative.amounts.find((a) => a.subject === 'item' && a.itemName && (a.itemName === name || name.startsWith(a.itemName)));
  const m = own && /主要用于([^。；]*)/.exec(own.location.sentence);
  if (m) return `主要用于${m[1]!.replace(/[，,\s]+$/, '')}`;
  // "用于社会福利的彩票公益金支出" is its own purpose; "…支出" needs no "方面的支出" after it.
  if (name.startsWith('用于')) return `主要${name}`;
  return name.endsWith('支出') ? `主要用于${name}` : `主要用于${name}方面的支出`;
}

const SOURCES = [
  ['business', '事业收入'],
  ['operating', '事业单位经营收入'],
  ['other', '其他收入'],
] as const;

const EXTRA_SOURCES = [
  ['special-account', '财政专户管理资金收入'],
  ['superior', '上级补助收入'],
  ['affiliated', '附属单位上缴收入'],
  ['carryover', '上年结转结余'],
  ['fund-balance', '用事业基金弥补收支差额'],
] as const;

export function composeBudgetExplanation(doc: Doc, options: ComposeOptions = {}): NarrativeSection {
  const { prior } = options;
  const y = doc.meta.year;
  const s = (row: string) => figure(doc, prior, 'summary', row, 'amount');
  const extra = EXTRA_SOURCES.filter(([k]) => value(doc, 'summary', `income.${k}`, 'amount') !== 0).map(([k, name]) => `${name}${s(`income.${k}`)}`);
  const income =
    `${y}年，${doc.meta.entity.name}收入预算${s('income.total')}，其中：财政拨款收入${figure(doc, prior, 'summary', 'income.fiscal', 'amount', true)}；` +
    [...SOURCES.map(([k, name]) => `${name}${s(`income.${k}`)}`), ...extra].join('；') +
    '。';
  const f = (c: string) => figure(doc, prior, 'fiscal', 'expenditure.total', c);
  const expenditure =
    `支出预算${figure(doc, prior, 'summary', 'expenditure.total', 'total')}，其中：财政拨款支出预算${f('total')}。财政拨款支出预算中，` +
    `一般公共预算拨款支出预算${f('general')}；政府性基金拨款支出预算${f('fund')}；国有资本经营预算拨款支出预算${f('soe')}。`;
  const kinds = `按支出类别分，基本支出预算${figure(doc, prior, 'expenditure', 'total', 'basic')}，项目支出预算${figure(doc, prior, 'expenditure', 'total', 'project')}。`;
  const items = fiscalItems(doc).map((it, i) => `${i + 1}. “${it.label}”科目${wan(it.amount)}${changeText(it.amount, itemPrior(prior, it.code), y)}，${purposeOf(doc, it.name)}。`);
  return {
    heading: `${y}年${doc.meta.scope === 'department' ? '部门' : '单位'}预算编制说明`,
    kind: 'budget-explanation',
    paragraphs: [income, expenditure, kinds, ...(items.length ? ['财政拨款支出主要内容如下：', ...items] : [])].map((text) => ({ text })),
  };
}

function threePublic(doc: Doc, prior: Doc | undefined): NarrativeSection {
  const y = doc.meta.year;
  const tp = (c: string) => figure(doc, prior, 'three-public', 'budget', c);
  return {
    heading: `${y}年“三公”经费预算情况说明`,
    kind: 'three-public',
    paragraphs: [
      `${y}年“三公”经费预算数为${tp('total')}。其中：`,
      `（一）因公出国（境）费${tp('abroad')}。`,
      `（二）公务用车购置及运行费${tp('vehicle')}。其中：公务用车购置费${tp('vehicle-purchase')}；公务用车运行费${tp('vehicle-operation')}。`,
      `（三）公务接待费${tp('reception')}。`,
    ].map((text) => ({ text })),
  };
}

function officeOperation(doc: Doc, prior: Doc | undefined): NarrativeSection {
  const y = doc.meta.year;
  const oo = value(doc, 'three-public', 'budget', 'office-operation');
  const text = oo !== 0 ? `${y}年${doc.meta.entity.name}机关运行经费预算为${figure(doc, prior, 'three-public', 'budget', 'office-operation')}。` : `${y}年${self(doc)}无机关运行经费。`;
  return { heading: '机关运行经费预算', kind: 'office-operation', paragraphs: [{ text }] };
}

/** The document's own statement of a figure no table holds: an amount in 分 or a count. */
export function statedFigure(doc: Doc, subject: string): number | undefined {
  return doc.narrative.amounts.find((a) => a.subject === subject)?.amount ?? doc.narrative.counts.find((c) => c.subject === subject)?.count;
}

type Stated = (subject: string) => number | undefined;

/** 政府采购 has no table in the standard layout: what the document states is restated, nothing invented. */
function procurement(doc: Doc, stated: Stated): NarrativeSection | undefined {
  const [total, goods, works, services] = ['procurement.total', 'procurement.goods', 'procurement.works', 'procurement.services'].map((k) => {
    const v = stated(k);
    return v === undefined ? undefined : wan(v);
  });
  if (!total) return undefined;
  const split = goods && works && services ? `，其中：政府采购货物预算${goods}、政府采购工程预算${works}、政府采购服务预算${services}` : '';
  return { heading: '政府采购预算情况', kind: 'procurement', paragraphs: [{ text: `${doc.meta.year}年${self(doc)}政府采购预算${total}${split}。` }] };
}

function performance(doc: Doc, stated: Stated): NarrativeSection {
  const count = stated('performance.projects');
  const amount = wan(value(doc, 'expenditure', 'total', 'project'));
  const text = count !== undefined ? `${doc.meta.year}年度，${self(doc)}编报绩效目标的项目共${count}个，涉及项目预算资金${amount}。` : `${doc.meta.year}年度，${self(doc)}项目支出预算${amount}，均编报了绩效目标。`;
  return { heading: '绩效目标设置情况', kind: 'performance', paragraphs: [{ text }] };
}

function assets(doc: Doc, stated: Stated): NarrativeSection | undefined {
  const vehicles = stated('assets.vehicles');
  const equipment = stated('assets.equipment');
  if (vehicles === undefined && equipment === undefined) return undefined;
  const parts = [vehicles !== undefined ? `共有车辆${vehicles}辆` : '', equipment !== undefined ? `单价100万元（含）以上设备（不含车辆）${equipment}台（套）` : ''].filter(Boolean);
  return { heading: '国有资产占用情况', kind: 'assets', paragraphs: [{ text: `截至${doc.meta.year - 1}年8月31日，${doc.meta.entity.name}${parts.join('；')}。` }] };
}

const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** 其他相关情况说明 and its parts. */
export function composeOtherInfo(doc: Doc, options: ComposeOptions = {}): NarrativeSection[] {
  const stated = options.stated ?? ((subject: string) => statedFigure(doc, subject));
  const parts = [threePublic(doc, options.prior), officeOperation(doc, options.prior), procurement(doc, stated), performance(doc, stated), assets(doc, stated)];
  const numbered = parts.filter((p): p is NarrativeSection => !!p).map((p, i) => ({ ...p, heading: `${NUMERALS[i]}、${p.heading}` }));
  return [{ heading: '其他相关情况说明', kind: 'other-info', paragraphs: [] }, ...numbered];
}

/** The generated 编制说明 and 其他相关情况说明 of a document. */
export function composeNarrative(doc: Doc, options: ComposeOptions = {}): NarrativeSection[] {
  return [composeBudgetExplanation(doc, options), ...composeOtherInfo(doc, options)];
}
