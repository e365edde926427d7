/** Amounts as the pages show them: 分 → 元 (two decimals, separators) or 万元 (half-up), from src/model/money.ts. */
import { formatWanyuan, formatYuanGrouped, type MoneyUnit } from '../../src/model/money.js';

/** Thousands separators on the whole part of a decimal text ("25780.13" → "25,780.13"), as 元 figures have them. */
export function grouped(text: string): string {
  const m = /^(-?)(\d+)(\.\d+)?$/.exec(text);
  return m ? `${m[1]}${m[2]!.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${m[3] ?? ''}` : text;
}

export function money(fen: number | null | undefined, unit: MoneyUnit): string {
  if (fen === null || fen === undefined) return '—';
  return unit === 'wanyuan' ? grouped(formatWanyuan(fen)) : formatYuanGrouped(fen);
}

export const unitName = (unit: MoneyUnit) => (unit === 'wanyuan' ? '万元' : '元');

export const wan = (fen: number) => `${grouped(formatWanyuan(fen))} 万元`;

/** A change in percent as src/compare rounds it (two decimals, half away from zero, on integers), with its sign ("+3.25%"). */
export function percentText(p: number | null | undefined): string {
  if (p === null || p === undefined || !Number.isFinite(p)) return '';
  return `${p > 0 ? '+' : ''}${p.toFixed(2)}%`;
}

export const STATE_NAMES: Record<string, string> = { draft: '草稿', submitted: '已提交', returned: '已退回', approved: '已审核通过', published: '已公开' };
export const SCOPE_NAMES: Record<string, string> = { department: '部门预算', unit: '单位预算' };
/** What a document is, said in full: 部门预算, 单位预算, 部门决算 or 单位决算. */
export const documentName = (d: { kind: 'budget' | 'final'; scope: string }) => (d.kind === 'final' ? (d.scope === 'unit' ? '单位决算' : '部门决算') : SCOPE_NAMES[d.scope]);
export const ROLE_NAMES: Record<string, string> = { preparer: '编制人', reviewer: '审核人', bureau: '财政局', admin: '管理员' };

export const dateTime = (iso: string) => new Date(iso).toLocaleString('zh-CN', { hour12: false });
