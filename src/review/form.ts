/**
 * The finance bureau's review form (预算公开情况检查表) as data, and where each finding of
 * `check` belongs on it: a table's findings under that table, a section's under its part, a
 * page's under the part printed on that page. The form's text is what a reviewer writes:
 * each item 是/否 and its problems numbered "1." "2." with the place (page and line, or cell).
 */
import type { BudgetDocument, NarrativeSection } from '../model/document.js';
import type { TableId } from '../model/tables.js';
import type { Finding } from '../check/finding.js';
import { lineIndex } from '../check/locate.js';

export interface FormItem {
  id: string;
  group: '及时性' | '内容规范性';
  /** The 部门 wording; the unit form says 单位. */
  name: string;
  table?: TableId;
  sections?: NarrativeSection['kind'][];
}

export const FORM_ITEMS: FormItem[] = [
  { id: 'timely', group: '及时性', name: '及时公开部门预算' },
  { id: 'cover', group: '内容规范性', name: '封面', sections: ['cover'] },
  { id: 'contents', group: '内容规范性', name: '目录', sections: ['contents'] },
  { id: 'functions', group: '内容规范性', name: '主要职能', sections: ['functions'] },
  { id: 'organization', group: '内容规范性', name: '机构设置', sections: ['organization'] },
  { id: 'glossary', group: '内容规范性', name: '名词解释', sections: ['glossary'] },
  { id: 'explanation', group: '内容规范性', name: '预算编制说明', sections: ['budget-explanation', 'other'] },
  { id: 'summary', group: '内容规范性', name: '《部门财务收支预算总表》', table: 'summary' },
  { id: 'income', group: '内容规范性', name: '《部门收入预算总表》', table: 'income' },
  { id: 'expenditure', group: '内容规范性', name: '《部门支出预算总表》', table: 'expenditure' },
  { id: 'fiscal', group: '内容规范性', name: '《部门财政拨款收支预算总表》', table: 'fiscal' },
  { id: 'general-function', group: '内容规范性', name: '《部门一般公共预算支出功能分类预算表》', table: 'general-function' },
  { id: 'fund-function', group: '内容规范性', name: '《部门政府性基金预算支出功能分类预算表》', table: 'fund-function' },
  { id: 'soe-function', group: '内容规范性', name: '《国有资本经营预算支出功能分类预算表》', table: 'soe-function' },
  { id: 'general-basic-economic', group: '内容规范性', name: '《部门一般公共预算基本支出部门预算经济分类预算表》', table: 'general-basic-economic' },
  { id: 'three-public', group: '内容规范性', name: '《部门“三公”经费和机关运行经费预算表》', table: 'three-public' },
  { id: 'other-info', group: '内容规范性', name: '其他相关说明', sections: ['other-info', 'three-public', 'office-operation', 'procurement', 'performance', 'assets'] },
  { id: 'projects', group: '内容规范性', name: '项目经费情况说明', sections: ['projects', 'project'] },
];

/** Where a finding goes when its own place does not tell (a missing part named in the message). */
const BY_WORDS: [RegExp, string][] = [
  [/主要职能/, 'functions'],
  [/机构设置/, 'organization'],
  [/名词解释/, 'glossary'],
  [/编制说明|收支预算情况/, 'explanation'],
  [/三公|机关运行|政府采购|绩效目标|国有资产|其他相关/, 'other-info'],
  [/项目/, 'projects'],
  [/目录/, 'contents'],
  [/封面/, 'cover'],
];

export function itemName(item: FormItem, scope: BudgetDocument['meta']['scope']): string {
  return scope === 'unit' ? item.name.replace(/部门/g, '单位') : item.name;
}

/** The form item each page shows most of (sections by their paragraphs' lines, tables by their title's page). */
function pageItems(doc: BudgetDocument): Map<number, string> {
  const byLine = lineIndex(doc);
  const votes = new Map<number, Map<string, number>>();
  const vote = (page: number | undefined, item: string | undefined, n = 1) => {
    if (page === undefined || !item) return;
    const m = votes.get(page) ?? new Map<string, number>();
    m.set(item, (m.get(item) ?? 0) + n);
    votes.set(page, m);
  };
  for (const s of doc.narrative.sections) {
    const item = FORM_ITEMS.find((i) => i.sections?.includes(s.kind))?.id;
    for (const p of s.paragraphs) vote(p.line !== undefined ? byLine.get(p.line)?.page : undefined, item);
  }
  const tables = [...doc.tables].filter((t) => t.origin?.page).sort((a, b) => a.origin!.page! - b.origin!.page!);
  tables.forEach((t, i) => {
    const end = tables[i + 1]?.origin?.page ?? t.origin!.page! + 1;
    for (let p = t.origin!.page!; p < Math.max(end, t.origin!.page! + 1); p++) vote(p, FORM_ITEMS.find((f) => f.table === t.id)?.id, 5);
  });
  const out = new Map<number, string>();
  for (const [page, m] of votes) out.set(page, [...m].sort((a, b) => b[1] - a[1])[0]![0]);
  return out;
}

/** The form item a finding belongs to. */
export function formItemOf(f: Finding, doc: BudgetDocument, pages = pageItems(doc)): string {
  const loc = f.location;
  if (loc.table) {
    const t = FORM_ITEMS.find((i) => i.table === loc.table);
    if (t) return t.id;
  }
  if (loc.section) {
    const s = doc.narrative.sections.find((x) => x.heading === loc.section || (loc.section === '封面' && x.kind === 'cover'));
    if (s) {
      if (s.kind === 'table-note') {
        const t = doc.tables.find((x) => x.title === s.heading);
        const item = t && FORM_ITEMS.find((i) => i.table === t.id);
        if (item) return item.id;
      }
      const item = FORM_ITEMS.find((i) => i.sections?.includes(s.kind));
      if (item) return item.id;
    }
  }
  if (loc.page !== undefined) {
    // A page left blank belongs with the part before it (a blank page after 目录 is 目录's).
    for (let p = loc.page; p >= 1; p--) {
      const item = pages.get(p);
      if (item) return item;
    }
  }
  for (const [re, id] of BY_WORDS) if (re.test(f.message)) return id;
  return 'explanation';
}

export interface FormProblem {
  text: string;
  finding: Finding;
}

export interface FormRow {
  item: FormItem;
  name: string;
  /** 是 / 否; 及时性 cannot be told from the file: 待核 (to be confirmed by hand). */
  ok: '是' | '否' | '待核';
  problems: FormProblem[];
}

export interface ReviewForm {
  title: string;
  entityLabel: '部门名称' | '单位名称';
  entity: string;
  url?: string;
  rows: FormRow[];
}

/** Where, as a reviewer writes it: "第7页第3行", "《收入预算总表》2080505 机关事业单位基本养老保险缴费支出", "（说明）". */
export function placeText(f: Finding): string {
  const l = f.location;
  const parts: string[] = [];
  if (l.page !== undefined) parts.push(`第${l.page}页${l.pageLine !== undefined ? `第${l.pageLine}行` : ''}`);
  else if (l.line !== undefined) parts.push(`第${l.line}行`);
  if (l.sheet) parts.push(`工作表“${l.sheet}”${l.cell ?? ''}`);
  if (l.table && l.row && !l.sheet) {
    const row = l.row === 'total' ? '合计' : l.rowLabel && l.rowLabel !== l.row ? `${/^\d+$/.test(l.row) ? `${l.row} ` : ''}${l.rowLabel}` : l.row === 'budget' ? '' : l.row;
    if (row) parts.push(row);
  }
  return parts.join('，');
}

export function problemText(f: Finding): string {
  const where = placeText(f);
  const msg = f.message.replace(/[。；]$/, '');
  const quoted = f.location.sentence && !msg.includes(f.location.sentence.replace(/^…|…$/g, '').slice(0, 10)) ? `（原文：“${f.location.sentence}”）` : '';
  return `${where ? `${where}：` : ''}${msg}${quoted}。`;
}

export function buildForm(doc: BudgetDocument, findings: Finding[], options: { url?: string } = {}): ReviewForm {
  const scope = doc.meta.scope;
  const pages = pageItems(doc);
  const shown = findings.filter((f) => f.severity !== 'info');
  const byItem = new Map<string, Finding[]>();
  for (const f of shown) {
    const id = formItemOf(f, doc, pages);
    byItem.set(id, [...(byItem.get(id) ?? []), f]);
  }
  const region = doc.meta.region.replace(/^.*?省|^.*?自治区|^(北京|上海|天津|重庆)市/, '') || doc.meta.region;
  const kind = scope === 'unit' ? '单位' : '部门';
  return {
    title: `${doc.meta.year}年度${region}${kind}${doc.meta.kind === 'final' ? '决算' : '预算'}公开情况检查表`,
    entityLabel: scope === 'unit' ? '单位名称' : '部门名称',
    entity: doc.meta.entity.name,
    ...(options.url ? { url: options.url } : {}),
    rows: FORM_ITEMS.map((item) => {
      const list = (byItem.get(item.id) ?? []).sort((a, b) => (a.location.page ?? 0) - (b.location.page ?? 0) || (a.location.pageLine ?? a.location.line ?? 0) - (b.location.pageLine ?? b.location.line ?? 0));
      const problems = list.map((f) => ({ text: problemText(f), finding: f }));
      return { item, name: itemName(item, scope), ok: item.id === 'timely' ? '待核' : problems.length ? '否' : '是', problems };
    }),
  };
}

/** The form as plain text: the comment a reviewer sends back. */
export function formText(form: ReviewForm): string {
  const lines = [form.title, `${form.entityLabel}：${form.entity}`, `公开网址：${form.url ?? ''}`, ''];
  for (const r of form.rows) {
    lines.push(`${r.item.group} · ${r.name}：${r.ok}`);
    r.problems.forEach((p, i) => lines.push(`  ${i + 1}. ${p.text}`));
  }
  return lines.join('\n') + '\n';
}
