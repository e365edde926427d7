/** Headings of the narrative parts of a disclosure, and what each part is. */
import type { NarrativeSection } from '../../model/document.js';

type Kind = NarrativeSection['kind'];

const TOP_HEADINGS: [RegExp, Kind][] = [
  [/^目\s*录$/, 'contents'],
  [/主要职(能|责)$/, 'functions'],
  [/(机构设置(情况)?|预算单位构成)$/, 'organization'],
  [/名词解释$/, 'glossary'],
  [/(预算编制说明|(部门|单位)预算(安排)?情况说明)$/, 'budget-explanation'],
  [/^([一二三四五六七八九十]+、)?其他相关情况(的)?说明$/, 'other-info'],
  [/项目(经费)?情况说明$/, 'projects'],
];

const SUB_HEADINGS: [RegExp, Kind][] = [
  [/^[一二三四五六七八九十]+、.*三公.*经费.*(说明|情况)$/, 'three-public'],
  [/^[一二三四五六七八九十]+、.*机关运行经费/, 'office-operation'],
  [/^[一二三四五六七八九十]+、.*政府采购/, 'procurement'],
  [/^[一二三四五六七八九十]+、.*绩效目标/, 'performance'],
  [/^[一二三四五六七八九十]+、.*国有资产/, 'assets'],
];

const SUB_PARENTS: Kind[] = ['other-info', 'three-public', 'office-operation', 'procurement', 'performance', 'assets'];

/** A heading is a short line of its own, not a list entry of the table of contents. */
export function headingKind(line: string, current: Kind | undefined): Kind | undefined {
  const t = line.trim();
  if (t.length === 0 || t.length > 60 || /^[-•·*]/.test(t) || /[。；，]$/.test(t) || /\.{3,}|…{2,}/.test(t)) return undefined;
  for (const [re, kind] of TOP_HEADINGS) if (re.test(t)) return kind;
  if (current && SUB_PARENTS.includes(current)) {
    for (const [re, kind] of SUB_HEADINGS) if (re.test(t)) return kind;
  }
  return undefined;
}
