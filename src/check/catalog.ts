/**
 * Family 3: 科目 against the catalog of the document's year. A code sits under its parent and
 * bears the catalog's name; a code the catalog does not hold is "unknown" (info), never an error,
 * because no built-in catalog is complete.
 */
import { bareName, LEVEL_NAMES, levelOf, type Scheme } from '../catalogs/catalog.js';
import type { BudgetTable, TableRow } from '../model/document.js';
import type { CheckContext, Rule } from './context.js';
import type { Finding, FindingLocation } from './finding.js';

function schemeOf(t: BudgetTable): Scheme {
  return t.id === 'general-basic-economic' ? 'economic-department' : 'function';
}

function where(ctx: CheckContext, t: BudgetTable, r: TableRow): FindingLocation {
  return ctx.cellLocation({ table: t.id, row: r.key, column: t.columns[0] ?? 'total' });
}

function codes(ctx: CheckContext): Finding[] {
  const out: Finding[] = [];
  const year = ctx.doc.meta.year;
  const reported = new Set<string>();
  for (const t of ctx.doc.tables) {
    const scheme = schemeOf(t);
    for (const r of t.rows) {
      if (!r.code) continue;
      const found = ctx.catalogs.lookup(scheme, r.code, year);
      const once = `${scheme}|${r.code}|${found.status}|${r.label ?? ''}`;
      if (reported.has(once)) continue;
      reported.add(once);
      if (found.status === 'unknown') {
        out.push({ rule: 'catalog.unknown-code', family: 'catalog', severity: 'info', message: `科目 ${r.code}${r.label ? `“${r.label}”` : ''}不在所用的 ${found.edition ?? ''} 年科目表中（未知，不等于无效；可用 budgetbook catalog import 载入当年官方科目表）`, location: where(ctx, t, r) });
        continue;
      }
      if (found.status === 'retired') {
        out.push({ rule: 'catalog.retired', family: 'catalog', severity: 'warning', message: `科目 ${r.code}${r.label ? `“${r.label}”` : ''}已于 ${found.change.year} 年停用${found.change.note ? `（${found.change.note}）` : ''}`, location: where(ctx, t, r) });
        continue;
      }
      if (!r.label || bareName(r.label) === bareName(found.entry.name)) continue;
      const renamed = ctx.catalogs.renames(r.code, year).find((c) => c.oldName && bareName(c.oldName) === bareName(r.label!));
      out.push(
        renamed
          ? { rule: 'catalog.renamed', family: 'catalog', severity: 'warning', message: `科目 ${r.code} 印作旧名“${r.label}”，${renamed.year} 年起已更名为“${found.entry.name}”`, location: where(ctx, t, r), expected: found.entry.name, actual: r.label }
          : // A document of a later year than the catalog: that year's 科目表 may have renamed it (2026's 21505 工业和信息产业), as unknown codes are only 提示.
            year > Number(found.edition)
            ? { rule: 'catalog.name-mismatch', family: 'catalog', severity: 'info', message: `科目 ${r.code} 印作“${r.label}”，${found.edition} 年科目表中为“${found.entry.name}”（文件为 ${year} 年，可能是当年科目更名；可用 budgetbook catalog import 载入当年官方科目表核对）`, location: where(ctx, t, r), expected: found.entry.name, actual: r.label }
            : { rule: 'catalog.name-mismatch', family: 'catalog', severity: 'warning', message: `科目 ${r.code} 印作“${r.label}”，${found.edition} 年科目表中为“${found.entry.name}”`, location: where(ctx, t, r), expected: found.entry.name, actual: r.label },
      );
    }
  }
  return out;
}

/** In document order, a 款 follows its 类 and a 项 its 款: a row printed under another parent is misplaced. */
function parents(ctx: CheckContext): Finding[] {
  const out: Finding[] = [];
  for (const t of ctx.doc.tables) {
    const stack: string[] = [];
    for (const r of t.rows) {
      if (!r.code) continue;
      const level = levelOf(r.code);
      while (stack.length > 0 && levelOf(stack[stack.length - 1]!) >= level) stack.pop();
      const above = stack[stack.length - 1];
      if (above && !r.code.startsWith(above)) {
        out.push({
          rule: 'catalog.parent',
          family: 'catalog',
          severity: 'error',
          message: `《${t.title}》中${LEVEL_NAMES[level - 1]} ${r.code}${r.label ? `“${r.label}”` : ''}排在 ${above} 之下，但它的上级应为 ${r.code.slice(0, r.code.length - 2)}`,
          location: where(ctx, t, r),
        });
      }
      stack.push(r.code);
    }
  }
  return out;
}

/** The 类 names printed in the two total tables against the catalog. */
function classNames(ctx: CheckContext): Finding[] {
  const out: Finding[] = [];
  for (const id of ['summary', 'fiscal'] as const) {
    const t = ctx.table(id);
    for (const r of t?.rows ?? []) {
      const m = /^expenditure\.(\d{3})$/.exec(r.key);
      if (!m || !r.label) continue;
      const found = ctx.catalogs.lookup('function', m[1]!, ctx.doc.meta.year);
      if (found.status !== 'known') continue;
      const printed = bareName(r.label);
      if (printed !== bareName(found.entry.name)) {
        out.push({ rule: 'catalog.name-mismatch', family: 'catalog', severity: 'warning', message: `《${t!.title}》印作“${r.label}”，科目表中 ${m[1]} 为“${found.entry.name}”`, location: where(ctx, t!, r), expected: found.entry.name, actual: r.label });
      }
    }
  }
  return out;
}

export const catalogRules: Rule[] = [
  { id: 'catalog.codes', family: 'catalog', title: '科目编码在科目表中，名称与科目表一致', run: codes },
  { id: 'catalog.parent', family: 'catalog', title: '每个科目排在它的上级之下', run: parents },
  { id: 'catalog.class-names', family: 'catalog', title: '总表中的类名称与科目表一致', run: classNames },
];
