/**
 * Project sections (项目经费情况说明): each project with its seven headings (项目概述 … 绩效目标)
 * and the 年度预算 it states. A section holds one project, or several introduced by
 * "1、项目名称：……".
 */
import type { Project, StatedAmount } from '../../model/document.js';
import { PROJECT_HEADINGS } from '../../model/keys.js';
import { projectDetails } from '../../projects/details.js';
import { lineAt, type ReadParagraph, type ReadSection } from './sections.js';

const NAME_LINE = /^\s*\d+[、.．]\s*项目名称[：:]\s*(.+)$/;
/** Other words the documents use for the seven headings. */
const SYNONYMS: Record<string, (typeof PROJECT_HEADINGS)[number]> = { 项目概况: '项目概述', 项目简介: '项目概述', 年度预算: '年度预算安排', 项目绩效目标: '绩效目标' };
const HEADING = new RegExp(`^\\s*[一二三四五六七八九十]+[、.．]\\s*(${[...PROJECT_HEADINGS, ...Object.keys(SYNONYMS)].sort((a, b) => b.length - a.length).join('|')})\\s*[：:]?\\s*(.*)$`);

function projectName(heading: string): string {
  const name = heading.replace(/(经费)?情况说明$/, '').trim();
  return name === '' || name === '项目' ? heading : name;
}

/** Where each part's text came from: paragraphs, and the offset of each in the part's text. */
type Sources = { paragraph: ReadParagraph; at: number; skip: number }[][];

export function readProjects(sections: ReadSection[], amounts: StatedAmount[]): Project[] {
  const out: Project[] = [];
  const sources = new Map<Project, Sources>();
  for (const s of sections) {
    if (s.kind !== 'projects') continue;
    let current: Project | undefined;
    const start = (name: string, line: number, sentence: string) => {
      current = { name, parts: [], location: { section: s.heading, line, sentence } };
      out.push(current);
      sources.set(current, []);
    };
    for (const p of s.paragraphs) {
      const named = NAME_LINE.exec(p.text);
      if (named) {
        start(named[1]!.trim(), p.line, p.text);
        continue;
      }
      const h = HEADING.exec(p.text);
      if (!current) start(projectName(s.heading), s.line, s.heading);
      const project = current!;
      const from = sources.get(project)!;
      if (h) {
        const text = h[2]!.trim();
        project.parts.push({ heading: SYNONYMS[h[1]!] ?? h[1]!, text });
        from.push(text ? [{ paragraph: p, at: 0, skip: p.text.lastIndexOf(text) }] : []);
      } else {
        const part = project.parts[project.parts.length - 1];
        if (part) {
          from[from.length - 1]!.push({ paragraph: p, at: part.text ? part.text.length + 1 : 0, skip: 0 });
          part.text = part.text ? `${part.text}\n${p.text}` : p.text;
        } else {
          project.parts.push({ heading: '', text: p.text });
          from.push([{ paragraph: p, at: 0, skip: 0 }]);
        }
      }
      const lines = new Set(p.starts.map((x) => x.line));
      const budget = amounts.find((a) => a.subject === 'project.annual-budget' && a.location.section === s.heading && lines.has(a.location.line ?? 0) && !a.project);
      if (budget && project.annualBudget === undefined) {
        budget.project = project.name;
        project.annualBudget = budget.amount;
        project.annualBudgetText = budget.text;
      }
    }
  }
  for (const project of out) {
    const from = sources.get(project)!;
    Object.assign(
      project,
      projectDetails(project, (partIndex, offset, sentence) => {
        const src = from[partIndex]?.filter((x) => x.at <= offset).pop();
        return src && { section: project.location.section, line: lineAt(src.paragraph, offset - src.at + src.skip), sentence };
      }),
    );
  }
  return out;
}
