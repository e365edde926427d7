/**
 * The structure of a project section beyond its seven texts: the 科目 it states, the documents
 * its 立项依据 cites, the dates of its 实施周期, its 测算 lines and its 绩效目标. Read from the
 * parts' text alone, so a document held as JSON gives the same structure as its text.
 */
import type { EstimateLine, NarrativeLocation, Project } from '../model/document.js';
import { normalizeNumerals } from '../read/text/normalize.js';
import { findEstimateLines } from './estimate.js';
import { readPerformance } from './performance.js';

export type ProjectDetails = Pick<Project, 'subject' | 'supervisor' | 'implementer' | 'basis' | 'period' | 'estimate' | 'performance'>;

/** Where a phrase of a part's text stands in the document (the reader knows its lines). */
export type Locate = (partIndex: number, offset: number, sentence: string) => NarrativeLocation | undefined;

export function partText(p: Pick<Project, 'parts'>, heading: string): string | undefined {
  return p.parts.find((x) => x.heading === heading)?.text;
}

const DOC_NUMBER = /([\u4e00-\u9fff]{1,12})\s*([〔\[【（(［])\s*(\d{4})\s*([〕\]】）)］])\s*第?\s*(\d+)\s*号/g;
/** Words that run into an issuer's abbreviation in prose ("根据沪医保规…", "批复和普发改投…"). */
const BEFORE_ISSUER = /^.*[和及与的据照依按、，。；：《》“”\s]|^(通知|文件|批复|意见|办法|规定|决定|复函|函)+/g;

/** "《关于…的通知》（沪医保规[2020]4号）" → { number: "沪医保规〔2020〕4号", title: "关于…的通知" }. */
export function citedDocuments(text: string): NonNullable<Project['basis']> {
  const norm = normalizeNumerals(text);
  const out: NonNullable<Project['basis']> = [];
  for (const m of norm.matchAll(DOC_NUMBER)) {
    const issuer = m[1]!.replace(BEFORE_ISSUER, '').replace(BEFORE_ISSUER, '');
    if (!issuer) continue;
    const number = `${issuer}〔${m[3]}〕${m[5]}号`;
    const start = m.index + m[1]!.length - issuer.length;
    const before = norm.slice(Math.max(0, start - 80), start);
    const title = /《([^《》]+)》\s*[（(]?\s*$/.exec(before)?.[1];
    if (out.some((d) => d.number === number)) continue;
    out.push({ number, ...(title ? { title } : {}), text: text.slice(start, m.index + m[0].length) });
  }
  return out;
}

const DATE = String.raw`(\d{4})\s*[年.\-/]\s*(\d{1,2})\s*[月.\-/]\s*(\d{1,2})\s*日?`;
const PERIOD = new RegExp(String.raw`${DATE}\s*(?:-{1,2}|—{1,2}|–|~|～|至|到)\s*${DATE}`);

function iso(y: string, m: string, d: string): string {
  return `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
}

export function readPeriod(text: string): NonNullable<Project['period']> {
  const m = PERIOD.exec(normalizeNumerals(text));
  const t = text.trim();
  return m ? { text: t, start: iso(m[1]!, m[2]!, m[3]!), end: iso(m[4]!, m[5]!, m[6]!) } : { text: t };
}

const SUBJECT = [/(?:列支)?科目[：:]\s*(\d{7})\s*([\u4e00-\u9fff（）()、]{2,40})?/, /[“"](\d{7})\s*([^”"]{2,40})?[”"]\s*科目/];

export function readSubject(text: string): Project['subject'] {
  for (const re of SUBJECT) {
    const m = re.exec(normalizeNumerals(text));
    if (m) return { code: m[1]!, ...(m[2] ? { name: m[2].trim() } : {}), text: text.slice(m.index, m.index + m[0].length) };
  }
  return undefined;
}

const SUPERVISOR = /主管(?:部门|单位)[：:]\s*([\u4e00-\u9fff（）()]{2,40})/;

export function projectDetails(project: Pick<Project, 'parts'>, locate?: Locate): ProjectDetails {
  const out: ProjectDetails = {};
  const implementer = partText(project, '实施主体');
  if (implementer) out.implementer = implementer.trim();
  const all = project.parts.map((p) => p.text).join('\n');
  const supervisor = SUPERVISOR.exec(all);
  if (supervisor) out.supervisor = supervisor[1]!;
  const subject = readSubject(all);
  if (subject) out.subject = subject;
  const basis = partText(project, '立项依据');
  if (basis !== undefined) out.basis = citedDocuments(basis);
  const period = partText(project, '实施周期');
  if (period) out.period = readPeriod(period);
  const lines: EstimateLine[] = [];
  project.parts.forEach((part, i) => {
    if (part.heading === '绩效目标') return;
    for (const found of findEstimateLines(part.text)) {
      const location = locate?.(i, found.start, found.line.text);
      lines.push(location ? { ...found.line, location } : found.line);
    }
  });
  if (lines.length > 0) out.estimate = lines;
  const performance = partText(project, '绩效目标');
  if (performance !== undefined) out.performance = readPerformance(performance);
  return out;
}
