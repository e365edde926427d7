/** The human-readable report of `budgetbook check`, in Chinese. */
import type { BudgetDocument } from '../model/document.js';
import type { Finding } from './finding.js';
import { FAMILY_NAMES, SEVERITY_NAMES } from './names.js';

function place(f: Finding): string {
  const l = f.location;
  const parts = [
    l.tableTitle ? `《${l.tableTitle}》` : '',
    l.row ? (l.rowLabel && l.rowLabel !== l.row ? `${l.row} ${l.rowLabel}` : l.row) : '',
    l.section && !l.tableTitle ? `“${l.section}”` : '',
    l.page ? `第 ${l.page} 页` : '',
    l.line ? `第 ${l.line} 行` : '',
    l.sheet ? `工作表“${l.sheet}”${l.cell ? ` ${l.cell}` : ''}` : '',
  ].filter(Boolean);
  return parts.join(' ');
}

export function formatReport(doc: BudgetDocument, findings: Finding[], fileName?: string): string {
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  const head = `${fileName ?? doc.meta.title}：${doc.meta.entity.name} ${doc.meta.year} 年${doc.meta.scope === 'department' ? '部门' : '单位'}${doc.meta.kind === 'final' ? '决算' : '预算'}`;
  const summary = `共 ${findings.length} 条：错误 ${counts.error} 条，警告 ${counts.warning} 条，提示 ${counts.info} 条。`;
  if (findings.length === 0) return `${head}\n未发现问题。\n`;
  const lines = findings.map((f, i) => {
    const where = place(f);
    const quote = f.location.sentence ? `\n    原文：${f.location.sentence}` : '';
    return `${i + 1}. [${SEVERITY_NAMES[f.severity]}·${FAMILY_NAMES[f.family]}] ${f.message}${where ? `\n    位置：${where}` : ''}${quote}\n    规则：${f.rule}`;
  });
  return `${head}\n${summary}\n\n${lines.join('\n\n')}\n`;
}
