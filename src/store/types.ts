/**
 * How database values become JavaScript values, set in one place for both drivers (they differ
 * by default: pg gives int8 as a string, PGlite as a number or a BigInt).
 * int8 (money in 分, ids, counts) → number, refused beyond 2^53; numeric → string (exact);
 * date → 'YYYY-MM-DD'; timestamptz → ISO string in UTC.
 */
export const OID = { INT8: 20, NUMERIC: 1700, DATE: 1082, TIMESTAMP: 1114, TIMESTAMPTZ: 1184 } as const;

export function parseInt8(text: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n)) throw new RangeError(`数据库中的整数 ${text} 超出可精确表示的范围（±2^53）`);
  return n;
}

/** "2026-12-01 20:44:19.989+00" → "2026-12-01T20:44:19.989Z". */
export function parseTimestamp(text: string): string {
  const iso = text.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00');
  const d = new Date(/[zZ]|[+-]\d\d:\d\d$/.test(iso) ? iso : iso + 'Z');
  return Number.isNaN(d.getTime()) ? text : d.toISOString();
}

export const PARSERS: Record<number, (text: string) => unknown> = {
  [OID.INT8]: parseInt8,
  [OID.NUMERIC]: (t) => t,
  [OID.DATE]: (t) => t,
  [OID.TIMESTAMP]: parseTimestamp,
  [OID.TIMESTAMPTZ]: parseTimestamp,
};
