/**
 * Families 1 and 2: every identity of model/identities.ts (the same list the importer places
 * numbers by) that the document's figures break.
 */
import { documentIdentities, roundingSlackFen, toleranceFen, type Identity } from '../model/identities.js';
import { formatYuanGrouped, formatYuan } from '../model/money.js';
import type { CheckContext, Rule } from './context.js';
import { COLUMN_NAMES } from '../model/tables.js';
import type { Finding } from './finding.js';

const RULE_IDS: Record<string, string> = {
  'row.total': 'arithmetic.row-total',
  'hierarchy.children': 'arithmetic.hierarchy',
  'hierarchy.total': 'arithmetic.column-total',
  'summary.fiscal-income': 'arithmetic.summary-income',
  'summary.income-total': 'arithmetic.summary-income',
  'summary.expenditure-total': 'arithmetic.column-total',
  'fiscal.income-total': 'arithmetic.fiscal-income',
  'fiscal.expenditure-total': 'arithmetic.column-total',
};

function ruleId(idn: Identity): string {
  if (idn.family === 'cross-table') return `cross-table.${idn.rule.replace(/^(cross|summary|fiscal|evidence)\./, '')}`;
  return RULE_IDS[idn.rule] ?? `arithmetic.${idn.rule}`;
}

function finding(ctx: CheckContext, idn: Identity, lhs: number, rhs: number, rounding = false): Finding {
  const diff = lhs - rhs;
  const sameTable = idn.rhs.every((r) => r.table === idn.lhs.table);
  const strip = (text: string) => (sameTable ? text.replace(/^《[^》]*》\s*/, '') : text);
  const rhsText =
    idn.rhs.length === 1
      ? strip(ctx.describeCell(idn.rhs[0]!))
      : idn.rhs.length > 4 && idn.rhs.every((r) => r.column === idn.rhs[0]!.column)
        ? `${idn.rhs.length} 个下级科目（${idn.rhs.slice(0, 3).map((r) => r.row).join('、')}……）的${COLUMN_NAMES[idn.rhs[0]!.column] ?? idn.rhs[0]!.column}之和`
        : idn.rhs.map((r) => strip(ctx.describeCell(r))).join(' + ');
  const minusText = (idn.minus ?? []).map((r) => ` − ${strip(ctx.describeCell(r))}`).join('');
  const relation = idn.relation === '>=' ? '小于' : '≠';
  const message =
    `${ctx.describeCell(idn.lhs)} ${formatYuanGrouped(lhs)} 元 ${relation} ${rhsText}${minusText} ${formatYuanGrouped(rhs)} 元，相差 ${formatYuanGrouped(diff)} 元` +
    `（应有：${idn.description}）` +
    (rounding ? '；表中金额取整到元，差额在各项四舍五入的误差之内，应为尾差' : '');
  return {
    rule: ruleId(idn),
    family: idn.family === 'cross-table' ? 'cross-table' : 'arithmetic',
    severity: idn.soft || rounding ? 'warning' : 'error',
    message,
    location: ctx.cellLocation(idn.lhs, idn.rhs),
    expected: formatYuan(rhs),
    actual: formatYuan(lhs),
    unit: '元',
  };
}

/** The document's identities, made once for both families. */
const identitiesOf = new WeakMap<CheckContext, Identity[]>();

function broken(ctx: CheckContext, family: 'arithmetic' | 'cross-table'): Finding[] {
  const out: Finding[] = [];
  let all = identitiesOf.get(ctx);
  if (!all) identitiesOf.set(ctx, (all = documentIdentities(ctx.index, ctx.doc.meta.kind)));
  for (const idn of all) {
    if ((idn.family === 'cross-table') !== (family === 'cross-table')) continue;
    if (idn.soft && idn.relation !== '>=') continue;
    const lhs = ctx.value(idn.lhs);
    const rhs = idn.rhs.reduce((s, r) => s + ctx.value(r), 0) - (idn.minus ?? []).reduce((s, r) => s + ctx.value(r), 0);
    const slack = toleranceFen(idn, ctx.index);
    const bad = idn.relation === '>=' ? lhs + slack < rhs : Math.abs(lhs - rhs) > slack;
    if (bad) out.push(finding(ctx, idn, lhs, rhs, Math.abs(lhs - rhs) <= slack + roundingSlackFen(idn, ctx.index)));
    // 万元 tables: a difference within the rounding of the parts (half of 0.01 万元 each) is a 尾差, said as such.
    else if (slack > 0 && lhs !== rhs && idn.relation !== '>=') {
      const f = finding(ctx, idn, lhs, rhs);
      out.push({ ...f, severity: 'info', message: f.message + `；表中金额以万元列示，差额在各项四舍五入的误差（每项至多 50 元）之内，是尾差，不是错误` });
    }
  }
  return out;
}

export const identityRules: Rule[] = [
  { id: 'arithmetic', family: 'arithmetic', title: '表内勾稽：合计 = 各部分之和，类 = Σ款，款 = Σ项，合计 = Σ类', run: (ctx) => broken(ctx, 'arithmetic') },
  { id: 'cross-table', family: 'cross-table', title: '表间勾稽：各表共有的数字一致', run: (ctx) => broken(ctx, 'cross-table') },
];
