/** The key rule at the end of every importer (no zod: the in-process text reader uses it too). */
import type { BudgetDocument } from '../model/document.js';
import { tableKeyIssues } from '../model/keys.js';
import { ImportError } from './errors.js';

/**
 * The keys every importer's document must keep to (model/document.ts): a row only named in a PDF,
 * text or workbook keeps its name in its key, and a name that is markup or a formula is refused.
 */
export function checkedKeys(doc: BudgetDocument, fileName?: string, lenient = false): BudgetDocument {
  const hint = '请核对该行的名称或编码：名称中不能有 < > " ` 或控制字符，也不能以 = + - @ 开头。';
  for (const t of [...doc.tables]) {
    const [issue] = tableKeyIssues(t);
    if (!issue) continue;
    if (!lenient) throw new ImportError('bad-key', issue.message, { file: fileName }, hint);
    // Read leniently: the table is reported unread and kept as printed, the rest stands.
    doc.tables.splice(doc.tables.indexOf(t), 1);
    const at = t.origin?.page ? `第 ${t.origin.page} 页` : '';
    doc.notes.push({ kind: 'unread-table', table: t.id, message: `${at}的《${t.title}》未能读出：${issue.message}。处理建议：${hint}`, ...(t.origin ? { origin: t.origin } : {}) });
    doc.extraTables.push({ title: t.title, headers: [t.columns], rows: t.rows.map((r) => [r.code ?? '', r.label ?? '', ...Object.values(r.cells).map(String)]), reason: `未能读出：${issue.message}`, ...(t.origin ? { origin: t.origin } : {}) });
  }
  return doc;
}
