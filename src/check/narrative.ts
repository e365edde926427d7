/**
 * Family 4: what the narrative says about the tables. Every stated amount against its table
 * value, each 科目 explanation against its row, each project's 年度预算, statements that
 * something does not exist ("无机关运行经费"), and the notes under empty tables.
 */
import type { StatedAmount, TableRow } from '../model/document.js';
import { formatWanyuan, formatYuanGrouped, formatYuan, type Fen } from '../model/money.js';
import { fiscalOfCode } from '../model/fiscal.js';
import { bareName } from '../catalogs/catalog.js';
import type { CheckContext, Rule } from './context.js';
import type { Finding, FindingLocation, Severity } from './finding.js';
import { compareStated } from './compare.js';
import { subjectCell } from './subjects.js';

function where(a: StatedAmount): FindingLocation {
  const loc: FindingLocation = { section: a.location.section, sentence: a.location.sentence };
  if (a.location.line) loc.line = a.location.line;
  if (a.location.page) loc.page = a.location.page;
  return loc;
}

function amountFinding(rule: string, severity: Severity, a: StatedAmount, what: string, tableText: string, value: Fen, cmp: { expected: string; difference: string; rounding: string }): Finding {
  return {
    rule,
    family: 'narrative',
    severity,
    message: `说明中${what}为${a.text}，而${tableText}为 ${formatYuanGrouped(value)} 元（${cmp.rounding}应为${cmp.expected}），相差${cmp.difference}`,
    location: where(a),
    expected: cmp.expected.replace(/万元$|元$/, ''),
    actual: a.text.replace(/万元$|元$/, ''),
    unit: a.unit === 'wanyuan' ? '万元' : '元',
  };
}

const SUBJECT_WORDS: Record<string, string> = {
  'income.total': '收入预算总额',
  'income.fiscal': '财政拨款收入',
  'income.fiscal.general': '一般公共预算收入',
  'income.fiscal.fund': '政府性基金收入',
  'income.fiscal.soe': '国有资本经营预算收入',
  'income.business': '事业收入',
  'income.operating': '事业单位经营收入',
  'income.other': '其他收入',
  'expenditure.total': '支出预算总额',
  'expenditure.fiscal': '财政拨款支出',
  'expenditure.fiscal.general': '一般公共预算拨款支出',
  'expenditure.fiscal.fund': '政府性基金拨款支出',
  'expenditure.fiscal.soe': '国有资本经营预算拨款支出',
  'expenditure.basic': '基本支出',
  'expenditure.project': '项目支出',
  'expenditure.fiscal.general.basic': '一般公共预算拨款基本支出',
  'expenditure.fiscal.general.project': '一般公共预算拨款项目支出',
  'expenditure.fiscal.fund.basic': '政府性基金拨款基本支出',
  'expenditure.fiscal.fund.project': '政府性基金拨款项目支出',
  'expenditure.fiscal.soe.basic': '国有资本经营预算拨款基本支出',
  'expenditure.fiscal.soe.project': '国有资本经营预算拨款项目支出',
  'three-public.total': '“三公”经费',
  'three-public.abroad': '因公出国（境）费',
  'three-public.reception': '公务接待费',
  'three-public.vehicle': '公务用车购置及运行费',
  'three-public.vehicle-purchase': '公务用车购置费',
  'three-public.vehicle-operation': '公务用车运行费',
  'office-operation': '机关运行经费',
  'performance.amount': '编报绩效目标的项目预算资金',
};

/** This year's budget figures: last year's (a comparison's basis, a 执行数) are not in this year's tables. */
function current(a: StatedAmount): boolean {
  return a.kind === undefined || a.kind === 'budget';
}

function statedTotals(ctx: CheckContext): Finding[] {
  const out: Finding[] = [];
  for (const a of ctx.doc.narrative.amounts.filter(current)) {
    const cell = subjectCell(ctx, a.subject);
    if (!cell) continue;
    const cmp = compareStated(a, cell.value);
    if (!cmp.severity) continue;
    // 绩效目标 may cover only some projects: only more than the 项目支出, or the same figure cut short, is wrong.
    if (a.subject === 'performance.amount' && !(a.amount > cell.value + 5_000 || cmp.severity === 'warning')) continue;
    out.push(amountFinding(a.subject === 'performance.amount' ? 'narrative.performance-amount' : 'narrative.amount', cmp.severity, a, `“${SUBJECT_WORDS[a.subject] ?? a.label}”`, ctx.describeCell(cell.ref), cell.value, cmp));
  }
  return out;
}

function codeRows(ctx: CheckContext): TableRow[] {
  const seen = new Map<string, TableRow>();
  for (const id of ['income', 'expenditure', 'general-function', 'fund-function', 'soe-function'] as const) {
    for (const r of ctx.table(id)?.rows ?? []) if (r.code && r.label && !seen.has(r.code)) seen.set(r.code, r);
  }
  return [...seen.values()];
}

/** "一般公共服务支出（类）统计信息事务（款）专项普查活动（项）" → the 项 row under that 款 under that 类. */
function pathCandidates(rows: TableRow[], name: string): TableRow[] | undefined {
  // "X（类）Y（款）Z（项）", or "X-Y-Z" (上海市人民政府办公厅).
  const parts = name.split(/[（(]\s*(?:类|款|项)\s*[)）]|\s*[-－—]\s*/).map((p) => bareName(p)).filter(Boolean);
  // One level marked as such ("社会保障和就业支出（类）") is a path too: a 类 by its name.
  if (parts.length < 2 && !/[（(]\s*类\s*[)）]/.test(name)) return undefined;
  let level = rows.filter((r) => r.code!.length === 3 && bareName(r.label!) === parts[0]);
  for (const part of parts.slice(1)) {
    level = rows.filter((r) => level.some((p) => r.code!.length === p.code!.length + 2 && r.code!.startsWith(p.code!)) && bareName(r.label!) === part);
  }
  return level;
}

function itemCandidates(ctx: CheckContext, name: string): { rows: TableRow[]; exact: boolean } {
  const want = bareName(name);
  const rows = codeRows(ctx);
  const byPath = pathCandidates(rows, name);
  if (byPath) return { rows: byPath, exact: true };
  const exact = rows.filter((r) => bareName(r.label!) === want);
  if (exact.length > 0) return { rows: exact, exact: true };
  const near = rows.filter((r) => bareName(r.label!).startsWith(want) || want.startsWith(bareName(r.label!)));
  return { rows: near, exact: false };
}

function itemExplanations(ctx: CheckContext): Finding[] {
  const out: Finding[] = [];
  const seen = new Set<string>();
  for (const a of ctx.doc.narrative.amounts.filter((x) => x.subject === 'item' && current(x))) {
    // The same 科目 and amount said again ("2024年预算安排42.60万元" after its explanation) is one statement.
    const key = `${a.itemCode ?? ''}|${a.itemName ?? ''}|${a.amount}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const byCode = a.itemCode ? codeRows(ctx).filter((r) => r.code === a.itemCode) : [];
    const { rows, exact } = byCode.length > 0 ? { rows: byCode, exact: true } : itemCandidates(ctx, a.itemName ?? '');
    if (rows.length === 0) {
      const leaf = bareName((a.itemName ?? '').split(/[（(]\s*(?:类|款|项)\s*[)）]|\s*[-－—]\s*/).filter(Boolean).pop() ?? '');
      const uncoded = ctx.doc.tables.some((t) => t.rows.some((r) => !r.code && r.label && bareName(r.label) === leaf));
      if (uncoded) {
        out.push({ rule: 'narrative.item-not-found', family: 'narrative', severity: 'warning', message: `说明中的科目“${a.itemName}”在表中只有名称、没有科目编码，无法核对其金额${a.text}`, location: where(a) });
        continue;
      }
      out.push({ rule: 'narrative.item-not-found', family: 'narrative', severity: 'warning', message: `说明中的科目“${a.itemName}”在功能分类表中找不到同名科目，无法核对其金额${a.text}`, location: where(a) });
      continue;
    }
    // A 科目 is explained by its 财政拨款 (上海) or, under "本年支出合计……包括", by all its spending (苏州):
    // the figure stands if it is either; when it is neither, the 财政拨款 is what it is reported against.
    const totalOf = (code: string) => ctx.table('expenditure')?.rows.find((r) => r.code === code)?.cells.total;
    const scored = rows
      .flatMap((r) => {
        const fiscal = { r, value: fiscalOfCode(ctx.doc.tables, r.code!), what: '财政拨款' };
        const total = totalOf(r.code!);
        return total !== undefined && total !== fiscal.value ? [fiscal, { r, value: total, what: '支出合计' }] : [fiscal];
      })
      .map((x) => ({ ...x, cmp: compareStated(a, x.value) }))
      .sort((p, q) => (p.cmp.severity ? 1 : 0) - (q.cmp.severity ? 1 : 0) || q.r.code!.length - p.r.code!.length || (p.what === '财政拨款' ? 0 : 1) - (q.what === '财政拨款' ? 0 : 1));
    const best = scored[0]!;
    if (!exact) {
      out.push({
        rule: 'narrative.item-name',
        family: 'narrative',
        severity: 'info',
        message: `说明中的科目名称“${a.itemName}”与表中科目 ${best.r.code} “${best.r.label}”不完全一致`,
        location: where(a),
      });
    }
    if (best.cmp.severity) {
      out.push(amountFinding('narrative.item-amount', best.cmp.severity, a, `“${a.itemName}”科目`, `科目 ${best.r.code} ${best.r.label} 的${best.what}`, best.value, best.cmp));
    }
  }
  return out;
}

function longestCommon(a: string, b: string): number {
  let best = 0;
  for (let i = 0; i < a.length; i++) for (let j = i + best + 1; j <= a.length; j++) if (b.includes(a.slice(i, j))) best = j - i;
  return best;
}

/** Each project's 年度预算 against the project spending of its 科目: by amount, else by name. */
function projectBudgets(ctx: CheckContext): Finding[] {
  const out: Finding[] = [];
  const table = ctx.table('expenditure') ?? ctx.table('general-function');
  if (!table) return out;
  const items = table.rows.filter((r) => r.code && r.code.length === 7 && (r.cells.project ?? 0) > 0);
  // A project that states its 科目 may share it with others: narrative.project-sum checks those.
  const projects = ctx.doc.narrative.projects.filter((p) => p.annualBudget !== undefined && !p.subject);
  const matched = new Set<string>();
  const pending = projects.filter((p) => {
    const hit = items.find((r) => !matched.has(r.code!) && !compareStated({ amount: p.annualBudget!, unit: 'wanyuan', decimals: decimalsOf(p.annualBudgetText) }, r.cells.project!).severity);
    if (hit) matched.add(hit.code!);
    return !hit;
  });
  for (const p of pending) {
    const ranked = items
      .filter((r) => !matched.has(r.code!))
      .map((r) => ({ r, score: longestCommon(p.name, r.label ?? '') }))
      .sort((x, y) => y.score - x.score);
    const [first, second] = ranked;
    if (!first || first.score < 3 || (second && second.score === first.score)) continue;
    matched.add(first.r.code!);
    const stated: StatedAmount = { subject: 'project.annual-budget', label: '年度预算', amount: p.annualBudget!, text: p.annualBudgetText ?? '', unit: 'wanyuan', decimals: decimalsOf(p.annualBudgetText), location: p.location };
    const cmp = compareStated(stated, first.r.cells.project!);
    const figure = ctx.doc.narrative.amounts.find((a) => a.subject === 'project.annual-budget' && a.project === p.name);
    if (cmp.severity) out.push(amountFinding('narrative.project-budget', cmp.severity, figure ?? stated, `项目“${p.name}”的年度预算`, `按名称对应的科目 ${first.r.code} ${first.r.label} 的项目支出`, first.r.cells.project!, cmp));
  }
  return out;
}

function decimalsOf(text: string | undefined): number {
  return (/\.(\d+)/.exec(text ?? '')?.[1] ?? '').length;
}

const ABSENCE_CELLS: Record<string, { refs: { table: 'three-public' | 'fiscal' | 'fund-function' | 'soe-function'; row: string; column: string }[]; words: string }> = {
  'office-operation': { refs: [{ table: 'three-public', row: 'budget', column: 'office-operation' }], words: '机关运行经费' },
  fund: { refs: [{ table: 'fiscal', row: 'expenditure.total', column: 'fund' }, { table: 'fund-function', row: 'total', column: 'total' }], words: '政府性基金预算支出' },
  soe: { refs: [{ table: 'fiscal', row: 'expenditure.total', column: 'soe' }, { table: 'soe-function', row: 'total', column: 'total' }], words: '国有资本经营预算支出' },
  'three-public': { refs: [{ table: 'three-public', row: 'budget', column: 'total' }], words: '“三公”经费' },
};

function absences(ctx: CheckContext): Finding[] {
  const out: Finding[] = [];
  for (const a of ctx.doc.narrative.absences) {
    const spec = ABSENCE_CELLS[a.subject];
    const ref = spec?.refs.find((r) => ctx.table(r.table));
    if (!spec || !ref) continue;
    const value = ctx.value(ref);
    if (value === 0) continue;
    const unitText = ctx.table(ref.table)?.unit === 'wanyuan' ? `${formatWanyuan(value)} 万元` : `${formatYuanGrouped(value)} 元`;
    out.push({
      rule: 'narrative.absence',
      family: 'narrative',
      severity: 'error',
      message: `说明称“${a.text}”，但${ctx.describeCell(ref)}为 ${unitText}`,
      location: { section: a.location.section, sentence: a.location.sentence, ...(a.location.line ? { line: a.location.line } : {}) },
      expected: '0.00',
      actual: formatYuan(value),
      unit: '元',
    });
  }
  return out;
}

/** "故本表无数据" under a table that has figures. */
function tableNotes(ctx: CheckContext): Finding[] {
  const out: Finding[] = [];
  for (const t of ctx.doc.tables) {
    if (!t.note || !/无数据|本表为空/.test(t.note)) continue;
    const filled = t.rows.filter((r) => Object.values(r.cells).some((v) => v !== 0));
    if (filled.length === 0) continue;
    out.push({ rule: 'narrative.table-note', family: 'narrative', severity: 'error', message: `《${t.title}》注明“${t.note}”，但表中有 ${filled.length} 行数字`, location: { table: t.id, tableTitle: t.title } });
  }
  return out;
}

/** 政府采购 total = 货物 + 工程 + 服务, and the same figure stated twice must agree. */
function internalConsistency(ctx: CheckContext): Finding[] {
  const out: Finding[] = [];
  const first = (s: string) => ctx.doc.narrative.amounts.find((a) => a.subject === s);
  const total = first('procurement.total');
  const parts = ['procurement.goods', 'procurement.works', 'procurement.services'].map(first);
  if (total && parts.every(Boolean)) {
    const sum = parts.reduce((s, p) => s + p!.amount, 0);
    // The total may be the parts' sum rounded to the total's own printed decimals.
    const half = 500_000 / 10 ** total.decimals;
    if (Math.abs(sum - total.amount) >= half) {
      out.push({
        rule: 'narrative.procurement-sum',
        family: 'narrative',
        severity: 'error',
        message: `政府采购预算${total.text}，而货物、工程、服务三项合计${formatWanyuan(sum)}万元，相差${formatWanyuan(Math.abs(total.amount - sum))}万元`,
        location: where(total),
        expected: formatWanyuan(sum),
        actual: formatWanyuan(total.amount),
        unit: '万元',
      });
    }
  }
  const seen = new Map<string, StatedAmount>();
  for (const a of ctx.doc.narrative.amounts) {
    // 科目 names repeat across 款 (行政运行 under every 款), so items are not restatements.
    if (a.subject === 'project.annual-budget' || a.subject === 'item' || !current(a)) continue;
    const key = a.subject;
    const prev = seen.get(key);
    if (!prev) {
      seen.set(key, a);
      continue;
    }
    if (prev.amount !== a.amount) {
      out.push({ rule: 'narrative.restated', family: 'narrative', severity: 'error', message: `“${SUBJECT_WORDS[a.subject] ?? a.itemName ?? a.label}”前文为${prev.text}，此处为${a.text}，前后不一致`, location: where(a), expected: prev.text, actual: a.text });
    }
  }
  return out;
}

/** Half a unit of a 万元 figure's last printed decimal, in 分 ("12.2万元" → 0.05万元). */
function half(decimals: number): number {
  return 500_000 / 10 ** decimals;
}

function decimalsIn(text: string | undefined): number {
  return (/\.(\d+)/.exec(text ?? '')?.[1] ?? '').length;
}

const DIRECTION_WORDS = { increase: '增加', decrease: '减少', flat: '持平' } as const;

/**
 * A change stated with the figure it is against ("比2025年年初预算数9819.98万元减少193.20万元，下降1.97%";
 * "2023年当年预算执行数为45.41万元，2024年预算安排42.60万元，比2023年预算执行数减少6.19%"): the two
 * figures' difference must be the change the sentence states, in its direction and its percentage,
 * within the rounding of the printed figures.
 */
function statedPrevious(ctx: CheckContext): Finding[] {
  const out: Finding[] = [];
  for (const a of ctx.doc.narrative.amounts) {
    const c = a.change;
    if (!c || c.previous === undefined || a.unit !== 'wanyuan') continue;
    const diff = a.amount - c.previous;
    const slack = half(a.decimals) + half(decimalsIn(c.previousText));
    const what = a.subject === 'item' ? `“${a.itemName}”` : `“${SUBJECT_WORDS[a.subject] ?? a.label}”`;
    const base = `说明中${what}为${a.text}，比较对象（${c.basis}）为${c.previousText ?? formatWanyuan(c.previous)}`;
    const actual = diff === 0 ? 'flat' : diff > 0 ? 'increase' : 'decrease';
    if (c.direction !== 'unknown' && Math.abs(diff) > slack && c.direction !== actual) {
      out.push({ rule: 'narrative.change-previous', family: 'narrative', severity: 'error', message: `${base}，应为${DIRECTION_WORDS[actual]}，文中却写“${c.word}”`, location: where(a), expected: DIRECTION_WORDS[actual], actual: c.word });
      continue;
    }
    if (c.direction === 'flat' && Math.abs(diff) > slack) {
      out.push({ rule: 'narrative.change-previous', family: 'narrative', severity: 'error', message: `${base}，相差${formatWanyuan(Math.abs(diff))}万元，文中却写“${c.word}”`, location: where(a), expected: `${DIRECTION_WORDS[actual]}${formatWanyuan(Math.abs(diff))}万元`, actual: c.word, unit: '万元' });
      continue;
    }
    if (c.amount !== undefined && Math.abs(Math.abs(diff) - c.amount) > slack + half(decimalsIn(c.amountText))) {
      out.push({ rule: 'narrative.change-previous', family: 'narrative', severity: 'error', message: `${base}，两者相差${formatWanyuan(Math.abs(diff))}万元，文中却写${c.word}${c.amountText}`, location: where(a), expected: formatWanyuan(Math.abs(diff)), actual: formatWanyuan(c.amount), unit: '万元' });
      continue;
    }
    // A percentage without an amount is checked here; with one, year-on-year.percent checks it.
    if (c.percent === undefined || c.amount !== undefined || c.previous <= 0 || diff === 0) continue;
    const places = decimalsIn(c.percentText);
    const [ha, hp] = [half(a.decimals), half(decimalsIn(c.previousText))];
    const corners = [-1, 1].flatMap((s1) => [-1, 1].map((s2) => (Math.abs(a.amount + s1 * ha - (c.previous! + s2 * hp)) / (c.previous! + s2 * hp)) * 100));
    const step = 10 ** -places;
    if (c.percent >= Math.min(...corners) - step / 2 - 1e-9 && c.percent <= Math.max(...corners) + step / 2 + 1e-9) continue;
    const expected = ((Math.abs(diff) / c.previous) * 100).toFixed(places);
    out.push({ rule: 'narrative.change-previous', family: 'narrative', severity: 'error', message: `${base}，变动率应为${expected}%，文中为${c.percentText}`, location: where(a), expected, actual: String(c.percent), unit: '%' });
  }
  return out;
}

export const narrativeRules: Rule[] = [
  { id: 'narrative.amount', family: 'narrative', title: '说明中的总额、财政拨款、三公、机关运行经费、绩效资金与表一致', run: statedTotals },
  { id: 'narrative.item-amount', family: 'narrative', title: '科目说明的金额与该科目财政拨款一致', run: itemExplanations },
  { id: 'narrative.project-budget', family: 'narrative', title: '项目年度预算与对应科目的项目支出一致', run: projectBudgets },
  { id: 'narrative.absence', family: 'narrative', title: '“无……”的说法与表一致', run: absences },
  { id: 'narrative.table-note', family: 'narrative', title: '“本表无数据”的表确实无数据', run: tableNotes },
  { id: 'narrative.consistency', family: 'narrative', title: '说明内部的数字自洽', run: internalConsistency },
  { id: 'narrative.change-previous', family: 'narrative', title: '所述变动与文中写出的上年数（预算数或执行数）一致', run: statedPrevious },
];
