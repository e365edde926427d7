/**
 * A document as text flattened from a PDF (the layout of seed 003): table rows are their codes,
 * name and the non-blank numbers only; narrative lines are cut at the page width.
 */
import type { BudgetDocument, BudgetTable, NarrativeSection } from '../../model/document.js';
import { COLUMN_NAMES, isCodeTable, rowColumns } from '../../model/tables.js';
import { UNIT_NAMES } from '../../model/money.js';
import { codeParts, coverLines, documentParts, printAmount, sideBySideLines } from './layout.js';

const WIDTH = 62;
const NO_BREAK_BEFORE = /^([（(]?[一二三四五六七八九十\d]+[)）、.．]|[-•·])/;

/** Cuts a paragraph at the page width, never so that a line would look like a new list item. */
export function wrap(text: string, width = WIDTH): string[] {
  const lines: string[] = [];
  let rest = text;
  while (rest.length > width) {
    let cut = width;
    // A line that ends a sentence, or starts like a list item, would read as a new paragraph.
    while (cut > width - 8 && (NO_BREAK_BEFORE.test(rest.slice(cut)) || /[。！？：]$/.test(rest.slice(0, cut)))) cut--;
    lines.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  lines.push(rest);
  return lines;
}

function sectionText(s: NarrativeSection): string {
  const head = s.heading ? `${s.heading}\n\n` : '';
  return head + s.paragraphs.map((p) => wrap(p.text).join('\n')).join('\n\n') + '\n';
}

function numbers(t: BudgetTable, cells: Record<string, number>, columns: string[]): string[] {
  return columns.filter((c) => (cells[c] ?? 0) !== 0).map((c) => printAmount(cells[c], t.unit));
}

function header(t: BudgetTable): string[] {
  if (isCodeTable(t.id)) {
    const economic = t.id === 'general-basic-economic';
    return [
      `项  目 ${economic ? '一般公共预算基本支出' : '预算'}`,
      economic ? '经济分类科目' : '功能分类科目编码',
      `${economic ? '编码 部门经济分类科目名称' : '功能分类科目名称'} ${t.columns.map((c) => COLUMN_NAMES[c] ?? c).join(' ')}`,
      economic ? '类 款' : '类 款 项',
    ];
  }
  if (t.id === 'three-public') return ['“三公”经费预算数', '机关运行经费预算数合计 因公出国(境)费 公务接待费', '公务用车购置及运行费', '小计 购置费 运行费'];
  const exp = rowColumns(t.id, 'expenditure.total', t.columns).map((c) => COLUMN_NAMES[c] ?? c);
  return t.id === 'fiscal' ? ['财政拨款收入 财政拨款支出', `项目 预算数 项  目 ${exp.join(' ')}`] : ['本年收入 本年支出', '项  目 预算数 项  目', ...exp];
}

function rows(t: BudgetTable): string[] {
  if (isCodeTable(t.id)) {
    const economic = t.id === 'general-basic-economic';
    return t.rows.map((r) => {
      const codes = r.code ? codeParts(r.code).slice(0, economic ? 2 : 3).filter(Boolean) : ['合计'];
      return [...codes, ...(r.code && r.label ? [r.label] : []), ...numbers(t, r.cells, t.columns)].join(' ');
    });
  }
  if (t.id === 'three-public') return t.rows.map((r) => numbers(t, r.cells, t.columns).join(' '));
  const expCols = rowColumns(t.id, 'expenditure.total', t.columns);
  return sideBySideLines(t).map(({ income, expenditure }) =>
    [
      ...(income ? [income.label ?? '', ...numbers(t, income.cells, ['amount'])] : []),
      ...(expenditure ? [expenditure.label ?? '', ...numbers(t, expenditure.cells, expCols)] : []),
    ].join(' '),
  );
}

function tableText(t: BudgetTable, scope: 'department' | 'unit'): string {
  const prep = t.preparer ? `编制${scope === 'department' ? '部门' : '单位'}：${t.preparer} ` : '';
  return [t.title, '', `${prep}单位：${UNIT_NAMES[t.unit]}`, '', ...header(t), '', ...rows(t).flatMap((r) => [r, '']), ...(t.note ? [t.note, ''] : [])].join('\n');
}

export function writeFlatText(doc: BudgetDocument): string {
  const parts = documentParts(doc);
  const cover = coverLines(doc).flatMap((l) => [l, '']);
  const out = [...cover, ...parts.before.filter((s) => s.kind !== 'cover').map(sectionText)];
  for (const { table, notes } of parts.tables) out.push(tableText(table, doc.meta.scope), ...notes.map((n) => n.paragraphs.map((p) => wrap(p.text).join('\n')).join('\n\n') + '\n'));
  out.push(...parts.after.map(sectionText));
  return out.join('\n');
}
