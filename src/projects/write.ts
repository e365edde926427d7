/**
 * A project back to text: the section with its seven numbered headings, and the phrases the
 * reader reads (测算 lines, 绩效目标 indicators, cited documents, the 科目). The synthetic
 * generator writes its projects with these, and an edit in the workspace rewrites a phrase
 * with them, so what is written is what the reader reads back.
 */
import type { EstimateLine, NarrativeSection, Project } from '../model/document.js';
import { INDICATOR_CATEGORIES } from '../model/keys.js';
import { formatEstimateLine } from './estimate.js';
import { formatIndicator, type Performance } from './performance.js';

const NUMBERS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** The section of one project: "一、项目概述", its text, "二、立项依据", … */
export function projectSection(project: Pick<Project, 'name' | 'parts'>, heading = `${project.name}经费情况说明`): NarrativeSection {
  const paragraphs = project.parts.flatMap((part, i) => [{ text: `${NUMBERS[i] ?? String(i + 1)}、${part.heading}` }, ...part.text.split('\n').filter(Boolean).map((text) => ({ text }))]);
  return { heading, kind: 'projects', paragraphs };
}

export function estimateText(lines: readonly Omit<EstimateLine, 'text'>[]): string {
  return lines.map(formatEstimateLine).join('；');
}

/**
 * Indicators without a category first ("a、b。"), then the goals, then "（1）产出指标：…，…。"
 * in the order of the categories.
 */
export function performanceText(p: Performance, separator = '，'): string {
  const loose = p.indicators.filter((i) => !i.category);
  const goals = [p.overall ? `总目标：${p.overall}。` : '', p.annual ? `年度目标：${p.annual}。` : ''].join('');
  let n = 0;
  const blocks = INDICATOR_CATEGORIES.map((c) => p.indicators.filter((i) => i.category === c))
    .filter((list) => list.length > 0)
    .map((list) => `（${++n}）${list[0]!.category}指标：${list.map(formatIndicator).join(separator)}。`);
  return (loose.length > 0 ? `${loose.map(formatIndicator).join('、')}。` : '') + goals + blocks.join('');
}

/** "《关于…的通知》（沪医保规〔2020〕4号）；…。" */
export function basisText(documents: readonly NonNullable<Project['basis']>[number][]): string {
  return documents.map((d) => (d.title ? `《${d.title}》（${d.text}）` : d.text)).join('；') + (documents.length > 0 ? '。' : '');
}

export function subjectText(subject: NonNullable<Project['subject']>): string {
  return `列支科目：${subject.code}${subject.name ?? ''}`;
}
