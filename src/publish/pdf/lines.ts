/**
 * Chinese line breaking for the PDF (pure; the PDF writer measures): a line may break between
 * any two characters except that closing punctuation (，。、；：！？）」』”’》】…) never starts a
 * line, opening punctuation (（「『“‘《【) never ends one, and a number stays whole with its unit
 * ("2,241.00万元", "85%"), and a paragraph does not end on a line of one character. Lines are
 * then justified by spreading their characters, never so far that a text extractor would read
 * the gaps as spaces.
 */

/** Punctuation that may not begin a line (GB/T 15834 and the usual 禁则). */
export const NO_LINE_START = new Set([...'，。、；：！？）】」』”’》〉〕］｝…—·,.;:!?)]}%％℃～']);
/** Punctuation that may not end a line. */
export const NO_LINE_END = new Set([...'（【「『“‘《〈〔［｛([{']);

/**
 * The unbreakable pieces of a text: a number with its decimal marks, percent sign and money unit
 * ("1,258,600.00元", "193.20万元", "1.97%"), a run of Latin letters ("PDF"), a space, or one character.
 */
export function tokens(text: string): string[] {
  return text.match(/[0-9０-９](?:[0-9０-９.,．]*[0-9０-９])?[%％]?(?:万元|亿元|元)?|[A-Za-z][A-Za-z'-]*|\s+|[^]/gu) ?? [];
}

/**
 * The text as lines no wider than `width` (by `measure`), broken under the rules above: when the
 * next line would start with closing punctuation, or this one end with opening punctuation, the
 * last pieces of this line move down with it — unless that punctuation overflows by at most
 * `squeeze`, when it stays and the line is set closer. A piece wider than a line is cut by characters.
 */
export function breakLines(text: string, width: number, measure: (s: string) => number, firstWidth = width, squeeze = 0): string[] {
  const pieces = tokens(text).flatMap((t) => (measure(t) > Math.min(width, firstWidth) ? [...t] : [t]));
  const lines: string[][] = [];
  let line: string[] = [];
  let used = 0;
  for (const p of pieces) {
    const w = measure(p);
    const room = lines.length ? width : firstWidth;
    // Closing punctuation that overflows by little stays on the line, its characters drawn closer (squeeze).
    const squeezed = NO_LINE_START.has(p[0]!) && used + w - room <= squeeze;
    if (line.length && used + w > room && !squeezed && !/^\s+$/.test(p)) {
      const next: string[] = [p];
      // Closing punctuation must not start the next line: take the last pieces of this line down with it.
      while (line.length > 1 && NO_LINE_START.has(next[0]![0]!)) next.unshift(line.pop()!);
      // Opening punctuation must not end this line.
      while (line.length > 1 && NO_LINE_END.has(line[line.length - 1]!.slice(-1))) next.unshift(line.pop()!);
      lines.push(line);
      line = next;
      used = measure(line.join(''));
      continue;
    }
    line.push(p);
    used += w;
  }
  if (line.length) lines.push(line);
  // A last line of one character and its punctuation ("入。") takes one more character with it.
  const last = lines[lines.length - 1]!;
  const before = lines[lines.length - 2];
  if (before && before.length > 2 && last.filter((p) => !NO_LINE_START.has(p[0]!)).join('').length <= 1) {
    let moved = 0;
    while (before.length > 2 && moved === 0) {
      const p = before.pop()!;
      last.unshift(p);
      if (!NO_LINE_START.has(p[0]!) && !NO_LINE_END.has(before[before.length - 1]!.slice(-1))) moved++;
    }
  }
  // Spaces at a break are not printed.
  return lines.map((l) => l.join('').replace(/^\s+|\s+$/g, '')).filter((l, i, all) => l || all.length === 1);
}

/**
 * The character spacing that makes `line` fill `width` exactly: spread over the gaps between its
 * characters (negative for a squeezed line), at most `max` per gap either way, else 0.
 */
export function justifySpacing(line: string, natural: number, width: number, max: number): number {
  const gaps = [...line].length - 1;
  if (gaps < 1) return 0;
  const spacing = (width - natural) / gaps;
  return Math.abs(spacing) <= max ? spacing : 0;
}
