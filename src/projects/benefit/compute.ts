/**
 * One person's 救助 for a year of self-paid costs, by a rule set (rules.ts): the benefit layers
 * in order, each a ratio of what is still self-paid in its pools, capped; then 资助参保; then
 * who pays (市/区). Every step says which rule, which document and what arithmetic. Amounts in
 * 分, ratios as whole percents, each step rounded half-up to 分 once. Pure: the CLI, the
 * caseload estimate and the browser all call this.
 */
import { formatYuanGrouped, parseAmount, type Fen } from '../../model/money.js';
import { LEVEL_NAMES, POOLS, POOL_NAMES, type BenefitRule, type Category, type Level, type Pool, type RuleSet, type Scheme } from './rules.js';

/** Bad input to the calculator, said in Chinese with what to do. */
export class BenefitError extends Error {
  constructor(
    message: string,
    readonly hint: string,
  ) {
    super(message);
  }
}

export interface Person {
  category: string;
  inpatient: Fen;
  /** 门急诊 self-pay in total, 起付线 included. */
  outpatient: Fen;
  /** The part of `outpatient` that is the 门急诊起付线. */
  deductible?: Fen;
  scheme?: Scheme;
  /** The person's 城乡居民医保 contribution (个人缴费), for 资助参保. */
  premium?: Fen;
  age?: number;
  year?: number;
}

export interface Step {
  rule: string;
  title: string;
  level: Level;
  document?: string;
  effective: number;
  base: Fen;
  percent?: number;
  computed: Fen;
  cap?: Fen;
  amount: Fen;
  explanation: string;
}

export interface BenefitResult {
  ruleSet: { id: string; version: string; title: string };
  year: number;
  category: string;
  /** The category whose rules apply ("参照城乡低保执行"), when not the person's own. */
  appliedAs?: string;
  scheme: Scheme;
  selfPay: Record<Pool, Fen>;
  steps: Step[];
  /** 救助 on medical costs, 资助参保, and both. */
  medical: Fen;
  premium: Fen;
  total: Fen;
  byLevel: Record<Level, Fen>;
  /** What the person still pays of the medical costs. */
  remaining: Fen;
  funding: { payer: string; amount: Fen }[];
  notes: string[];
}

const y = (fen: Fen) => formatYuanGrouped(fen);
const fenOf = (yuanText: string) => parseAmount(yuanText, 'yuan')!;
const key = (name: string) => name.replace(/[（）()\s·、]/g, '');

/** base × parts / whole, rounded half-up to 分, exactly. */
export function share(base: Fen, parts: number, whole: number): Fen {
  const n = BigInt(base) * BigInt(parts);
  const d = BigInt(whole);
  return Number((n * 2n + d) / (2n * d));
}

export function findCategory(ruleSet: RuleSet, name: string): Category {
  const k = key(name);
  const found = ruleSet.categories.find((c) => key(c.name) === k || c.aliases.some((a) => key(a) === k));
  if (!found) {
    const known = ruleSet.categories.filter((c) => !c.unstated).map((c) => c.name);
    throw new BenefitError(`未知的救助对象类别“${name}”`, `请用规则中的类别名称之一：${known.join('、')}。`);
  }
  if (found.unstated) throw new BenefitError(`“${found.name}”没有写明救助标准：${found.unstated}`, `请按其实际适用的类别计算（可用的类别：${ruleSet.categories.filter((c) => !c.unstated).map((c) => c.name).join('、')}）。`);
  return found;
}

function validate(ruleSet: RuleSet, p: Person, year: number): void {
  const { from, to } = ruleSet.years;
  if (year < from || year > to) throw new BenefitError(`规则集“${ruleSet.title}”（${ruleSet.version}）只写明了 ${from}—${to} 年适用的规则，没有 ${year} 年的`, `请去掉 --year 或给出 ${from} 到 ${to} 之间的年份。`);
  for (const [name, v] of [['住院自负费用', p.inpatient], ['门急诊自负费用', p.outpatient], ['门急诊起付线', p.deductible ?? 0], ['个人缴费', p.premium ?? 0]] as const) {
    if (!Number.isSafeInteger(v) || v < 0) throw new BenefitError(`${name}不能为负数或非整数分`, '请给出以元为单位、最多两位小数的非负金额。');
  }
  if ((p.deductible ?? 0) > p.outpatient) throw new BenefitError(`门急诊起付线 ${y(p.deductible!)} 元大于门急诊自负费用 ${y(p.outpatient)} 元`, '起付线是门急诊自负费用的一部分：门急诊自负费用应包含起付线。');
}

/** "住院自负费用", "门急诊自负费用" (起付线 and the rest together), or all of them. */
export function poolsName(pools: readonly Pool[]): string {
  const set = new Set(pools);
  if (set.size === POOLS.length) return '自负医疗费用（住院及门急诊）';
  if (set.size === 2 && set.has('deductible') && set.has('outpatient')) return '门急诊自负费用';
  return pools.map((x) => POOL_NAMES[x]).join('与');
}

function describeBase(pools: readonly Pool[], base: Fen, original: Record<Pool, Fen>): string {
  const all = pools.reduce((s, x) => s + original[x], 0);
  const name = poolsName(pools);
  return base === all ? `${name} ${y(base)} 元` : `${name} ${y(all)} 元，已救助 ${y(all - base)} 元，剩余 ${y(base)} 元`;
}

function capText(rule: BenefitRule, computed: Fen, cap: Fen | undefined, amount: Fen): string {
  if (cap === undefined) return `（${rule.capNote ?? '不设年度救助限额'}）`;
  const name = rule.capName ?? '全年最高救助限额';
  return computed > cap ? `，超过${name} ${y(cap)} 元，按 ${y(amount)} 元救助` : `（${name} ${y(cap)} 元以内）`;
}

export function computeBenefit(ruleSet: RuleSet, p: Person): BenefitResult {
  const year = p.year ?? ruleSet.years.to;
  validate(ruleSet, p, year);
  const own = findCategory(ruleSet, p.category);
  const applied = own.sameAs ? findCategory(ruleSet, own.sameAs) : own;
  const scheme = p.scheme ?? '城乡居民医保';
  const deductible = p.deductible ?? 0;
  const original: Record<Pool, Fen> = { inpatient: p.inpatient, deductible, outpatient: p.outpatient - deductible };
  const left = { ...original };
  const covers = (categories: string[]) => categories.includes('*') || categories.includes(applied.name);
  const steps: Step[] = [];
  const byLevel: Record<Level, Fen> = { city: 0, district: 0 };
  const cityPools = new Set<Pool>();
  for (const rule of ruleSet.benefits) {
    if (rule.effective > year || !covers(rule.categories) || (rule.scheme && !rule.scheme.includes(scheme))) continue;
    if (rule.level === 'city') rule.pools.forEach((x) => cityPools.add(x));
    const base = rule.pools.reduce((s, x) => s + left[x], 0);
    if (base === 0) continue;
    const computed = share(base, rule.percent, 100);
    const cap = rule.cap === undefined ? undefined : fenOf(rule.cap);
    const amount = cap === undefined ? computed : Math.min(computed, cap);
    const explanation = `${describeBase(rule.pools, base, original)} × ${rule.percent}% = ${y(computed)} 元${capText(rule, computed, cap, amount)}`;
    let rest = amount;
    for (const x of rule.pools) {
      const take = Math.min(left[x], rest);
      left[x] -= take;
      rest -= take;
    }
    byLevel[rule.level] += amount;
    steps.push({ rule: rule.id, title: rule.title, level: rule.level, ...(rule.document ? { document: rule.document } : {}), effective: rule.effective, base, percent: rule.percent, computed, ...(cap !== undefined ? { cap } : {}), amount, explanation });
  }
  const medical = byLevel.city + byLevel.district;
  const uncovered = POOLS.filter((x) => original[x] > 0 && !cityPools.has(x));
  const uncoveredName = [uncovered.includes('inpatient') ? POOL_NAMES.inpatient : '', uncovered.some((x) => x !== 'inpatient') ? '门急诊自负费用' : ''].filter(Boolean).join('与');
  const notes = uncovered.length > 0 ? [`文中没有写明${applied.name}${uncoveredName}的市级救助标准：这部分费用只进入区级补充救助的计算。`] : [];
  if (own !== applied) notes.unshift(`${own.name}按${applied.name}执行：${own.sentence ?? ''}`);
  const premium = premiumStep(ruleSet, p, year, scheme, applied, covers, notes);
  if (premium) {
    steps.push(premium);
    byLevel[premium.level] += premium.amount;
  }
  const total = medical + (premium?.amount ?? 0);
  return {
    ruleSet: { id: ruleSet.id, version: ruleSet.version, title: ruleSet.title },
    year,
    category: own.name,
    ...(own !== applied ? { appliedAs: applied.name } : {}),
    scheme,
    selfPay: original,
    steps,
    medical,
    premium: premium?.amount ?? 0,
    total,
    byLevel,
    remaining: p.inpatient + p.outpatient - medical,
    funding: fundingOf(ruleSet, byLevel),
    notes,
  };
}

function premiumStep(ruleSet: RuleSet, p: Person, year: number, scheme: Scheme, applied: Category, covers: (c: string[]) => boolean, notes: string[]): Step | undefined {
  if (!p.premium) return undefined;
  if (scheme !== '城乡居民医保') {
    notes.push('资助参保只资助参加城乡居民医保的个人缴费，职工医保不适用。');
    return undefined;
  }
  const candidates = ruleSet.premiums.filter((r) => r.effective <= year && covers(r.categories));
  const rule = candidates.find((r) => r.minAge === undefined || (p.age !== undefined && p.age >= r.minAge));
  if (!rule) {
    const needsAge = candidates.find((r) => r.minAge !== undefined);
    notes.push(
      needsAge && p.age === undefined
        ? `${applied.name}的资助参保只适用于${needsAge.minAge}周岁以上人员：请用 --age 给出年龄。`
        : `文中没有写明${applied.name}${p.age !== undefined ? `（${p.age}周岁）` : ''}的资助参保标准，未计资助。`,
    );
    return undefined;
  }
  const pays = rule.personPays === undefined ? 0 : fenOf(rule.personPays);
  const amount = Math.max(p.premium - pays, 0);
  const explanation = rule.personPays === undefined ? `城乡居民医保个人缴费 ${y(p.premium)} 元全额资助` : `城乡居民医保个人缴费 ${y(p.premium)} 元，个人缴纳 ${y(pays)} 元，资助 ${y(amount)} 元`;
  return { rule: rule.id, title: rule.title, level: rule.level, ...(rule.document ? { document: rule.document } : {}), effective: rule.effective, base: p.premium, computed: amount, amount, explanation };
}

/** Each level's total split among its payers by parts; the last payer takes what rounding leaves. */
function fundingOf(ruleSet: RuleSet, byLevel: Record<Level, Fen>): { payer: string; amount: Fen }[] {
  const out = new Map<string, Fen>();
  for (const level of Object.keys(byLevel) as Level[]) {
    const amount = byLevel[level];
    if (amount === 0) continue;
    const rule = ruleSet.funding.find((f) => f.levels.includes(level));
    if (!rule) {
      out.set(`${LEVEL_NAMES[level]}（未写明资金来源）`, (out.get(`${LEVEL_NAMES[level]}（未写明资金来源）`) ?? 0) + amount);
      continue;
    }
    const whole = rule.shares.reduce((s, x) => s + x.parts, 0);
    let rest = amount;
    rule.shares.forEach((s, i) => {
      const part = i === rule.shares.length - 1 ? rest : share(amount, s.parts, whole);
      rest -= part;
      out.set(s.payer, (out.get(s.payer) ?? 0) + part);
    });
  }
  return [...out].map(([payer, amount]) => ({ payer, amount }));
}
