/**
 * A document as text with markdown tables (the layout of seed 000): every cell in its column,
 * zero cells printed as 0.00.
 */
import type { BudgetDocument, BudgetTable, NarrativeSection } from '../../model/document.js';
import { COLUMN_NAMES, isCodeTable, rowColumns } from '../../model/tables.js';
import { UNIT_NAMES } from '../../model/money.js';
import { writeFinalMarkdownText } from './final-markdown.js';
import { codeParts, coverLines, documentParts, printAmount, sideBySideLines } from './layout.js';

const mdRow = (cells: string[]) => `| ${cells.join(' | ')} |`;
const separator = (n: number) => mdRow(Array.from({ length: n }, () => '---'));

function sectionText(s: NarrativeSection): string {
  const head = s.heading ? `${s.heading}\n\n` : '';
  return head + s.paragraphs.map((p) => p.text).join('\n\n') + '\n';
}

function amountCells(t: BudgetTable, cells: Record<string, number>, columns: string[]): string[] {
  return columns.map((c) => printAmount(cells[c] ?? 0, t.unit));
}

function codeTable(t: BudgetTable): string[] {
  const cols = t.columns;
  const economic = t.id === 'general-basic-economic';
  const codeCols = economic ? 2 : 3;
  const width = codeCols + 1 + cols.length;
  const blank = (n: number) => Array.from({ length: n }, () => '');
  const lines = [
    mdRow(['项目', ...blank(codeCols), ...cols.map(() => '')].slice(0, width)),
    separator(width),
    mdRow([economic ? '部门预算经济分类科目编码' : '功能分类科目编码', ...blank(codeCols - 1), economic ? '经济分类科目名称' : '功能分类科目名称', ...cols.map((c) => COLUMN_NAMES[c] ?? c)]),
    mdRow([...(economic ? ['类', '款'] : ['类', '款', '项']), '', ...cols.map(() => '')]),
  ];
  for (const r of t.rows) {
    const codes = r.code ? codeParts(r.code).slice(0, codeCols) : ['合计', ...blank(codeCols - 1)];
    lines.push(mdRow([...codes, r.code ? r.label ?? '' : '', ...amountCells(t, r.cells, cols)]));
  }
  return lines;
}

function totalsTable(t: BudgetTable): string[] {
  const expCols = rowColumns(t.id, 'expenditure.total', t.columns);
  const width = 3 + expCols.length;
  const lines = [
    mdRow([t.id === 'fiscal' ? '财政拨款收入' : '本年收入', '', t.id === 'fiscal' ? '财政拨款支出' : '本年支出', ...expCols.map(() => '')]),
    separator(width),
    mdRow(['项目', '预算数', '项目', ...expCols.map((c) => (c === 'total' && t.id === 'summary' && expCols.length === 1 ? '预算数' : COLUMN_NAMES[c] ?? c))]),
  ];
  for (const line of sideBySideLines(t)) {
    const inc = line.income;
    const exp = line.expenditure;
    lines.push(
      mdRow([
        inc?.label ?? '',
        inc ? printAmount(inc.cells.amount ?? 0, t.unit) : '',
        exp?.label ?? '',
        ...(exp ? amountCells(t, exp.cells, expCols) : expCols.map(() => '')),
      ]),
    );
  }
  return lines;
}

function threePublicTable(t: BudgetTable): string[] {
  const row = t.rows[0];
  return [
    mdRow(['“三公”经费预算数', '', '', '', '', '', '机关运行经费预算数']),
    separator(7),
    mdRow(['合计', '因公出国(境)费', '公务接待费', '公务用车购置及运行费', '', '', '']),
    mdRow(['', '', '', '小计', '购置费', '运行费', '']),
    mdRow(amountCells(t, row?.cells ?? {}, t.columns)),
  ];
}

function tableText(t: BudgetTable, scope: 'department' | 'unit'): string {
  const body = isCodeTable(t.id) ? codeTable(t) : t.id === 'three-public' ? threePublicTable(t) : totalsTable(t);
  const head = [t.title, '', ...(t.preparer ? [`编制${scope === 'department' ? '部门' : '单位'}：${t.preparer}`, ''] : []), `单位：${UNIT_NAMES[t.unit]}`, ''];
  return [...head, ...body, ...(t.note ? ['', t.note] : []), ''].join('\n');
}

export function writeMarkdownText(doc: BudgetDocument): string {
  if (doc.meta.kind === 'final') return writeFinalMarkdownText(doc);
  const parts = documentParts(doc);
  const cover = coverLines(doc).flatMap((l) => [l, '']);
  const out = [...cover, ...parts.before.filter((s) => s.kind !== 'cover').map(sectionText)];
  for (const { table, notes } of parts.tables) out.push(tableText(table, doc.meta.scope), ...notes.map((n) => n.paragraphs.map((p) => p.text).join('\n\n') + '\n'));
  out.push(...parts.after.map(sectionText));
  return out.join('\n');
}
