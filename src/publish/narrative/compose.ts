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
import { TRADITIONAL } from '../../check/characters.js';
import { latexToText } from '../text/latex.js';

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

/** The narrative subject (read/narrative/figures.ts) of a table cell the composer states. */
function subjectOf(table: string, row: string, column: string): string | undefined {
  if (table === 'summary' && row.startsWith('income.')) return row;
  if (table === 'summary' && row === 'expenditure.total') return 'expenditure.total';
  if (table === 'fiscal' && row === 'expenditure.total') return column === 'total' ? 'expenditure.fiscal' : `expenditure.fiscal.${column}`;
  if (table === 'expenditure' && row === 'total') return `expenditure.${column}`;
  if (table === 'three-public') return column === 'office-operation' ? 'office-operation' : `three-public.${column}`;
  return undefined;
}

/**
 * Without last year's document, the change as the source itself states it ("比2024年预算增加
 * 7889.43万元", "与2024年预算持平"), worded as it was; nothing when it states none or left the
 * template's "增加/减少" unfilled.
 */
export function statedChangeText(doc: Doc, subject: string | undefined, itemName?: string): string {
  if (!subject) return '';
  const a = doc.narrative.amounts.find((x) => x.subject === subject && x.change && (!itemName || x.itemName === itemName));
  const c = a?.change;
  if (!c || c.direction === 'unknown') return '';
  if (c.direction === 'flat') return `，与${c.basis}持平`;
  if (!c.amountText) return '';
  // A percentage whose direction was left as the template's "增加/减少" is not repeated.
  const pct = c.percentText && /^\d+(\.\d+)?[%％]$/.test(c.percentText) && (!c.percentWord || /^(增长|下降|增加|减少|上升)$/.test(c.percentWord)) ? `，${c.percentWord ?? (c.direction === 'increase' ? '增长' : '下降')}${c.percentText}` : '';
  return `，比${c.basis}${c.word}${c.amountText}${pct}`;
}

/** An amount and its change: on last year's document when given, else as the source states it. */
function figure(doc: Doc, prior: Doc | undefined, table: string, row: string, column: string, percent = false): string {
  const now = value(doc, table, row, column);
  const change = prior ? changeText(now, value(prior, table, row, column), doc.meta.year, percent) : statedChangeText(doc, subjectOf(table, row, column));
  // Documents write a zero as "0万元", not with decimals they do not need.
  return `${now === 0 ? '0万元' : wan(now)}${change}`;
}

/** The direction of a figure's change (as figure() words it), for the 主要原因 the preparer must give. */
function direction(doc: Doc, prior: Doc | undefined, table: string, row: string, column: string): 'increase' | 'decrease' | undefined {
  const text = figure(doc, prior, table, row, column);
  return /，比[^，]*增加/.test(text) ? 'increase' : /，比[^，]*减少/.test(text) ? 'decrease' : undefined;
}

/** The mark of what the preparer must still write: check reports it (text.placeholder, an error) until it is replaced. */
export const PLACEHOLDER = (what: string) => `【待填写：${what}】`;

function reasonText(doc: Doc, prior: Doc | undefined, table: string, row: string, column: string, what: string): string | undefined {
  const d = direction(doc, prior, table, row, column);
  return d ? `${what}${d === 'increase' ? '增加' : '减少'}的主要原因是${PLACEHOLDER(`${what}${d === 'increase' ? '增加' : '减少'}的主要原因`)}。` : undefined;
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

/**
 * A purpose copied from the source, with what `check` flags there corrected: traditional
 * characters in simplified text, a word written twice ("安排的安排的"), LaTeX residue. A purpose
 * with a Latin word in it ("运行维护 and 数据分析") is not copied at all.
 */
function cleanPurpose(text: string): string | undefined {
  let t = latexToText(text);
  t = [...t].map((c) => TRADITIONAL.get(c) ?? c).join('');
  t = t.replace(/([\u4e00-\u9fa5]{2,12})\1/g, '$1');
  if (/[A-Za-z]{2,}/.test(t)) return undefined;
  return t;
}

/**
 * What a 科目 is for: the document's own "主要用于…" (cleaned), else the projects the document
 * lists under that 科目, else what kind of spending it is; never "主要用于X方面的支出" for 科目 X.
 */
function purposeOf(doc: Doc, name: string, code?: string): string {
  const own = doc.narrative.amounts.find((a) => a.subject === 'item' && a.itemName && (a.itemName === name || name.startsWith(a.itemName)));
  const m = own && /主要用于([^。；]*)/.exec(own.location.sentence);
  const cleaned = m ? cleanPurpose(m[1]!.replace(/[，,\s]+$/, '')) : undefined;
  if (cleaned) return `主要用于${cleaned}`;
  // "用于社会福利的彩票公益金支出" is its own purpose.
  if (name.startsWith('用于')) return `主要${name}`;
  const projects = code ? doc.narrative.projects.filter((p) => p.subject?.code === code).map((p) => `“${p.name}”`) : [];
  const basic = code ? fiscalPart(doc, code, 'basic') : 0;
  const project = code ? fiscalPart(doc, code, 'project') : 0;
  if (projects.length) return `主要用于${projects.slice(0, 3).join('、')}${projects.length > 3 ? '等' : ''}项目${basic ? '，以及人员和机构运转的基本支出' : ''}`;
  if (basic && !project) return '为基本支出，用于保障人员和机构正常运转';
  if (project && !basic) return `为项目支出，具体用途${PLACEHOLDER(`“${name}”项目支出的具体用途`)}`;
  return `包括基本支出和项目支出，项目支出的具体用途${PLACEHOLDER(`“${name}”项目支出的具体用途`)}`;
}

/** A 项's 财政拨款 in one kind of spending (basic or project) in the 一般公共预算 function table. */
function fiscalPart(doc: Doc, code: string, column: 'basic' | 'project'): Fen {
  return ['general-function', 'fund-function', 'soe-function'].reduce((sum, t) => sum + (cell(doc, t, code, column) ?? 0), 0);
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
  const items = fiscalItems(doc).map((it, i) => {
    const change = prior ? changeText(it.amount, itemPrior(prior, it.code), y) : statedChangeText(doc, 'item', it.name);
    return `${i + 1}. “${it.label}”科目${wan(it.amount)}${change}，${purposeOf(doc, it.name, it.code)}。`;
  });
  const reason = reasonText(doc, prior, 'summary', 'income.fiscal', 'amount', '财政拨款收入');
  return {
    heading: `${y}年${doc.meta.scope === 'department' ? '部门' : '单位'}预算编制说明`,
    kind: 'budget-explanation',
    paragraphs: [income, expenditure, kinds, ...(reason ? [reason] : []), ...(items.length ? ['财政拨款支出主要内容如下：', ...items] : [])].map((text) => ({ text })),
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
      reasonText(doc, prior, 'three-public', 'budget', 'total', '“三公”经费'),
    ]
      .filter((t): t is string => Boolean(t))
      .map((text) => ({ text })),
  };
}

function officeOperation(doc: Doc, prior: Doc | undefined): NarrativeSection {
  const y = doc.meta.year;
  const oo = value(doc, 'three-public', 'budget', 'office-operation');
  const reason = oo !== 0 ? reasonText(doc, prior, 'three-public', 'budget', 'office-operation', '机关运行经费') : undefined;
  const text = oo !== 0 ? `${y}年${doc.meta.entity.name}机关运行经费预算为${figure(doc, prior, 'three-public', 'budget', 'office-operation')}。${reason ?? ''}` : `${y}年${self(doc)}无机关运行经费。`;
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
  const parts = [vehicles !== undefined ? (vehicles === 0 ? '无公务用车' : `共有车辆${vehicles}辆`) : '', equipment !== undefined ? (equipment === 0 ? '无单价100万元（含）以上设备（不含车辆）' : `单价100万元（含）以上设备（不含车辆）${equipment}台（套）`) : ''].filter(Boolean);
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
