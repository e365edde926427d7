/**
 * Rules for a 部门决算 (meta.kind 'final'): 完成率 and “决算数大于/小于预算数的主要原因” sentences
 * (direction and percentage recomputed from the figures stated), the “三公” 预算数 vs 决算数 and its
 * reasons, the template's required tables and parts, and — with `check --budget <预算>` — the 决算's
 * 预算数 against that year's budget document, with execution (决算/预算) per 科目.
 */
import type { BudgetDocument } from '../model/document.js';
import { formatWanyuan, parseAmount, rateHundredths, type Fen } from '../model/money.js';

export { rateHundredths } from '../model/money.js';
import { FINAL_TABLE_NAMES, FINAL_TABLE_ORDER, tableName } from '../model/tables.js';
import type { CheckContext, Rule } from './context.js';
import type { Finding } from './finding.js';
import { statedTotals } from './final-stated.js';

/** “年初预算为 X 万元，支出决算为 Y 万元，完成年初预算的 Z%。决算数大于（小于）预算数的主要原因：……” */
const EXECUTION = /(?<basis>年初预算|全年预算)(?:数)?为\s*(?<budget>[\d,]+(?:\.\d+)?)\s*万元[，,]\s*(?:全年预算(?:数)?为\s*(?<adjusted>[\d,]+(?:\.\d+)?)\s*万元[，,]\s*)?(?:支出)?决算(?:数)?为\s*(?<actual>[\d,]+(?:\.\d+)?)\s*万元(?:[，,]\s*完成(?<of>年初|全年)?预算(?:数)?的\s*(?<pct>\d+(?:\.\d+)?)\s*%)?[。；;]?\s*(?:[^。]{0,20}?决算数(?:与)?(?<word>大于|小于|高于|低于)?(?:年初|全年)?预算数(?<flat>持平)?)?/g;
/** “1、教育支出（类）普通教育（款）初中教育（项）” */
const ITEM = /(?:^|[、。：:])([^（）、。：:]+?)（类）([^（）。]+?)（款）([^（）。]+?)（项）/;

function parseWan(text: string): Fen | null {
  return parseAmount(text.replace(/,/g, ''), 'wanyuan');
}

export interface StatedExecution {
  basis: string;
  budget: Fen;
  actual: Fen;
  budgetText: string;
  actualText: string;
  percentText?: string;
  /** 全年预算 (adjusted budget) when stated beside the 年初预算. */
  adjusted?: Fen;
  /** Which budget the 完成率 is of, as stated (“完成全年预算的”). */
  percentOf?: string;
  /** 大于 / 小于 / 持平 as stated; undefined when no comparison sentence follows. */
  word?: 'greater' | 'less' | 'flat';
  sentence: string;
  section: string;
  /** The 项 named just before, as printed (类, 款, 项 names). */
  item?: [string, string, string];
}

/** Every stated 预算/决算 pair in a 决算's narrative, with the 项 it is about when named. */
export function statedExecutions(doc: BudgetDocument): StatedExecution[] {
  const out: StatedExecution[] = [];
  for (const s of doc.narrative.sections) {
    // A 项 heading names the figures of its own paragraph, or of the next when printed on its own line.
    let pending: [string, string, string] | undefined;
    for (const p of s.paragraphs) {
      const text = p.text.replace(/\s+/g, '');
      const named = ITEM.exec(text);
      const item = named ? ([named[1]!, named[2]!, named[3]!] as [string, string, string]) : pending;
      pending = undefined;
      let stated = false;
      for (const m of text.matchAll(EXECUTION)) {
        stated = true;
        const g = m.groups!;
        const budget = parseWan(g.budget!);
        const actual = parseWan(g.actual!);
        if (budget === null || actual === null) continue;
        const w = g.flat ? 'flat' : g.word === '大于' || g.word === '高于' ? 'greater' : g.word === '小于' || g.word === '低于' ? 'less' : undefined;
        const e: StatedExecution = { basis: g.basis!, budget, actual, budgetText: `${g.budget}万元`, actualText: `${g.actual}万元`, sentence: m[0], section: s.heading };
        const adjusted = g.adjusted ? parseWan(g.adjusted) : null;
        if (adjusted !== null) e.adjusted = adjusted;
        if (g.pct) e.percentText = g.pct;
        if (g.of) e.percentOf = `${g.of}预算`;
        if (w) e.word = w;
        if (item && (!named || named.index < (m.index ?? 0))) e.item = item;
        out.push(e);
      }
      if (named && !stated) pending = item;
    }
  }
  return out;
}

const WORD = { greater: '大于', less: '小于', flat: '持平' } as const;

function completion(ctx: CheckContext): Finding[] {
  const out: Finding[] = [];
  for (const e of statedExecutions(ctx.doc)) {
    const location = { section: e.section, sentence: e.sentence };
    const of = e.percentOf === '全年预算' && e.adjusted !== undefined ? { basis: '全年预算', budget: e.adjusted } : { basis: e.basis, budget: e.budget };
    if (e.percentText !== undefined) {
      const decimals = e.percentText.split('.')[1]?.length ?? 0;
      const stated = Math.round(Number(e.percentText) * 100);
      const exact = rateHundredths(e.actual, of.budget);
      if (exact === undefined) {
        out.push({ rule: 'final.completion-rate', family: 'narrative', severity: 'error', message: `说明写“完成${of.basis}的 ${e.percentText}%”，但所述${of.basis}为 ${formatWanyuan(of.budget)} 万元，完成率无从计算；请写明完成率所对的预算数（年初预算或全年预算）并按 决算数 ÷ 预算数 重算`, location, actual: e.percentText, unit: '%' });
      } else {
        const step = 10 ** (2 - Math.min(decimals, 2));
        const expected = Math.floor((exact + step / 2) / step) * step;
        if (Math.abs(expected - stated) > step) {
          out.push({ rule: 'final.completion-rate', family: 'narrative', severity: 'error', message: `说明写“完成${of.basis}的 ${e.percentText}%”，但按所述${of.basis} ${formatWanyuan(of.budget)} 万元、决算 ${e.actualText} 计算应为 ${(expected / 100).toFixed(Math.min(decimals, 2))}%；请按 决算数 ÷ 预算数 重算完成率`, location, expected: (expected / 100).toFixed(2), actual: e.percentText, unit: '%' });
        }
      }
    }
    const direction = (budget: Fen) => (e.actual > budget ? 'greater' : e.actual < budget ? 'less' : 'flat');
    const truth = direction(e.budget);
    // “预算数” unqualified may mean the 全年预算 when both are stated: either reading is accepted.
    if (e.word && e.word !== truth && (e.adjusted === undefined || e.word !== direction(e.adjusted))) {
      out.push({ rule: 'final.direction', family: 'narrative', severity: 'error', message: `说明写“决算数${e.word === 'flat' ? '与预算数持平' : `${WORD[e.word]}预算数`}”，但所述${e.basis} ${e.budgetText}、决算 ${e.actualText}，决算数应${truth === 'flat' ? '与预算数持平' : `${WORD[truth]}预算数`}；请改正方向用语及其原因说明`, location });
    }
    if (!e.word && truth !== 'flat' && e.item) {
      out.push({ rule: 'final.reason-missing', family: 'narrative', severity: 'warning', message: `${e.item.join('/')}：决算 ${e.actualText} 与${e.basis} ${e.budgetText}不一致，但没有说明“决算数${WORD[truth]}预算数的主要原因”（模板要求预决算不一致的项级科目说明原因）`, location });
    }
  }
  return out;
}

type FunctionTable = 'general-function' | 'fund-function' | 'soe-function';

/** The function table a narrative section speaks of: 八 政府性基金, 九 国有资本经营, else 一般公共预算. */
function sectionTable(heading: string): FunctionTable {
  return /政府性基金/.test(heading) ? 'fund-function' : /国有资本经营/.test(heading) ? 'soe-function' : 'general-function';
}

/** The 项 code of a stated (类, 款, 项) name triple in the function table its section speaks of. */
function itemCode(ctx: CheckContext, item: [string, string, string], table: FunctionTable): string | undefined {
  const rows = ctx.table(table)?.rows ?? [];
  const label = (code: string) => rows.find((r) => r.code === code)?.label?.replace(/\s+/g, '');
  const hits = rows.filter((r) => r.code?.length === 7 && r.label?.replace(/\s+/g, '') === item[2] && label(r.code.slice(0, 5)) === item[1]);
  return hits.length === 1 ? hits[0]!.code : undefined;
}

const HALF_WAN = 5_000;

function statedFigures(ctx: CheckContext): Finding[] {
  const out: Finding[] = [];
  const tp = ctx.table('three-public');
  for (const e of statedExecutions(ctx.doc)) {
    const location = { section: e.section, sentence: e.sentence };
    if (e.item) {
      const table = sectionTable(e.section);
      const code = itemCode(ctx, e.item, table);
      if (!code) continue;
      const actual = ctx.value({ table, row: code, column: 'total' });
      if (Math.abs(actual - e.actual) > HALF_WAN) {
        out.push({ rule: 'final.stated-figure', family: 'narrative', severity: 'error', message: `${e.item.join('/')}（${code}）说明所述支出决算 ${e.actualText}，但《${ctx.tableTitle(table)}》为 ${formatWanyuan(actual)} 万元`, location: { ...location, table, row: code, column: 'total' }, expected: formatWanyuan(actual), actual: e.actualText.replace('万元', ''), unit: '万元' });
      }
    } else if (/三公/.test(e.section) && tp) {
      for (const [row, stated, text, what] of [['budget', e.budget, e.budgetText, '预算数'], ['final', e.actual, e.actualText, '决算数']] as const) {
        const table = ctx.value({ table: 'three-public', row, column: 'total' });
        if (Math.abs(table - stated) > HALF_WAN) {
          out.push({ rule: 'final.three-public', family: 'narrative', severity: 'error', message: `“三公”经费说明所述${what} ${text}，但《${ctx.tableTitle('three-public')}》合计${what}为 ${formatWanyuan(table)} 万元`, location: { ...location, table: 'three-public', row, column: 'total' }, expected: formatWanyuan(table), actual: text.replace('万元', ''), unit: '万元' });
        }
      }
    }
  }
  // The 三公 table's 决算数 differs from its 预算数: the narrative must state why.
  if (tp) {
    const b = ctx.value({ table: 'three-public', row: 'budget', column: 'total' });
    const f = ctx.value({ table: 'three-public', row: 'final', column: 'total' });
    const section = ctx.doc.narrative.sections.filter((s) => /三公/.test(s.heading)).flatMap((s) => s.paragraphs.map((p) => p.text)).join('');
    if (b !== f && section !== '' && !/决算数(大于|小于|高于|低于)(年初)?预算数的主要原因/.test(section.replace(/\s+/g, ''))) {
      out.push({ rule: 'final.three-public-reason', family: 'narrative', severity: 'warning', message: `“三公”经费决算数 ${formatWanyuan(f)} 万元与预算数 ${formatWanyuan(b)} 万元不一致，但“三公”经费说明没有写明决算数${f > b ? '大于' : '小于'}预算数的主要原因`, location: { table: 'three-public', section: '财政拨款“三公”经费支出决算情况说明' } });
    }
  }
  return out;
}

/** The template's parts (第三部分 一 … 十一, 第一部分, 第四部分), by a phrase each heading holds. */
export const FINAL_REQUIRED_PARTS: readonly { name: string; pattern: RegExp }[] = [
  { name: '主要职能', pattern: /主要职能/ },
  { name: '部门决算单位构成（或机构设置）', pattern: /单位构成|机构设置/ },
  { name: '收入支出决算总体情况说明', pattern: /收入支出决算总体情况/ },
  { name: '收入决算情况说明', pattern: /^(?:[一二三四五六七八九十]+、)?收入决算情况/ },
  { name: '支出决算情况说明', pattern: /^(?:[一二三四五六七八九十]+、)?支出决算情况/ },
  { name: '财政拨款收入支出决算总体情况说明', pattern: /财政拨款收入支出决算总体情况/ },
  { name: '一般公共预算财政拨款支出决算情况说明', pattern: /一般公共预算财政拨款支出决算情况/ },
  { name: '一般公共预算财政拨款基本支出决算情况说明', pattern: /基本支出决算情况/ },
  { name: '财政拨款“三公”经费支出决算情况说明', pattern: /三公/ },
  { name: '政府性基金预算财政拨款收入支出决算情况说明', pattern: /政府性基金/ },
  { name: '国有资本经营预算财政拨款收入支出决算情况说明', pattern: /国有资本经营/ },
  { name: '预算绩效管理情况', pattern: /绩效/ },
  { name: '其他重要事项说明', pattern: /其他重要事项/ },
  { name: '名词解释', pattern: /名词解释/ },
];

function completeness(ctx: CheckContext): Finding[] {
  const out: Finding[] = [];
  for (const id of FINAL_TABLE_ORDER) {
    const t = ctx.table(id);
    if (!t) {
      out.push({ rule: 'final.completeness.table', family: 'completeness', severity: 'error', message: `缺少“${FINAL_TABLE_NAMES[id]}”（部门决算公开模板要求九张表，无数据的表也应保留格式并注明原因）`, location: { table: id, tableTitle: FINAL_TABLE_NAMES[id] } });
      continue;
    }
    if (t.rows.every((r) => Object.values(r.cells).every((v) => v === 0)) && !t.note) {
      out.push({ rule: 'final.completeness.empty-table-note', family: 'completeness', severity: 'warning', message: `《${t.title}》无数据，但表下没有说明（模板要求写明如“本年度没有……收入和支出，故本表无数据”）`, location: { table: id, tableTitle: t.title } });
    }
  }
  const headings = ctx.doc.narrative.sections.map((s) => s.heading.replace(/\s+/g, ''));
  for (const part of FINAL_REQUIRED_PARTS) {
    if (!headings.some((h) => part.pattern.test(h))) {
      out.push({ rule: 'final.completeness.part', family: 'completeness', severity: 'error', message: `缺少“${part.name}”部分（部门决算公开模板的必备内容）；请按模板补写`, location: { section: part.name } });
    }
  }
  return out;
}

export interface ExecutionLine {
  /** The function table (fund) the line is of. */
  table: 'general-function' | 'fund-function' | 'soe-function';
  code: string;
  label?: string;
  budget: Fen;
  final: Fen;
  /** 决算/预算 in hundredths of a percent; undefined when nothing was budgeted. */
  rate?: number;
}

/** Execution per 科目 of the 一般公共预算 (and fund tables): the budget document's 年初预算 vs the 决算. */
export function executionLines(final: BudgetDocument, budget: BudgetDocument): ExecutionLine[] {
  const out: ExecutionLine[] = [];
  for (const id of ['general-function', 'fund-function', 'soe-function'] as const) {
    const f = final.tables.find((t) => t.id === id);
    const b = budget.tables.find((t) => t.id === id);
    const codes = [...new Set([...(b?.rows ?? []), ...(f?.rows ?? [])].map((r) => r.code).filter((c): c is string => !!c))].sort();
    for (const code of codes) {
      const fr = f?.rows.find((r) => r.code === code);
      const br = b?.rows.find((r) => r.code === code);
      const line: ExecutionLine = { table: id, code, budget: br?.cells.total ?? 0, final: fr?.cells.total ?? 0 };
      const label = fr?.label ?? br?.label;
      if (label) line.label = label;
      const rate = rateHundredths(line.final, line.budget);
      if (rate !== undefined) line.rate = rate;
      out.push(line);
    }
  }
  return out;
}

function againstBudget(ctx: CheckContext): Finding[] {
  const budget = ctx.options.budget;
  if (!budget) return [];
  const out: Finding[] = [];
  if (budget.meta.kind !== 'budget' || budget.meta.year !== ctx.doc.meta.year) {
    out.push({ rule: 'final.budget-document', family: 'completeness', severity: 'warning', message: `--budget 给出的文件是 ${budget.meta.year} 年${budget.meta.kind === 'final' ? '决算' : '预算'}，本决算为 ${ctx.doc.meta.year} 年；请给出同一年度的部门预算`, location: {} });
  }
  // Another entity's budget says nothing about this 决算: said once, and nothing compared.
  const bare = (name: string) => name.replace(/\s+/g, '');
  if (bare(budget.meta.entity.name) !== bare(ctx.doc.meta.entity.name)) {
    out.push({ rule: 'final.budget-document', family: 'completeness', severity: 'warning', message: `--budget 给出的是“${budget.meta.entity.name}”的预算，本决算是“${ctx.doc.meta.entity.name}”的；不同单位的预算与决算无从比较，未作比较。请给出本部门同一年度的部门预算`, location: {} });
    return out;
  }
  // 三公 预算数 = the budget's 三公 budget, column by column.
  const tp = ctx.table('three-public');
  const btp = budget.tables.find((t) => t.id === 'three-public')?.rows.find((r) => r.key === 'budget');
  if (tp && btp) {
    for (const col of ['total', 'abroad', 'reception', 'vehicle', 'vehicle-purchase', 'vehicle-operation']) {
      const mine = ctx.value({ table: 'three-public', row: 'budget', column: col });
      const theirs = btp.cells[col] ?? 0;
      if (Math.abs(mine - theirs) > HALF_WAN) {
        out.push({ rule: 'final.budget-three-public', family: 'cross-table', severity: 'error', message: `${ctx.describeCell({ table: 'three-public', row: 'budget', column: col })} ${formatWanyuan(mine)} 万元，但 ${budget.meta.year} 年部门预算《${tableName('three-public')}》为 ${formatWanyuan(theirs)} 万元；决算表的预算数应为当年预算`, location: ctx.cellLocation({ table: 'three-public', row: 'budget', column: col }), expected: formatWanyuan(theirs), actual: formatWanyuan(mine), unit: '万元' });
      }
    }
  }
  // 年初预算 stated per 项 = the budget's figure of that 项 in the same fund's function table.
  for (const e of statedExecutions(ctx.doc)) {
    const table = sectionTable(e.section);
    const bt = budget.tables.find((t) => t.id === table);
    if (e.basis !== '年初预算' || !e.item || !bt) continue;
    const code = itemCode(ctx, e.item, table);
    if (!code) continue;
    const theirs = bt.rows.find((r) => r.code === code)?.cells.total ?? 0;
    if (Math.abs(theirs - e.budget) > HALF_WAN) {
      out.push({ rule: 'final.budget-item', family: 'cross-table', severity: 'error', message: `${e.item.join('/')}（${code}）说明所述年初预算 ${e.budgetText}，但 ${budget.meta.year} 年部门预算《${tableName(table)}》该项为 ${formatWanyuan(theirs)} 万元`, location: { section: e.section, sentence: e.sentence, table, row: code }, expected: formatWanyuan(theirs), actual: e.budgetText.replace('万元', ''), unit: '万元' });
    }
  }
  // Execution per 类 (info): 决算/预算, largest deviations first.
  const classes = executionLines(ctx.doc, budget).filter((l) => l.code.length === 3);
  classes.sort((a, b) => Math.abs(b.final - b.budget) - Math.abs(a.final - a.budget));
  for (const l of classes) {
    const rate = l.rate === undefined ? '预算为 0' : `执行率 ${(l.rate / 100).toFixed(2)}%`;
    const fund = { 'general-function': '一般公共预算', 'fund-function': '政府性基金预算', 'soe-function': '国有资本经营预算' }[l.table];
    out.push({ rule: 'final.execution', family: 'cross-table', severity: 'info', message: `${fund}财政拨款 ${l.code} ${l.label ?? ''}：年初预算 ${formatWanyuan(l.budget)} 万元，决算 ${formatWanyuan(l.final)} 万元，${rate}`, location: { table: l.table, row: l.code }, expected: formatWanyuan(l.budget), actual: formatWanyuan(l.final), unit: '万元' });
  }
  return out;
}

export const finalRules: Rule[] = [
  { id: 'final.completion', family: 'narrative', title: '决算：完成率与“决算数大于/小于预算数”的方向', run: (ctx) => completion(ctx) },
  { id: 'final.stated', family: 'narrative', title: '决算：说明所述决算数、“三公”预算数与决算数', run: (ctx) => statedFigures(ctx) },
  { id: 'final.stated-total', family: 'narrative', title: '决算：说明所述的总数（收入支出总计、本年收入与支出、基本支出、人员经费与公用经费、各类）', run: (ctx) => statedTotals(ctx) },
  { id: 'final.completeness', family: 'completeness', title: '决算：模板要求的九张表与各部分', run: (ctx) => completeness(ctx) },
  { id: 'final.budget', family: 'cross-table', title: '决算与当年预算：预算数一致，执行率', run: (ctx) => againstBudget(ctx) },
];
