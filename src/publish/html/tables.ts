/**
 * The nine tables as HTML in the standard layout: multi-row merged headers, 科目 code columns,
 * names indented by level, amounts right-aligned in the chosen unit. Used by the HTML, PDF and
 * web publishers alike.
 */
import type { BudgetTable, TableRow } from '../../model/document.js';
import { formatWanyuan, formatYuanGrouped, type Fen, type MoneyUnit } from '../../model/money.js';
import { COLUMN_NAMES, isCodeTable, rowColumns } from '../../model/tables.js';
import { codeParts, sideBySideLines } from '../text/layout.js';

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export interface TableHtmlOptions {
  /** Print amounts in this unit (the table's own by default). */
  unit?: MoneyUnit;
  /** Print zero cells as 0.00 (the documents' markdown habit) instead of leaving them blank. */
  zeros?: boolean;
  /** Attributes per cell, e.g. to mark a finding: key `${row}|${column}`. */
  cellAttributes?: Map<string, string>;
}

function amount(fen: Fen | undefined, unit: MoneyUnit, zeros: boolean): string {
  if (fen === undefined || (fen === 0 && !zeros)) return '';
  return unit === 'wanyuan' ? formatWanyuan(fen) : formatYuanGrouped(fen);
}

const th = (text: string, attrs = '') => `<th${attrs} nowrap>${escapeHtml(text)}</th>`;

function amountCells(t: BudgetTable, row: TableRow, cols: string[], o: Required<Pick<TableHtmlOptions, 'unit' | 'zeros'>> & TableHtmlOptions): string {
  return cols
    .map((c) => {
      const extra = o.cellAttributes?.get(`${row.key}|${c}`) ?? '';
      return `<td class="num" nowrap${extra ? ` ${extra}` : ''} data-column="${c}">${amount(row.cells[c], o.unit, o.zeros)}</td>`;
    })
    .join('');
}

function codeTable(t: BudgetTable, o: Required<Pick<TableHtmlOptions, 'unit' | 'zeros'>> & TableHtmlOptions): string {
  const economic = t.id === 'general-basic-economic';
  const levels = economic ? ['类', '款'] : ['类', '款', '项'];
  const cols = t.columns;
  const head = [
    `<tr>${th(economic ? '部门预算经济分类科目编码' : '功能分类科目编码', ` colspan="${levels.length}"`)}${th(economic ? '经济分类科目名称' : '功能分类科目名称', ' rowspan="2"')}${cols.map((c) => th(COLUMN_NAMES[c] ?? c, ' rowspan="2"')).join('')}</tr>`,
    `<tr>${levels.map((l) => th(l)).join('')}</tr>`,
  ];
  const body = t.rows.map((r) => {
    const parts = r.code ? codeParts(r.code).slice(0, levels.length) : ['合计', ...levels.slice(1).map(() => '')];
    const level = r.code ? (r.code.length - 3) / 2 : 0;
    return `<tr data-row="${escapeHtml(r.key)}"${r.code ? '' : ' class="total"'}>${parts.map((p) => `<td class="code" nowrap>${escapeHtml(p)}</td>`).join('')}<td class="name level${level}" nowrap>${escapeHtml(r.code ? r.label ?? '' : '')}</td>${amountCells(t, r, cols, o)}</tr>`;
  });
  return `<thead>${head.join('')}</thead><tbody>${body.join('')}</tbody>`;
}

function totalsTable(t: BudgetTable, o: Required<Pick<TableHtmlOptions, 'unit' | 'zeros'>> & TableHtmlOptions): string {
  const expCols = rowColumns(t.id, 'expenditure.total', t.columns);
  const fiscal = t.id === 'fiscal';
  const head = [
    `<tr>${th(fiscal ? '财政拨款收入' : '本年收入', ' colspan="2"')}${th(fiscal ? '财政拨款支出' : '本年支出', ` colspan="${1 + expCols.length}"`)}</tr>`,
    `<tr>${th('项目')}${th('预算数')}${th('项目')}${expCols.map((c) => th(c === 'total' && expCols.length === 1 ? '预算数' : COLUMN_NAMES[c] ?? c)).join('')}</tr>`,
  ];
  const body = sideBySideLines(t).map(({ income, expenditure }) => {
    const left = income ? `<td class="name" nowrap>${escapeHtml(income.label ?? '')}</td>${amountCells(t, income, ['amount'], o)}` : '<td></td><td></td>';
    const right = expenditure ? `<td class="name" nowrap>${escapeHtml(expenditure.label ?? '')}</td>${amountCells(t, expenditure, expCols, o)}` : `<td></td>${expCols.map(() => '<td></td>').join('')}`;
    return `<tr>${left}${right}</tr>`;
  });
  return `<thead>${head.join('')}</thead><tbody>${body.join('')}</tbody>`;
}

function threePublicTable(t: BudgetTable, o: Required<Pick<TableHtmlOptions, 'unit' | 'zeros'>> & TableHtmlOptions): string {
  const row = t.rows[0] ?? { key: 'budget', cells: {} };
  const head = [
    `<tr>${th('“三公”经费预算数', ' colspan="6"')}${th('机关运行经费预算数', ' rowspan="3"')}</tr>`,
    `<tr>${th('合计', ' rowspan="2"')}${th('因公出国(境)费', ' rowspan="2"')}${th('公务接待费', ' rowspan="2"')}${th('公务用车购置及运行费', ' colspan="3"')}</tr>`,
    `<tr>${th('小计')}${th('购置费')}${th('运行费')}</tr>`,
  ];
  return `<thead>${head.join('')}</thead><tbody><tr data-row="budget">${amountCells(t, row, t.columns, o)}</tr></tbody>`;
}

/** One table as `<table>`, with its title, preparer, unit and note around it. */
export function tableHtml(t: BudgetTable, options: TableHtmlOptions = {}): string {
  const o = { ...options, unit: options.unit ?? t.unit, zeros: options.zeros ?? false };
  const inner = isCodeTable(t.id) ? codeTable(t, o) : t.id === 'three-public' ? threePublicTable(t, o) : totalsTable(t, o);
  const unitName = o.unit === 'wanyuan' ? '万元' : '元';
  return [
    `<section class="table" id="table-${t.id}" data-table="${t.id}">`,
    `<h3 class="table-title">${escapeHtml(t.title)}</h3>`,
    `<p class="table-meta"><span>${t.preparer ? `编制单位：${escapeHtml(t.preparer)}` : ''}</span><span>单位：${unitName}</span></p>`,
    `<table class="budget">${inner}</table>`,
    t.note ? `<p class="table-note">${escapeHtml(t.note)}</p>` : '',
    `</section>`,
  ].join('\n');
}
