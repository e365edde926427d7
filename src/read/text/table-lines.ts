/** Lines of a table block that are not rows: unit, preparer, notes. Shared by both text layouts. */
import { preparerOfLine, unitOfLine } from '../titles.js';
import type { Line } from './segment.js';

export interface TableFrame {
  unit?: 'yuan' | 'wanyuan';
  preparer?: string;
}

/** Reads 编制单位/单位 lines; returns true when the line was one of them. */
export function readFrameLine(text: string, frame: TableFrame): boolean {
  const unit = unitOfLine(text);
  const preparer = preparerOfLine(text);
  if (unit) frame.unit ??= unit;
  if (preparer) frame.preparer ??= preparer;
  return Boolean(unit || preparer);
}

/** "注：……" or "……故本表无数据。" under a table. */
export function isTableNote(text: string): boolean {
  const t = text.trim();
  return /^(备)?注[：:]/.test(t) || /本表(无|为空|无数据)|故本表/.test(t);
}

export function noteText(lines: Line[]): string | undefined {
  const notes = lines.map((l) => l.text.trim()).filter(isTableNote);
  return notes.length > 0 ? notes.join('\n') : undefined;
}
