/**
 * The nine tables as HTML, drawn from the shared grid layout (publish/layout/grid.ts): merged
 * headers, 科目 code columns, names indented by level. Each amount carries both 元 and 万元 so
 * a page can switch units without recomputing; cells a finding concerns are marked.
 */
import type { BudgetTable } from '../../model/document.js';
import { formatWanyuan, formatYuanGrouped, type MoneyUnit } from '../../model/money.js';
import { escapeHtml } from '../../util/html.js';
import { preparerWord, printedAmount, tableGrid } from '../layout/grid.js';
import type { NameFill } from '../layout/names.js';
import { HEADER_TERMS } from './glossary.js';

export interface CellMark {
  severity: 'error' | 'warning' | 'info';
  messages: string[];
  /** Numbers of the findings in the page's list, for links to them. */
  numbers?: number[];
}

export interface TableHtmlOptions {
  /** Print amounts in this unit (the table's own by default). */
  unit?: MoneyUnit;
  /** Print zero cells as 0.00 (the documents' markdown habit) instead of leaving them blank. */
  zeros?: boolean;
  /** Findings on cells, by `${row}|${column}`. */
  marks?: Map<string, CellMark>;
  /** Plain markup (no data attributes, no scrolling box), for office converters. */
  plain?: boolean;
  /** Names for rows printed without one, marked as filled. */
  fillName?: NameFill;
  /** The Shanghai template's header band ("项目 | 一般公共预算支出"). */
  band?: boolean;
  /** Department or unit: "编制部门" or "编制单位". */
  scope?: 'department' | 'unit';
  /** Where a header word's explanation is (glossary.ts HEADER_TERMS): header words link there. Not in plain markup. */
  termHref?: (key: string) => string;
}

function numberCell(text: string, amount: number | undefined, column: string, mark: CellMark | undefined, plain: boolean, decimals?: number): string {
  if (plain) return `<td class="num" nowrap>${escapeHtml(text)}</td>`;
  // Both units as the page shows them: blank stays blank in either, whole-yuan tables without ".00".
  const units = amount === undefined ? '' : text === '' ? ' data-yuan="" data-wanyuan=""' : ` data-yuan="${printedAmount(amount, 'yuan', decimals)}" data-wanyuan="${formatWanyuan(amount)}"`;
  const numbers = mark?.numbers ?? [];
  const described = numbers.length ? ` aria-describedby="${numbers.map((n) => `f${n}`).join(' ')}" id="m${numbers[0]}"` : '';
  const marked = mark ? ` class="num finding ${mark.severity}" title="${escapeHtml(mark.messages.join('\n'))}" tabindex="0"${described}` : ' class="num"';
  const refs = numbers.map((n) => `<a class="ref" href="#f${n}" aria-label="校验结果第 ${n} 条">[${n}]</a>`).join('');
  return `<td${marked} nowrap data-column="${escapeHtml(column)}"${units}><span class="amt">${escapeHtml(text)}</span>${refs}</td>`;
}

/** The standard 尾差 note for the units a table may be shown in: its amounts rounded per cell no longer add up exactly. */
export const ROUNDING_NOTE = '注：因四舍五入，合计与分项之和可能有尾差。';

export function roundingNotes(t: Pick<BudgetTable, 'unit' | 'decimals'>): { unit: MoneyUnit; text: string }[] {
  const out: { unit: MoneyUnit; text: string }[] = [];
  if (t.unit === 'yuan' && t.decimals === 0) out.push({ unit: 'yuan', text: '注：本表金额取整到元，因四舍五入，合计与分项之和可能有尾差。' });
  if (t.unit === 'yuan') out.push({ unit: 'wanyuan', text: ROUNDING_NOTE });
  return out;
}

/** One table as `<section>`: title, preparer and unit, the table, its note. */
export function tableHtml(t: BudgetTable, options: TableHtmlOptions = {}): string {
  const grid = tableGrid(t, { ...(options.unit ? { unit: options.unit } : {}), zeros: options.zeros ?? true, ...(options.fillName ? { fillName: options.fillName } : {}), band: options.band ?? false });
  const head: string[] = [];
  const linked = new Set<string>();
  const headerText = (text: string) => {
    // A column name kept as printed may carry the year: “2025年机关运行经费预算数”.
    const key = options.termHref && !options.plain ? (HEADER_TERMS[text] ?? HEADER_TERMS[text.replace(/^\d{4}年度?/, '')]) : undefined;
    if (!key || linked.has(key)) return escapeHtml(text);
    linked.add(key);
    return `<a class="term" href="${escapeHtml(options.termHref!(key))}" title="名词解释">${escapeHtml(text)}</a>`;
  };
  for (let r = 0; r < grid.headerRows; r++) {
    const cells = grid.header.filter((c) => c.row === r).sort((a, b) => a.col - b.col);
    head.push(`<tr>${cells.map((c) => `<th scope="col"${c.rowspan > 1 ? ` rowspan="${c.rowspan}"` : ''}${c.colspan > 1 ? ` colspan="${c.colspan}"` : ''} nowrap>${headerText(c.text)}</th>`).join('')}</tr>`);
  }
  const body = grid.body.map((row) => {
    const cells = row.cells.map((c) => {
      if (c.kind === 'number') return numberCell(c.text, c.amount, c.ref!.column, options.marks?.get(`${c.ref!.row}|${c.ref!.column}`), options.plain ?? false, t.decimals);
      const cls = c.kind === 'name' ? `name level${c.level ?? 0}${c.filled ? ' filled' : ''}` : c.kind;
      const title = c.filled ? ` title="原表未印科目名称，据${escapeHtml(c.filled)}补全"` : '';
      return `<td class="${escapeHtml(cls)}"${title} nowrap>${escapeHtml(c.text)}</td>`;
    });
    return `<tr data-row="${escapeHtml(row.key)}"${row.total ? ' class="total"' : ''}>${cells.join('')}</tr>`;
  });
  const unitName = grid.unit === 'wanyuan' ? '万元' : '元';
  const notes = roundingNotes(t).map((n) => {
    if (options.plain) return n.unit === grid.unit ? `<p class="rounding-note">${n.text}</p>` : '';
    return `<p class="rounding-note" data-show-unit="${n.unit}"${n.unit === grid.unit ? '' : ' hidden'}>${n.text}</p>`;
  });
  return [
    `<section class="table" id="table-${escapeHtml(t.id)}" data-table="${escapeHtml(t.id)}" data-unit="${escapeHtml(grid.unit)}">`,
    `<h3 class="table-title">${escapeHtml(t.title)}</h3>`,
    `<p class="table-meta"><span>${t.preparer ? `${preparerWord(options.scope)}：${escapeHtml(t.preparer)}` : ''}</span><span class="unit">单位：<span class="unit-name">${unitName}</span></span></p>`,
    options.plain ? `<table class="budget"><thead>${head.join('')}</thead><tbody>${body.join('')}</tbody></table>` : `<div class="scroll" tabindex="0" role="region" aria-label="${escapeHtml(t.title || '表格')}（可左右滚动）"><table class="budget"><thead>${head.join('')}</thead><tbody>${body.join('')}</tbody></table></div>`,
    t.note ? `<p class="table-note">${escapeHtml(t.note)}</p>` : '',
    grid.filledNote ? `<p class="table-note filled-note">${escapeHtml(grid.filledNote)}</p>` : '',
    ...notes,
    `</section>`,
  ].join('\n');
}
