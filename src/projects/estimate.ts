/**
 * 测算 lines: "伙食费16人*4800元=7.68万元" → label, quantities with their units, the rate (one
 * money factor, in 元 or 万元), and the stated amount. The product is exact: 分 times decimal
 * quantities in BigInt, rounded half-up to 分 once. Pure functions: the importer, the checker
 * and the workspace grid call the same ones.
 */
import type { EstimateLine } from '../model/document.js';
import { parseAmount, formatWanyuan, formatYuan, type Fen, type MoneyUnit } from '../model/money.js';
import { normalizeNumerals } from '../read/text/normalize.js';
import { compareStated, type Comparison } from '../check/compare.js';

/** Units a quantity is counted in; longer words first so that 人次 is not read as 人. */
const COUNT_UNITS = ['人次', '人月', '人天', '人日', '个月', '批次', '课时', '小时', '平方米', '平米', '公里', '人', '月', '次', '天', '日', '年', '个', '台', '套', '件', '项', '场', '期', '批', '户', '家', '间', '张', '本', '份', '辆', '名', '组', '篇', '册', '条', '处', '所', '座', '亩', '吨', '米', '㎡'];
const COUNT = `(?:${COUNT_UNITS.join('|')})`;
const NUM = String.raw`\d+(?:,\d{3})*(?:\.\d+)?`;
const MONEY = String.raw`(?:万元|元)(?:\s*[/／]\s*${COUNT})*`;
const FACTOR = String.raw`${NUM}\s*(?:${MONEY}|${COUNT})?`;
const TIMES = String.raw`\s*[*×xX＊✕]\s*`;
const EXPRESSION = new RegExp(String.raw`(?<![\d.,])${FACTOR}(?:${TIMES}${FACTOR})+(?:\s*[=＝]\s*${NUM}\s*(?:万元|元))?`, 'g');
const ONE_FACTOR = new RegExp(String.raw`^(${NUM})\s*(${MONEY}|${COUNT})?$`);
/** What ends the label before an expression: punctuation, or an item number. */
const LABEL_START = /[；;，,。：:、\n（(）)]/;

export interface FoundLine {
  line: EstimateLine;
  /** Offsets of the line (label included) in the text searched. */
  start: number;
  end: number;
}

function moneyUnit(unit: string): MoneyUnit | undefined {
  if (unit.startsWith('万元')) return 'wanyuan';
  if (unit.startsWith('元')) return 'yuan';
  return undefined;
}

function labelBefore(text: string, at: number): { label: string; start: number } {
  let start = at;
  while (start > 0 && !LABEL_START.test(text[start - 1]!) && at - start < 30) start--;
  const raw = text.slice(start, at);
  const label = raw.replace(/^\s*(\d+[、.．]|[（(]\d+[)）])\s*/, '').trim();
  return { label, start: start + raw.indexOf(label) };
}

/** Every 测算 expression in a text, with exactly one money factor; others are not estimates. */
export function findEstimateLines(text: string): FoundLine[] {
  const norm = normalizeNumerals(text);
  const out: FoundLine[] = [];
  for (const m of norm.matchAll(EXPRESSION)) {
    const [left, right] = m[0].split(/\s*[=＝]\s*/);
    const factors = left!.split(new RegExp(TIMES)).map((f) => ONE_FACTOR.exec(f.trim()));
    if (factors.some((f) => !f)) continue;
    const money = factors.filter((f) => moneyUnit(f![2] ?? ''));
    if (money.length !== 1) continue;
    const rateMatch = money[0]!;
    const rate = parseAmount(rateMatch[1]!.replace(/,/g, ''), moneyUnit(rateMatch[2]!)!);
    if (rate === null) continue;
    const { label, start } = labelBefore(norm, m.index);
    const end = m.index + m[0].length;
    const line: EstimateLine = {
      label,
      factors: factors.filter((f) => f !== rateMatch).map((f) => ({ quantity: f![1]!.replace(/,/g, ''), unit: f![2] ?? '' })),
      rate,
      rateText: text.slice(m.index, end).split(/\s*[=＝]\s*/)[0]!.split(new RegExp(TIMES))[factors.indexOf(rateMatch)]!.trim(),
      text: text.slice(start, end),
    };
    if (right !== undefined) {
      const r = /^(\S+?)\s*(万元|元)$/.exec(right.trim())!;
      const amount = parseAmount(r[1]!.replace(/,/g, ''), r[2] === '万元' ? 'wanyuan' : 'yuan');
      if (amount === null) continue;
      line.amount = amount;
      line.amountText = text.slice(end - right.length, end).trim();
    }
    out.push({ line, start, end });
  }
  return out;
}

function decimalParts(q: string): { num: bigint; den: bigint } {
  const [whole, frac = ''] = q.split('.');
  return { num: BigInt(whole! + frac), den: 10n ** BigInt(frac.length) };
}

/** rate × Π quantities, exact, rounded half-up to 分 once. */
export function lineProduct(line: Pick<EstimateLine, 'rate' | 'factors'>): Fen {
  let num = BigInt(line.rate);
  let den = 1n;
  for (const f of line.factors) {
    const d = decimalParts(f.quantity);
    num *= d.num;
    den *= d.den;
  }
  const negative = num < 0n;
  const abs = negative ? -num : num;
  const rounded = (abs * 2n + den) / (2n * den);
  const fen = Number(negative ? -rounded : rounded);
  if (!Number.isSafeInteger(fen)) throw new RangeError('测算金额超出可精确表示的范围');
  return fen;
}

export function unitOfText(text: string | undefined): MoneyUnit {
  return /万元/.test(text ?? '') ? 'wanyuan' : 'yuan';
}

export function decimalsOfText(text: string | undefined): number {
  return (/\d\.(\d+)/.exec(text ?? '')?.[1] ?? '').length;
}

export interface LineCheck {
  line: EstimateLine;
  computed: Fen;
  /** Against the stated amount; absent when the line states none. */
  comparison?: Comparison;
}

export function checkLine(line: EstimateLine): LineCheck {
  const computed = lineProduct(line);
  if (line.amount === undefined) return { line, computed };
  const comparison = compareStated({ amount: line.amount, unit: unitOfText(line.amountText), decimals: decimalsOfText(line.amountText) }, computed);
  return { line, computed, comparison };
}

/** The lines' total: each line's product (what the arithmetic gives, not a misprinted result). */
export function estimateTotal(lines: readonly EstimateLine[]): Fen {
  return lines.reduce((s, l) => s + lineProduct(l), 0);
}

/** An amount in the unit and style the document used: "7.68万元", "70.4万元", "76800元". */
export function formatLike(fen: Fen, like: string | undefined): string {
  if (unitOfText(like) === 'wanyuan') {
    const places = Math.max(2, decimalsOfText(like));
    const s = formatWanyuan(fen, places);
    return `${decimalsOfText(like) < 2 ? s.replace(/\.?0+$/, '') : s}万元`;
  }
  const s = formatYuan(fen);
  return `${s.endsWith('.00') ? s.slice(0, -3) : s}元`;
}

/** A line as text, quantities first, then the rate, then the amount: "伙食费16人*4800元=7.68万元". */
export function formatEstimateLine(line: Omit<EstimateLine, 'text'>): string {
  const factors = [...line.factors.map((f) => `${f.quantity}${f.unit}`), line.rateText];
  return `${line.label}${factors.join('*')}${line.amountText ? `=${line.amountText}` : ''}`;
}
