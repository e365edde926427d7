/**
 * Money is integer 分 (fen) everywhere inside budgetbook. 元 and 万元 exist only at the edges:
 * parsing printed amounts and formatting output. Every conversion here is exact integer
 * arithmetic on decimal strings; no float ever carries a sum.
 */
export type Fen = number;

/** The unit a table or a sentence prints its amounts in. */
export type MoneyUnit = 'yuan' | 'wanyuan';

export const FEN_PER: Record<MoneyUnit, number> = { yuan: 100, wanyuan: 1_000_000 };
const UNIT_DECIMALS: Record<MoneyUnit, number> = { yuan: 2, wanyuan: 6 };

export const UNIT_NAMES: Record<MoneyUnit, string> = { yuan: '元', wanyuan: '万元' };

const GROUPED = /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/;
const PLAIN = /^[+-]?\d+(\.\d+)?$/;

/**
 * Parses a printed amount ("257,801,271.00", "10,148,231", "-3.5") in the given unit into 分.
 * Returns null when the text is not an amount, or has more decimals than 分 can hold
 * (a 元 amount with three decimals is not money, it is a misprint to report).
 */
export function parseAmount(text: string, unit: MoneyUnit): Fen | null {
  const t = text.trim();
  if (!GROUPED.test(t) && !PLAIN.test(t)) return null;
  const negative = t.startsWith('-');
  const body = t.replace(/^[+-]/, '').replace(/,/g, '');
  const [whole = '0', frac = ''] = body.split('.');
  const decimals = UNIT_DECIMALS[unit];
  if (frac.length > decimals) return null;
  const fen = Number(whole) * FEN_PER[unit] + Number(frac.padEnd(decimals, '0') || '0') * (FEN_PER[unit] / 10 ** decimals);
  if (!Number.isSafeInteger(fen)) return null;
  return negative && fen !== 0 ? -fen : fen;
}

/** Whether a token looks like a printed amount at all (used to tell numbers from names). */
export function looksLikeAmount(text: string): boolean {
  const t = text.trim();
  return GROUPED.test(t) || PLAIN.test(t);
}

/** 分 → "8331275.00" (元, two decimals, no separators): the cells.md format. */
export function formatYuan(fen: Fen): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / 100);
  const cents = abs % 100;
  return `${sign}${yuan}.${String(cents).padStart(2, '0')}`;
}

/** 分 → "8,331,275.00": how the documents print 元. */
export function formatYuanGrouped(fen: Fen): string {
  const plain = formatYuan(fen);
  const [whole = '', cents = ''] = plain.replace('-', '').split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${fen < 0 ? '-' : ''}${grouped}.${cents}`;
}

/**
 * 分 → 万元 rounded half-up (half away from zero) to `decimals` places, as an integer count of
 * 10^-decimals 万元. The narrative states table figures this way: 8,331,275 元 → 833.13 万元.
 */
export function roundToWanyuanUnits(fen: Fen, decimals = 2): number {
  const step = FEN_PER.wanyuan / 10 ** decimals;
  const abs = Math.abs(fen);
  const units = Math.floor(abs / step) + (abs % step >= step / 2 ? 1 : 0);
  return fen < 0 ? -units : units;
}

/** 分 → "833.13" (万元, rounded half-up, fixed decimals). */
export function formatWanyuan(fen: Fen, decimals = 2): string {
  const units = roundToWanyuanUnits(fen, decimals);
  const abs = Math.abs(units);
  const scale = 10 ** decimals;
  const whole = Math.floor(abs / scale);
  const frac = decimals > 0 ? '.' + String(abs % scale).padStart(decimals, '0') : '';
  return `${units < 0 ? '-' : ''}${whole}${frac}`;
}

/** Exact sum of 分 amounts; throws when the sum would leave the safe-integer range. */
export function sumFen(values: Iterable<Fen>): Fen {
  let total = 0;
  for (const v of values) total += v;
  if (!Number.isSafeInteger(total)) throw new RangeError('金额合计超出可精确表示的范围');
  return total;
}

/** The shortest decimal text that reads back as this number, never in exponent form ("1e-7" → "0.0000001"). */
export function decimalOfNumber(v: number): string {
  const s = String(v);
  const m = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/i.exec(s);
  if (!m) return s;
  const [, sign = '', int = '', frac = '', exp = '0'] = m;
  const digits = int + frac;
  const point = int.length + Number(exp);
  const body = point <= 0 ? `0.${'0'.repeat(-point)}${digits}` : point >= digits.length ? digits + '0'.repeat(point - digits.length) : `${digits.slice(0, point)}.${digits.slice(point)}`;
  return sign + body;
}

/**
 * 分 → the number a spreadsheet cell holds in `unit` (元 or 万元), or undefined when no double
 * holds that amount exactly (beyond about 7×10^13 元): a cell must never lose a 分.
 */
export function fenToNumber(fen: Fen, unit: MoneyUnit): number | undefined {
  const v = fen / FEN_PER[unit];
  return parseAmount(decimalOfNumber(v), unit) === fen ? v : undefined;
}

/** Decimal places `fen` needs in `unit` to be written exactly (0–2 for 元, 0–6 for 万元). */
export function decimalsNeeded(fen: Fen, unit: MoneyUnit): number {
  let d = UNIT_DECIMALS[unit];
  let step = FEN_PER[unit] / 10 ** d;
  while (d > 0 && fen % (step * 10) === 0) {
    d--;
    step *= 10;
  }
  return d;
}

/** 分 → exact decimal text in `unit`, with `decimals` places at least ("93.47", "0.000001"). */
export function formatExact(fen: Fen, unit: MoneyUnit, decimals = 2): string {
  const places = Math.max(decimals, decimalsNeeded(fen, unit));
  const abs = Math.abs(fen);
  const per = FEN_PER[unit];
  const whole = Math.floor(abs / per);
  const frac = String(abs % per).padStart(UNIT_DECIMALS[unit], '0').slice(0, places);
  return `${fen < 0 ? '-' : ''}${whole}${places > 0 ? '.' + frac.padEnd(places, '0') : ''}`;
}

/** actual ÷ budget as a percentage in hundredths (9589 = 95.89%), half-up, exact on integers; undefined when nothing was budgeted. */
export function rateHundredths(actual: Fen, budget: Fen): number | undefined {
  if (budget <= 0) return undefined;
  return Number((BigInt(actual) * 20000n + BigInt(budget)) / (2n * BigInt(budget)));
}
