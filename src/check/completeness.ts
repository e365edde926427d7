/**
 * Family 6: what 地方预决算公开操作规程 (财预〔2016〕143号) requires a 部门预算 disclosure to
 * publish: the nine tables (an empty one still published, with a note saying why) and the
 * narrative items.
 */
import { TABLE_IDS, TABLE_NAMES } from '../model/tables.js';
import type { NarrativeSection, Project } from '../model/document.js';
import { formatWanyuan } from '../model/money.js';
import { estimateTotal } from '../projects/estimate.js';
import type { CheckContext, Rule } from './context.js';
import { standardOfExtra } from '../read/classify.js';
import type { Finding } from './finding.js';

/** A file holding only tables outside the nine (广州's 项目支出绩效目标表 published alone): no 情况说明, no standard table. */
function attachmentOnly(ctx: CheckContext): boolean {
  return ctx.doc.tables.length === 0 && ctx.doc.narrative.sections.length === 0 && ctx.doc.extraTables.length > 0 && ctx.doc.meta.source?.layout !== 'json';
}

function tables(ctx: CheckContext): Finding[] {
  const out: Finding[] = [];
  if (attachmentOnly(ctx)) {
    const titles = ctx.doc.extraTables.slice(0, 3).map((t) => `《${t.title}》`).join('');
    out.push({ rule: 'completeness.tables-elsewhere', family: 'completeness', severity: 'warning', message: `本文件只有${titles}${ctx.doc.extraTables.length > 3 ? '等表' : ''}，没有情况说明与九张预算表（可能是另行公开的附件）；预算公开内容的检查未能进行，请同时提供预算公开文件`, location: {} });
    return out;
  }
  const unread = ctx.doc.notes.filter((n) => n.kind === 'unread-table');
  for (const n of unread) {
    out.push({ rule: 'completeness.unread-table', family: 'completeness', severity: 'warning', message: n.message, location: { ...(n.table ? { table: n.table } : {}), ...(n.origin?.page ? { page: n.origin.page } : {}), ...(n.origin?.line ? { line: n.origin.line } : {}) } });
  }
  // A 情况说明 whose tables are published apart (北京): one finding, not nine missing tables.
  if (ctx.doc.tables.length === 0 && unread.length === 0 && ctx.doc.meta.source?.layout !== 'json' && ctx.doc.narrative.sections.length > 0) {
    out.push({ rule: 'completeness.tables-elsewhere', family: 'completeness', severity: 'warning', message: '本文件只有情况说明，没有预算表（表格可能作为附件另行公开）；九张表及表间勾稽、说明与表格的核对未能进行，请同时提供预算表文件', location: {} });
    return out;
  }
  for (const id of TABLE_IDS) {
    const t = ctx.table(id);
    if (!t && unread.some((n) => n.table === id)) continue;
    const other = ctx.doc.extraTables.find((x) => standardOfExtra(x, ctx.catalogs, ctx.doc.meta.year) === id);
    if (!t && other) {
      out.push({ rule: 'completeness.table-layout', family: 'completeness', severity: 'info', message: `《${other.title}》按单位列示，没有按科目列示的“${TABLE_NAMES[id]}”，不能与其他表逐科目核对`, location: { table: id, tableTitle: other.title } });
      continue;
    }
    if (!t) {
      out.push({ rule: 'completeness.table', family: 'completeness', severity: 'error', message: `缺少“${TABLE_NAMES[id]}”（部门预算公开应有九张表，无数据的表也应公开并注明原因）`, location: { table: id, tableTitle: TABLE_NAMES[id] } });
      continue;
    }
    const empty = t.rows.every((r) => Object.values(r.cells).every((v) => v === 0));
    if (empty && !t.note) {
      out.push({ rule: 'completeness.empty-table-note', family: 'completeness', severity: 'warning', message: `《${t.title}》无数据，但没有注明原因（应注明如“本部门无政府性基金预算安排的支出，故本表无数据”）`, location: { table: id, tableTitle: t.title } });
    }
  }
  return out;
}

const REQUIRED: { kinds: NarrativeSection['kind'][]; name: string; pattern?: RegExp }[] = [
  { kinds: ['functions'], name: '主要职能' },
  { kinds: ['organization'], name: '机构设置' },
  { kinds: ['glossary'], name: '名词解释' },
  { kinds: ['budget-explanation'], name: '收支预算情况说明（预算编制说明）' },
  { kinds: ['three-public'], name: '“三公”经费预算情况说明', pattern: /三公/ },
  { kinds: ['office-operation'], name: '机关运行经费说明', pattern: /机关运行经费/ },
  { kinds: ['procurement'], name: '政府采购预算情况', pattern: /政府采购/ },
  { kinds: ['performance'], name: '绩效目标设置情况', pattern: /绩效目标/ },
  { kinds: ['assets'], name: '国有资产占用情况', pattern: /国有资产|车辆.*辆/ },
];

function sections(ctx: CheckContext): Finding[] {
  const out: Finding[] = [];
  if (attachmentOnly(ctx)) return out;
  const all = ctx.doc.narrative.sections;
  for (const req of REQUIRED) {
    if (all.some((s) => req.kinds.includes(s.kind))) continue;
    if (req.pattern && all.some((s) => s.kind !== 'contents' && s.paragraphs.some((p) => req.pattern!.test(p.text)))) continue;
    out.push({ rule: 'completeness.section', family: 'completeness', severity: 'error', message: `缺少“${req.name}”部分`, location: {} });
  }
  return out;
}

/** What the project's own 测算 adds up to, as a figure the 年度预算 could state. */
function estimateHint(p: Project): string {
  return p.estimate?.length ? `；其测算 ${p.estimate.length} 行合计 ${formatWanyuan(estimateTotal(p.estimate))}万元，可据此写明` : '';
}

/**
 * A project section must state its 年度预算 in figures, not only "根据项目推进合理安排". Only a section
 * written in the template's headings (项目概述 … 年度预算安排 …): 北京's “（五）重点支出和重大投资项目情况说明”
 * is prose about several projects, not one project's 说明.
 */
function projectBudgets(ctx: CheckContext): Finding[] {
  return ctx.doc.narrative.projects
    .filter((p) => p.parts.some((x) => x.heading !== ''))
    .filter((p) => p.annualBudget === undefined && !/\d\s*万?元/.test(p.parts.find((x) => x.heading === '年度预算安排')?.text ?? ''))
    .map((p) => {
      const part = p.parts.find((x) => x.heading === '年度预算安排');
      return {
        rule: 'completeness.project-budget',
        family: 'completeness' as const,
        severity: 'warning' as const,
        message: (part ? `项目“${p.name}”的年度预算安排未写明金额（文中为“${part.text.slice(0, 40)}”）` : `项目“${p.name}”缺少“年度预算安排”`) + estimateHint(p),
        location: { section: p.location.section, sentence: part?.text.slice(0, 80) ?? p.name, ...(p.location.line ? { line: p.location.line } : {}) },
      };
    });
}

export const completenessRules: Rule[] = [
  { id: 'completeness.project-budget', family: 'completeness', title: '项目情况说明写明年度预算金额', run: projectBudgets },
  { id: 'completeness.table', family: 'completeness', title: '九张表齐全，空表注明原因', run: tables },
  { id: 'completeness.section', family: 'completeness', title: '说明的各必备部分齐全', run: sections },
];
