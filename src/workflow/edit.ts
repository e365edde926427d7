/**
 * Edits a preparer makes to a document: table cells (set, add a row, clear) and narrative
 * paragraphs. Pure: returns the edited document and every change with its old and new value
 * (what the audit log records). When a paragraph changes, the figures it states are read again
 * by the same reader the importer uses, so the checker compares the new wording.
 */
import { z } from 'zod';
import type { BudgetDocument } from '../model/document.js';
import { quoteKey, rowKeyProblem } from '../model/keys.js';
import { TABLE_IDS } from '../model/tables.js';
import { figuresOfSections, readSectionsOf } from '../read/narrative/figures.js';
import { readProjects } from '../read/narrative/projects.js';

const fen = z.number().int().refine(Number.isSafeInteger, '金额超出可精确表示的范围');

export const cellEditSchema = z.object({
  table: z.enum(TABLE_IDS).describe('表：summary、income、expenditure……'),
  row: z.string().min(1).describe('行键：科目编码、total、income.fiscal……'),
  column: z.string().min(1).describe('列键：total、fiscal、basic……'),
  amount: fen.nullable().describe('新金额（分）；null 表示清空该单元格'),
  label: z.string().optional().describe('新增一行时的行名称（科目名称）'),
});
export type CellEdit = z.infer<typeof cellEditSchema>;

export const paragraphEditSchema = z.object({
  section: z.number().int().min(0).describe('说明部分的序号（从 0 起，按文档顺序）'),
  paragraph: z.number().int().min(0).describe('段落序号（从 0 起）；等于段落数时在末尾新增一段'),
  text: z.string().nullable().describe('新文字；null 表示删去该段'),
});
export type ParagraphEdit = z.infer<typeof paragraphEditSchema>;

/**
 * Bounds on one request's edits and on what a document may grow to, so that one request cannot
 * hold the server for seconds (checking is at least linear in a table's rows, and the identities
 * pair rows with rows). Real tables have tens of rows (the largest of the corpus: 67); a 500-row table still checks in well under a second.
 */
export const EDIT_LIMITS = { cells: 1000, paragraphs: 200, bytes: 256 * 1024, tableRows: 500 } as const;

export const editsSchema = z.object({
  cells: z.array(cellEditSchema).optional().describe(`每次最多 ${EDIT_LIMITS.cells} 个单元格`),
  paragraphs: z.array(paragraphEditSchema).optional().describe(`每次最多 ${EDIT_LIMITS.paragraphs} 段`),
});
export type Edits = z.infer<typeof editsSchema>;

export interface Change {
  /** "tables.income.2080109.fiscal" or "narrative.3.1". */
  path: string;
  old: number | string | null;
  new: number | string | null;
}

export class EditError extends Error {}
/** An edit that would make a document larger than EDIT_LIMITS allows. */
export class EditLimitError extends EditError {}

/** How many edits a request asks for beyond the limits, in Chinese; undefined when within them. */
export function editCountRefusal(edits: Edits): string | undefined {
  const cells = edits.cells?.length ?? 0;
  const paragraphs = edits.paragraphs?.length ?? 0;
  if (cells > EDIT_LIMITS.cells) return `一次最多修改 ${EDIT_LIMITS.cells} 个单元格（本次 ${cells} 个）`;
  if (paragraphs > EDIT_LIMITS.paragraphs) return `一次最多修改 ${EDIT_LIMITS.paragraphs} 段说明文字（本次 ${paragraphs} 段）`;
  return undefined;
}

/** The first table with more rows than a document may have, in Chinese; undefined when none. */
export function oversizedTable(doc: Pick<BudgetDocument, 'tables'>): string | undefined {
  const t = doc.tables.find((x) => x.rows.length > EDIT_LIMITS.tableRows);
  return t ? `表“${t.title}”有 ${t.rows.length} 行，超过每张表 ${EDIT_LIMITS.tableRows} 行的上限` : undefined;
}

export function applyEdits(doc: BudgetDocument, edits: Edits): { doc: BudgetDocument; changes: Change[] } {
  const next = structuredClone(doc);
  const changes: Change[] = [];
  // Rows by key, per table: one lookup per edit, not a scan of the table.
  const rowsOf = new Map<string, Map<string, BudgetDocument['tables'][number]['rows'][number]>>();
  for (const e of edits.cells ?? []) {
    const table = next.tables.find((t) => t.id === e.table);
    if (!table) throw new EditError(`文件中没有表“${e.table}”，不能修改其单元格`);
    let rows = rowsOf.get(table.id);
    if (!rows) rowsOf.set(table.id, (rows = new Map(table.rows.map((r) => [r.key, r]))));
    let row = rows.get(e.row);
    if (!row) {
      if (e.amount === null) throw new EditError(`表“${table.title}”中没有行“${e.row}”`);
      if (!table.columns.includes(e.column)) throw new EditError(`表“${table.title}”没有列“${e.column}”（有：${table.columns.join('、')}）`);
      if (table.rows.length >= EDIT_LIMITS.tableRows) throw new EditLimitError(`表“${table.title}”已有 ${table.rows.length} 行，不能再增加行（每张表最多 ${EDIT_LIMITS.tableRows} 行）`);
      const problem = rowKeyProblem(table.id, e.row);
      if (problem) throw new EditError(`表“${table.title}”不能新增行“${quoteKey(e.row)}”：${problem}`);
      const code = /^\d{3}(\d{2}){0,2}$/.test(e.row) ? e.row : undefined;
      row = { key: e.row, cells: {}, ...(code ? { code } : {}), ...(e.label ? { label: e.label } : {}) };
      const totalAt = table.rows.findIndex((r) => r.key === 'total' || r.key.endsWith('.total'));
      table.rows.splice(totalAt < 0 ? table.rows.length : totalAt, 0, row);
      rows.set(e.row, row);
    }
    if (!table.columns.includes(e.column)) throw new EditError(`表“${table.title}”没有列“${e.column}”（有：${table.columns.join('、')}）`);
    const old = row.cells[e.column] ?? null;
    if (old === e.amount) continue;
    if (e.amount === null) delete row.cells[e.column];
    else row.cells[e.column] = e.amount;
    delete row.cellOrigins?.[e.column];
    changes.push({ path: `tables.${e.table}.${e.row}.${e.column}`, old, new: e.amount });
  }
  let narrativeChanged = false;
  for (const e of edits.paragraphs ?? []) {
    const section = next.narrative.sections[e.section];
    if (!section) throw new EditError(`说明文字没有第 ${e.section + 1} 部分（共 ${next.narrative.sections.length} 部分）`);
    const old = section.paragraphs[e.paragraph]?.text ?? null;
    if (e.paragraph > section.paragraphs.length || (old === null && e.text === null)) throw new EditError(`“${section.heading || '封面'}”没有第 ${e.paragraph + 1} 段（共 ${section.paragraphs.length} 段）`);
    if (old === e.text) continue;
    if (e.text === null) section.paragraphs.splice(e.paragraph, 1);
    else if (old === null) section.paragraphs.push({ text: e.text });
    else section.paragraphs[e.paragraph] = { text: e.text };
    changes.push({ path: `narrative.${e.section}.${e.paragraph}`, old, new: e.text });
    narrativeChanged = true;
  }
  if (narrativeChanged) {
    // The projects are read again too: a changed 测算 or 年度预算 sentence is what the checker must see.
    const figures = figuresOfSections(next.narrative.sections);
    Object.assign(next.narrative, figures, { projects: readProjects(readSectionsOf(next.narrative.sections), figures.amounts) });
  }
  return { doc: next, changes };
}
