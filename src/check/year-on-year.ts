/**
 * Family 5: the changes on last year the narrative states. They must agree with each other
 * (equal totals change equally; parts add up to the whole), their words must fit their signs
 * and their percentages their amounts; with last year's document, they must be what the two
 * years' tables say.
 */
import type { StatedAmount, StatedChange } from '../model/document.js';
import { formatWanyuan, roundToWanyuanUnits, type Fen } from '../model/money.js';
import { CheckContext, type Rule } from './context.js';
import type { Finding, FindingLocation } from './finding.js';
import { subjectCell } from './subjects.js';

function where(a: StatedAmount): FindingLocation {
  const loc: FindingLocation = { section: a.location.section, sentence: a.location.sentence };
  if (a.location.line) loc.line = a.location.line;
  return loc;
}

/** Signed change in 分, or undefined when the statement gives no amount (e.g. only a word). */
function signed(c: StatedChange): Fen | undefined {
  if (c.direction === 'flat') return 0;
  if (c.amount === undefined || c.direction === 'unknown') return undefined;
  return c.direction === 'decrease' ? -c.amount : c.amount;
}

function wan(fen: Fen): string {
  if (roundToWanyuanUnits(fen) === 0) return '持平';
  return `${fen < 0 ? '减少' : '增加'}${formatWanyuan(Math.abs(fen))}万元`;
}

const WORDS: Record<string, string> = {
  'income.total': '收入总额',
  'income.fiscal': '财政拨款收入',
  'expenditure.total': '支出总额',
  'expenditure.fiscal': '财政拨款支出',
  'expenditure.fiscal.general': '一般公共预算拨款支出',
  'expenditure.fiscal.fund': '政府性基金拨款支出',
  'expenditure.fiscal.soe': '国有资本经营预算拨款支出',
  'income.other': '其他收入',
  'income.business': '事业收入',
  'income.operating': '事业单位经营收入',
};

/** "2024年预算" and "上年" (预算) compare with the same figure; "预算执行数" does not. */
function sameBasis(a: string, b: string): boolean {
  const kind = (x: string) => (/执行|决算|实际/.test(x) ? 'actual' : 'budget');
  return kind(a) === kind(b);
}

/** Stated changes by quantity: each 科目 explanation is a quantity of its own. */
function changes(ctx: CheckContext): Map<string, StatedAmount[]> {
  const m = new Map<string, StatedAmount[]>();
  for (const a of ctx.doc.narrative.amounts) {
    if (!a.change) continue;
    const key = a.subject === 'item' ? `item:${a.itemCode ?? a.itemName ?? ''}` : a.subject;
    m.set(key, [...(m.get(key) ?? []), a]);
  }
  return m;
}

/** Words that contradict the sign: 增加/减少 left unfilled, 增加 0万元, percent words that disagree. */
function words(ctx: CheckContext): Finding[] {
  const out: Finding[] = [];
  for (const a of ctx.doc.narrative.amounts) {
    const c = a.change;
    if (!c) continue;
    if (c.direction === 'unknown') {
      out.push({ rule: 'year-on-year.direction-word', family: 'year-on-year', severity: 'error', message: `变动方向未填写：“${c.word}”（${a.text}）`, location: where(a) });
    } else if (c.direction !== 'flat' && c.amount === 0) {
      out.push({ rule: 'year-on-year.zero-change', family: 'year-on-year', severity: 'warning', message: `变动额为0万元却写作“${c.word}”，应写“持平”`, location: where(a), expected: '持平', actual: `${c.word}${c.amountText ?? ''}` });
    }
    if (c.percentWord && c.direction !== 'unknown') {
      const pw = /增|升/.test(c.percentWord) && !/减|降/.test(c.percentWord) ? 'increase' : /减|降/.test(c.percentWord) && !/增|升/.test(c.percentWord) ? 'decrease' : 'unknown';
      if (pw !== c.direction) {
        out.push({
          rule: pw === 'unknown' ? 'year-on-year.direction-word' : 'year-on-year.percent-word',
          family: 'year-on-year',
          severity: 'error',
          message: pw === 'unknown' ? `百分比前的变动方向未填写：“${c.percentText}”（金额写作“${c.word}${c.amountText ?? ''}”）` : `金额写作“${c.word}”，百分比却写作“${c.percentText}”`,
          location: where(a),
        });
      }
    }
  }
  return out;
}

/** Half a unit of the last printed decimal of a 万元 figure, in 分 ("1853.7万元" → 0.05万元). */
function halfUnit(text: string | undefined): Fen {
  const places = (/\.(\d+)/.exec(text ?? '')?.[1] ?? '').length;
  return 500_000 / 10 ** places;
}

/**
 * A percentage is the change over last year's amount (this year's minus the change). The
 * figures are printed rounded, so every percentage their exact values allow is accepted.
 */
function percents(ctx: CheckContext): Finding[] {
  const out: Finding[] = [];
  for (const a of ctx.doc.narrative.amounts) {
    const c = a.change;
    const delta = c && signed(c);
    if (!c || c.percent === undefined || delta === undefined || delta === 0) continue;
    const prior = a.amount - delta;
    if (prior <= 0) continue;
    const places = (/\.(\d+)/.exec(c.percentText ?? '')?.[1] ?? '').length;
    const [h1, h2] = [halfUnit(a.text), halfUnit(c.amountText)];
    const corners = [-1, 1].flatMap((s1) => [-1, 1].map((s2) => (Math.abs(Math.abs(delta) + s2 * h2) / (prior + s1 * h1 - Math.sign(delta) * s2 * h2)) * 100));
    const [lo, hi] = [Math.min(...corners), Math.max(...corners)];
    const step = 10 ** -places;
    if (c.percent >= lo - step / 2 - 1e-9 && c.percent <= hi + step / 2 + 1e-9) continue;
    const expected = (Math.round(((Math.abs(delta) / prior) * 100) / step) * step).toFixed(places);
    out.push({
      rule: 'year-on-year.percent',
      family: 'year-on-year',
      severity: 'error',
      message: `变动${formatWanyuan(Math.abs(delta))}万元、上年${formatWanyuan(prior)}万元，变动率应为${expected}%，文中为${c.percentText}`,
      location: where(a),
      expected,
      actual: String(c.percent),
      unit: '%',
    });
  }
  return out;
}

interface Relation {
  lhs: string;
  rhs: string[];
  why: string;
}

/** When this year's totals are equal, last year's were too (budgets balance), so their changes are equal. */
const RELATIONS: Relation[] = [
  { lhs: 'income.total', rhs: ['expenditure.total'], why: '收入总额与支出总额相等，两者比上年的变动应相同' },
  { lhs: 'income.fiscal', rhs: ['expenditure.fiscal'], why: '财政拨款收入与财政拨款支出相等，两者比上年的变动应相同' },
  { lhs: 'expenditure.fiscal', rhs: ['expenditure.fiscal.general', 'expenditure.fiscal.fund', 'expenditure.fiscal.soe'], why: '财政拨款支出的变动应等于一般公共预算、政府性基金、国有资本经营预算拨款支出变动之和' },
  { lhs: 'income.fiscal', rhs: ['expenditure.fiscal.general', 'expenditure.fiscal.fund', 'expenditure.fiscal.soe'], why: '财政拨款收入的变动应等于三类财政拨款支出变动之和' },
  { lhs: 'income.total', rhs: ['income.fiscal', 'income.business', 'income.operating', 'income.other'], why: '收入总额的变动应等于各项收入变动之和' },
];

function agreement(ctx: CheckContext): Finding[] {
  const out: Finding[] = [];
  const byS = changes(ctx);
  const one = (s: string) => byS.get(s)?.[0];
  for (const rel of RELATIONS) {
    const lhs = one(rel.lhs);
    const lhsDelta = lhs?.change && signed(lhs.change);
    if (!lhs || lhsDelta === undefined) continue;
    if (rel.lhs === 'income.fiscal' && rel.rhs.length > 1 && one('expenditure.fiscal')) continue;
    const parts = rel.rhs.map(one);
    // Changes on different bases ("比上年预算执行数" and "比上年预算") need not agree.
    if (parts.some((p) => p?.change && !sameBasis(p.change.basis, lhs.change!.basis))) continue;
    const deltas = parts.map((p) => (p?.change ? signed(p.change) : undefined));
    if (deltas.some((d) => d === undefined)) continue;
    const sum = deltas.reduce<number>((s, d) => s + d!, 0);
    if (Math.abs(roundToWanyuanUnits(sum) - roundToWanyuanUnits(lhsDelta)) <= rel.rhs.length - 1) continue;
    out.push({
      rule: 'year-on-year.consistency',
      family: 'year-on-year',
      severity: 'error',
      message: `${WORDS[rel.lhs]}比上年${wan(lhsDelta)}，而${rel.rhs.map((s, i) => `${WORDS[s]}${wan(deltas[i]!)}`).join('、')}，不一致（${rel.why}）`,
      location: where(lhs),
      expected: formatWanyuan(sum),
      actual: formatWanyuan(lhsDelta),
      unit: '万元',
    });
  }
  for (const [subject, list] of byS) {
    const first = list[0]!;
    for (const later of list.slice(1)) {
      const [d1, d2] = [signed(first.change!), signed(later.change!)];
      if (d1 === undefined || d2 === undefined || d1 === d2 || !sameBasis(first.change!.basis, later.change!.basis)) continue;
      out.push({
        rule: 'year-on-year.restated',
        family: 'year-on-year',
        severity: 'error',
        message: `${WORDS[subject] ?? (first.subject === 'item' ? `“${first.itemName}”科目` : subject)}比上年的变动前文为${wan(d1)}，此处为${wan(d2)}，前后不一致`,
        location: where(later),
        expected: formatWanyuan(d1),
        actual: formatWanyuan(d2),
        unit: '万元',
      });
    }
  }
  return out;
}

/** "财政拨款收入支出增加的主要原因是……" where the stated change is a decrease. */
function causes(ctx: CheckContext): Finding[] {
  const out: Finding[] = [];
  const fiscal = changes(ctx).get('expenditure.fiscal')?.[0] ?? changes(ctx).get('income.fiscal')?.[0] ?? changes(ctx).get('expenditure.fiscal.general')?.[0];
  const dir = fiscal?.change?.direction;
  if (!fiscal || !dir || dir === 'unknown' || dir === 'flat') return out;
  for (const s of ctx.doc.narrative.sections) {
    for (const p of s.paragraphs) {
      const m = /财政拨款收入支出(增加|减少)(的)?主要原因/.exec(p.text);
      if (!m) continue;
      const said = m[1] === '增加' ? 'increase' : 'decrease';
      if (said === dir) continue;
      out.push({
        rule: 'year-on-year.cause-direction',
        family: 'year-on-year',
        severity: 'error',
        message: `说明“财政拨款收入支出${m[1]}的主要原因”，但前文财政拨款${fiscal.change!.word}${fiscal.change!.amountText ?? ''}`,
        location: { section: s.heading, sentence: p.text.slice(Math.max(0, m.index - 10), m.index + 60), ...(p.line ? { line: p.line } : {}) },
        expected: fiscal.change!.word,
        actual: m[1],
      });
    }
  }
  return out;
}

/** With last year's document: each stated change against the two years' tables. */
function againstPrior(ctx: CheckContext): Finding[] {
  const prior = ctx.options.prior;
  if (!prior) return [];
  const priorCtx = new CheckContext(prior, ctx.options);
  const out: Finding[] = [];
  for (const a of ctx.doc.narrative.amounts) {
    if (!a.change) continue;
    const now = subjectCell(ctx, a.subject);
    const then = subjectCell(priorCtx, a.subject);
    const delta = signed(a.change);
    if (!now || !then || delta === undefined) continue;
    const expected = now.value - then.value;
    if (roundToWanyuanUnits(expected) === roundToWanyuanUnits(delta)) continue;
    // Tables in 元, the 说明 in 万元: the change of the two figures as the 说明 prints them
    // (18,976.76 − 15,621.11 = 3,355.65) is right too, one 0.01 from the change in 元 (3,355.64).
    if (roundToWanyuanUnits(now.value) - roundToWanyuanUnits(then.value) === roundToWanyuanUnits(delta)) continue;
    out.push({
      rule: 'year-on-year.prior',
      family: 'year-on-year',
      severity: Math.abs(roundToWanyuanUnits(expected) - roundToWanyuanUnits(delta)) === 1 ? 'warning' : 'error',
      message: `${WORDS[a.subject] ?? a.label}：本年表中${formatWanyuan(now.value)}万元、上年文件表中${formatWanyuan(then.value)}万元，应${wan(expected)}，文中为${a.change.word}${a.change.amountText ?? ''}`,
      location: where(a),
      expected: formatWanyuan(expected),
      actual: formatWanyuan(delta),
      unit: '万元',
    });
  }
  return out;
}

export const yearOnYearRules: Rule[] = [
  { id: 'year-on-year.words', family: 'year-on-year', title: '变动词与方向一致（不留“增加/减少”，变动为0写“持平”）', run: words },
  { id: 'year-on-year.percent', family: 'year-on-year', title: '变动率 = 变动额 ÷ 上年数', run: percents },
  { id: 'year-on-year.consistency', family: 'year-on-year', title: '各处所述变动彼此一致', run: agreement },
  { id: 'year-on-year.cause-direction', family: 'year-on-year', title: '原因说明的方向与变动一致', run: causes },
  { id: 'year-on-year.prior', family: 'year-on-year', title: '所述变动与上年文件一致（--prior）', run: againstPrior },
];
