/**
 * The figures a narrative states, each tied to the quantity it is about: 收入/支出 totals and
 * their change on last year, 财政拨款, each 科目 explanation, 三公, 机关运行经费, 政府采购,
 * 绩效目标, 国有资产, and statements that something does not exist ("无机关运行经费").
 * Subjects are recognised from the words just before a number; what is not recognised is left
 * in the text (the sections keep every word), never forced onto a subject.
 */
import type { StatedAbsence, StatedAmount, StatedChange, StatedCount } from '../../model/document.js';
import { parseAmount, type MoneyUnit } from '../../model/money.js';
import { normalizeNumerals } from '../text/normalize.js';
import { lineAt, type ReadParagraph, type ReadSection } from './sections.js';

interface Mention {
  start: number;
  end: number;
  number: string;
  unit: MoneyUnit;
  text: string;
}

const MENTION = /(\d[\d,]*(?:\.\d+)?)\s*(万元|元)/g;
const SEPARATORS = /[，。；：、,;:]/;

/** Lead words → subject. Most specific first; each is anchored at the end of the lead. */
const SUBJECTS: [RegExp, string][] = [
  [/政府性基金(预算)?(财政)?(拨款)?收入(预算)?(为|是)?$/, 'income.fiscal.fund'],
  [/国有资本经营预算(财政)?(拨款)?收入(预算)?(为|是)?$/, 'income.fiscal.soe'],
  [/一般公共预算(财政)?(拨款)?收入(预算)?(为|是)?$/, 'income.fiscal.general'],
  [/财政拨款收入(预算)?(为|是)?$/, 'income.fiscal'],
  [/事业单位经营收入(预算)?(为|是)?$/, 'income.operating'],
  [/事业收入(预算)?(为|是)?$/, 'income.business'],
  [/其他收入(预算)?(为|是)?$/, 'income.other'],
  [/(收入预算|预算收入|收入总额|收入总计|收入合计|预算收入总额|收入预算总额)(为|是)?$/, 'income.total'],
  [/政府性基金(预算)?(财政)?(拨款)?支出(预算)?(为|是)?$/, 'expenditure.fiscal.fund'],
  [/国有资本经营预算(财政)?(拨款)?支出(预算)?(为|是)?$/, 'expenditure.fiscal.soe'],
  [/一般公共预算(财政)?(拨款)?支出(预算)?(为|是)?$/, 'expenditure.fiscal.general'],
  [/财政拨款支出(预算)?(为|是)?$/, 'expenditure.fiscal'],
  // "财政拨款基本支出" is a part of the 基本支出, not the whole.
  [/(?<!拨款)基本支出(预算)?(为|是)?$/, 'expenditure.basic'],
  // "深圳机场T2项目……评审项目支出 304.16 万元" is one project's, not the 项目支出 of the budget.
  [/(?<!拨款)(?<!项目[^，。；：]*)项目支出(预算)?(为|是)?$/, 'expenditure.project'],
  [/(支出预算|预算支出|支出总额|支出总计|支出合计|预算支出总额|支出预算总额)(为|是)?$/, 'expenditure.total'],
  [/[“"]?三公[”"]?经费(预算数|预算)?(为|是)?$/, 'three-public.total'],
  [/因公出国[（(]境[）)](经)?费(用)?(预算)?(支出)?(为|是)?$/, 'three-public.abroad'],
  [/公务用车购置[及和]运行(维护)?费(用)?(预算)?(支出)?(为|是)?$/, 'three-public.vehicle'],
  [/公务用车购置费?(预算)?(支出)?(为|是)?$/, 'three-public.vehicle-purchase'],
  [/公务用车运行(维护)?费(预算)?(支出)?(为|是)?$/, 'three-public.vehicle-operation'],
  [/公务接待费(预算)?(支出)?(为|是)?$/, 'three-public.reception'],
  [/(机关运行经费|财政拨款运行经费)(财政拨款)?(预算)?(为|是)?$/, 'office-operation'],
  [/面向中小企业预留政府采购项目预算(金额)?(为|是)?$/, 'procurement.sme'],
  [/预留给小型和微型企业的政府采购项目预算(金额)?(为|是)?$/, 'procurement.small-micro'],
  [/(政府采购货物(类)?预算|^货物类(采购预算|项目)|^拟?采购货物(支出)?)(为|是)?$/, 'procurement.goods'],
  [/(政府采购工程(类)?预算|^工程类(采购预算|项目)|^拟?采购工程(支出)?)(为|是)?$/, 'procurement.works'],
  [/(政府采购服务(类)?预算|^服务类(采购预算|项目)|^拟?采购服务(支出)?)(为|是)?$/, 'procurement.services'],
  [/(政府采购(支出)?(预算|总额|预算总额)|^(\d{4}年度?)?(本部门|本单位)?政府采购)(为|是)?$/, 'procurement.total'],
  [/政府采购项目共有$/, 'procurement.total'],
  [/(?<!转移支付)(涉及)?项目(预算)?资金(共|合计)?(为|是)?$/, 'performance.amount'],
  [/年度预算(安排)?(资金)?(为|是)?$/, 'project.annual-budget'],
];

/** A quoted 科目 name, up to a 项 written with its 类 and 款 ("X（类）Y（款）机关服务（项）"). */
const ITEM = /[“"]([^”"“]{2,80})[”"](科目)?(支出)?(预算)?(为|是)?$/;
/**
 * A 科目 path without quotes, its codes in the brackets or not: "社会保障和就业支出（208类）行政事业单位养老支出（05款）
 * 行政单位离退休（01项）", "一般公共服务（类）支出", "交通运输支出（类）支出".
 */
const NAME = '[\\u4e00-\\u9fff、]{2,40}?';
const PATH_ITEM = new RegExp(`(${NAME}[（(]\\s*(\\d{3})?\\s*类\\s*[)）](?:${NAME}[（(]\\s*(\\d{2})?\\s*款\\s*[)）](?:${NAME}[（(]\\s*(\\d{2})?\\s*项\\s*[)）])?)?)(支出)?(科目)?(预算)?(为|是)?$`);
/** "（一）2080501-行政单位离退休 178.51万元" (福建), "2080501行政单位离退休56.12万元". */
const CODED_ITEM = /(?<![\d.,，])([2-5]\d{2}(?:\d{2}){0,2})\s*[-－—–]?\s*(?![年月日万元])([\u4e00-\u9fff（）()、]{2,40}?)(科目)?(预算)?(为|是)?$/;
/** A lead that names no quantity, only when and what kind of figure: "2026年预算数", "2023年当年预算执行数为", "预算安排". */
const BARE_LEAD = /^(其中)?[:：]?(\d{4}年度?)?(当年|本年|全年)?(年初)?(预算执行数|执行数|决算数|预算数|预算安排|安排|预算)(为|是)?$/;
/** The same words after a quantity's name: "公务用车购置费2026年预算数", "机关运行经费安排". */
const KIND_SUFFIX = /(\d{4}年度?)?(当年|本年|全年)?(年初)?(预算执行数|执行数|决算数|预算数|预算安排|安排)(为|是)?$/;
/** "比2025年年初预算数" before the figure compared with: the amount that follows is last year's. */
const BASIS_LEAD = /(比|较|与)([^，。；比较]{0,20}?)(预算数|预算|执行数|决算数|数)(为)?$/;
/** A sentence of its own on the total's change: "。收入比2025年减少", "。支出比2025年增加". */
const DETACHED_CHANGE = /[。]\s*(收入|支出)(预算)?(比|较)([^，。；]{0,16}?)(增加|减少|增长|下降)了?$/;
/** "比2023年预算执行数减少6.19%" with no amount between. */
const PERCENT_CHANGE = /(比|较|同比)([^，。；]{0,20}?)(增加|减少|增长|下降)了?\s*(\d+(?:\.\d+)?)\s*[%％]/;
const CHANGE_LEAD = /(比|较|同比)(.{0,24}?)(增加|减少|增长|下降|增加\/减少|减少\/增加|增\/减)了?$/;
const FLAT = /(与|比|较)(.{0,16}?)(持平|不变|相同)/;
const PERCENT = /^\s*[，,]?\s*(增加\/减少|减少\/增加|增\/减|增加|减少|增长|下降|上升|降低)?\s*(\d+(?:\.\d+)?)\s*[%％]/;

const DIRECTIONS: Record<string, StatedChange['direction']> = { 增加: 'increase', 增长: 'increase', 上升: 'increase', 减少: 'decrease', 下降: 'decrease', 降低: 'decrease', 持平: 'flat', 不变: 'flat', 相同: 'flat' };

export interface NarrativeFigures {
  amounts: StatedAmount[];
  counts: StatedCount[];
  absences: StatedAbsence[];
}

function mentions(text: string): Mention[] {
  const norm = normalizeNumerals(text);
  const out: Mention[] = [];
  for (const m of norm.matchAll(MENTION)) {
    const before = norm.slice(Math.max(0, m.index - 4), m.index);
    if (/单价$|单价\s*$/.test(before) || /^以上|（含）以上/.test(norm.slice(m.index + m[0].length, m.index + m[0].length + 6))) continue;
    out.push({ start: m.index, end: m.index + m[0].length, number: m[1]!, unit: m[2] === '万元' ? 'wanyuan' : 'yuan', text: text.slice(m.index, m.index + m[0].length) });
  }
  return out;
}

function sentenceAround(text: string, at: number): string {
  const start = Math.max(...['。', '；', '！', '？'].map((p) => text.lastIndexOf(p, at - 1))) + 1;
  const ends = ['。', '；', '！', '？'].map((p) => text.indexOf(p, at)).filter((i) => i >= 0);
  const end = ends.length > 0 ? Math.min(...ends) + 1 : text.length;
  return text.slice(start, end).trim();
}

function leadOf(text: string, from: number, to: number): string {
  const lead = text.slice(from, to);
  const parts = lead.split(SEPARATORS);
  return (parts[parts.length - 1] ?? '').replace(/\s+/g, '').replace(/^[（(]?[一二三四五六七八九十\d]+[)）.．]/, '');
}

interface Subject {
  subject: string;
  itemName?: string;
  itemCode?: string;
}

/** Totals named by their words alone: "……会议费预算支出" or "政府采购支出预算总额" are not the budget's total. */
const TOTALS = new Set(['income.total', 'expenditure.total']);
const NOT_TOTAL = /(转移支付|费|费用|经费|采购|基金|资金|补助|保险|公积金|支出|收入|结余|结转|拨款|运行|项目|设备|车辆|资产|业务|基本|购置|维护|接待|会议|培训|出国|境[)）]|用车|货物|工程|服务)$/;

/** The lead, and the lead without the words that say what kind of figure ("2026年预算数", "预算支出", "安排"). */
function variants(lead: string): string[] {
  const all = [lead, lead.replace(KIND_SUFFIX, ''), lead.replace(/(预算支出|支出预算|预算数|预算)$/, ''), lead.replace(/预算(收入|支出)$/, '$1预算')];
  return [...new Set(all)].filter(Boolean);
}

function namedSubject(lead: string): string | undefined {
  // 上年结转结余 is not this year's income of that kind.
  if (/上年结转|结转结余|结转下年|年终结转/.test(lead)) return undefined;
  const vs = variants(lead);
  // What the lead names exactly first ("公务用车购置预算支出" is 公务用车购置费), then the totals.
  for (const [re, subject] of SUBJECTS) {
    if (TOTALS.has(subject)) continue;
    if (vs.some((v) => re.test(v))) return subject;
  }
  for (const [re, subject] of SUBJECTS) {
    if (!TOTALS.has(subject)) continue;
    for (const v of vs) {
      const m = re.exec(v);
      if (m && !NOT_TOTAL.test(v.slice(0, m.index))) return subject;
    }
  }
  return undefined;
}

function subjectOf(lead: string, rawLead: string, section: ReadSection): Subject | undefined {
  const named = namedSubject(lead);
  if (named) return { subject: named };
  const raw = rawLead.replace(/\s+/g, '').replace(/^.*[，。；：,;:]/, '');
  const item = ITEM.exec(raw);
  if (item && (section.kind === 'budget-explanation' || /[（(]\s*\d*\s*[类款项]\s*[)）]/.test(item[1]!))) return { subject: 'item', itemName: item[1]! };
  const path = PATH_ITEM.exec(raw);
  if (path) {
    const name = path[1]!.replace(/^[（(]?[一二三四五六七八九十\d]+[)）.．、]/, '');
    const code = path[2] ? path[2] + (path[3] ?? '') + (path[3] ? (path[4] ?? '') : '') : undefined;
    let itemName = name.replace(/[（(]\s*\d*\s*([类款项])\s*[)）]/g, '（$1）');
    // "一般公共服务（类）支出": the 类 is 一般公共服务支出, its 支出 printed after the bracket.
    if (path[5] && /^[^（]+（类）$/.test(itemName) && !/支出（类）$/.test(itemName)) itemName = itemName.replace(/（类）$/, '支出（类）');
    const s: Subject = { subject: 'item', itemName };
    // A code is only whole when every level printed one.
    const levels = (name.match(/[类款项]\s*[)）]/g) ?? []).length;
    if (code && code.length === 1 + levels * 2) s.itemCode = code;
    return s;
  }
  if (section.kind !== 'budget-explanation') return undefined;
  const coded = CODED_ITEM.exec(raw);
  if (coded) return { subject: 'item', itemName: coded[2]!, itemCode: coded[1]! };
  return undefined;
}

/** What kind of figure a lead announces: this year's budget unless it says 执行数 or is a comparison's basis. */
function kindOf(lead: string): StatedAmount['kind'] {
  if (/(执行数|决算数)(为|是)?$/.test(lead)) return 'executed';
  return undefined;
}

function basisOf(words: string): string {
  const b = words.replace(/^(比|较|与|同比)/, '').replace(/(增加|减少|增长|下降|持平|不变|相同|增加\/减少|减少\/增加|增\/减)了?$/, '').replace(/相比$/, '');
  return b.replace(/(收入|支出)$/, '') || '上年';
}

/**
 * "一、深圳市劳动人事争议仲裁院" or "一、深圳市人力资源和社会保障局（本级）" over its own figures (深圳's 部门预算支出具体情况, unit by unit): from such a
 * heading to the end of its section, the figures are one member unit's, not the document's.
 */
const UNIT_HEADING = /^[一二三四五六七八九十]+、\s*[\u4e00-\u9fa5（）()]{4,40}(局|委员会|委|中心|署|办公室|队|所|院|站|馆|处|会|厅|本级|分局)([（(]本级[)）])?$/;

export function readFigures(sections: ReadSection[]): NarrativeFigures {
  const out: NarrativeFigures = { amounts: [], counts: [], absences: [] };
  for (const section of sections) {
    let unit = false;
    section.paragraphs.forEach((p, i) => {
      const firstLine = p.text.slice(0, p.starts[1]?.offset ?? p.text.length);
      if (UNIT_HEADING.test(firstLine.replace(/\s+/g, ''))) unit = true;
      if (!unit) readAmounts(section, p, out.amounts, section.paragraphs[i - 1]);
      readCounts(section, p, out.counts);
      readAbsences(section, p, out.absences);
    });
  }
  return out;
}

function location(section: ReadSection, p: ReadParagraph, at: number) {
  return { section: section.heading, line: lineAt(p, at), sentence: sentenceAround(p.text, at) };
}

function readAmounts(section: ReadSection, p: ReadParagraph, out: StatedAmount[], previous: ReadParagraph | undefined): void {
  const text = p.text;
  const ms = mentions(text);
  const own: StatedAmount[] = [];
  let last: StatedAmount | undefined;
  /** "比2025年年初预算数9819.98万元" read: the change that follows ("减少193.20万元") is against it. */
  let basis: { figure: StatedAmount; words: string; previous: StatedAmount } | undefined;
  let prevEnd = 0;
  let fiscalProcurementEnd = -1;
  /** The fund part (一般公共预算财政拨款支出 …) a following “其中：基本支出……项目支出” splits. */
  let fiscalPart: string | undefined;
  for (let i = 0; i < ms.length; i++) {
    const m = ms[i]!;
    const rawLead = text.slice(prevEnd, m.start);
    const lead0 = rawLead.replace(/\s+/g, '');
    // "……1万元。比上年增加0.1万元" continues the figure across the full stop.
    // So does a sentence that starts with the comparison after one about its use ("……主要用于养老保险等支出。与上年相比增加740.84万元").
    const sameSentence = !/[。！？]/.test(rawLead) || /^\s*[。]\s*(比|较)[^。！？]*$/.test(rawLead) || /[。]\s*(与上年相比|比上年|较上年|与\d{4}年[^。！？]{0,12}相比|比\d{4}年|较\d{4}年)[^。！？]*$/.test(rawLead);
    const changeLead = CHANGE_LEAD.exec(lead0);
    const value = parseAmount(m.number, m.unit);
    prevEnd = m.end;
    if (value === null) continue;
    const nextStart = ms[i + 1]?.start ?? text.length;
    if (basis && sameSentence && /^(增加|减少|增长|下降)了?$/.test(lead0) && !basis.figure.change) {
      const word = lead0.replace(/了$/, '');
      basis.figure.change = { word, direction: DIRECTIONS[word] ?? 'unknown', amount: value, amountText: m.text, basis: basis.words, previous: basis.previous.amount, previousText: basis.previous.text };
      attachPercent(basis.figure.change, text.slice(m.end));
      basis = undefined;
      continue;
    }
    basis = undefined;
    if (changeLead && last && !last.change && sameSentence) {
      last.change = {
        word: changeLead[3]!,
        direction: DIRECTIONS[changeLead[3]!] ?? 'unknown',
        amount: value,
        amountText: m.text,
        basis: basisOf(changeLead[0]),
      };
      attachPercent(last.change, text.slice(m.end));
      withStatedPrevious(last, own);
      const changeSentence = sentenceAround(text, m.start);
      if (!last.location.sentence.includes(changeSentence)) last.location.sentence += changeSentence;
      continue;
    }
    // "……。收入比 2025 年减少 29,815.76 万元" (重庆): the change of the total stated sentences before.
    const detached = DETACHED_CHANGE.exec(lead0);
    if (detached) {
      const subject = detached[1] === '收入' ? 'income.total' : 'expenditure.total';
      const target = [...own].reverse().find((a) => a.subject === subject && !a.kind);
      if (target && !target.change) {
        const word = detached[5]!;
        target.change = { word, direction: DIRECTIONS[word] ?? 'unknown', amount: value, amountText: m.text, basis: basisOf(detached[3]! + detached[4]! + word) };
        attachPercent(target.change, text.slice(m.end));
        last = undefined;
        continue;
      }
    }
    const basisLead = BASIS_LEAD.exec(lead0);
    if (basisLead && last && !last.change && sameSentence) {
      // The amount compared with: last year's figure of the same quantity.
      const words = basisLead[2]! + basisLead[3]!;
      const prior: StatedAmount = { ...copySubject(last), label: words, amount: value, text: m.text, unit: m.unit, decimals: decimalsOf(m.number), kind: /执行|决算/.test(words) ? 'executed' : 'previous', location: location(section, p, m.start) };
      out.push(prior);
      own.push(prior);
      basis = { figure: last, words: words || '上年', previous: prior };
      continue;
    }
    const label = leadOf(text, Math.max(0, m.start - 60), m.start);
    // "其中一般公共预算拨款政府采购 50,106.43 万元：政府采购货物预算 664.38 万元……" restates the parts of a part.
    if (/拨款政府采购(预算)?(总额)?$/.test(label)) {
      fiscalProcurementEnd = sentenceEnd(text, m.end);
      last = undefined;
      continue;
    }
    let subject = subjectOf(label, text.slice(Math.max(0, m.start - 60), m.start), section);
    // "（一）因公出国（境）费用。2026 年预算数 14.85 万元": the quantity is named before the figure's own words.
    if (!subject && BARE_LEAD.test(label)) subject = namedBefore(section, text, m.start, last, previous);
    if (subject && subject.subject.startsWith('procurement.') && m.start < fiscalProcurementEnd) subject = undefined;
    // "一般公共预算财政拨款支出 128148.56 万元……其中：基本支出 33325.21 万元……项目支出 94823.35 万元" (重庆):
    // the split of that part, not of the whole budget; of 财政拨款 as a whole no table holds the split.
    if (subject && fiscalPart && /^expenditure\.(basic|project)$/.test(subject.subject)) {
      subject = fiscalPart === 'expenditure.fiscal' ? undefined : { ...subject, subject: `${fiscalPart}.${subject.subject.slice('expenditure.'.length)}` };
    } else if (subject && !kindOf(label)) {
      fiscalPart = /^expenditure\.fiscal(\.(general|fund|soe))?$/.test(subject.subject) ? subject.subject : undefined;
    }
    if (!subject) {
      last = undefined;
      continue;
    }
    const figure: StatedAmount = {
      subject: subject.subject,
      label,
      amount: value,
      text: m.text,
      unit: m.unit,
      decimals: decimalsOf(m.number),
      location: location(section, p, m.start),
    };
    if (subject.itemName) figure.itemName = subject.itemName;
    if (subject.itemCode) figure.itemCode = subject.itemCode;
    const kind = kindOf(label);
    if (kind) figure.kind = kind;
    const flat = flatAfter(text, m.end, nextStart);
    if (flat) figure.change = flat;
    else percentOnly(figure, text.slice(m.end, nextStart));
    if (figure.change) withStatedPrevious(figure, own);
    out.push(figure);
    own.push(figure);
    last = figure;
  }
}

function sentenceEnd(text: string, from: number): number {
  const ends = ['。', '；', '！', '？'].map((p) => text.indexOf(p, from)).filter((i) => i >= 0);
  return ends.length > 0 ? Math.min(...ends) : text.length;
}

function decimalsOf(number: string): number {
  return (number.split('.')[1] ?? '').length;
}

function copySubject(a: StatedAmount): Pick<StatedAmount, 'subject' | 'itemName' | 'itemCode'> {
  return { subject: a.subject, ...(a.itemName ? { itemName: a.itemName } : {}), ...(a.itemCode ? { itemCode: a.itemCode } : {}) };
}

/**
 * The subject of a figure whose own words only say when ("2026年预算数"): the clause before it
 * ("1.公务接待费。2026年预算数3.50万元"), else the figure before it in the paragraph ("…（项）”42.60万元
 * ……。2023年当年预算执行数为45.41万元"), else a heading paragraph of its own just before.
 */
function namedBefore(section: ReadSection, text: string, at: number, last: StatedAmount | undefined, previous: ReadParagraph | undefined): Subject | undefined {
  const before = text.slice(0, at).replace(/\s+/g, '');
  const clauses = before.split(/[。；：:]/);
  const clause = clauses.length >= 2 ? clauses[clauses.length - 2]! : '';
  if (clause && !MENTION_TEST.test(clause)) {
    const s = subjectOf(leadOf(clause, 0, clause.length), clause, section);
    if (s) return s;
  }
  if (last) return copySubject(last);
  if (clauses.length === 1 && previous && previous.text.length <= 40 && !MENTION_TEST.test(previous.text)) {
    const head = previous.text.replace(/\s+/g, '').replace(/[。：:]$/, '');
    return subjectOf(leadOf(head, 0, head.length), head, section);
  }
  return undefined;
}

const MENTION_TEST = /\d\s*万?元/;

/** "……42.60万元，比2023年预算执行数减少6.19%" — a change stated as a percentage only. */
function percentOnly(figure: StatedAmount, tail: string): void {
  const t = normalizeNumerals(tail);
  const m = PERCENT_CHANGE.exec(t);
  if (!m || /[。！？]/.test(t.slice(0, m.index))) return;
  figure.change = { word: m[3]!, direction: DIRECTIONS[m[3]!] ?? 'unknown', percent: Number(m[4]), percentText: m[0].slice(m[0].search(/\d+(\.\d+)?\s*[%％]$/)), basis: basisOf(m[1]! + m[2]! + m[3]!) };
}

/** A change against "执行数" or "上年预算" whose figure the paragraph stated just before ("2023年当年预算执行数为45.41万元"). */
function withStatedPrevious(figure: StatedAmount, own: StatedAmount[]): void {
  const c = figure.change;
  if (!c || c.previous !== undefined) return;
  const wantExecuted = /执行|决算/.test(c.basis);
  const prior = [...own].reverse().find((a) => a !== figure && a.subject === figure.subject && a.itemName === figure.itemName && (a.kind === 'executed') === wantExecuted && a.kind !== undefined);
  if (!prior) return;
  c.previous = prior.amount;
  c.previousText = prior.text;
}

/** "，与2024年预算持平" after a figure (also across a full stop, as in "1万元。与2024年预算持平"). */
function flatAfter(text: string, from: number, to: number): StatedChange | undefined {
  const tail = text.slice(from, to);
  const m = FLAT.exec(tail);
  if (!m) return undefined;
  const before = tail.slice(0, m.index);
  if (/[；]/.test(before) || (before.match(/[。！？]/g) ?? []).length > 1) return undefined;
  if (/[。！？]/.test(before) && !/[。！？]\s*$/.test(before)) return undefined;
  return { word: m[3]!, direction: 'flat', basis: basisOf(m[1]! + m[2]!) };
}

function attachPercent(change: StatedChange, after: string): void {
  const clause = after.replace(/^[）)]/, '');
  const m = PERCENT.exec(normalizeNumerals(clause));
  if (!m) return;
  change.percent = Number(m[2]);
  change.percentText = m[0].replace(/^[\s，,]+/, '');
  if (m[1] && m[1] !== change.word) change.percentWord = m[1];
}

const COUNT_PATTERNS: [RegExp, string][] = [
  [/编报绩效目标的项目(共|总计)?(\d+)个/, 'performance.projects'],
  [/(\d+)个预算单位开展了/, 'performance.units'],
];

const VEHICLE_KINDS: Record<string, string> = {
  部级领导干部用车: 'ministerial',
  主要领导干部用车: 'leadership',
  机要通信用车: 'confidential',
  应急保障用车: 'emergency',
  执法执勤用车: 'enforcement',
  特种专业技术用车: 'special',
  离退休干部用车: 'retired',
  其他用车: 'other',
};

function readCounts(section: ReadSection, p: ReadParagraph, out: StatedCount[]): void {
  const text = normalizeNumerals(p.text);
  for (const [re, subject] of COUNT_PATTERNS) {
    const m = re.exec(text);
    if (m) out.push({ subject, label: m[0].replace(/\d+个.*$/, ''), count: Number(m[m.length - 1]), text: m[0], location: location(section, p, m.index) });
  }
  if (section.kind !== 'assets') return;
  for (const sentence of text.split(/(?<=[。；])/)) {
    const offset = text.indexOf(sentence);
    const prefix = /安排购置|购置车辆/.test(sentence) ? 'assets.purchase' : 'assets';
    const total = /(共有车辆|购置车辆)(\d+)辆/.exec(sentence);
    if (total) out.push({ subject: `${prefix}.vehicles`, label: total[1]!, count: Number(total[2]), text: total[0], location: location(section, p, offset + total.index) });
    for (const [name, key] of Object.entries(VEHICLE_KINDS)) {
      const m = new RegExp(`${name}(\\d+)辆`).exec(sentence);
      if (m) out.push({ subject: `${prefix}.vehicles.${key}`, label: name, count: Number(m[1]), text: m[0], location: location(section, p, offset + m.index) });
    }
    const eq = /以上(专用)?设备[（(]不含车辆[）)](\d+)台[（(]套[）)]/.exec(sentence);
    if (eq) out.push({ subject: `${prefix}.equipment`, label: '单价100万元（含）以上设备（不含车辆）', count: Number(eq[2]), text: eq[0], location: location(section, p, offset + eq.index) });
  }
}

const ABSENCES: [RegExp, string][] = [
  [/无机关运行经费/, 'office-operation'],
  [/无政府性基金/, 'fund'],
  [/无国有资本经营预算/, 'soe'],
  [/无[“"]?三公[”"]?经费/, 'three-public'],
  [/无政府采购/, 'procurement'],
];

function readAbsences(section: ReadSection, p: ReadParagraph, out: StatedAbsence[]): void {
  for (const [re, subject] of ABSENCES) {
    const m = re.exec(p.text);
    if (m) out.push({ subject, text: m[0], location: location(section, p, m.index) });
  }
}

/** Narrative sections held in a document (not read from a file) as the reader's sections: each paragraph its own line. */
export function readSectionsOf(sections: { heading: string; kind: ReadSection['kind']; paragraphs: { text: string; line?: number }[] }[]): ReadSection[] {
  let line = 0;
  return sections.map((s) => ({
    heading: s.heading,
    kind: s.kind,
    line: ++line,
    paragraphs: s.paragraphs.map((p) => {
      const no = p.line ?? ++line;
      return { text: p.text, line: no, starts: [{ offset: 0, line: no }] };
    }),
  }));
}

/** Figures of narrative sections held in a document (not read from a file): each paragraph its own line. */
export function figuresOfSections(sections: Parameters<typeof readSectionsOf>[0]): NarrativeFigures {
  return readFigures(readSectionsOf(sections));
}
