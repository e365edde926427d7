/** Headings of the narrative parts of a disclosure, and what each part is. */
import type { NarrativeSection } from '../../model/document.js';

type Kind = NarrativeSection['kind'];

const TOP_HEADINGS: [RegExp, Kind][] = [
  [/^目\s*录$/, 'contents'],
  // 部门决算 (the district template's 第三部分 一 … 十一): before the budget's, which would take 三公 and 其他 first.
  [/^[一二三四五六七八九十]+、\s*(财政拨款)?[“"]?三公[”"]?经费(财政拨款)?支出决算情况(说明)?$/, 'three-public'],
  [/^([一二三四五六七八九十]+、)?\s*.{0,24}决算(总体|具体|结构)?情况(说明)?$/, 'budget-explanation'],
  [/^[一二三四五六七八九十]+、\s*预算绩效管理情况(说明)?$/, 'performance'],
  // The template's own remark after it: "二、部门决算单位构成（仅有一个单位的部门，本部分内容" / "为“机构设置”）".
  [/部门决算单位构成([（(][^）)]*[）)]?)?$/, 'organization'],
  [/主要职(能|责)$/, 'functions'],
  // 深圳 "一、部门职责", 北京 "（一）本部门职责情况".
  [/^([（(][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+、)?\s*本?(部门|单位)职(能|责)(情况)?$/, 'functions'],
  // 深圳 "二、机构编制", 苏州 "二、部门机构设置及预算单位构成情况".
  [/(机构设置(情况)?|预算单位构成(情况)?)$|^([一二三四五六七八九十]+、)\s*机构编制(情况)?$/, 'organization'],
  [/名词解释$/, 'glossary'],
  [/(预算编制说明|(部门|单位)预算(安排)?情况说明)$/, 'budget-explanation'],
  [/^([一二三四五六七八九十]+、)?其他相关情况(的)?说明$/, 'other-info'],
  [/项目(经费)?情况说明$/, 'projects'],
  // Other provinces' parts: "二、收入预算情况说明" (北京), "第二部分 部门预算收支总体情况" (深圳), "三、财政拨款情况说明" (重庆).
  [/^(第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、)\s*(部门|单位)?(预算)?(收入|支出|收支)(预算)?(总体|具体)?情况(说明)?$/, 'budget-explanation'],
  [/^(第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、)\s*(部门|单位)?(收支总体情况|财政拨款(收支)?情况(说明)?|部门预算支出具体情况)$/, 'budget-explanation'],
  [/^(第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、)\s*(财政拨款)?[“"]?三公[”"]?经费(预算)?(安排)?情况(说明)?$/, 'three-public'],
  [/^(第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、)\s*政府采购(预算)?情况(说明)?$/, 'procurement'],
  [/^(第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、)\s*其他(需要说明|重要事项的|相关)?情况(的)?(说明)?$/, 'other-info'],
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
