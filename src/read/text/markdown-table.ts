/**
 * Tables written as markdown (| cell | cell |), as in seed 000: every cell is in its column,
 * so the rows go to the grid-table reader. A table split by a page break continues in a second
 * markdown block, with its own header or a blank one (then the previous header still holds).
 */
import type { DraftTable, RowContext } from '../draft.js';
import { parseGridTable, type GridRowInput } from '../grid-table.js';
import type { Line, TableBlock } from './segment.js';
import { isTableNote, noteText, readFrameLine, type TableFrame } from './table-lines.js';

function splitRow(text: string): string[] {
  const inner = text.trim().replace(/^\|/, '').replace(/\|$/, '');
  return inner.split('|').map((c) => c.trim());
}

const isSeparator = (cells: string[]) => cells.every((c) => /^:?-{2,}:?$/.test(c));

export function parseMarkdownTable(block: TableBlock, ctx: RowContext): { table: DraftTable; trailing: Line[] } {
  const frame: TableFrame = {};
  const groups: GridRowInput[][] = [];
  const trailing: Line[] = [];
  let current: GridRowInput[] | undefined;
  for (const line of block.lines) {
    const t = line.text.trim();
    if (t.startsWith('|')) {
      const cells = splitRow(t);
      if (isSeparator(cells)) continue;
      if (!current) groups.push((current = []));
      const place = { file: ctx.file, line: line.no };
      current.push({ cells, origin: { line: line.no }, place: () => place });
      continue;
    }
    current = undefined;
    if (!t || readFrameLine(t, frame) || isTableNote(t)) continue;
    trailing.push(line);
  }
  const note = noteText(block.lines);
  const table = parseGridTable(
    {
      id: block.id,
      title: block.title,
      unit: frame.unit ?? 'yuan',
      groups,
      origin: { line: block.titleLine },
      ...(frame.preparer ? { preparer: frame.preparer } : {}),
      ...(note ? { note } : {}),
    },
    ctx,
  );
  return { table, trailing };
}
