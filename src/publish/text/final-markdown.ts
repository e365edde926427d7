/**
 * A 部门决算 (meta.kind 'final') as text with markdown tables, in the district template's layout
 * (model/tables.ts FINAL_*): the header words the template prints, so that read/final/table.ts
 * reads it back cell for cell. A blank cell stays blank, a zero is printed 0.00.
 */
import type { BudgetDocument, BudgetTable, NarrativeSection, TableRow } from '../../model/document.js';
import { UNIT_NAMES } from '../../model/money.js';
import { FINAL_TABLE_ORDER, columnName, isCodeTable, rowColumns } from '../../model/tables.js';
import { coverLines, documentParts, printAmount, sideBySideLines } from './layout.js';

const mdRow = (cells: string[]) => `| ${cells.map((c) => c.replace(/\|/g, '｜')).join(' | ')} |`;
const separator = (n: number) => mdRow(Array.from({ length: n }, () => '---'));

function sectionText(s: NarrativeSection): string {
  const head = s.heading ? `${s.heading}\n\n` : '';
  return head + s.paragraphs.map((p) => p.text).join('\n\n') + '\n';
}

const amounts = (t: BudgetTable, r: TableRow | undefined, columns: readonly string[]) => columns.map((c) => printAmount(r?.cells[c], t.unit));

function codeTable(t: BudgetTable): string[] {
  const head = ['科目编码', '科目名称', ...t.columns.map((c) => columnName(t.id, c, 'final'))];
  const lines = [mdRow(head), separator(head.length)];
  for (const r of t.rows) lines.push(mdRow([r.code ?? '合计', r.code ? (r.label ?? '') : '', ...amounts(t, r, t.columns)]));
  return lines;
}

/** 人员经费 (301, 303) on the left, 公用经费 (the other classes) on the right, closed by their 合计. */
function economicTable(t: BudgetTable): string[] {
  const lines = [mdRow(['科目编码', '科目名称', '决算数', '科目编码', '科目名称', '决算数']), separator(6)];
  const coded = t.rows.filter((r) => r.code);
  const left = coded.filter((r) => /^30[13]/.test(r.code!));
  const right = coded.filter((r) => !/^30[13]/.test(r.code!));
  const side = (r: TableRow | undefined, column: 'personnel' | 'public') => (r ? [r.code!, r.label ?? '', printAmount(r.cells[column] ?? r.cells.total, t.unit)] : ['', '', '']);
  for (let i = 0; i < Math.max(left.length, right.length); i++) lines.push(mdRow([...side(left[i], 'personnel'), ...side(right[i], 'public')]));
  const total = t.rows.find((r) => r.key === 'total');
  lines.push(mdRow(['人员经费合计', '', printAmount(total?.cells.personnel, t.unit), '公用经费合计', '', printAmount(total?.cells.public, t.unit)]));
  return lines;
}

/** Each item's 预算数 and 决算数 side by side, one line of figures. */
function threePublicTable(t: BudgetTable): string[] {
  const items = t.columns;
  const words: Record<string, string> = { total: '合计', abroad: '因公出国（境）费', vehicle: '小计', 'vehicle-purchase': '购置费', 'vehicle-operation': '运行维护费', reception: '公务接待费' };
  const budget = t.rows.find((r) => r.key === 'budget');
  const final = t.rows.find((r) => r.key === 'final');
  return [
    mdRow(items.flatMap((c) => [words[c] ?? c, words[c] ?? c])),
    separator(items.length * 2),
    mdRow(items.flatMap(() => ['预算数', '决算数'])),
    mdRow(items.flatMap((c) => [printAmount(budget?.cells[c], t.unit), printAmount(final?.cells[c], t.unit)])),
  ];
}

function totalsTable(t: BudgetTable): string[] {
  const expCols = rowColumns(t.id, 'expenditure.total', t.columns);
  const head = ['项目', '决算数', '项目', ...(t.id === 'summary' ? ['决算数'] : expCols.map((c) => ({ total: '合计', general: '一般公共预算财政拨款', fund: '政府性基金预算财政拨款', soe: '国有资本经营预算财政拨款' })[c] ?? c))];
  const lines = [mdRow(head), separator(head.length)];
  for (const { income, expenditure } of sideBySideLines(t)) {
    lines.push(mdRow([income?.label ?? '', income ? printAmount(income.cells.amount, t.unit) : '', expenditure?.label ?? '', ...(expenditure ? amounts(t, expenditure, expCols) : expCols.map(() => ''))]));
  }
  return lines;
}

function tableText(t: BudgetTable): string {
  const body = t.id === 'general-basic-economic' ? economicTable(t) : isCodeTable(t.id) ? codeTable(t) : t.id === 'three-public' ? threePublicTable(t) : totalsTable(t);
  const head = [t.title, '', ...(t.preparer ? [`编制部门：${t.preparer}`, ''] : []), `单位：${UNIT_NAMES[t.unit]}`, ''];
  return [...head, ...body, ...(t.note ? ['', t.note] : []), ''].join('\n');
}

export function writeFinalMarkdownText(doc: BudgetDocument): string {
  const parts = documentParts(doc);
  const cover = coverLines(doc).flatMap((l) => [l, '']);
  const out = [...cover, ...parts.before.filter((s) => s.kind !== 'cover').map(sectionText)];
  const tables = FINAL_TABLE_ORDER.flatMap((id) => parts.tables.filter((x) => x.table.id === id));
  for (const { table, notes } of tables) out.push(tableText(table), ...notes.map((n) => n.paragraphs.map((p) => p.text).join('\n\n') + '\n'));
  out.push(...parts.after.map(sectionText));
  return out.join('\n');
}
