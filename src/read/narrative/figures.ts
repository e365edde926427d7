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
  [/政府性基金(预算)?(拨款)?收入(预算)?(为|是)?$/, 'income.fiscal.fund'],
  [/国有资本经营预算(拨款)?收入(预算)?(为|是)?$/, 'income.fiscal.soe'],
  [/一般公共预算(拨款)?收入(预算)?(为|是)?$/, 'income.fiscal.general'],
  [/财政拨款收入(预算)?(为|是)?$/, 'income.fiscal'],
  [/事业单位经营收入(预算)?(为|是)?$/, 'income.operating'],
  [/事业收入(预算)?(为|是)?$/, 'income.business'],
  [/其他收入(预算)?(为|是)?$/, 'income.other'],
  [/(收入预算|预算收入|收入总额|收入总计|收入合计|预算收入总额|收入预算总额)(为|是)?$/, 'income.total'],
  [/政府性基金(预算)?(拨款)?支出(预算)?(为|是)?$/, 'expenditure.fiscal.fund'],
  [/国有资本经营预算(拨款)?支出(预算)?(为|是)?$/, 'expenditure.fiscal.soe'],
  [/一般公共预算(拨款)?支出(预算)?(为|是)?$/, 'expenditure.fiscal.general'],
  [/财政拨款支出(预算)?(为|是)?$/, 'expenditure.fiscal'],
  [/基本支出(预算)?(为|是)?$/, 'expenditure.basic'],
  [/项目支出(预算)?(为|是)?$/, 'expenditure.project'],
  [/(支出预算|预算支出|支出总额|支出总计|支出合计|预算支出总额|支出预算总额)(为|是)?$/, 'expenditure.total'],
  [/[“"]?三公[”"]?经费(预算数|预算)?(为|是)?$/, 'three-public.total'],
  [/因公出国[（(]境[）)]费(用)?(预算)?(为|是)?$/, 'three-public.abroad'],
  [/公务用车购置及运行(维护)?费(预算)?(为|是)?$/, 'three-public.vehicle'],
  [/公务用车购置费?(预算)?(为|是)?$/, 'three-public.vehicle-purchase'],
  [/公务用车运行(维护)?费(预算)?(为|是)?$/, 'three-public.vehicle-operation'],
  [/公务接待费(预算)?(为|是)?$/, 'three-public.reception'],
  [/机关运行经费(预算)?(为|是)?$/, 'office-operation'],
  [/面向中小企业预留政府采购项目预算(金额)?(为|是)?$/, 'procurement.sme'],
  [/预留给小型和微型企业的政府采购项目预算(金额)?(为|是)?$/, 'procurement.small-micro'],
  [/政府采购货物(类)?预算(为|是)?$/, 'procurement.goods'],
  [/政府采购工程(类)?预算(为|是)?$/, 'procurement.works'],
  [/政府采购服务(类)?预算(为|是)?$/, 'procurement.services'],
  [/政府采购(预算|总额|预算总额)(为|是)?$/, 'procurement.total'],
  [/(涉及)?项目(预算)?资金(共|合计)?(为|是)?$/, 'performance.amount'],
  [/年度预算(安排)?(资金)?(为|是)?$/, 'project.annual-budget'],
];

/** A quoted 科目 name, up to a 项 written with its 类 and 款 ("X（类）Y（款）机关服务（项）"). */
const ITEM = /[“"]([^”"“]{2,80})[”"](科目)?(预算)?(为|是)?$/;
/** "（一）2080501-行政单位离退休 178.51万元" (福建). */
const CODED_ITEM = /(\d{3}(?:\d{2}){0,2})\s*[-－—–]\s*([\u4e00-\u9fff（）()、]{2,40})(科目)?(为|是)?$/;
const CHANGE_LEAD = /(比|较|同比)(.{0,16}?)(增加|减少|增长|下降|增加\/减少|减少\/增加|增\/减)了?$/;
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

function subjectOf(lead: string, rawLead: string, section: ReadSection): { subject: string; itemName?: string; itemCode?: string } | undefined {
  for (const [re, subject] of SUBJECTS) if (re.test(lead)) return { subject };
  if (section.kind !== 'budget-explanation') return undefined;
  const raw = rawLead.replace(/\s+/g, '');
  const item = ITEM.exec(raw);
  if (item) return { subject: 'item', itemName: item[1]! };
  const coded = CODED_ITEM.exec(raw);
  if (coded) return { subject: 'item', itemName: coded[2]!, itemCode: coded[1]! };
  return undefined;
}

function basisOf(words: string): string {
  const b = words.replace(/^(比|较|与|同比)/, '').replace(/(增加|减少|增长|下降|持平|增加\/减少|减少\/增加|增\/减)了?$/, '');
  return b.replace(/(收入|支出)$/, '') || '上年';
}

export function readFigures(sections: ReadSection[]): NarrativeFigures {
  const out: NarrativeFigures = { amounts: [], counts: [], absences: [] };
  for (const section of sections) {
    for (const p of section.paragraphs) {
      readAmounts(section, p, out.amounts);
      readCounts(section, p, out.counts);
      readAbsences(section, p, out.absences);
    }
  }
  return out;
}

function location(section: ReadSection, p: ReadParagraph, at: number) {
  return { section: section.heading, line: lineAt(p, at), sentence: sentenceAround(p.text, at) };
}

function readAmounts(section: ReadSection, p: ReadParagraph, out: StatedAmount[]): void {
  const text = p.text;
  const ms = mentions(text);
  let last: StatedAmount | undefined;
  let prevEnd = 0;
  for (let i = 0; i < ms.length; i++) {
    const m = ms[i]!;
    const rawLead = text.slice(prevEnd, m.start);
    // "……1万元。比上年增加0.1万元" continues the figure across the full stop.
    const sameSentence = !/[。！？]/.test(rawLead) || /^\s*[。]\s*(比|较)[^。！？]*$/.test(rawLead);
    const changeLead = CHANGE_LEAD.exec(rawLead.replace(/\s+/g, ''));
    const value = parseAmount(m.number, m.unit);
    prevEnd = m.end;
    if (value === null) continue;
    if (changeLead && last && !last.change && sameSentence) {
      last.change = {
        word: changeLead[3]!,
        direction: DIRECTIONS[changeLead[3]!] ?? 'unknown',
        amount: value,
        amountText: m.text,
        basis: basisOf(changeLead[0]),
      };
      attachPercent(last.change, text.slice(m.end));
      const changeSentence = sentenceAround(text, m.start);
      if (!last.location.sentence.includes(changeSentence)) last.location.sentence += changeSentence;
      continue;
    }
    const subject = subjectOf(leadOf(text, Math.max(0, m.start - 60), m.start), text.slice(Math.max(0, m.start - 60), m.start), section);
    if (!subject) {
      last = undefined;
      continue;
    }
    const decimals = (m.number.split('.')[1] ?? '').length;
    const figure: StatedAmount = {
      subject: subject.subject,
      label: leadOf(text, Math.max(0, m.start - 60), m.start),
      amount: value,
      text: m.text,
      unit: m.unit,
      decimals,
      location: location(section, p, m.start),
    };
    if (subject.itemName) figure.itemName = subject.itemName;
    if (subject.itemCode) figure.itemCode = subject.itemCode;
    const flat = flatAfter(text, m.end, ms[i + 1]?.start ?? text.length);
    if (flat) figure.change = flat;
    out.push(figure);
    last = figure;
  }
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
