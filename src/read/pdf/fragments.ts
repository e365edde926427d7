/**
 * On a PDF page a long 科目 name, or a number too wide for its column, wraps inside its cell:
 * part of it sits just above the row's baseline and part just below ("机关事业单位基本养老保险缴费支"
 * / "2080505 … 553.54" / "出"; "12,868.1" / row / "9"). Such fragments are folded back into the
 * row they belong to: the nearest row on the same page.
 */
import type { Line, LineChunk } from '../text/segment.js';

const NUMBER = /^[-+]?[\d,]*\.?\d*$/;

function isFragment(line: Line, isRow: (l: Line) => boolean): boolean {
  return !!line.chunks && line.y !== undefined && !isRow(line);
}

export function foldFragments(lines: Line[], isRow: (l: Line) => boolean): Line[] {
  if (!lines.some((l) => l.chunks)) return lines;
  const rows = lines.filter((l) => isRow(l));
  const gap = (a: Line, b: Line) => Math.abs((a.y ?? 0) - (b.y ?? 0));
  const above = new Map<Line, Line[]>();
  const below = new Map<Line, Line[]>();
  const keep: Line[] = [];
  for (const line of lines) {
    if (!isFragment(line, isRow)) {
      keep.push(line);
      continue;
    }
    const candidates = rows.filter((r) => r.page === line.page && gap(r, line) < 18);
    const nearest = candidates.sort((a, b) => gap(a, line) - gap(b, line))[0];
    if (!nearest) {
      keep.push(line);
      continue;
    }
    const side = (line.y ?? 0) < (nearest.y ?? 0) ? above : below;
    side.set(nearest, [...(side.get(nearest) ?? []), line]);
  }
  return keep.map((line) => (above.has(line) || below.has(line) ? fold(line, above.get(line) ?? [], below.get(line) ?? []) : line));
}

/** The row with the fragments around it merged in: name pieces joined, number pieces joined by column. */
function fold(row: Line, up: Line[], down: Line[]): Line {
  const chunks: LineChunk[] = row.chunks!.map((c) => ({ ...c }));
  const overlapping = (a: LineChunk, b: LineChunk) => Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0) > 0 || Math.abs(a.x1 - b.x1) < 4;
  const pieces = (ls: Line[]) => ls.flatMap((l) => l.chunks ?? []);
  const ups = pieces(up);
  const downs = pieces(down);
  // Numbers split over two lines (浙江): the upper piece, then the lower one, at the same x.
  for (const u of ups.filter((c) => NUMBER.test(c.text))) {
    const d = downs.find((x) => NUMBER.test(x.text) && overlapping(u, x));
    if (d) downs.splice(downs.indexOf(d), 1);
    chunks.push({ text: u.text + (d?.text ?? ''), x0: Math.min(u.x0, d?.x0 ?? u.x0), x1: Math.max(u.x1, d?.x1 ?? u.x1) });
  }
  for (const d of downs.filter((c) => NUMBER.test(c.text))) chunks.push({ ...d });
  // Name pieces: above the row's own name, then below it.
  const nameUp = ups.filter((c) => !NUMBER.test(c.text));
  const nameDown = downs.filter((c) => !NUMBER.test(c.text));
  // A name piece in a column where the row prints no name (a 类 of the expenditure side wrapped around the numbers
  // of the row beside it, 上海) is a cell of its own: pieces above, then below, joined where they overlap.
  const hanzi = chunks.filter((c) => /[\u4e00-\u9fff]/.test(c.text));
  // Not a piece that starts where the row's own short piece ends (重庆: "其他行政事业单位养老支" just right of "出"): that is the name wrapped.
  const apart = (c: LineChunk) => hanzi.length > 1 || (hanzi.length === 1 && Math.min(c.x1, hanzi[0]!.x1) - Math.max(c.x0, hanzi[0]!.x0) <= 2 && c.x0 > hanzi[0]!.x1 + 4);
  const own = [...nameUp, ...nameDown].filter((c) => hanzi.length > 0 && apart(c) && !hanzi.some((h) => Math.min(c.x1, h.x1) - Math.max(c.x0, h.x0) > 2));
  if (own.length > 0) {
    const cell: LineChunk = { text: [...nameUp, ...nameDown].filter((c) => own.includes(c)).map((c) => c.text).join(''), x0: Math.min(...own.map((c) => c.x0)), x1: Math.max(...own.map((c) => c.x1)) };
    chunks.push(cell);
    nameUp.splice(0, nameUp.length, ...nameUp.filter((c) => !own.includes(c)));
    nameDown.splice(0, nameDown.length, ...nameDown.filter((c) => !own.includes(c)));
  }
  const name = chunks.find((c) => /[\u4e00-\u9fff]/.test(c.text));
  if (name && nameUp.length + nameDown.length > 0) {
    name.text = [...nameUp.map((c) => c.text), name.text, ...nameDown.map((c) => c.text)].join('');
  } else if (!name && nameUp.length + nameDown.length > 0) {
    const all = [...nameUp, ...nameDown];
    chunks.push({ text: all.map((c) => c.text).join(''), x0: Math.min(...all.map((c) => c.x0)), x1: Math.max(...all.map((c) => c.x1)) });
  }
  chunks.sort((a, b) => a.x0 - b.x0);
  return { ...row, chunks, text: chunks.map((c) => c.text).join(' ') };
}
