/**
 * Narrative lines → sections of paragraphs. Text flattened from a PDF breaks sentences at the
 * page width (and sometimes leaves a blank line inside a sentence), so a line continues the
 * paragraph before it unless that one ended a sentence or this one starts a new item.
 */
import type { NarrativeSection } from '../../model/document.js';
import { headingKind } from './headings.js';
import { isAnyTableTitle } from '../titles.js';

export interface SourceLine {
  text: string;
  no: number;
  /** PDF lines: a paragraph starts indented, and a line that reaches the margin goes on. */
  indent?: boolean;
  wrapped?: boolean;
  /** Known from the layout: the line goes on the paragraph before it (true) or starts one (false). */
  continues?: boolean;
}

export interface ReadParagraph {
  text: string;
  line: number;
  /** Offsets in `text` where each source line begins, to locate a phrase by line. */
  starts: { offset: number; line: number }[];
  /** PDF: the paragraph's last line reached the margin. */
  wrapped?: boolean;
}

export interface ReadSection {
  heading: string;
  kind: NarrativeSection['kind'];
  line: number;
  paragraphs: ReadParagraph[];
}

const ITEM_START = /^([（(]?[一二三四五六七八九十]+[)）、]|[（(]\d+[)）]|\d+[、.．](?!\d)|[-•·]\s)/;
const SENTENCE_END = /[。！？!?]$/;
/** A numbered line of a table of contents ("一、部门主要职能", "1. 2025年部门收入预算总表"): an entry, not the heading it names. */
const CONTENTS_ENTRY = /^([一二三四五六七八九十]+、|\d+[.、．]\s*\S|[（(][一二三四五六七八九十]+[)）]).{1,40}$/;

/** Where a heading's own line begins a new section; `tableNote` groups lines printed under a table. */
export function buildSections(lines: SourceLine[], tableNotes: { title: string; line: number; lines: SourceLine[] }[]): ReadSection[] {
  const items: ({ kind: 'line'; line: SourceLine } | { kind: 'note'; note: (typeof tableNotes)[number] })[] = [
    ...lines.map((line) => ({ kind: 'line' as const, line })),
    ...tableNotes.map((note) => ({ kind: 'note' as const, note })),
  ].sort((a, b) => (a.kind === 'line' ? a.line.no : a.note.line) - (b.kind === 'line' ? b.line.no : b.note.line));
  const sections: ReadSection[] = [];
  let current: ReadSection = { heading: '', kind: 'cover', line: 1, paragraphs: [] };
  sections.push(current);
  for (const item of items) {
    if (item.kind === 'note') {
      const note: ReadSection = { heading: item.note.title, kind: 'table-note', line: item.note.line, paragraphs: [] };
      for (const l of item.note.lines) addLine(note, unspacedLine(l));
      sections.push(note);
      continue;
    }
    const line = unspacedLine(item.line);
    const text = line.text.trim();
    const kind = isContentsEntry(current, text) ? undefined : headingKind(text, current.kind);
    if (kind) {
      current = { heading: text, kind, line: line.no, paragraphs: [] };
      sections.push(current);
      continue;
    }
    if (text) addLine(current, line);
    else current.paragraphs.push({ text: '', line: line.no, starts: [] });
  }
  for (const s of sections) s.paragraphs = s.paragraphs.filter((p) => p.text !== '');
  return sections.filter((s) => s.kind !== 'cover' || s.paragraphs.length > 0);
}

/**
 * A justified PDF line whose characters the writer spread apart ("2 0 2 6 年 本 部 门 收 入 预 算 1 7 4 , 1 7 7 . 8 5 万 元"):
 * the characters of the spread runs joined again, so that its words and numbers read as printed.
 */
export function unspaced(text: string): string {
  const tokens = text.trim().split(/ +/);
  const single = tokens.filter((t) => t.length === 1).length;
  if (single < 8 || single < tokens.length * 0.6) return text;
  let out = tokens[0]!;
  for (let i = 1; i < tokens.length; i++) out += tokens[i - 1]!.length === 1 || tokens[i]!.length === 1 ? tokens[i] : ` ${tokens[i]}`;
  return (/^\s*/.exec(text)?.[0] ?? '') + out;
}

function unspacedLine<T extends SourceLine>(line: T): T {
  const text = unspaced(line.text);
  return text === line.text ? line : { ...line, text };
}

/** Inside a contents list without page-number leaders, a numbered line is one more entry. */
function isContentsEntry(current: ReadSection, text: string): boolean {
  return current.kind === 'contents' && CONTENTS_ENTRY.test(text) && !current.paragraphs.some((p) => /\.{3,}|…{2,}/.test(p.text));
}

function addLine(section: ReadSection, line: SourceLine): void {
  const text = line.text.trim();
  const paras = section.paragraphs;
  if (line.wrapped !== undefined) {
    const prev = paras[paras.length - 1];
    // A PDF paragraph goes on unless this line is indented, starts an item, or the last one
    // ended a sentence short of the margin.
    const ended = !prev?.wrapped && /[。！？；：:]$/.test(prev?.text ?? '');
    // A contents line ends at its page number after dot leaders ("名词解释 ……… 3"), reaching the margin or not.
    if (section.kind === 'contents' && /(\.{3,}|…{2,})\s*\d+$/.test(prev?.text ?? '')) {
      paras.push({ text, line: line.no, starts: [{ offset: 0, line: line.no }], wrapped: line.wrapped });
      return;
    }
    // A line that starts like an item ("（1）…", "2. …") but follows a full line without an indent
    // is the paragraph going on: the page width, not the writer, broke it there.
    if (line.continues !== undefined && prev) {
      if (line.continues) {
        prev.starts.push({ offset: prev.text.length, line: line.no });
        prev.text += text;
      } else paras.push({ text, line: line.no, starts: [{ offset: 0, line: line.no }], wrapped: line.wrapped });
      return;
    }
    // A list of the tables' titles (“表4.…总表” over “表5.…预算表”): one paragraph per title.
    if (prev && isAnyTableTitle(prev.text) && isAnyTableTitle(text)) {
      paras.push({ text, line: line.no, starts: [{ offset: 0, line: line.no }], wrapped: line.wrapped });
      return;
    }
    const brokenMidSentence = !!prev?.wrapped && section.kind !== 'contents' && /[\u4e00-\u9fffA-Za-z，、（(“]$/.test(prev.text);
    const item = ITEM_START.test(text) && !brokenMidSentence;
    if (prev && !line.indent && !item && !ended) {
      prev.starts.push({ offset: prev.text.length, line: line.no });
      prev.text += text;
      prev.wrapped = line.wrapped;
    } else paras.push({ text, line: line.no, starts: [{ offset: 0, line: line.no }], wrapped: line.wrapped });
    return;
  }
  let last = paras[paras.length - 1];
  if (last && last.text === '') {
    paras.pop();
    last = paras[paras.length - 1];
    if (last && (SENTENCE_END.test(last.text) || !continuesAcrossBlank(last.text))) last = undefined;
  }
  if (last && !SENTENCE_END.test(last.text) && !ITEM_START.test(text) && !isStandalone(last.text)) {
    last.starts.push({ offset: last.text.length, line: line.no });
    last.text += text;
    return;
  }
  paras.push({ text, line: line.no, starts: [{ offset: 0, line: line.no }] });
}

/** A sentence cut at the page width by a PDF export: long, and stopped without punctuation. */
function continuesAcrossBlank(text: string): boolean {
  return text.length >= 30 && !/[：:]$/.test(text);
}

/** Short item lines that stand alone though they end without punctuation (list items, captions). */
function isStandalone(text: string): boolean {
  return /[：:]$/.test(text) && text.length < 20;
}

export function lineAt(p: ReadParagraph, offset: number): number {
  let line = p.line;
  for (const s of p.starts) if (s.offset <= offset) line = s.line;
  return line;
}

export function toModelSections(sections: ReadSection[]): NarrativeSection[] {
  return sections.map((s) => ({ heading: s.heading, kind: s.kind, paragraphs: s.paragraphs.map((p) => ({ text: p.text, line: p.line })) }));
}
