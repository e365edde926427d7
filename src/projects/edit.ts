/**
 * The 测算 table as a workspace grid sees it, and its edits. A grid shows `estimateView` (each
 * line with its product and whether the stated amount agrees, the total against the 年度预算);
 * an edit returns a new document in which the line's text is rewritten both in the project and
 * in the narrative section, so the document publishes what was edited and reads back the same.
 * Pure functions over plain values: the browser runs this very code.
 */
import type { BudgetDocument, EstimateLine, Project } from '../model/document.js';
import { parseAmount, type Fen } from '../model/money.js';
import { compareStated, type Comparison } from '../check/compare.js';
import { checkLine, decimalsOfText, estimateTotal, formatEstimateLine, formatLike, lineProduct, unitOfText } from './estimate.js';

export class EditError extends Error {}

export interface EstimateRowView {
  index: number;
  line: EstimateLine;
  computed: Fen;
  /** ok: the stated amount is the product; mismatch: it is not; unstated: no "= amount". */
  status: 'ok' | 'mismatch' | 'unstated';
  comparison?: Comparison;
}

export interface EstimateView {
  rows: EstimateRowView[];
  total: Fen;
  annualBudget?: Fen;
  /** The total against the stated 年度预算, when there is one. */
  budget?: Comparison;
}

export function estimateView(project: Project): EstimateView {
  const lines = project.estimate ?? [];
  const rows = lines.map((line, index): EstimateRowView => {
    const c = checkLine(line);
    const status = !c.comparison ? 'unstated' : c.comparison.severity ? 'mismatch' : 'ok';
    return { index, line, computed: c.computed, status, ...(c.comparison ? { comparison: c.comparison } : {}) };
  });
  const total = estimateTotal(lines);
  const view: EstimateView = { rows, total };
  if (project.annualBudget !== undefined) {
    view.annualBudget = project.annualBudget;
    view.budget = compareStated({ amount: project.annualBudget, unit: unitOfText(project.annualBudgetText), decimals: decimalsOfText(project.annualBudgetText) }, total);
  }
  return view;
}

export interface LinePatch {
  label?: string;
  factors?: { quantity: string; unit: string }[];
  /** "4800元", "0.5万元/人". */
  rateText?: string;
  /** The stated amount; left out, it is recomputed in the line's own unit and style. */
  amountText?: string;
}

function buildLine(old: EstimateLine | undefined, patch: LinePatch): EstimateLine {
  const label = (patch.label ?? old?.label ?? '').trim();
  const factors = patch.factors ?? old?.factors ?? [];
  const rateText = (patch.rateText ?? old?.rateText ?? '').trim();
  if (!label) throw new EditError('测算行缺少费用名称，如“伙食费”');
  for (const f of factors) if (!/^\d+(\.\d+)?$/.test(f.quantity)) throw new EditError(`数量“${f.quantity}”不是数字：请写如 16 或 1.5`);
  if (factors.length === 0) throw new EditError('测算行至少要有一个数量，如“16人”');
  const m = /^(\d+(?:\.\d+)?)\s*(万元|元)/.exec(rateText);
  const rate = m ? parseAmount(m[1]!, m[2] === '万元' ? 'wanyuan' : 'yuan') : null;
  if (rate === null) throw new EditError(`单价“${rateText}”不是金额：请写如 4800元 或 0.5万元/人`);
  const draft = { label, factors, rate, rateText };
  const amountText = patch.amountText ?? (old?.amountText !== undefined || !old ? formatLike(lineProduct(draft), old?.amountText ?? '0.00万元') : undefined);
  const line: EstimateLine = { ...draft, text: '' };
  if (amountText !== undefined) {
    const a = /^(\d+(?:\.\d+)?)\s*(万元|元)$/.exec(amountText.trim());
    const amount = a ? parseAmount(a[1]!, a[2] === '万元' ? 'wanyuan' : 'yuan') : null;
    if (amount === null) throw new EditError(`金额“${amountText}”不是金额：请写如 7.68万元 或 76800元`);
    line.amount = amount;
    line.amountText = amountText.trim();
  }
  line.text = formatEstimateLine(line);
  if (old?.location) line.location = old.location;
  return line;
}

/** Replaces `from` by `to` in the project's part and in its section's paragraph (by line when known). */
function rewrite(doc: BudgetDocument, project: Project, from: string, to: string, line?: number): void {
  const part = project.parts.find((p) => p.text.includes(from));
  if (!part) throw new EditError(`项目“${project.name}”的文字中找不到“${from}”`);
  part.text = part.text.replace(from, to);
  const section = doc.narrative.sections.find((s) => s.heading === project.location.section && s.paragraphs.some((p) => p.text.includes(from)));
  if (!section) return;
  const candidates = section.paragraphs.filter((p) => p.text.includes(from));
  const paragraph = (line !== undefined ? candidates.filter((p) => (p.line ?? 0) <= line).pop() : undefined) ?? candidates[0]!;
  paragraph.text = paragraph.text.replace(from, to);
}

function projectAt(doc: BudgetDocument, projectIndex: number): Project {
  const p = doc.narrative.projects[projectIndex];
  if (!p) throw new EditError(`没有第 ${projectIndex + 1} 个项目`);
  return p;
}

export interface EditResult {
  doc: BudgetDocument;
  project: Project;
  view: EstimateView;
}

function result(doc: BudgetDocument, projectIndex: number): EditResult {
  const project = doc.narrative.projects[projectIndex]!;
  return { doc, project, view: estimateView(project) };
}

export function editEstimateLine(original: BudgetDocument, projectIndex: number, lineIndex: number, patch: LinePatch): EditResult {
  const doc = structuredClone(original);
  const project = projectAt(doc, projectIndex);
  const old = project.estimate?.[lineIndex];
  if (!old) throw new EditError(`项目“${project.name}”没有第 ${lineIndex + 1} 行测算`);
  const line = buildLine(old, patch);
  rewrite(doc, project, old.text, line.text, old.location?.line);
  project.estimate![lineIndex] = line;
  return result(doc, projectIndex);
}

/** A new line after the last one ("；" between), or a "测算：" sentence in 实施方案 when there is none. */
export function addEstimateLine(original: BudgetDocument, projectIndex: number, patch: LinePatch): EditResult {
  const doc = structuredClone(original);
  const project = projectAt(doc, projectIndex);
  const line = buildLine(undefined, patch);
  const last = project.estimate?.[project.estimate.length - 1];
  if (last) rewrite(doc, project, last.text, `${last.text}；${line.text}`, last.location?.line);
  else {
    const plan = project.parts.find((p) => p.heading === '实施方案');
    if (!plan) throw new EditError(`项目“${project.name}”没有“实施方案”部分，无处写测算`);
    const added = `测算：${line.text}。`;
    const section = doc.narrative.sections.find((s) => s.heading === project.location.section);
    const paragraph = plan.text ? section?.paragraphs.find((p) => p.text.includes(plan.text.split('\n').pop()!)) : undefined;
    if (paragraph) paragraph.text += added;
    plan.text += added;
  }
  project.estimate = [...(project.estimate ?? []), line];
  return result(doc, projectIndex);
}

export function removeEstimateLine(original: BudgetDocument, projectIndex: number, lineIndex: number): EditResult {
  const doc = structuredClone(original);
  const project = projectAt(doc, projectIndex);
  const old = project.estimate?.[lineIndex];
  if (!old) throw new EditError(`项目“${project.name}”没有第 ${lineIndex + 1} 行测算`);
  const part = project.parts.find((p) => p.text.includes(old.text))!;
  const withSeparator = [`${old.text}；`, `；${old.text}`, `${old.text};`, `;${old.text}`].find((t) => part.text.includes(t)) ?? old.text;
  rewrite(doc, project, withSeparator, '', old.location?.line);
  project.estimate = project.estimate!.filter((_, i) => i !== lineIndex);
  if (project.estimate.length === 0) delete project.estimate;
  return result(doc, projectIndex);
}
