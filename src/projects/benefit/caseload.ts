/**
 * A programme's budget from caseloads: each row of a caseload CSV is a number of people of one
 * category with their average self-paid costs; the estimate is Σ 人数 × the 救助 of one person
 * with those averages (caps apply to the average person, so rows by cost band estimate better
 * than one row per category). Comparable with the project's 年度预算 and its 科目's 项目支出
 * in the document, as the share of the payer whose budget the document is.
 */
import type { BudgetDocument } from '../../model/document.js';
import { parseAmount, type Fen } from '../../model/money.js';
import { parseCsv } from '../../util/csv.js';
import { BenefitError, computeBenefit, type BenefitResult, type Person } from './compute.js';
import { SCHEMES, type Level, type RuleSet, type Scheme } from './rules.js';

/** The columns, by a word their header contains (the first that matches wins). */
const COLUMNS = [
  { key: 'category', word: '类别', required: true },
  { key: 'count', word: '人数', required: true },
  { key: 'deductible', word: '起付线', required: false },
  { key: 'inpatient', word: '住院', required: false },
  { key: 'outpatient', word: '门急诊', required: false },
  { key: 'scheme', word: '参保', required: false },
  { key: 'premium', word: '缴费', required: false },
  { key: 'age', word: '年龄', required: false },
] as const;
type Column = (typeof COLUMNS)[number]['key'];

export const CASELOAD_HEADER = '类别,人数,人均住院自负（元）,人均门急诊自负（元）,其中起付线（元）,参保,人均个人缴费（元）,年龄';

export class CaseloadError extends BenefitError {
  constructor(
    message: string,
    hint: string,
    readonly line?: number,
  ) {
    super(message, hint);
  }
}

export interface CaseloadRow {
  line: number;
  count: number;
  person: Person;
}

function columnsOf(header: string[]): Map<Column, number> {
  const out = new Map<Column, number>();
  header.forEach((h, i) => {
    const c = COLUMNS.find((x) => h.includes(x.word) && !out.has(x.key));
    if (!c) throw new CaseloadError(`表头“${h}”不是可识别的列`, `表头应为：${CASELOAD_HEADER}（除“类别”“人数”外都可省略）。`, 1);
    out.set(c.key, i);
  });
  for (const c of COLUMNS) if (c.required && !out.has(c.key)) throw new CaseloadError(`缺少“${c.word}”列`, `表头应为：${CASELOAD_HEADER}。`, 1);
  return out;
}

function yuanField(text: string, what: string, line: number): Fen {
  if (text === '') return 0;
  const fen = parseAmount(text.replace(/元$/, ''), 'yuan');
  if (fen === null || fen < 0) throw new CaseloadError(`${what}“${text}”不是金额`, '请写以元为单位、最多两位小数的非负数，如 3500 或 3500.50。', line);
  return fen;
}

function intField(text: string, what: string, line: number): number {
  if (!/^\d+$/.test(text)) throw new CaseloadError(`${what}“${text}”不是非负整数`, `请写整数${what}。`, line);
  return Number(text);
}

/** The CSV (lines starting with # are comments) → rows; errors name the line. */
export function parseCaseload(text: string): CaseloadRow[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const kept = lines.map((l, i) => ({ l, no: i + 1 })).filter(({ l }) => l.trim() !== '' && !l.trim().startsWith('#'));
  const [head, ...body] = kept;
  if (!head) throw new CaseloadError('文件中没有数据', `第一行应为表头：${CASELOAD_HEADER}。`);
  const cols = columnsOf(parseCsv(head.l)[0]!.map((h) => h.trim()));
  const rows = body.map(({ l, no }) => {
    const cells = parseCsv(l)[0]!.map((c) => c.trim());
    const get = (c: Column) => (cols.has(c) ? cells[cols.get(c)!] ?? '' : '');
    const scheme = get('scheme') || '城乡居民医保';
    if (!(SCHEMES as readonly string[]).includes(scheme)) throw new CaseloadError(`参保“${scheme}”不可识别`, `请写 ${SCHEMES.join(' 或 ')}，或留空（按城乡居民医保）。`, no);
    const person: Person = {
      category: get('category'),
      inpatient: yuanField(get('inpatient'), '人均住院自负', no),
      outpatient: yuanField(get('outpatient'), '人均门急诊自负', no),
      deductible: yuanField(get('deductible'), '其中起付线', no),
      scheme: scheme as Scheme,
      premium: yuanField(get('premium'), '人均个人缴费', no),
    };
    if (get('age') !== '') person.age = intField(get('age'), '年龄', no);
    if (!person.category) throw new CaseloadError('类别为空', '请写救助对象类别，如“城乡低保”。', no);
    return { line: no, count: intField(get('count'), '人数', no), person };
  });
  if (rows.length === 0) throw new CaseloadError('文件中只有表头，没有数据行', '请每行写一类救助对象的人数与人均自负费用。');
  return rows;
}

export interface EstimateRow extends CaseloadRow {
  perPerson: BenefitResult;
  total: Fen;
}

export interface ProgrammeEstimate {
  year: number;
  rows: EstimateRow[];
  people: number;
  total: Fen;
  byLevel: Record<Level, Fen>;
  funding: { payer: string; amount: Fen }[];
}

export function estimateProgramme(ruleSet: RuleSet, rows: readonly CaseloadRow[], year?: number): ProgrammeEstimate {
  const out: EstimateRow[] = rows.map((r) => {
    try {
      const perPerson = computeBenefit(ruleSet, { ...r.person, ...(year !== undefined ? { year } : {}) });
      return { ...r, perPerson, total: perPerson.total * r.count };
    } catch (e) {
      if (e instanceof BenefitError && !(e instanceof CaseloadError)) throw new CaseloadError(e.message, e.hint, r.line);
      throw e;
    }
  });
  const funding = new Map<string, Fen>();
  for (const r of out) for (const f of r.perPerson.funding) funding.set(f.payer, (funding.get(f.payer) ?? 0) + f.amount * r.count);
  return {
    year: out[0]?.perPerson.year ?? year ?? ruleSet.years.to,
    rows: out,
    people: out.reduce((s, r) => s + r.count, 0),
    total: out.reduce((s, r) => s + r.total, 0),
    byLevel: {
      city: out.reduce((s, r) => s + r.perPerson.byLevel.city * r.count, 0),
      district: out.reduce((s, r) => s + r.perPerson.byLevel.district * r.count, 0),
    },
    funding: [...funding].map(([payer, amount]) => ({ payer, amount })),
  };
}

export interface DocumentComparison {
  payer: string;
  estimate: Fen;
  project?: { name: string; annualBudget?: Fen; annualBudgetText?: string };
  subject?: { code: string; label?: string; projectSpending: Fen };
}

/** The payer's share of the estimate beside the document's 年度预算 and 科目 项目支出. */
export function compareWithDocument(ruleSet: RuleSet, estimate: ProgrammeEstimate, doc: BudgetDocument): DocumentComparison {
  const { projectName, subject, payer } = ruleSet.programme;
  const out: DocumentComparison = { payer, estimate: estimate.funding.find((f) => f.payer === payer)?.amount ?? 0 };
  const project = doc.narrative.projects.find((p) => p.name.includes(projectName));
  if (project) out.project = { name: project.name, ...(project.annualBudget !== undefined ? { annualBudget: project.annualBudget, annualBudgetText: project.annualBudgetText } : {}) };
  const table = doc.tables.find((t) => t.id === 'expenditure') ?? doc.tables.find((t) => t.id === 'general-function');
  const row = table?.rows.find((r) => r.code === subject);
  if (row) out.subject = { code: subject, ...(row.label ? { label: row.label } : {}), projectSpending: row.cells.project ?? 0 };
  return out;
}
