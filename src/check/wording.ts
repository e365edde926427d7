/**
 * The words as a reviewer reads them: a numbered sentence left without its 句号, quotation
 * marks the wrong way round or typed as straight quotes, a unit's document speaking of
 * "部门预算" (and the reverse), a 科目 called by a name the tables no longer use, "主要原因是。"
 * with no reason, "增加（减少）" left as the template wrote it. (Unbalanced brackets, repeated
 * words, template slashes and years are text-quality.ts's.)
 */
import type { CheckContext, Rule } from './context.js';
import type { Finding, FindingLocation } from './finding.js';

interface Para {
  section: string;
  kind: string;
  text: string;
  line?: number;
  /** The line the paragraph ends on, when the next paragraph's start tells. */
  lastLine?: number;
}

function paragraphs(ctx: CheckContext): Para[] {
  const out: Para[] = [];
  for (const s of ctx.doc.narrative.sections) {
    s.paragraphs.forEach((p, i) => {
      const next = s.paragraphs[i + 1];
      out.push({ section: s.heading || '封面', kind: s.kind, text: p.text, ...(p.line ? { line: p.line } : {}), ...(p.line && next?.line && next.line > p.line ? { lastLine: next.line - 1 } : {}) });
    });
  }
  return out;
}

function excerpt(text: string, at: number, len: number): string {
  const start = Math.max(0, at - 12);
  const end = Math.min(text.length, at + len + 12);
  return `${start > 0 ? '…' : ''}${text.slice(start, end)}${end < text.length ? '…' : ''}`;
}

function at(p: Para, index: number, len: number, line = p.line): FindingLocation {
  return { section: p.section, sentence: excerpt(p.text, index, len), ...(line ? { line } : {}) };
}

/** "1." "2、" "（3）" "四、" at the start of a paragraph. */
const NUMBERED = /^\s*(\d{1,2}\s*[.．、]|[（(]\s*[\d一二三四五六七八九十]{1,3}\s*[）)]|[一二三四五六七八九十]{1,3}\s*、)/;
const END = /[。；;！？?!：:…]\s*[”"’）)]*\s*$/;

/** How deep a numbering is: 一、 above （一） above 1. above （1）. */
function numberingLevel(text: string): number {
  const t = text.trimStart();
  if (/^[一二三四五六七八九十]{1,3}\s*、/.test(t)) return 1;
  if (/^[（(]\s*[一二三四五六七八九十]{1,3}\s*[）)]/.test(t)) return 2;
  if (/^\d{1,2}\s*[.．、]/.test(t)) return 3;
  return 4;
}

/** A numbered item that is a sentence (has a comma or an amount) ends without its 句号 before the next item. */
function missingPeriod(ctx: CheckContext): Finding[] {
  const out: Finding[] = [];
  for (const s of ctx.doc.narrative.sections) {
    if (s.kind === 'contents' || s.kind === 'cover' || s.kind === 'table-note') continue;
    const ps = s.paragraphs;
    for (let i = 0; i + 1 < ps.length; i++) {
      const p = ps[i]!;
      const next = ps[i + 1]!;
      const text = p.text.trim();
      if (!NUMBERED.test(text) || !NUMBERED.test(next.text)) continue;
      if (END.test(text) || text.length < 16 || !/[，,]|万元|元/.test(text)) continue;
      // Followed by a deeper numbering, the item is a heading over its list (“（一）本年收入 565801.49 万元” → “1.一般公共预算…”).
      if (numberingLevel(next.text) > numberingLevel(text)) continue;
      // PDF lines have no blank lines between paragraphs: the one before the next item is this one's last.
      const last = ctx.doc.pages && p.line && next.line && next.line > p.line ? next.line - 1 : p.line;
      out.push({
        rule: 'words.missing-period',
        family: 'text',
        severity: 'warning',
        message: `句子未以句号结束：“…${text.replace(/\s+/g, '').slice(-16)}”后缺少“。”（下一条为“${next.text.replace(/\s+/g, '').slice(0, 12)}…”）`,
        location: { section: s.heading || '封面', sentence: text.length > 40 ? `…${text.slice(-40)}` : text, ...(last ? { line: last } : {}) },
        expected: `${text.slice(-8)}。`,
        actual: text.slice(-8),
      });
    }
  }
  return out;
}

/** ”…“ the wrong way round, or a straight " inside Chinese text. */
function quotes(ctx: CheckContext): Finding[] {
  const out: Finding[] = [];
  const ps = paragraphs(ctx);
  for (const [k, p] of ps.entries()) {
    const opens = (p.text.match(/“/g) ?? []).length;
    const closes = (p.text.match(/”/g) ?? []).length;
    if (opens === closes && opens > 0) {
      let depth = 0;
      // A table cell wrapped over short lines (深圳 “评选“鹏城卓” / “越工程师”和“鹏城卓越工” / “程师团队””): the line goes on a quote the line before opened.
      const prev = ps[k - 1];
      const continued = p.text.length <= 40 && prev !== undefined && prev.section === p.section && prev.text.length <= 40 && prev.text.lastIndexOf('“') > prev.text.lastIndexOf('”');
      for (let i = 0; i < p.text.length; i++) {
        const c = p.text[i];
        if (c === '“') depth++;
        else if (c === '”') depth--;
        if (depth < 0 && continued && i === p.text.indexOf('”')) {
          depth = 0;
          continue;
        }
        if (depth < 0 || depth > 1) {
          out.push({ rule: 'words.quotes', family: 'text', severity: 'warning', message: `引号方向不对或错位：“${excerpt(p.text, i, 1)}”中的${c === '”' ? '右引号”前没有左引号“' : '左引号“未闭合又出现左引号“'}`, location: at(p, i, 1) });
          break;
        }
      }
    }
    const straight = [...p.text.matchAll(/"/g)];
    if (straight.length > 0 && /[\u4e00-\u9fa5]/.test(p.text)) {
      const i = straight[0]!.index;
      out.push({ rule: 'words.quotes', family: 'text', severity: 'warning', message: `中文句中用了英文直引号 "（${straight.length} 个），应为中文引号“”：“${excerpt(p.text, i, 1)}”`, location: at(p, i, 1) });
    }
  }
  return out;
}

/** A unit's document speaking of its "部门预算", a department's of its "单位预算编制说明". */
function scopeTerms(ctx: CheckContext): Finding[] {
  const out: Finding[] = [];
  const unit = ctx.doc.meta.scope === 'unit';
  const all = paragraphs(ctx);
  // A department's budget of its own organ only (深圳 “…局（本级）部门预算”, “本单位无独立核算下属单位，部门预算为本级预算”,
  // “…无下属单位，部门预算为办本级预算”): the department is one unit, “本单位” is true. A 汇总预算 of “（本级）共 1 家
  // 基层单位” (shenzhen-15defc28) is still a department's, as the document calls it.
  const ownLevel = !unit && all.some((p) => /[（(]本级[)）]部门预算|(部门|单位)预算为[办局委署厅院会]?本级预算|无(独立核算的?)?下属(预算)?单位/.test(p.text.replace(/\s+/g, '')));
  const re = unit ? /(本部门|(?<![区市县级主管所属])部门预算编制说明|(?<=\d{4}年(度)?)部门预算(?!单位|主管))/g : ownLevel ? /((?<=\d{4}年(度)?)单位预算编制说明)/g : /(本单位|(?<=\d{4}年(度)?)单位预算编制说明)/g;
  for (const p of all) {
    if (p.kind === 'glossary') continue;
    for (const m of p.text.matchAll(re)) {
      // A project's text may speak of its supervising department's duties ("根据本部门职能安排").
      if ((p.kind === 'project' || p.kind === 'projects') && m[0].startsWith('本')) continue;
      out.push({
        rule: 'words.scope',
        family: 'text',
        severity: 'warning',
        message: unit ? `本文件是单位预算，文中却写“${m[0]}”，应为“${m[0].replace('部门', '单位')}”` : `本文件是部门预算，文中却写“${m[0]}”，应为“${m[0].replace('单位', '部门')}”`,
        location: at(p, m.index, m[0].length),
        expected: unit ? m[0].replace('部门', '单位') : m[0].replace('单位', '部门'),
        actual: m[0],
      });
      break; // once per paragraph
    }
  }
  return out;
}

/** 科目 renamed in the classification: the old name, the new one, the code. */
export const RENAMED_SUBJECTS: { code: string; old: string; now: string; since: number }[] = [
  { code: '210', old: '医疗卫生与计划生育支出', now: '卫生健康支出', since: 2019 },
  { code: '207', old: '文化体育与传媒支出', now: '文化旅游体育与传媒支出', since: 2019 },
  { code: '220', old: '国土海洋气象等支出', now: '自然资源海洋气象等支出', since: 2019 },
  { code: '215', old: '资源勘探信息等支出', now: '资源勘探工业信息等支出', since: 2019 },
  { code: '21001', old: '医疗卫生与计划生育管理事务', now: '卫生健康管理事务', since: 2019 },
];

/** A 科目 called in the words by a name the document's own tables (or its year's classification) no longer use. */
function obsoleteSubjects(ctx: CheckContext): Finding[] {
  const out: Finding[] = [];
  const labels = new Set(ctx.doc.tables.flatMap((t) => t.rows.map((r) => r.label ?? '')));
  for (const r of RENAMED_SUBJECTS) {
    if (r.old === r.now) continue;
    const tablesUseNew = [...labels].some((l) => l.includes(r.now));
    const tablesUseOld = [...labels].some((l) => l.includes(r.old));
    if (tablesUseOld || (!tablesUseNew && ctx.doc.meta.year < r.since)) continue;
    for (const p of paragraphs(ctx)) {
      const i = p.text.indexOf(r.old);
      if (i < 0) continue;
      out.push({
        rule: 'words.obsolete-subject',
        family: 'text',
        severity: 'warning',
        message: `科目名称已改：文中写“${r.old}”，${tablesUseNew ? '本文件的表中' : `${r.since}年起的科目表中`}为“${r.now}”（${r.code}）`,
        location: at(p, i, r.old.length),
        expected: r.now,
        actual: r.old,
      });
    }
  }
  return out;
}

/** "主要原因是。", "主要用于。": the reason or the use left out. */
function unfilled(ctx: CheckContext): Finding[] {
  const out: Finding[] = [];
  for (const p of paragraphs(ctx)) {
    for (const m of p.text.matchAll(/(主要)?(原因(是|为)|用于|主要包括)[：:，,]?\s*(?=[。；;]|$)/g)) {
      out.push({ rule: 'words.unfilled', family: 'text', severity: 'error', message: `“${m[0]}”后没有写内容（${m[0].includes('原因') ? '原因' : '用途'}未填写）`, location: at(p, m.index, m[0].length + 1), actual: m[0] });
    }
    for (const m of p.text.matchAll(/(增加|增长|上升)[（(](减少|下降)[）)]|(减少|下降)[（(](增加|增长|上升)[）)]|增[（(]减[）)]/g)) {
      out.push({ rule: 'words.unfilled', family: 'text', severity: 'error', message: `模板用语“${m[0]}”未改为实际的变动方向（增加、减少或持平）`, location: at(p, m.index, m[0].length), actual: m[0] });
    }
  }
  return out;
}

export const wordingRules: Rule[] = [
  { id: 'words.missing-period', family: 'text', title: '编号的句子以句号结束', run: missingPeriod },
  { id: 'words.quotes', family: 'text', title: '引号方向正确、不用英文直引号', run: quotes },
  { id: 'words.scope', family: 'text', title: '单位预算不称“部门预算”，部门预算不称“单位预算”', run: scopeTerms },
  { id: 'words.obsolete-subject', family: 'text', title: '科目名称与表中一致（不用已改的旧名）', run: obsoleteSubjects },
  { id: 'words.unfilled', family: 'text', title: '原因、用途与变动方向已填写', run: unfilled },
];
