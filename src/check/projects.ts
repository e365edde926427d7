/**
 * Project rules, each in the family it belongs to: the arithmetic of every 测算 line
 * (arithmetic), the lines against the project's 年度预算 and the projects against the 项目支出
 * of their 科目 (narrative), and one document cited under two numbers (text). A project whose
 * 科目 is not stated is compared with its 科目 by narrative.project-budget, not here.
 */
import type { Project } from '../model/document.js';
import { FEN_PER, formatWanyuan, formatYuanGrouped, type Fen } from '../model/money.js';
import { checkLine, decimalsOfText, estimateTotal, unitOfText } from '../projects/estimate.js';
import { citedDocuments } from '../projects/details.js';
import { compareStated } from './compare.js';
import type { CheckContext, Rule } from './context.js';
import type { Finding, FindingLocation } from './finding.js';

function projectWhere(p: Project, sentence?: string): FindingLocation {
  return { section: p.location.section, sentence: sentence ?? p.location.sentence, ...(p.location.line ? { line: p.location.line } : {}), ...(p.location.page ? { page: p.location.page } : {}) };
}

/** Where the project states its 年度预算 (the figure's own sentence), else the project heading. */
function budgetWhere(ctx: CheckContext, p: Project): FindingLocation {
  const figure = ctx.doc.narrative.amounts.find((a) => a.subject === 'project.annual-budget' && a.project === p.name);
  if (!figure) return projectWhere(p);
  return { section: figure.location.section, sentence: figure.location.sentence, ...(figure.location.line ? { line: figure.location.line } : {}), ...(figure.location.page ? { page: figure.location.page } : {}) };
}

const unitWord = (text: string | undefined) => (unitOfText(text) === 'wanyuan' ? '万元' : '元');
const bare = (text: string) => text.replace(/万元$|元$/, '');

function estimateLines(ctx: CheckContext): Finding[] {
  const out: Finding[] = [];
  for (const p of ctx.doc.narrative.projects) {
    for (const line of p.estimate ?? []) {
      const { computed, comparison } = checkLine(line);
      if (!comparison?.severity) continue;
      const product = [...line.factors.map((f) => `${f.quantity}${f.unit}`), line.rateText].join(' × ');
      const loc = line.location ? { section: line.location.section, sentence: line.text, ...(line.location.line ? { line: line.location.line } : {}), ...(line.location.page ? { page: line.location.page } : {}) } : projectWhere(p, line.text);
      out.push({
        rule: 'arithmetic.estimate-line',
        family: 'arithmetic',
        severity: comparison.severity,
        message: `项目“${p.name}”的测算“${line.text}”：${product} = ${formatYuanGrouped(computed)} 元（${comparison.rounding}应为${comparison.expected}），文中写作${line.amountText}，相差${comparison.difference}`,
        location: loc,
        expected: bare(comparison.expected),
        actual: bare(line.amountText!),
        unit: unitWord(line.amountText),
      });
    }
  }
  return out;
}

function estimateTotals(ctx: CheckContext): Finding[] {
  const out: Finding[] = [];
  for (const p of ctx.doc.narrative.projects) {
    if (!p.estimate?.length || p.annualBudget === undefined) continue;
    const total = estimateTotal(p.estimate);
    const cmp = compareStated({ amount: p.annualBudget, unit: unitOfText(p.annualBudgetText), decimals: decimalsOfText(p.annualBudgetText) }, total);
    if (!cmp.severity) continue;
    out.push({
      rule: 'narrative.estimate-total',
      family: 'narrative',
      severity: cmp.severity,
      message: `项目“${p.name}”的年度预算为${p.annualBudgetText}，而测算 ${p.estimate.length} 行合计 ${formatYuanGrouped(total)} 元（${cmp.rounding}应为${cmp.expected}），相差${cmp.difference}`,
      location: budgetWhere(ctx, p),
      expected: bare(cmp.expected),
      actual: bare(p.annualBudgetText ?? ''),
      unit: unitWord(p.annualBudgetText),
    });
  }
  return out;
}

/** How far a sum of stated figures may be off their exact values: half a printed unit each. */
function roundingSlack(projects: Project[]): Fen {
  return projects.reduce((s, p) => s + FEN_PER[unitOfText(p.annualBudgetText)] / 10 ** decimalsOfText(p.annualBudgetText) / 2, 0);
}

function projectTable(ctx: CheckContext) {
  return ctx.table('expenditure') ?? ctx.table('general-function');
}

const wan = (fen: Fen) => `${formatWanyuan(fen)}万元`;

function projectSums(ctx: CheckContext): Finding[] {
  const table = projectTable(ctx);
  if (!table) return [];
  const out: Finding[] = [];
  const budgeted = ctx.doc.narrative.projects.filter((p) => p.annualBudget !== undefined);
  const byCode = new Map<string, Project[]>();
  for (const p of budgeted) if (p.subject) byCode.set(p.subject.code, [...(byCode.get(p.subject.code) ?? []), p]);
  for (const [code, projects] of byCode) {
    const row = ctx.row(table.id, code);
    const spending = row?.cells.project ?? 0;
    const sum = projects.reduce((s, p) => s + p.annualBudget!, 0);
    if (sum <= spending + roundingSlack(projects)) continue;
    const names = projects.map((p) => `“${p.name}”${p.annualBudgetText}`).join('、');
    out.push({
      rule: 'narrative.project-sum',
      family: 'narrative',
      severity: 'error',
      message: row
        ? `列支科目 ${code} ${row.label ?? ''} 的项目 ${names} 合计 ${wan(sum)}，超过《${table.title}》该科目的项目支出 ${formatYuanGrouped(spending)} 元（${wan(spending)}），多出 ${wan(sum - spending)}`
        : `项目 ${names} 写明列支科目 ${code}，但《${table.title}》中没有这一科目；请核对科目编码`,
      location: projectWhere(projects[0]!, projects[0]!.subject!.text),
      expected: formatWanyuan(spending),
      actual: formatWanyuan(sum),
      unit: '万元',
    });
  }
  const totalRow = ctx.row(table.id, 'total');
  const spending = totalRow?.cells.project;
  const sum = budgeted.reduce((s, p) => s + p.annualBudget!, 0);
  if (spending !== undefined && budgeted.length > 1 && sum > spending + roundingSlack(budgeted)) {
    out.push({
      rule: 'narrative.project-sum',
      family: 'narrative',
      severity: 'error',
      message: `项目情况说明中 ${budgeted.length} 个项目的年度预算合计 ${wan(sum)}，超过《${table.title}》合计的项目支出 ${formatYuanGrouped(spending)} 元（${wan(spending)}），多出 ${wan(sum - spending)}`,
      location: { ...projectWhere(budgeted[0]!), table: table.id, tableTitle: table.title, row: 'total', column: 'project' },
      expected: formatWanyuan(spending),
      actual: formatWanyuan(sum),
      unit: '万元',
    });
  }
  return out;
}

function lineOf(ctx: CheckContext, section: string, text: string): number | undefined {
  const s = ctx.doc.narrative.sections.find((x) => x.heading === section && x.paragraphs.some((p) => p.text.includes(text)));
  return s?.paragraphs.find((p) => p.text.includes(text))?.line;
}

/** "区医保规发[2022]1号" in one place and "闵医保规发〔2022〕1号" in another: one document, two numbers. */
function documentNumbers(ctx: CheckContext): Finding[] {
  const out: Finding[] = [];
  for (const p of ctx.doc.narrative.projects) {
    const cited = p.parts.flatMap((part) => citedDocuments(part.text).map((d) => ({ ...d, part: part.heading })));
    const reported = new Set<string>();
    cited.forEach((a, i) => {
      for (const b of cited.slice(i + 1)) {
        const [, ia, ya, na] = /^(.+)〔(\d{4})〕(\d+)号$/.exec(a.number) ?? [];
        const [, ib, yb, nb] = /^(.+)〔(\d{4})〕(\d+)号$/.exec(b.number) ?? [];
        if (!ia || !ib || ia === ib || ya !== yb || na !== nb || ia.length !== ib.length || ia.slice(1) !== ib.slice(1)) continue;
        if (a.title && b.title && a.title !== b.title) continue;
        const key = [a.number, b.number].sort().join('|');
        if (reported.has(key)) continue;
        reported.add(key);
        const line = lineOf(ctx, p.location.section, a.text);
        out.push({
          rule: 'text.document-number',
          family: 'text',
          severity: 'warning',
          message: `项目“${p.name}”引用的文件文号前后不一：“${a.part}”中写作“${a.text}”，“${b.part}”中写作“${b.text}”；请核对发文机关代字，统一为正确的文号`,
          location: { section: p.location.section, sentence: a.text, ...(line ? { line } : {}) },
        });
      }
    });
  }
  return out;
}

export const projectRules: Rule[] = [
  { id: 'arithmetic.estimate-line', family: 'arithmetic', title: '项目测算：数量 × 单价 = 金额', run: estimateLines },
  { id: 'narrative.estimate-total', family: 'narrative', title: '项目测算各行合计 = 年度预算', run: estimateTotals },
  { id: 'narrative.project-sum', family: 'narrative', title: '写明科目的项目年度预算合计不超过该科目的项目支出', run: projectSums },
  { id: 'text.document-number', family: 'text', title: '同一文件的文号前后一致', run: documentNumbers },
];
