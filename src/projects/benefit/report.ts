/**
 * The calculator's results as a reader sees them: Chinese text with every step, or JSON with
 * amounts in 元. The CLI prints these; the web page can show the same strings.
 */
import { formatWanyuan, formatYuan, formatYuanGrouped, type Fen } from '../../model/money.js';
import type { BenefitResult } from './compute.js';
import type { DocumentComparison, ProgrammeEstimate } from './caseload.js';
import type { RuleSet } from './rules.js';

const y = (fen: Fen) => `${formatYuanGrouped(fen)} 元`;
const w = (fen: Fen) => `${formatWanyuan(fen)} 万元`;
/** 元 as a JSON number: 163200.5 for 16320050 分. */
export const yuanNumber = (fen: Fen) => Number(formatYuan(fen));

export function formatBenefit(r: BenefitResult, ruleSet: RuleSet): string {
  const category = ruleSet.categories.find((c) => c.name === r.category)!;
  const head = [
    `${r.ruleSet.title}，规则版本 ${r.ruleSet.version}，${r.year} 年`,
    `救助对象：${r.category}（${category.description}），参加${r.scheme}`,
    `自负费用：住院 ${y(r.selfPay.inpatient)}，门急诊 ${y(r.selfPay.deductible + r.selfPay.outpatient)}${r.selfPay.deductible ? `（其中起付线 ${y(r.selfPay.deductible)}）` : ''}`,
  ];
  const steps = r.steps.length > 0 ? r.steps.map((s, i) => `${i + 1}. ${s.title}（${s.document ? `${s.document}，` : ''}${s.effective} 年起）\n   ${s.explanation}`) : ['（没有可计算的救助：自负费用为 0）'];
  const funding = r.funding.map((f) => `${f.payer} ${y(f.amount)}`).join('，');
  const tail = [
    `合计救助 ${y(r.total)}：市级 ${y(r.byLevel.city)}，区级 ${y(r.byLevel.district)}；个人仍自负医疗费用 ${y(r.remaining)}。`,
    ...(funding ? [`资金来源：${funding}。`] : []),
    ...r.notes.map((n) => `注：${n}`),
  ];
  return [...head, '', ...steps, '', ...tail].join('\n') + '\n';
}

export function benefitJson(r: BenefitResult): unknown {
  return {
    total: yuanNumber(r.total),
    steps: r.steps.map((s) => ({
      rule: s.rule,
      title: s.title,
      level: s.level,
      ...(s.document ? { document: s.document } : {}),
      effective: s.effective,
      base: yuanNumber(s.base),
      ...(s.percent !== undefined ? { percent: s.percent } : {}),
      computed: yuanNumber(s.computed),
      cap: s.cap === undefined ? null : yuanNumber(s.cap),
      amount: yuanNumber(s.amount),
      explanation: s.explanation,
    })),
    category: r.category,
    ...(r.appliedAs ? { appliedAs: r.appliedAs } : {}),
    year: r.year,
    scheme: r.scheme,
    selfPay: { inpatient: yuanNumber(r.selfPay.inpatient), outpatient: yuanNumber(r.selfPay.deductible + r.selfPay.outpatient), deductible: yuanNumber(r.selfPay.deductible) },
    medical: yuanNumber(r.medical),
    premium: yuanNumber(r.premium),
    byLevel: { city: yuanNumber(r.byLevel.city), district: yuanNumber(r.byLevel.district) },
    remaining: yuanNumber(r.remaining),
    funding: r.funding.map((f) => ({ payer: f.payer, amount: yuanNumber(f.amount) })),
    notes: r.notes,
    ruleSet: r.ruleSet,
  };
}

function percentOf(part: Fen, whole: Fen): string {
  return whole === 0 ? '—' : `${((part / whole) * 100).toFixed(1)}%`;
}

function comparisonLines(c: DocumentComparison): string[] {
  const out = [`${c.payer}负担（估算）：${w(c.estimate)}`];
  if (c.project?.annualBudget !== undefined) {
    const d = c.estimate - c.project.annualBudget;
    out.push(`项目“${c.project.name}”年度预算 ${c.project.annualBudgetText}：估算${d >= 0 ? '多' : '少'} ${w(Math.abs(d))}（${percentOf(Math.abs(d), c.project.annualBudget)}）`);
  } else if (c.project) out.push(`项目“${c.project.name}”未写明年度预算金额`);
  else out.push('文件中没有名称含所测项目的项目情况说明');
  if (c.subject) {
    const d = c.estimate - c.subject.projectSpending;
    out.push(`科目 ${c.subject.code} ${c.subject.label ?? ''} 项目支出 ${w(c.subject.projectSpending)}：估算${d >= 0 ? '多' : '少'} ${w(Math.abs(d))}（${percentOf(Math.abs(d), c.subject.projectSpending)}）`);
  }
  return out;
}

export function formatEstimate(e: ProgrammeEstimate, ruleSet: RuleSet, source: string, comparison?: DocumentComparison): string {
  const rows = e.rows.map((r) => `${r.perPerson.category}：${r.count} 人 × 人均救助 ${y(r.perPerson.total)} = ${w(r.total)}（第 ${r.line} 行）`);
  const funding = e.funding.map((f) => `${f.payer} ${w(f.amount)}`).join('，');
  const lines = [
    `${ruleSet.title}，规则版本 ${ruleSet.version}，${e.year} 年测算（${source}，共 ${e.people} 人）`,
    '按每行的人均自负费用计算一人的救助，再乘以人数；限额按人均计，分段列行可测得更准。',
    '',
    ...rows,
    '',
    `合计 ${w(e.total)}：市级 ${w(e.byLevel.city)}，区级 ${w(e.byLevel.district)}。`,
    ...(funding ? [`资金来源：${funding}。`] : []),
    ...(comparison ? ['', '与预算文件比较：', ...comparisonLines(comparison).map((l) => `  ${l}`)] : []),
  ];
  return lines.join('\n') + '\n';
}

export function estimateJson(e: ProgrammeEstimate, comparison?: DocumentComparison): unknown {
  return {
    total: yuanNumber(e.total),
    year: e.year,
    people: e.people,
    byLevel: { city: yuanNumber(e.byLevel.city), district: yuanNumber(e.byLevel.district) },
    funding: e.funding.map((f) => ({ payer: f.payer, amount: yuanNumber(f.amount) })),
    rows: e.rows.map((r) => ({ line: r.line, category: r.perPerson.category, count: r.count, perPerson: yuanNumber(r.perPerson.total), total: yuanNumber(r.total) })),
    ...(comparison
      ? {
          document: {
            payer: comparison.payer,
            estimate: yuanNumber(comparison.estimate),
            ...(comparison.project ? { project: comparison.project.name, annualBudget: comparison.project.annualBudget === undefined ? null : yuanNumber(comparison.project.annualBudget) } : {}),
            ...(comparison.subject ? { subject: comparison.subject.code, projectSpending: yuanNumber(comparison.subject.projectSpending) } : {}),
          },
        }
      : {}),
  };
}
