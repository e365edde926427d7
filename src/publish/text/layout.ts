/**
 * What both text layouts share: the order of narrative parts and tables, amounts as printed,
 * and the side-by-side lines of the two total tables.
 */
import type { BudgetDocument, BudgetTable, NarrativeSection, TableRow } from '../../model/document.js';
import { formatYuanGrouped, formatWanyuan, type Fen } from '../../model/money.js';
import { FINAL_TABLE_ORDER, TABLE_IDS } from '../../model/tables.js';

const BEFORE_TABLES: NarrativeSection['kind'][] = ['cover', 'contents', 'functions', 'organization', 'glossary', 'budget-explanation'];

export interface DocumentParts {
  before: NarrativeSection[];
  tables: { table: BudgetTable; notes: NarrativeSection[] }[];
  after: NarrativeSection[];
}

/** Narrative parts up to the 编制说明, then the nine tables (each with its notes), then the rest. */
export function documentParts(doc: BudgetDocument): DocumentParts {
  const sections = doc.narrative.sections;
  const firstAfter = sections.findIndex((s) => !BEFORE_TABLES.includes(s.kind) && s.kind !== 'table-note');
  const before = (firstAfter < 0 ? sections : sections.slice(0, firstAfter)).filter((s) => s.kind !== 'table-note');
  const after = (firstAfter < 0 ? [] : sections.slice(firstAfter)).filter((s) => s.kind !== 'table-note');
  const tables = tableOrder(doc).map((table) => ({
    table,
    notes: sections.filter((s) => s.kind === 'table-note' && s.heading === table.title),
  }));
  return { before, tables, after };
}

/**
 * The tables in the source's order when every table was read from it (another province numbers
 * them otherwise, and their printed titles keep its numbers), else in the standard order.
 */
function tableOrder(doc: BudgetDocument): BudgetTable[] {
  const standard = (doc.meta.kind === 'final' ? FINAL_TABLE_ORDER : TABLE_IDS).flatMap((id) => doc.tables.filter((t) => t.id === id));
  if (!standard.every((t) => t.origin?.line !== undefined)) return standard;
  return [...standard].sort((a, b) => a.origin!.line! - b.origin!.line!);
}

/** The cover: the document's own cover lines, or its title and entity as the documents print them. */
export function coverLines(doc: BudgetDocument): string[] {
  const cover = doc.narrative.sections.find((s) => s.kind === 'cover');
  if (cover) return cover.paragraphs.map((p) => p.text);
  const m = doc.meta;
  return [m.title, `${m.scope === 'department' ? '预算主管部门' : '预算单位'}：${m.entity.code ?? ''}${m.entity.name}${m.scope === 'department' ? '（汇总）' : ''}`];
}

/** The cover as shown: an attachment label ("附件1") apart, then the title, then the other lines. */
export function coverParts(doc: BudgetDocument): { label?: string; title: string; rest: string[] } {
  const lines = coverLines(doc);
  const label = lines[0] && /^附件\s*\d*$/.test(lines[0]) ? lines[0] : undefined;
  const [title = '', ...rest] = label ? lines.slice(1) : lines;
  return { ...(label ? { label } : {}), title, rest };
}

export function printAmount(fen: Fen | undefined, unit: 'yuan' | 'wanyuan'): string {
  if (fen === undefined) return '';
  return unit === 'wanyuan' ? formatWanyuan(fen) : formatYuanGrouped(fen);
}

export interface SideBySideLine {
  income?: TableRow;
  expenditure?: TableRow;
}

/** Rows of 收支总表/财政拨款收支总表 (in printed order) back into printed lines. */
export function sideBySideLines(table: BudgetTable): SideBySideLine[] {
  const lines: SideBySideLine[] = [];
  for (const row of table.rows) {
    const last = lines[lines.length - 1];
    if (row.key.startsWith('income.')) lines.push({ income: row });
    else if (last && last.income && !last.expenditure) last.expenditure = row;
    else lines.push({ expenditure: row });
  }
  return lines;
}

export function codeParts(code: string): string[] {
  return [code.slice(0, 3), code.slice(3, 5), code.slice(5, 7)];
}

/** A project part's own heading line ("一、项目概述", "2、项目名称：社会救助"), printed as a subheading. */
const PART_HEADING = /^([一二三四五六七八九十]+、\s*(项目概述|立项依据|实施主体|实施方案|实施周期|年度预算安排|绩效目标)|\d+[、.．]\s*项目名称[：:].{1,40})$/;

/**
 * A paragraph as it is shown (not as it is stored): a contents line loses the list marker the
 * markdown seeds give it ("- 一、部门主要职能", " - 1. 2025年…") and keeps its depth as a level;
 * a project part's heading line is shown as a subheading.
 */
export function paragraphDisplay(section: Pick<NarrativeSection, 'kind'>, text: string): { text: string; level: number; subheading?: boolean } {
  if (section.kind === 'projects' || section.kind === 'project') return PART_HEADING.test(text.trim()) ? { text, level: 0, subheading: true } : { text, level: 0 };
  if (section.kind !== 'contents') return { text, level: 0 };
  const m = /^(\s*)[-*•]\s+/.exec(text);
  const shown = m ? text.slice(m[0].length) : text;
  // "一、…" items are parts; "1. 2025年…收支预算总表" items are the tables listed under one of them.
  return { text: shown, level: (m && m[1]!.length > 0) || /^\d+[.、．]\s*\S/.test(shown) ? 1 : 0 };
}
