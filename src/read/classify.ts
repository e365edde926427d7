/**
 * Which of the nine standard tables a printed table is, from what it holds: the meaning of its
 * header's columns, the kind of 科目 its rows list (支出功能分类 2xx or 经济分类 30x, by code or by
 * 类 name), which budget those subjects belong to (src/catalogs/funds.ts), and whether income
 * items stand on the left of a two-sided table. The title is a hint: a standard title decides as
 * before (titles.ts); any other title ("表一", "附表3", a new province's wording) only narrows what
 * the content allows, or rules a table out (项目, 绩效, 采购 … are not among the nine).
 * Pure: strings in, a verdict with its evidence in words out.
 */
import type { CatalogSet } from '../catalogs/catalog.js';
import { fundOfFunctionCode, type Fund } from '../catalogs/funds.js';
import { TABLE_IDS, type TableId } from '../model/tables.js';
import { incomeSourceOfLabel, isTableNumberLine, preparerOfLine, stripNumbering, tableIdOfTitle, unitOfLine } from './titles.js';

/** A table as printed: its title and the items of each line (cells, positioned pieces or words). */
export interface PrintedTable {
  title: string;
  lines: string[][];
}

export interface Verdict {
  /** The standard tables the content allows, most likely first; empty when it does not tell. */
  candidates: TableId[];
  /** What decided, in words for a note: “表头有……；各行为……”. */
  evidence: string;
}

const AMOUNT = /^[-+]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$/;
const NUMBERING = /^[（(]?[一二三四五六七八九十\d]+[)）、.．]$/;
const NOTE = /^(注|备注|说明)\s*\d*\s*[：:]|本表|空表|无数据|无发生额/;

/** Items of a line: pieces split at spaces, a bare list number ("1.", "一、") joined to what follows. */
export function splitItems(pieces: string[]): string[] {
  const out: string[] = [];
  for (const w of pieces.flatMap((p) => p.trim().split(/\s+/)).filter(Boolean)) {
    const last = out[out.length - 1];
    if (last !== undefined && NUMBERING.test(last)) out[out.length - 1] = last + w;
    else out.push(w);
  }
  return out;
}

/** The 科目 code a row starts with: "201", "208 05 01" (类/款/项 columns), "[2080501]", "2080501行政运行". */
export function leadingCode(items: string[]): string | undefined {
  const first = items[0] ?? '';
  const bracketed = /^[[［【](\d{3}(?:\d{2}){0,2})[\]］】]/.exec(first);
  if (bracketed) return bracketed[1];
  if (/^\d{3}$/.test(first)) {
    let code = first;
    for (let i = 1; i <= 2 && /^\d{2}$/.test(items[i] ?? ''); i++) code += items[i];
    return code;
  }
  return /^(\d{3}(?:\d{2}){1,2})(?=$|[\u4e00-\u9fff])/.exec(first)?.[1];
}

const isFunctionClass = (cls: string) => /^2(0[1-9]|1\d|2\d|3[0-4])$/.test(cls);
const isEconomicClass = (cls: string) => /^(3(0[1-9]|1[0-3]|99)|5(0[1-9]|1\d|99))$/.test(cls);

/** What a table holds, counted from its lines. */
export interface Facts {
  /** Header text (lines before the first amount or 科目 code), without spaces. */
  head: string;
  /** Note lines (注：…, 本表无数据 …), without spaces. */
  notes: string;
  /** All text, without spaces. */
  text: string;
  functionRows: number;
  economicRows: number;
  /** Rows that start with a 科目 code (not a name). */
  codedRows: number;
  /** The budgets the function rows' subjects belong to. */
  funds: Set<Fund>;
  /** Distinct income items (财政拨款, 事业收入 …) that start a line, as in the two total tables. */
  incomeLeft: Set<string>;
  /** Lines with a 功能分类 类 (or 支出总计) right of their first item: the expenditure side of a two-sided table. */
  rightSide: number;
}

const NON_FISCAL_LABEL = /事业收入|经营收入|其他收入|财政专户|单位资金|其他资金|上级补助|附属单位上缴|事业基金/;
const FISCAL_WORDS = /一般公共|政府性基|国有资本|财政拨款|预算拨款/;

export function factsOf(table: PrintedTable, catalogs: CatalogSet, year: number): Facts {
  const lines = table.lines.map(splitItems).filter((l) => l.length > 0 && !isFrame(l.join(' ')));
  const facts: Facts = { head: '', notes: '', text: '', functionRows: 0, economicRows: 0, codedRows: 0, funds: new Set(), incomeLeft: new Set(), rightSide: 0 };
  const known = new Map<string, string | undefined>();
  const className = (item: string, scheme: 'function' | 'economic') => {
    if (!/[\u4e00-\u9fff]/.test(item)) return undefined;
    const key = `${scheme}|${item}`;
    if (known.has(key)) return known.get(key);
    const bare = stripNumbering(item).replace(/^其中[：:]?/, '');
    const code = scheme === 'function' ? catalogs.classByName('function', bare, year) : (catalogs.classByName('economic-department', bare, year) ?? catalogs.classByName('economic-government', bare, year));
    known.set(key, code);
    return code;
  };
  let inHead = true;
  for (const items of lines) {
    const joined = items.join('');
    facts.text += joined;
    const code = leadingCode(items);
    const cls = code?.slice(0, 3) ?? '';
    // Amounts after the code's own pieces; a year printed apart from its 年 ("2026" "年预算数") is a word.
    const rest = code && /^\d{3}$/.test(items[0]!) ? items.slice(1 + (code.length - 3) / 2) : code ? items.slice(1) : items;
    const hasAmount = rest.some((t, i) => AMOUNT.test(t) && !(/^(19|20)\d{2}$/.test(t) && /^年/.test(rest[i + 1] ?? '')));
    if ((code && (isFunctionClass(cls) || isEconomicClass(cls))) || hasAmount) inHead = false;
    if (inHead) facts.head += joined;
    if (NOTE.test(joined)) facts.notes += joined;
    if (code && (isFunctionClass(cls) || isEconomicClass(cls))) facts.codedRows++;
    if (code && isFunctionClass(cls)) {
      facts.functionRows++;
      // A 类 holds subjects of every budget: only its 款 and 项 tell which.
      if (code.length > 3) facts.funds.add(fundOfFunctionCode(code));
    } else if (code && isEconomicClass(cls)) facts.economicRows++;
    else if (!code && items.length > 1) {
      // 科目 printed by name only (浙江, 深圳): a 类 name with amounts after it.
      if (className(items[0]!, 'function') && hasAmount) facts.functionRows++;
      else if (className(items[0]!, 'economic') && hasAmount) facts.economicRows++;
    }
    // Income items below the header (a header word such as 事业收入 is no row).
    const label = stripNumbering(items[0]!);
    const income = inHead ? undefined : incomeSourceOfLabel(items[0]!);
    if (income && income !== 'total') facts.incomeLeft.add(income);
    else if (!inHead && NON_FISCAL_LABEL.test(label) && !FISCAL_WORDS.test(label) && label.length <= 12) facts.incomeLeft.add(label);
    if (items.slice(1).some((t) => className(t, 'function') || /^(支出(总计|合计)|本年支出(合计)?)$/.test(stripNumbering(t)))) facts.rightSide++;
  }
  return facts;
}

function isFrame(text: string): boolean {
  return Boolean(unitOfLine(text) || preparerOfLine(text)) || /^(编制|预算)?(部门|单位)(名称)?\s*[：:]/.test(text.trim());
}

const FUND_WORDS: [RegExp, Fund][] = [
  [/一般公共预算/, 'general'],
  [/政府性基金/, 'fund'],
  [/国有资本经营/, 'soe'],
];

const FUND_TABLE: Record<Fund, TableId> = { general: 'general-function', fund: 'fund-function', soe: 'soe-function' };
const FUND_NAME: Record<Fund, string> = { general: '一般公共预算', fund: '政府性基金预算', soe: '国有资本经营预算' };

function fundsNamed(text: string): Fund[] {
  return FUND_WORDS.filter(([re]) => re.test(text)).map(([, f]) => f);
}

/** Income columns a header names besides 财政拨款 (事业收入, 上年结转 …). */
function incomeColumns(head: string): string[] {
  return ['事业收入', '经营收入', '其他收入', '上年结转', '上年结余', '财政专户', '上级补助', '附属单位上缴', '单位资金', '其他资金'].filter((w) => head.includes(w));
}

const SPENDING_COLUMNS = /基本支出|项目支出|人员(经费|支出)|公用(经费|支出)/;
const EXPENDITURE_ONLY = /上缴上级|对附属单位补助|经营支出|结转下年/;
const THREE_PUBLIC_WORDS = [/因公出国/, /公务接待/, /公务用车/];

/** The standard tables a table's content allows, with the evidence. */
export function classifyFacts(f: Facts): Verdict {
  const none = (evidence = ''): Verdict => ({ candidates: [], evidence });
  const codeRows = f.functionRows + f.economicRows;
  // Two sides: income items down the left, the expenditure 类 on the right.
  if (f.incomeLeft.size >= 2 && f.rightSide >= 1 && f.codedRows < 3) {
    const others = [...f.incomeLeft].filter((k) => (NON_FISCAL_LABEL.test(k) && !FISCAL_WORDS.test(k)) || ['business', 'operating', 'other', 'special-account', 'superior', 'affiliated', 'fund-balance'].includes(k));
    if (others.length > 0) return { candidates: ['summary'], evidence: `收入在左、支出功能分类的类在右，收入有财政拨款以外的来源（${others.map(incomeName).join('、')}）` };
    return { candidates: ['fiscal'], evidence: '收入在左、支出功能分类的类在右，收入只有财政拨款（一般公共预算、政府性基金、国有资本经营预算）' };
  }
  const threePublic = THREE_PUBLIC_WORDS.filter((re) => re.test(f.text)).length;
  if (threePublic >= 2 && codeRows < 3) return { candidates: ['three-public'], evidence: '表头或各行为因公出国（境）费、公务接待费、公务用车购置及运行费' };
  const incomeCols = incomeColumns(f.head);
  const spending = SPENDING_COLUMNS.test(f.head);
  const byUnit = /单位名称|预算单位|部门名称|部门代码/.test(f.head);
  if (f.economicRows > f.functionRows) {
    if (incomeCols.length > 0 || fundsNamed(f.head).length >= 2) return none('经济分类科目的行按资金来源分列，不是标准表');
    return { candidates: ['general-basic-economic'], evidence: `各行为部门预算支出经济分类科目（${f.economicRows} 行）` };
  }
  if (f.functionRows === 0 && /经济分类|经济科目/.test(f.head) && /人员经费|公用经费|基本支出/.test(f.head)) return { candidates: ['general-basic-economic'], evidence: '表头为经济分类科目与人员经费、公用经费，没有数据行' };
  const functionHeader = /功能分类|功能科目|科目编码|科目名称/.test(f.head) && spending;
  if (f.functionRows === 0 && !functionHeader) {
    if (byUnit && incomeCols.length > 0 && FISCAL_WORDS.test(f.head) && !spending) return { candidates: ['income'], evidence: `按单位列示，表头为收入来源（财政拨款、${incomeCols.join('、')}）` };
    return none();
  }
  const rows = f.functionRows > 0 ? `各行为支出功能分类科目（${f.functionRows} 行）` : '表头为支出功能分类科目、没有数据行';
  if (incomeCols.length > 0 && !spending) return { candidates: ['income'], evidence: `${rows}，表头为收入来源（${incomeCols.join('、')}）` };
  if (EXPENDITURE_ONLY.test(f.head)) return { candidates: ['expenditure'], evidence: `${rows}，表头有${EXPENDITURE_ONLY.exec(f.head)![0]}等列` };
  const named = fundsNamed(f.head);
  const noted = named.length === 0 ? fundsNamed(f.notes) : [];
  if (named.length === 1 || (named.length === 0 && noted.length === 1)) {
    const fund = named[0] ?? noted[0]!;
    return { candidates: [FUND_TABLE[fund]], evidence: `${rows}，${named.length ? '表头' : '表注'}写明${FUND_NAME[fund]}` };
  }
  if (named.length >= 2) return none(`${rows}，表头按资金来源分列，不是标准表`);
  const funds = [...f.funds];
  if (funds.length === 1 && funds[0] !== 'general') return { candidates: [FUND_TABLE[funds[0]!]], evidence: `${rows}，均为${FUND_NAME[funds[0]!]}科目` };
  if (funds.length > 1) return { candidates: ['expenditure'], evidence: `${rows}，含${funds.map((x) => FUND_NAME[x]).join('与')}的科目` };
  if (f.functionRows === 0) return { candidates: ['fund-function', 'soe-function'], evidence: rows };
  return { candidates: ['expenditure', 'general-function'], evidence: `${rows}，均为一般公共预算科目` };
}

function incomeName(key: string): string {
  const names: Record<string, string> = { business: '事业收入', operating: '事业单位经营收入', other: '其他收入', 'special-account': '财政专户管理资金', superior: '上级补助收入', affiliated: '附属单位上缴收入', 'fund-balance': '用事业基金弥补收支差额' };
  return names[key] ?? key;
}

/**
 * The tables a title allows: one standard title → that table; words of one kind (三公, 政府性基金,
 * 收入 …) → the tables of that kind; words of a table not among the nine (项目, 绩效, 采购, 决算 …)
 * → none; no such words ("表一", "附表3") → any.
 */
export function titleHint(title: string): readonly TableId[] {
  const known = tableIdOfTitle(title);
  if (known) return [known];
  const t = title.replace(/\s+/g, '').replace(/[（(][^（）()]*[)）]$/, '');
  if (/决算|项目|绩效|采购|购买|明细|资产|人员|编制|机构|单位名称/.test(t)) return [];
  if (/机关运行经费|行政经费/.test(t) && !/三公/.test(t)) return [];
  if (/经济分类|经济科目/.test(t)) return ['general-basic-economic'];
  if (/三公/.test(t)) return ['three-public'];
  if (/基本支出/.test(t)) return /一般公共预算|财政拨款/.test(t) ? ['general-basic-economic'] : [];
  if (/政府性基金/.test(t)) return ['fund-function'];
  if (/国有资本/.test(t)) return ['soe-function'];
  if (/一般公共预算/.test(t)) return ['general-function', 'general-basic-economic', 'three-public'];
  if (/财政拨款/.test(t)) return ['fiscal', 'three-public'];
  if (/收支|收入.{0,4}支出/.test(t)) return ['summary', 'fiscal'];
  if (/收入/.test(t)) return ['income'];
  if (/支出/.test(t)) return ['expenditure', 'general-function', 'fund-function', 'soe-function', 'general-basic-economic'];
  return TABLE_IDS;
}

export interface Classification {
  /** The content's candidates allowed by the title, most likely first. */
  candidates: TableId[];
  /** The table the title names, when it is a standard title. */
  byTitle?: TableId;
  evidence: string;
  /** The content decided against the title's words (recorded in notes). */
  overrode?: boolean;
}

/** A table of an unknown title: its content's candidates that the title allows. */
export function classifyTable(table: PrintedTable, catalogs: CatalogSet, year: number): Classification {
  let hint = titleHint(table.title);
  const byTitle = tableIdOfTitle(table.title);
  if (byTitle) return { candidates: [byTitle], byTitle, evidence: '' };
  if (hint.length === 0) return { candidates: [], evidence: '' };
  const facts = factsOf(table, catalogs, year);
  const verdict = classifyFacts(facts);
  // "一般公共预算支出经济分类表" is all spending by economic class: the 基本支出 table only with a 基本支出 column (or its 人员/公用 parts).
  if (/经济分类|经济科目/.test(table.title) && !/基本/.test(table.title) && !/基本支出|人员(经费|支出)|公用(经费|支出)/.test(facts.head)) hint = hint.filter((h) => h !== 'general-basic-economic');
  if (hint.length === 0) return { candidates: [], evidence: '' };
  const allowed = verdict.candidates.filter((c) => hint.includes(c));
  // A content that decides on one table wins over the title's words, and says so.
  if (allowed.length === 0 && verdict.candidates.length === 1 && hint.length < TABLE_IDS.length) return { candidates: verdict.candidates, evidence: verdict.evidence, overrode: true };
  return { candidates: allowed, evidence: verdict.evidence };
}

/**
 * The standard table a table kept whole stands for (one laid out by unit, as 浙江's and 福建's
 * 收入预算总表): by its title, else by its content when its title names a table ("附表2", not the
 * tables cut out of the narrative).
 */
export function standardOfExtra(x: { title: string; headers: string[][]; rows: string[][] }, catalogs: CatalogSet, year: number): TableId | undefined {
  const byTitle = tableIdOfTitle(x.title);
  if (byTitle) return byTitle;
  if (!/表([（(][^（）()]*[)）])?$/.test(x.title) && !isTableNumberLine(x.title)) return undefined;
  const found = classifyTable({ title: x.title, lines: [...x.headers, ...x.rows] }, catalogs, year);
  return found.candidates.length === 1 ? found.candidates[0] : undefined;
}
