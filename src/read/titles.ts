/**
 * What a printed table title, header word or row label means, as data shared by every importer
 * (text now, PDF and spreadsheets later).
 */
import type { TableId } from '../model/tables.js';

const TITLE_PATTERNS: [RegExp, TableId][] = [
  [/财政拨款收支预算总表$/, 'fiscal'],
  [/财务收支预算总表$/, 'summary'],
  [/收入预算总表$/, 'income'],
  [/支出预算总表$/, 'expenditure'],
  [/一般公共预算支出功能分类预算表$/, 'general-function'],
  [/政府性基金预算支出功能分类预算表$/, 'fund-function'],
  [/国有资本经营预算支出功能分类预算表$/, 'soe-function'],
  [/一般公共预算基本支出(部门预算)?经济分类预算表$/, 'general-basic-economic'],
  [/[“"”]?三公[”"“]?经费和机关运行经费预算表$/, 'three-public'],
];

/** "2025年部门财务收支预算总表" → summary. Leading numbering, year and 部门/单位 prefixes are allowed. */
export function tableIdOfTitle(line: string): TableId | undefined {
  if (!line.endsWith('表') && !/表\s*$/.test(line)) return undefined;
  const t = line.replace(/\s+/g, '');
  if (t.length > 48 || t.length < 6) return undefined;
  const body = t.replace(/^(附表|表)?[\d一二三四五六七八九十]*[、.．:：-]?/, '');
  for (const [re, id] of TITLE_PATTERNS) if (re.test(body)) return id;
  return undefined;
}

/** Header words → column ids. Order matters: longer, more specific words first. */
const HEADER_WORDS: [RegExp, string][] = [
  [/事业单位经营收入/, 'operating'],
  [/财政专户管理资金/, 'special-account'],
  [/上级补助收入/, 'superior'],
  [/附属单位上缴收入/, 'affiliated'],
  [/用事业基金弥补收支差额/, 'fund-balance'],
  [/上年结转/, 'carryover'],
  [/财政拨款(收入)?$/, 'fiscal'],
  [/事业收入/, 'business'],
  [/其他收入/, 'other'],
  [/对附属单位补助支出/, 'subsidiary'],
  [/上缴上级支出/, 'to-superior'],
  [/结转下年/, 'carry-forward'],
  [/基本支出$/, 'basic'],
  [/项目支出$/, 'project'],
  [/人员经费$/, 'personnel'],
  [/公用经费$/, 'public'],
  [/^一般公共预算$/, 'general'],
  [/^政府性基金预算$/, 'fund'],
  [/^国有资本经营预算$/, 'soe'],
  [/因公出国[(（]境[)）]费/, 'abroad'],
  [/公务接待费/, 'reception'],
  [/公务用车购置及运行费/, 'vehicle'],
  [/^小计$/, 'vehicle'],
  [/^购置费$/, 'vehicle-purchase'],
  [/^运行费$/, 'vehicle-operation'],
  [/机关运行经费/, 'office-operation'],
  [/^合计$/, 'total'],
  [/^预算数$/, 'amount'],
];

export function columnOfHeader(word: string): string | undefined {
  const w = word.replace(/\s+/g, '');
  if (!w) return undefined;
  for (const [re, id] of HEADER_WORDS) if (re.test(w)) return id;
  return undefined;
}

/** Income-row labels of the two total tables → the row's source key (without "income."). */
const INCOME_LABELS: [RegExp, string][] = [
  [/^财政拨款收入$/, 'fiscal'],
  [/^(一般公共预算资金|一般预算资金|一般公共预算拨款收入|一般公共预算)$/, 'general'],
  [/^(政府性基金|政府性基金预算|政府性基金预算资金|政府性基金预算拨款收入)$/, 'fund'],
  [/^(国有资本经营预算|国有资本经营预算资金|国有资本经营预算拨款收入)$/, 'soe'],
  [/^事业收入$/, 'business'],
  [/^事业单位经营收入$/, 'operating'],
  [/^其他收入$/, 'other'],
  [/^财政专户管理资金(收入)?$/, 'special-account'],
  [/^上级补助收入$/, 'superior'],
  [/^附属单位上缴收入$/, 'affiliated'],
  [/^上年结转(结余)?$/, 'carryover'],
  [/^用事业基金弥补收支差额$/, 'fund-balance'],
  [/^收入(总计|合计)$/, 'total'],
];

export function stripNumbering(label: string): string {
  return label
    .replace(/\s+/g, '')
    .replace(/^[（(]?[一二三四五六七八九十百零〇\d]+[)）、.．]/, '');
}

export function incomeSourceOfLabel(label: string): string | undefined {
  const bare = stripNumbering(label);
  for (const [re, key] of INCOME_LABELS) if (re.test(bare)) return key;
  return undefined;
}

export function isExpenditureTotalLabel(label: string): boolean {
  return /^支出(总计|合计)$/.test(stripNumbering(label));
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
  const m = /编制(部门|单位)\s*[：:]\s*(.+?)(\s+单位\s*[：:].*)?$/.exec(line.trim());
  return m?.[2]?.trim();
}
