/**
 * What a printed table title, header word or row label means, as data shared by every importer
 * (text now, PDF and spreadsheets later).
 */
import type { TableId } from '../model/tables.js';
import { finalTableIdOfBody } from './final/titles.js';

const TITLE_PATTERNS: [RegExp, TableId][] = [
  [/财政拨款收支预算总表$/, 'fiscal'],
  [/财务收支预算总表$/, 'summary'],
  [/收支预算总表$/, 'summary'],
  [/收入预算总表$/, 'income'],
  [/支出预算总表$/, 'expenditure'],
  [/一般公共预算支出功能分类预算表$/, 'general-function'],
  [/政府性基金预算支出功能分类预算表$/, 'fund-function'],
  [/国有资本经营预算支出功能分类预算表$/, 'soe-function'],
  [/一般公共预算基本支出(部门预算)?经济分类预算表$/, 'general-basic-economic'],
  [/[“"”]?三公[”"“]?经费和机关运行经费预算表$/, 'three-public'],
  // Other provinces' names for the same tables (福建、浙江).
  [/一般公共预算(拨款)?支出预算表$/, 'general-function'],
  [/政府性基金预算(拨款)?支出预算表$/, 'fund-function'],
  [/国有资本经营预算(拨款)?支出预算表$/, 'soe-function'],
  [/一般公共预算基本支出(经济分类情况|预算)表$/, 'general-basic-economic'],
  [/一般公共预算[“"”]?三公[”"“]?经费(支出)?预算表$/, 'three-public'],
  // 广州、重庆、深圳、苏州 (the qualifier in brackets after 表 is dropped before matching).
  [/^(部门|单位)?收支(总体情况|预算总|总)表$/, 'summary'],
  [/^(部门|单位)?收入(总体情况|预算总|总)表$/, 'income'],
  [/^(部门|单位)?(本年)?支出(总体情况|预算总|总)表$/, 'expenditure'],
  [/财政拨款收支(总体情况|预算总|总)表$/, 'fiscal'],
  [/^一般公共预算(拨款)?支出(情况|预算)?表(按功能分类(科目)?|功能科目)?$/, 'general-function'],
  [/^一般公共预算基本支出(情况|预算)?表(按经济分类(科目)?|经济科目)?$/, 'general-basic-economic'],
  [/^一般公共预算支出表按经济分类$/, 'general-basic-economic'],
  [/^政府性基金预算(拨款)?支出(情况|预算)?表(按功能分类(科目)?|功能科目)?$/, 'fund-function'],
  [/^国有资本经营预算(拨款)?支出(情况|预算)?表(按功能分类(科目)?|功能科目)?$/, 'soe-function'],
  [/(财政拨款|一般公共预算)(安排的行政经费及)?[“"”]?三公[”"“]?经费(、会议费、培训费)?(支出)?(情况|预算)?表$/, 'three-public'],
];

/** A table of another layout with no counterpart among the nine: kept whole. */
const EXTRA_TITLE = /(预算表|情况表|绩效表|目标表|明细表|总表)([（(][^（）()]{1,12}[)）])?$/;

export function isExtraTableTitle(line: string): boolean {
  const t = line.replace(/\s+/g, '');
  return t.length >= 6 && t.length <= 48 && EXTRA_TITLE.test(t) && !tableIdOfTitle(line) && !/[，。；、]/.test(t);
}

/** A line that is a table's title, of the nine or another (a list of the tables' titles is made of such lines). */
export const isAnyTableTitle = (line: string): boolean => !!tableIdOfTitle(line) || isExtraTableTitle(line);

/** "2025年部门财务收支预算总表" → summary. Leading numbering, year and 部门/单位 prefixes are allowed. */
export function tableIdOfTitle(line: string): TableId | undefined {
  if (!/表\s*([（(][^（）()]{0,12}[)）])?\s*$/.test(line)) return undefined;
  const t = line.replace(/\s+/g, '');
  if (t.length > 48 || t.length < 4) return undefined;
  const body = t
    .replace(/^[（(]?(附表|公开表|预算表|表)[\d一二三四五六七八九十]*[)）]?[、.．:：-]?|^[（(]?[\d一二三四五六七八九十]+[)）、.．:：-]/, '')
    .replace(/^\d{4}年度?/, '')
    .replace(/^(部门|单位)(?=收|支)/, '')
    .replace(/[（(][^（）()]{0,12}[)）]$/, '')
    .replace(/[（(]/g, '')
    .replace(/[)）]/g, '')
    .replace(/^续表/, '');
  const qualifier = /[（(]([^（）()]{0,12})[)）]$/.exec(t)?.[1] ?? '';
  const final = finalTableIdOfBody(body);
  if (final) return final;
  for (const [re, id] of TITLE_PATTERNS) {
    if (!re.test(body)) continue;
    // 深圳's 一般公共预算支出表（按经济分类） is the economic table.
    return id === 'general-function' && /经济/.test(qualifier) ? 'general-basic-economic' : id;
  }
  return undefined;
}

/** A line that only numbers the table under it: "表1", "表一", "公开表3", "（预算表5）", "附表2". */
export function isTableNumberLine(line: string): boolean {
  return /^[（(]?(附表|公开表|预算表|表)\s*[\d一二三四五六七八九十]+[)）]?$|^公开\d+表$/.test(line.replace(/\s+/g, ''));
}

/** Header words → column ids. Order matters: longer, more specific words first. */
const HEADER_WORDS: [RegExp, string][] = [
  [/事业单位经营收入/, 'operating'],
  [/财政专户管理资金/, 'special-account'],
  [/上级补助收入/, 'superior'],
  [/附属单位上缴收入/, 'affiliated'],
  [/用事业基金弥补收支差额/, 'fund-balance'],
  [/上年结转|上年结余[、和]?结转/, 'carryover'],
  [/财政拨款(收入)?$/, 'fiscal'],
  [/事业收入/, 'business'],
  [/其他收入/, 'other'],
  [/对附属单位补助支出/, 'subsidiary'],
  [/上缴上级支出/, 'to-superior'],
  [/结转下年/, 'carry-forward'],
  [/基本支出$/, 'basic'],
  [/项目支出$/, 'project'],
  [/^一般公共预算(拨款)?(收入)?$/, 'general'],
  [/^政府性基金预算(拨款)?(收入)?$/, 'fund'],
  [/^国有资本经营预算(拨款)?(收入)?$/, 'soe'],
  [/因公出国[(（]境[)）](费|经费|支出)/, 'abroad'],
  [/公务接待(费|支出)/, 'reception'],
  [/公务用车购置及运行(维护)?(费|支出)/, 'vehicle'],
  [/^[“"”]?三公[”"“]?经费(合计|支出)?$/, 'total'],
  [/^公务用车购置费?$/, 'vehicle-purchase'],
  [/^公务用车运行(维护)?费$/, 'vehicle-operation'],
  [/三公.*经费(合计|预算数)$/, 'total'],
  [/事业单位经营支出/, 'operating'],
  [/^人员(经费|支出)$/, 'personnel'],
  [/^(日常)?公用(经费|支出)$/, 'public'],
  [/^购置费$/, 'vehicle-purchase'],
  [/^运行费$/, 'vehicle-operation'],
  [/机关运行经费/, 'office-operation'],
  [/^(合计|总计|收入总计|支出总计)$/, 'total'],
  [/^(\d{4}年)?预算(数)?$/, 'amount'],
];

/**
 * 行政经费 is 机关运行经费 in a “三公” table: 广州's 《财政拨款安排的行政经费及“三公”经费预算表》 prints
 * 机关运行经费 as its row “行政经费”, beside the “三公” items where the standard table has 机关运行经费
 * (its 说明 define “行政经费（机关运行经费）”, as 深圳's 名词解释 do; no other city prints the row). A
 * table under a neutral title (“表8”) is the same table, so the title is not asked.
 */
export function threePublicRowOfLabel(label: string): string | undefined {
  const w = label.replace(/\s+/g, '');
  if (/^行政经费([（(]机关运行经费[)）])?$/.test(w)) return 'office-operation';
  return columnOfHeader(w, 'three-public');
}

/** A header word's column. 小计 is the 公务用车 subtotal in the “三公” table, the total elsewhere. */
export function columnOfHeader(word: string, table?: TableId): string | undefined {
  const w = word.replace(/\s+/g, '');
  if (!w) return undefined;
  if (w === '小计') return table === 'three-public' ? 'vehicle' : 'total';
  for (const [re, id] of HEADER_WORDS) if (re.test(w)) return id;
  return undefined;
}

/** Income-row labels of the two total tables → the row's source key (without "income."). */
const INCOME_LABELS: [RegExp, string][] = [
  [/^(财政拨款(收入)?|预算拨款(收入)?)$/, 'fiscal'],
  [/^本年收入(合计|小计)?$/, 'current'],
  [/^(一般公共预算资金|一般预算资金|一般公共预算拨款(收入)?|一般公共预算)$/, 'general'],
  [/^(政府性基金|政府性基金预算|政府性基金预算资金|政府性基金预算拨款(收入)?)$/, 'fund'],
  [/^(国有资本经营预算|国有资本经营预算资金|国有资本经营预算拨款(收入)?|国有资本经营收入)$/, 'soe'],
  [/^事业收入$/, 'business'],
  [/^事业单位经营收入$/, 'operating'],
  [/^其他收入$/, 'other'],
  [/^(财政专户管理资金(收入)?|财政专户拨款(收入)?)$/, 'special-account'],
  [/^上级补助收入$/, 'superior'],
  [/^附属单位上缴收入$/, 'affiliated'],
  [/^(上年结转(结余)?|上年结余[、和]?结转)$/, 'carryover'],
  [/^用事业基金弥补收支差额$/, 'fund-balance'],
  [/^收入(总计|合计)$/, 'total'],
];

export function stripNumbering(label: string): string {
  return label
    .replace(/\s+/g, '')
    // A stray digit before the numbering ("1（一）一般公共预算资金", 重庆).
    .replace(/^\d(?=[（(][一二三四五六七八九十]+[)）])/, '')
    .replace(/^[（(]?[一二三四五六七八九十百零〇\d]+[)）、.．]/, '');
}

export function incomeSourceOfLabel(label: string): string | undefined {
  const bare = stripNumbering(label);
  for (const [re, key] of INCOME_LABELS) if (re.test(bare)) return key;
  // 重庆: "事业收入资金", "上级补助收入资金".
  const plain = bare.replace(/资金$/, '');
  if (plain !== bare) for (const [re, key] of INCOME_LABELS) if (re.test(plain)) return key;
  return undefined;
}

export function isExpenditureTotalLabel(label: string): boolean {
  return /^支出(总计|合计)$/.test(stripNumbering(label));
}

/** Expenditure rows of other layouts' total tables that are not a 类: 本年支出合计, 结转下年. */
export function expenditureExtraKey(label: string): string | undefined {
  const bare = stripNumbering(label);
  if (/^本年支出(合计|小计)?$/.test(bare)) return 'expenditure.current';
  if (/^(结转下年(支出)?|年终结转结余|结转结余下年)$/.test(bare)) return 'expenditure.carry-forward';
  return undefined;
}

/** Expenditure items of a total table that are no 功能分类 类 (广州): 对附属单位补助支出, 上缴上级支出. */
export function isNonClassExpenditure(label: string): boolean {
  return /^(对附属单位补助支出|上缴上级支出)$/.test(stripNumbering(label));
}

export function isTotalLabel(label: string): boolean {
  return /^(合计|总计)$/.test(label.replace(/\s+/g, ''));
}

/** "单位：元" / "单位:万元" anywhere in a line. */
export function unitOfLine(line: string): 'yuan' | 'wanyuan' | undefined {
  const m = /单位\s*[：:]\s*(万元|元)/.exec(line.replace(/\s+/g, ' '));
  if (!m) return undefined;
  return m[1] === '万元' ? 'wanyuan' : 'yuan';
}

/** "编制部门：XX" / "编制单位：XX" → XX. */
export function preparerOfLine(line: string): string | undefined {
  const m = /(?:编制|预算)?(部门|单位)(?:名称)?\s*[：:]\s*(.+?)(\s+单位\s*[：:].*)?$/.exec(line.trim());
  if (m && /^(元|万元)$/.test(m[2]!.trim())) return undefined;
  return m?.[2]?.trim();
}
