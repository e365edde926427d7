/**
 * The numbers in the words, read as a reviewer reads a sentence: one item stated with two
 * different amounts in the same paragraph ("…（01项）208.8万元 … 2026年预算安排201.50万元"), and
 * a percentage (or its direction word) that does not follow from the two amounts the sentence
 * compares ("2025年执行数43269.3万元，2026年预算3845.49万元，增加17.62%"), recomputed with the
 * rounding of the printed figures. A change stated as an amount is year-on-year.ts's.
 */
import { formatWanyuan, parseAmount, type Fen } from '../model/money.js';
import type { CheckContext, Rule } from './context.js';
import type { Finding, FindingLocation } from './finding.js';

interface Mention {
  index: number;
  end: number;
  text: string;
  fen: Fen;
  /** Half of the last printed digit, in 分: the figure may be anything within ± this. */
  half: Fen;
  /** The words between the previous amount (or the clause start) and this one. */
  lead: string;
}

const AMOUNT = /(\d[\d,]*(?:\.\d+)?)\s*(万元|元)/g;

function mentions(text: string): Mention[] {
  const out: Mention[] = [];
  let prevEnd = 0;
  for (const m of text.matchAll(AMOUNT)) {
    const digits = m[1]!.replace(/,/g, '');
    const unit = m[2] === '万元' ? 'wanyuan' : 'yuan';
    const fen = parseAmount(digits, unit);
    if (fen === null) continue;
    const decimals = (/\.(\d+)/.exec(digits)?.[1] ?? '').length;
    const half = (unit === 'wanyuan' ? 1_000_000 : 100) / 10 ** decimals / 2;
    const clauseStart = Math.max(prevEnd, text.lastIndexOf('。', m.index) + 1, text.lastIndexOf('；', m.index) + 1);
    out.push({ index: m.index, end: m.index + m[0].length, text: m[0], fen, half, lead: text.slice(clauseStart, m.index) });
    prevEnd = m.index + m[0].length;
  }
  return out;
}

function excerpt(text: string, from: number, to: number): string {
  const start = Math.max(0, from - 10);
  const end = Math.min(text.length, to + 10);
  return `${start > 0 ? '…' : ''}${text.slice(start, end)}${end < text.length ? '…' : ''}`;
}

interface Para {
  section: string;
  text: string;
  line?: number;
}

function paragraphs(ctx: CheckContext): Para[] {
  return ctx.doc.narrative.sections.flatMap((s) => s.paragraphs.map((p) => ({ section: s.heading || '封面', text: p.text, ...(p.line ? { line: p.line } : {}) })));
}

function loc(p: Para, from: number, to: number): FindingLocation {
  return { section: p.section, sentence: excerpt(p.text, from, to), ...(p.line ? { line: p.line } : {}) };
}

/** An item named with its code ("（01项）", "2080505…（项）") or as a project: what the next "预算安排" is the amount of. */
const ITEM = /（\d{2}项）|（项）[”"]?(科目)?|项目[”"]?$/;
const ARRANGED = /(预算安排|安排预算|预算数为|预算为|预算金额为?)[：:]?\s*$/;
const CHANGE = /(比|较|与)[^，,。；]{0,16}(增加|减少|增长|下降|上升|持平)[了]?\s*$|(增加|减少|增长|下降|上升)[了]?\s*$/;

function twoAmounts(ctx: CheckContext): Finding[] {
  const out: Finding[] = [];
  for (const p of paragraphs(ctx)) {
    const ms = mentions(p.text);
    for (let i = 0; i + 1 < ms.length; i++) {
      const a = ms[i]!;
      if (!ITEM.test(a.lead.replace(/\s+/g, '')) || CHANGE.test(a.lead)) continue;
      // The next amount in the paragraph that restates the item's budget, with no other item between.
      for (let j = i + 1; j < ms.length; j++) {
        const b = ms[j]!;
        if (ITEM.test(b.lead.replace(/\s+/g, '')) && !ARRANGED.test(b.lead)) break;
        if (CHANGE.test(b.lead) || !ARRANGED.test(b.lead)) continue;
        if (/其中|包括|用于/.test(b.lead.split(/[，,：:]/).pop() ?? '')) break;
        if (Math.abs(a.fen - b.fen) <= a.half + b.half) break;
        const lead = a.lead.replace(/（\d{2}项）\s*$/, '');
        const name = /“([^“”]{2,60})”[^“”]*$/.exec(lead)?.[1] ?? /([^“”"，,。；\s]{2,40}?)[”"]?(科目)?\s*$/.exec(lead)?.[1] ?? '该项';
        out.push({
          rule: 'numbers.two-amounts',
          family: 'narrative',
          severity: 'error',
          message: `同一段中同一事项写了两个不同的金额：“${name}”${a.text}，后文“${b.lead.trim().slice(-10)}${b.text}”（相差${formatWanyuan(Math.abs(a.fen - b.fen))}万元），请核对后统一`,
          location: loc(p, a.index, b.end),
          expected: a.text,
          actual: b.text,
          unit: '万元',
        });
        break;
      }
    }
  }
  return out;
}

const PERCENT = /(增加|增长|上升|减少|下降|降低)了?\s*(\d+(?:\.\d+)?)\s*[%％]/g;
const UP = /增|升/;

function years(lead: string): number[] {
  return [...lead.matchAll(/(\d{4})\s*年/g)].map((m) => Number(m[1]));
}

/** Which of the two amounts is last year's: by its year, or by 上年/执行数 against 本年/预算. */
function priorFirst(a: Mention, b: Mention, year: number): boolean | undefined {
  const ya = years(a.lead).pop();
  const yb = years(b.lead).pop();
  if (ya !== undefined && yb !== undefined && ya !== yb) return ya < yb;
  const isPrior = (m: Mention) => /上年|上一年|执行数|决算/.test(m.lead);
  if (isPrior(a) && !isPrior(b)) return true;
  if (isPrior(b) && !isPrior(a)) return false;
  if (ya === year - 1 && yb === undefined) return true;
  return undefined;
}

function percents(ctx: CheckContext): Finding[] {
  const out: Finding[] = [];
  const year = ctx.doc.meta.year;
  for (const p of paragraphs(ctx)) {
    // Clause by clause: a sentence ending in 。 or ；.
    let start = 0;
    for (const clause of p.text.split(/(?<=[。；;])/)) {
      const offset = start;
      start += clause.length;
      const pcts = [...clause.matchAll(PERCENT)];
      if (pcts.length !== 1) continue;
      const pm = pcts[0]!;
      const ms = mentions(clause).filter((m) => m.index < pm.index!);
      if (ms.length !== 2 || ms.some((m) => CHANGE.test(m.lead))) continue;
      const [m1, m2] = ms as [Mention, Mention];
      const order = priorFirst(m1, m2, year);
      if (order === undefined) continue;
      const [prior, now] = order ? [m1, m2] : [m2, m1];
      if (prior.fen <= 0) continue;
      const printed = Number(pm[2]);
      const places = (/\.(\d+)/.exec(pm[2]!)?.[1] ?? '').length;
      const step = 10 ** -places;
      // Every percentage the printed figures allow: extremes of (now − prior) / prior.
      const lo = ((now.fen - now.half - (prior.fen + prior.half)) / (prior.fen + prior.half)) * 100;
      const hi = ((now.fen + now.half - (prior.fen - prior.half)) / Math.max(1, prior.fen - prior.half)) * 100;
      const up = UP.test(pm[1]!);
      const signed = up ? printed : -printed;
      const exact = ((now.fen - prior.fen) / prior.fen) * 100;
      const wrongWord = (now.fen > prior.fen + now.half + prior.half && !up) || (now.fen < prior.fen - now.half - prior.half && up);
      const inRange = signed >= lo - step / 2 - 1e-9 && signed <= hi + step / 2 + 1e-9;
      if (inRange && !wrongWord) continue;
      const word = exact >= 0 ? '增加' : '减少';
      const expected = `${word}${Math.abs(exact).toFixed(Math.max(places, 2))}%`;
      out.push({
        rule: 'numbers.percent',
        family: 'narrative',
        severity: 'error',
        message: `变动率与所比较的两个金额不符：${prior.lead.replace(/^[，,\s]+/, '').slice(-14)}${prior.text}、${now.lead.replace(/^[，,\s]+/, '').slice(-14)}${now.text}，应为${expected}，文中写“${pm[0]}”${wrongWord ? '（方向也不对）' : ''}`,
        location: loc(p, offset + m1.index, offset + pm.index! + pm[0].length),
        expected,
        actual: pm[0],
        unit: '%',
      });
    }
  }
  return out;
}

export const statedNumberRules: Rule[] = [
  { id: 'numbers.two-amounts', family: 'narrative', title: '同一事项在同一段中只有一个金额', run: twoAmounts },
  { id: 'numbers.percent', family: 'narrative', title: '变动率与所比较的两个金额相符', run: percents },
];
