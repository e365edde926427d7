/**
 * The printed layout of a 部门决算's tables (model/tables.ts FINAL_*): the budget's grid with the
 * 决算 column words (本年收入合计, 决算数, 年初结转和结余 …), and the “三公” table as the template
 * prints it — each item's 预算数 and 决算数 side by side. HTML, PDF, XLSX and the per-table CSVs
 * draw 决算 tables through here (grid.ts hands them over).
 */
import type { BudgetTable } from '../../model/document.js';
import type { Fen, MoneyUnit } from '../../model/money.js';
import { COLUMN_NAMES, columnName, isCodeTable } from '../../model/tables.js';
import type { ColumnSpec, GridCell, HeaderCell, TableGrid } from './grid.js';

/** A table of a 决算: the template's nine titles all end in 决算表 or 决算总表. */
export function isFinalTable(t: Pick<BudgetTable, 'title'>): boolean {
  return /决算总?表$/.test(t.title.replace(/\s+/g, ''));
}

const h = (text: string, row: number, col: number, rowspan = 1, colspan = 1): HeaderCell => ({ text, row, col, rowspan, colspan });

const FISCAL_WORDS: Record<string, string> = { total: '合计', general: '一般公共预算财政拨款', fund: '政府性基金预算财政拨款', soe: '国有资本经营预算财政拨款' };

/** The budget's grid of a code or total table with the 决算's column words. */
export function finalHeaders(t: BudgetTable, grid: TableGrid): TableGrid {
  const header = grid.header.map((c) => ({ ...c }));
  if (isCodeTable(t.id)) {
    const first = grid.columns.findIndex((c) => c.kind === 'number');
    t.columns.forEach((col, i) => {
      const cell = header.find((x) => x.col === first + i && x.text === (COLUMN_NAMES[col] ?? col));
      if (cell) cell.text = t.id === 'general-basic-economic' && col === 'total' ? '决算数' : columnName(t.id, col, 'final');
    });
  } else {
    for (const cell of header) {
      if (cell.text === '预算数') cell.text = '决算数';
      for (const [col, word] of Object.entries(FISCAL_WORDS)) if (t.id === 'fiscal' && cell.row === 1 && cell.text === (COLUMN_NAMES[col] ?? col)) cell.text = word;
    }
  }
  return { ...grid, header };
}

/** 财政拨款“三公”经费支出决算表: 合计, 因公出国（境）费, 公务用车购置及运行维护费 (小计, 购置费, 运行维护费), 公务接待费; each 预算数 | 决算数. */
export function finalThreePublicGrid(t: BudgetTable, unit: MoneyUnit, money: (fen: Fen | undefined) => string): TableGrid {
  const cols = t.columns;
  const at = (c: string) => cols.indexOf(c) * 2;
  const words: Record<string, string> = { total: '合计', abroad: '因公出国（境）费', reception: '公务接待费' };
  const header: HeaderCell[] = [
    h('财政拨款“三公”经费', 0, 0, 1, cols.length * 2),
    ...['total', 'abroad', 'reception'].filter((c) => cols.includes(c)).map((c) => h(words[c]!, 1, at(c), 2, 2)),
    ...(cols.includes('vehicle') ? [h('公务用车购置及运行维护费', 1, at('vehicle'), 1, 6), h('小计', 2, at('vehicle'), 1, 2), h('公务用车购置费', 2, at('vehicle-purchase'), 1, 2), h('公务用车运行维护费', 2, at('vehicle-operation'), 1, 2)] : []),
    ...cols.flatMap((c) => [h('预算数', 3, at(c)), h('决算数', 3, at(c) + 1)]),
  ];
  const rowOf = (key: string) => t.rows.find((r) => r.key === key);
  const cells: GridCell[] = cols.flatMap((c) =>
    (['budget', 'final'] as const).map((key) => {
      const fen = rowOf(key)?.cells[c];
      const cell: GridCell = { text: money(fen), kind: 'number', ref: { row: key, column: c } };
      if (fen !== undefined) cell.amount = fen;
      return cell;
    }),
  );
  const columns = cells.map((): ColumnSpec => ({ kind: 'number', width: 7, align: 'right' }));
  return { columns, header, headerRows: 4, body: [{ key: 'budget|final', total: false, cells }], unit };
}
