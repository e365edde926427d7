/**
 * A department's document from its units' documents: every table summed cell by cell, the
 * member units listed, and the 编制说明 written again from the summed tables (so every stated
 * figure is the department's).
 */
import type { BudgetDocument, BudgetTable, DocumentMeta, TableRow } from '../model/document.js';
import { SUMMARY_INCOME_ROWS, TABLE_IDS, type TableId, isCodeTable } from '../model/tables.js';
import { composeNarrative, statedFigure } from '../publish/narrative/compose.js';
import { figuresOfSections } from '../read/narrative/figures.js';

export class ConsolidationError extends Error {}

export interface ConsolidateOptions {
  /** The department's name, e.g. 上海市闵行区医疗保障局. */
  name: string;
  code?: string;
  prior?: BudgetDocument;
  /** The department's 主要职能, paragraph by paragraph (the units' documents do not say it). */
  functions?: string[];
}

const GLOSSARY = [
  '（一）财政拨款收入：是预算主管部门及所属预算单位本年度从本级财政部门取得的财政拨款，包括一般公共预算财政拨款、政府性基金预算财政拨款和国有资本经营预算财政拨款。',
  '（二）事业收入：指事业单位开展专业业务活动及其辅助活动取得的收入。',
  '（三）事业单位经营收入：指事业单位在专业业务活动及其辅助活动之外开展非独立核算经营活动取得的收入。',
  '（四）其他收入：指除上述“财政拨款收入”、“事业收入”、“事业单位经营收入”等以外的收入。',
  '（五）基本支出预算：是预算主管部门及所属预算单位为保障其机构正常运转、完成日常工作任务而编制的年度基本支出计划，包括人员经费和公用经费两部分。',
  '（六）项目支出预算：是预算主管部门及所属预算单位为完成行政工作任务、事业发展目标或政府发展战略、特定目标，在基本支出之外编制的年度支出计划。',
  '（七）“三公”经费：是部门及其下属预算单位使用财政拨款安排的因公出国（境）费、公务用车购置及运行费、公务接待费。',
  '（八）机关运行经费：指行政单位和参照公务员法管理的事业单位使用一般公共预算财政拨款安排的基本支出中的日常公用经费支出。',
];

/** A figure every unit states (政府采购, 绩效目标, 车辆), summed; undefined when any unit does not state it. */
function statedSum(units: BudgetDocument[], subject: string): number | undefined {
  const values = units.map((u) => statedFigure(u, subject));
  return values.every((v) => v !== undefined) ? values.reduce((s, v) => s! + v!, 0) : undefined;
}

const INCOME_ORDER = [...SUMMARY_INCOME_ROWS, 'income.special-account', 'income.superior', 'income.affiliated', 'income.carryover', 'income.fund-balance', 'income.current'];
const FISCAL_INCOME_ORDER = ['income.fiscal', 'income.general', 'income.fund', 'income.soe', 'income.carryover', 'income.carryover.general', 'income.carryover.fund', 'income.carryover.soe'];

/** Rows of a code table in 科目 order (类, its 款, their 项), 合计 last. */
function codeOrder(a: string, b: string): number {
  if (a === 'total') return 1;
  if (b === 'total') return -1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Rows of a total table: income and expenditure items side by side, in their usual order, totals last. */
const ORDINAL = /^[一二三四五六七八九十]+、/;

/** 1 → 一, 12 → 十二, 21 → 二十一 (up to 99). */
function chineseOrdinal(n: number): string {
  const d = '零一二三四五六七八九';
  if (n < 10) return d[n]!;
  const tens = Math.floor(n / 10);
  return `${tens === 1 ? '' : d[tens]}十${n % 10 ? d[n % 10] : ''}`;
}

function sideBySide(rows: TableRow[], fiscal: boolean): TableRow[] {
  const order = fiscal ? FISCAL_INCOME_ORDER : INCOME_ORDER;
  const income = rows.filter((r) => r.key.startsWith('income.') && r.key !== 'income.total').sort((a, b) => order.indexOf(a.key) - order.indexOf(b.key));
  // Each unit numbers its own 类 lines ("一、社会保障和就业支出"); summed, they are numbered again in the department's order.
  const expenditure = rows
    .filter((r) => /^expenditure\.\d+$/.test(r.key))
    .sort((a, b) => a.key.localeCompare(b.key))
    .map((r, i) => (r.label && ORDINAL.test(r.label) ? { ...r, label: r.label.replace(ORDINAL, `${chineseOrdinal(i + 1)}、`) } : r));
  const out: TableRow[] = [];
  for (let i = 0; i < Math.max(income.length, expenditure.length); i++) {
    if (income[i]) out.push(income[i]!);
    if (expenditure[i]) out.push(expenditure[i]!);
  }
  return [...out, ...rows.filter((r) => r.key === 'income.total'), ...rows.filter((r) => r.key === 'expenditure.total')];
}

function sumTable(id: TableId, tables: BudgetTable[], name: string): BudgetTable {
  const rows = new Map<string, TableRow>();
  const columns: string[] = [];
  for (const t of tables) {
    for (const c of t.columns) if (!columns.includes(c)) columns.push(c);
    for (const r of t.rows) {
      const acc = rows.get(r.key) ?? { key: r.key, cells: {}, ...(r.code ? { code: r.code } : {}), ...(r.label ? { label: r.label } : {}) };
      for (const [c, v] of Object.entries(r.cells)) acc.cells[c] = (acc.cells[c] ?? 0) + v;
      rows.set(r.key, acc);
    }
  }
  const all = [...rows.values()];
  const ordered = isCodeTable(id) ? all.sort((a, b) => codeOrder(a.key, b.key)) : id === 'three-public' ? all : sideBySide(all, id === 'fiscal');
  const first = tables[0]!;
  const table: BudgetTable = { id, title: first.title.replace(/预算单位|单位(?=“)/, '部门'), unit: first.unit, columns, rows: ordered, preparer: `${name}（汇总）` };
  const notes = tables.map((t) => t.note).filter(Boolean);
  if (notes.length === tables.length && ordered.every((r) => Object.values(r.cells).every((v) => v === 0))) table.note = `注：本部门无${first.title.replace(/^.*?(政府性基金预算|国有资本经营预算|一般公共预算基本支出|“三公”经费).*$/, '$1')}安排的支出，故本表无数据。`;
  return table;
}

export function consolidate(units: BudgetDocument[], options: ConsolidateOptions): BudgetDocument {
  if (units.length === 0) throw new ConsolidationError('没有可汇总的单位预算');
  const year = units[0]!.meta.year;
  const odd = units.find((u) => u.meta.year !== year || u.meta.kind !== units[0]!.meta.kind);
  if (odd) throw new ConsolidationError(`单位“${odd.meta.entity.name}”是 ${odd.meta.year} 年${odd.meta.kind === 'final' ? '决算' : '预算'}，与其他单位不同，不能汇总`);
  const names = units.map((u) => `${u.meta.entity.code ?? ''}${u.meta.entity.name}`);
  const twice = names.find((n, i) => names.indexOf(n) !== i);
  if (twice) throw new ConsolidationError(`单位“${twice}”出现了两次；每家单位只能汇总一次`);
  const region = units[0]!.meta.region;
  const district = region.replace(/^.*?[省市](?=.+[区县]$)/, '');
  const meta: DocumentMeta = {
    title: `${district}${year}年${units[0]!.meta.level === 'district' ? '区级' : ''}部门预算`,
    year,
    kind: units[0]!.meta.kind,
    scope: 'department',
    level: units[0]!.meta.level,
    region,
    entity: { name: options.name, ...(options.code ? { code: options.code } : {}) },
    memberUnits: units.map((u) => ({ name: u.meta.entity.name, ...(u.meta.entity.code ? { code: u.meta.entity.code } : {}) })),
    source: { layout: 'generated' },
  };
  const tables = TABLE_IDS.flatMap((id) => {
    const present = units.map((u) => u.tables.find((t) => t.id === id)).filter((t): t is BudgetTable => !!t);
    return present.length ? [sumTable(id, present, options.name)] : [];
  });
  const doc: BudgetDocument = { format: 'budgetbook/document', version: 1, meta, tables, extraTables: [], narrative: { sections: [], amounts: [], counts: [], absences: [], projects: [] }, notes: [] };
  doc.narrative.sections = [
    { heading: '', kind: 'cover', paragraphs: [{ text: meta.title }, { text: `预算主管部门：${options.name}（汇总）` }] },
    {
      heading: `${options.name}（汇总）机构设置`,
      kind: 'organization',
      paragraphs: [{ text: `${options.name}部门预算是包括下属${units.length}家预算单位的综合收支计划，具体包括：` }, ...units.map((u, i) => ({ text: `${i + 1}. ${u.meta.entity.name}` }))],
    },
    ...(options.functions ? [{ heading: `${options.name}（汇总）主要职能`, kind: 'functions' as const, paragraphs: options.functions.map((text) => ({ text })) }] : []),
    { heading: '名词解释', kind: 'glossary', paragraphs: GLOSSARY.map((text) => ({ text })) },
    ...composeNarrative(doc, { ...(options.prior ? { prior: options.prior } : {}), stated: (subject) => statedSum(units, subject) }),
  ];
  Object.assign(doc.narrative, figuresOfSections(doc.narrative.sections));
  doc.notes.push({ kind: 'interpretation', message: `由 ${units.length} 家单位的预算逐表逐格相加汇总而成；编制说明按汇总后的表重新生成` });
  return doc;
}
