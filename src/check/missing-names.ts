/**
 * 科目 rows printed without a name (a table whose first page had no name column): a reader
 * cannot tell what the row is. One finding per table, with the codes and the name each one has
 * elsewhere in the document or in the catalog (publishing prints those, marked as filled).
 */
import { isCodeTable } from '../model/tables.js';
import { nameFiller } from '../publish/layout/names.js';
import type { CheckContext, Rule } from './context.js';
import type { Finding } from './finding.js';

function missingNames(ctx: CheckContext): Finding[] {
  const out: Finding[] = [];
  const fill = nameFiller(ctx.doc, ctx.catalogs);
  for (const t of ctx.doc.tables) {
    if (!isCodeTable(t.id)) continue;
    const rows = t.rows.filter((r) => r.code && !r.label?.trim());
    if (rows.length === 0) continue;
    const named = t.rows.filter((r) => r.code).length;
    const listed = rows.slice(0, 6).map((r) => {
      const f = fill(t, r);
      return f ? `${r.code}（应为“${f.name}”）` : r.code!;
    });
    const column = t.columns[0] ?? 'total';
    out.push({
      rule: 'catalog.missing-name',
      family: 'catalog',
      severity: 'warning',
      message: `《${t.title}》${named} 行科目中有 ${rows.length} 行没有科目名称：${listed.join('、')}${rows.length > 6 ? '……' : ''}。读者无法知道这些行是什么；请在表中补上名称（发布时已按本文件其他表或科目表补全，并以“*”标出）`,
      location: ctx.cellLocation({ table: t.id, row: rows[0]!.key, column }, rows.slice(1).map((r) => ({ table: t.id, row: r.key, column }))),
      actual: String(rows.length),
      unit: '个',
    });
  }
  return out;
}

export const missingNameRules: Rule[] = [{ id: 'catalog.missing-name', family: 'catalog', title: '科目名称缺失：有编码而无名称的行', run: missingNames }];
