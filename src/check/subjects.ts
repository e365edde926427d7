/**
 * Which table cell a narrative subject restates. The first table present wins, so a document
 * without its 收支总表 is still checked against the 收入/支出总表.
 */
import type { CellRef } from '../model/identities.js';
import type { Fen } from '../model/money.js';
import type { CheckContext } from './context.js';
import { rowColumns } from '../model/tables.js';

const c = (table: CellRef['table'], row: string, column: string): CellRef => ({ table, row, column });

export const SUBJECT_CELLS: Record<string, CellRef[]> = {
  'income.total': [c('summary', 'income.total', 'amount'), c('income', 'total', 'total')],
  'income.fiscal': [c('summary', 'income.fiscal', 'amount'), c('income', 'total', 'fiscal'), c('fiscal', 'income.total', 'amount')],
  'income.fiscal.general': [c('summary', 'income.fiscal.general', 'amount'), c('fiscal', 'income.general', 'amount')],
  'income.fiscal.fund': [c('summary', 'income.fiscal.fund', 'amount'), c('fiscal', 'income.fund', 'amount')],
  'income.fiscal.soe': [c('summary', 'income.fiscal.soe', 'amount'), c('fiscal', 'income.soe', 'amount')],
  'income.business': [c('summary', 'income.business', 'amount'), c('income', 'total', 'business')],
  'income.operating': [c('summary', 'income.operating', 'amount'), c('income', 'total', 'operating')],
  'income.other': [c('summary', 'income.other', 'amount'), c('income', 'total', 'other')],
  'expenditure.total': [c('summary', 'expenditure.total', 'total'), c('expenditure', 'total', 'total')],
  'expenditure.fiscal': [c('fiscal', 'expenditure.total', 'total')],
  'expenditure.fiscal.general': [c('fiscal', 'expenditure.total', 'general'), c('general-function', 'total', 'total')],
  'expenditure.fiscal.fund': [c('fiscal', 'expenditure.total', 'fund'), c('fund-function', 'total', 'total')],
  'expenditure.fiscal.soe': [c('fiscal', 'expenditure.total', 'soe'), c('soe-function', 'total', 'total')],
  'expenditure.basic': [c('expenditure', 'total', 'basic')],
  'expenditure.project': [c('expenditure', 'total', 'project')],
  'expenditure.fiscal.general.basic': [c('general-function', 'total', 'basic')],
  'expenditure.fiscal.general.project': [c('general-function', 'total', 'project')],
  'expenditure.fiscal.fund.basic': [c('fund-function', 'total', 'basic')],
  'expenditure.fiscal.fund.project': [c('fund-function', 'total', 'project')],
  'expenditure.fiscal.soe.basic': [c('soe-function', 'total', 'basic')],
  'expenditure.fiscal.soe.project': [c('soe-function', 'total', 'project')],
  'three-public.total': [c('three-public', 'budget', 'total')],
  'three-public.abroad': [c('three-public', 'budget', 'abroad')],
  'three-public.reception': [c('three-public', 'budget', 'reception')],
  'three-public.vehicle': [c('three-public', 'budget', 'vehicle')],
  'three-public.vehicle-purchase': [c('three-public', 'budget', 'vehicle-purchase')],
  'three-public.vehicle-operation': [c('three-public', 'budget', 'vehicle-operation')],
  'office-operation': [c('three-public', 'budget', 'office-operation')],
  'performance.amount': [c('expenditure', 'total', 'project')],
};

/** The table cell a subject restates, or undefined when no table holds it. */
export function subjectCell(ctx: CheckContext, subject: string): { ref: CellRef; value: Fen } | undefined {
  for (const ref of SUBJECT_CELLS[subject] ?? []) {
    const t = ctx.table(ref.table);
    if (!t || !rowColumns(t.id, ref.row, t.columns).includes(ref.column)) continue;
    if ((t.id === 'summary' || t.id === 'fiscal') && !ctx.row(t.id, ref.row)) continue;
    return { ref, value: ctx.value(ref) };
  }
  return undefined;
}
