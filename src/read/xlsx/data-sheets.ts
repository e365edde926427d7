/**
 * The workbook's own sheets (model/workbook.ts): 文档信息, 说明文字, 其他表格, 导入说明, cells. Each is
 * known by its header row, whatever the sheet is called; columns are found by their header word,
 * so a column moved or left out by hand still reads. What cannot be read is refused at its cell.
 */
import type { DocumentMeta, ExtraTable, ImportNote, NarrativeSection, Origin } from '../../model/document.js';
import { SECTION_KINDS } from '../../model/keys.js';
import { EXTRA_ROW_KINDS, KIND_WORDS, LEVEL_WORDS, META_LABELS, NOTE_KIND_WORDS, SCOPE_WORDS, SECTION_KIND_WORDS, SHEET_HEADERS, keyOfWord, type DataSheet } from '../../model/workbook.js';
import { ImportError } from '../errors.js';
import { headingKind } from '../narrative/headings.js';
import { regionLevel } from '../meta.js';
import type { SheetCell, SheetData, SheetRow } from './workbook.js';

const bare = (s: string) => s.replace(/\s+/g, '');

/** Which data sheet this is, by its first row ("部分 标题 类别 …"). */
export function dataSheetKind(sheet: SheetData): DataSheet | undefined {
  const first = sheet.rows[0]?.cells.map((c) => bare(c.text)) ?? [];
  return (Object.keys(SHEET_HEADERS) as DataSheet[]).find((k) => {
    const want = SHEET_HEADERS[k].slice(0, k === 'cells' ? 4 : 3);
    return want.every((w, i) => first[i] === w);
  });
}

class Columns {
  private readonly at: Map<string, number>;
  constructor(
    readonly sheet: SheetData,
    readonly file?: string,
  ) {
    this.at = new Map((sheet.rows[0]?.cells ?? []).map((c, i) => [bare(c.text), i]));
  }
  cell(row: SheetRow, word: string): SheetCell | undefined {
    const i = this.at.get(word);
    return i === undefined ? undefined : row.cells[i];
  }
  text(row: SheetRow, word: string): string {
    return this.cell(row, word)?.text ?? '';
  }
  /** A whole number or nothing; anything else is an error at its cell. */
  int(row: SheetRow, word: string, what: string): number | undefined {
    const c = this.cell(row, word);
    if (!c || c.text === '') return undefined;
    const t = c.text.replace(/,/g, '');
    if (!/^\d+$/.test(t)) throw this.error(c, 'bad-value', `${what}“${c.text}”不是整数`, `请填写${what}（整数），或留空。`);
    return Number(t);
  }
  error(c: SheetCell | undefined, code: string, message: string, hint: string): ImportError {
    return new ImportError(code, `工作表“${this.sheet.name}”中${message}`, { file: this.file, sheet: this.sheet.name, cell: c?.address }, hint);
  }
}

function originOf(cols: Columns, row: SheetRow): Origin | undefined {
  const line = cols.int(row, '原文行号', '原文行号');
  const page = cols.int(row, '原文页码', '原文页码');
  if (line === undefined && page === undefined) return undefined;
  return { ...(line !== undefined ? { line } : {}), ...(page !== undefined ? { page } : {}) };
}

function wordOf<K extends string>(cols: Columns, row: SheetRow, column: string, words: Record<K, string>, keys: readonly string[], what: string): K | undefined {
  const c = cols.cell(row, column);
  if (!c || !c.text) return undefined;
  const key = keyOfWord(words, c.text) ?? (keys.includes(c.text) ? (c.text as K) : undefined);
  if (!key) throw cols.error(c, 'bad-value', `的${what}“${c.text}”无法识别`, `${what}应为：${Object.values<string>(words).join('、')}。`);
  return key;
}

/** 文档信息: one item a row (项目 | 内容 | 编码). */
export function readMetaSheet(sheet: SheetData, file?: string): DocumentMeta {
  const cols = new Columns(sheet, file);
  const items = new Map<string, SheetRow>();
  const members: DocumentMeta['memberUnits'] = [];
  const labels = Object.values<string>(META_LABELS);
  for (const row of sheet.rows.slice(1)) {
    const label = bare(cols.text(row, '项目'));
    if (!label) continue;
    if (!labels.includes(label)) throw cols.error(cols.cell(row, '项目'), 'bad-meta', `的项目“${label}”无法识别`, `项目应为：${labels.join('、')}。`);
    if (label === META_LABELS.member) {
      const code = cols.text(row, '编码');
      members.push({ name: cols.text(row, '内容'), ...(code ? { code } : {}) });
    } else items.set(label, row);
  }
  const need = (label: string): SheetRow => {
    const row = items.get(label);
    if (!row || !cols.text(row, '内容')) throw cols.error(undefined, 'bad-meta', `缺少“${label}”`, `请在“项目”列加一行“${label}”，并在“内容”列填写。`);
    return row;
  };
  const value = (label: string) => (items.get(label) ? cols.text(items.get(label)!, '内容') : '');
  const year = cols.int(need(META_LABELS.year), '内容', '年度')!;
  if (year < 1990 || year > 2200) throw cols.error(cols.cell(need(META_LABELS.year), '内容'), 'bad-meta', `的年度“${year}”不在 1990—2200 之间`, '请填写四位数的预算年度，如 2025。');
  const scopeRow = need(META_LABELS.scope);
  const scopeText = cols.text(scopeRow, '内容');
  const scope = /部门|department/.test(scopeText) ? 'department' : /单位|unit/.test(scopeText) ? 'unit' : undefined;
  if (!scope) throw cols.error(cols.cell(scopeRow, '内容'), 'bad-meta', `的范围“${scopeText}”无法识别`, `范围应为：${Object.values(SCOPE_WORDS).join('、')}。`);
  const region = value(META_LABELS.region);
  const entityRow = need(META_LABELS.entity);
  const code = cols.text(entityRow, '编码');
  const meta: DocumentMeta = {
    title: cols.text(need(META_LABELS.title), '内容'),
    year,
    kind: (items.get(META_LABELS.kind) && wordOf(cols, items.get(META_LABELS.kind)!, '内容', KIND_WORDS, ['budget', 'final'], '类别')) || 'budget',
    scope,
    level: (items.get(META_LABELS.level) && wordOf(cols, items.get(META_LABELS.level)!, '内容', LEVEL_WORDS, Object.keys(LEVEL_WORDS), '层级')) || regionLevel(region),
    region,
    entity: { name: cols.text(entityRow, '内容'), ...(code ? { code } : {}) },
    memberUnits: members,
  };
  const counts: NonNullable<DocumentMeta['memberCounts']> = {};
  for (const k of ['administrative', 'civilServiceManaged', 'institution'] as const) {
    const row = items.get(META_LABELS[k]);
    const n = row ? cols.int(row, '内容', META_LABELS[k]) : undefined;
    if (n !== undefined) counts[k] = n;
  }
  if (Object.keys(counts).length > 0) meta.memberCounts = counts;
  return meta;
}

/** 说明文字: one paragraph a row; a new 部分 number (or, without one, a new 标题) starts a section. */
export function readNarrativeSheet(sheet: SheetData, file?: string): NarrativeSection[] {
  const cols = new Columns(sheet, file);
  const sections: NarrativeSection[] = [];
  let key: string | undefined;
  for (const row of sheet.rows.slice(1)) {
    const heading = cols.cell(row, '标题')?.raw.trim() ?? '';
    const part = cols.text(row, '部分');
    const rowKey = part || `${heading}|${cols.text(row, '类别')}`;
    const kind = wordOf(cols, row, '类别', SECTION_KIND_WORDS, SECTION_KINDS, '类别');
    if (rowKey !== key || sections.length === 0) {
      key = rowKey;
      sections.push({ heading, kind: kind ?? headingKind(heading, undefined) ?? 'other', paragraphs: [] });
    }
    const text = cols.cell(row, '段落')?.raw ?? '';
    if (!text.trim()) continue;
    const origin = originOf(cols, row);
    sections[sections.length - 1]!.paragraphs.push({ text, ...(origin?.line !== undefined ? { line: origin.line } : {}), ...(origin?.page !== undefined ? { page: origin.page } : {}) });
  }
  return sections;
}

/** 其他表格: each table's rows under its 序号 — 原因, 出处, then 表头 and 表体 rows of cells. */
export function readExtraSheet(sheet: SheetData, file?: string): ExtraTable[] {
  const cols = new Columns(sheet, file);
  const contentAt = (sheet.rows[0]?.cells ?? []).findIndex((c) => bare(c.text) === '内容');
  const tables = new Map<string, ExtraTable>();
  for (const row of sheet.rows.slice(1)) {
    const id = cols.text(row, '序号') || cols.text(row, '表名');
    const table = tables.get(id) ?? { title: cols.text(row, '表名'), headers: [], rows: [], reason: '' };
    tables.set(id, table);
    const cells = row.cells.slice(contentAt).map((c) => c.text);
    while (cells.length > 0 && cells[cells.length - 1] === '') cells.pop();
    const kind = keyOfWord(EXTRA_ROW_KINDS, cols.text(row, '行类型'));
    if (kind === 'reason') table.reason = cells[0] ?? '';
    else if (kind === 'origin') {
      const [line, page] = cells.map((c) => (/^\d+$/.test(c) ? Number(c) : undefined));
      table.origin = { ...(line ? { line } : {}), ...(page ? { page } : {}) };
    } else if (kind === 'header') table.headers.push(cells);
    else if (kind === 'body') table.rows.push(cells);
    else throw cols.error(cols.cell(row, '行类型'), 'bad-value', `的行类型“${cols.text(row, '行类型')}”无法识别`, `行类型应为：${Object.values(EXTRA_ROW_KINDS).join('、')}。`);
  }
  return [...tables.values()];
}

/** 导入说明: the notes an earlier import made, carried with the document. */
export function readNotesSheet(sheet: SheetData, file?: string): ImportNote[] {
  const cols = new Columns(sheet, file);
  return sheet.rows.slice(1).flatMap((row): ImportNote[] => {
    const message = cols.text(row, '说明');
    if (!message) return [];
    const note: ImportNote = { kind: wordOf(cols, row, '类别', NOTE_KIND_WORDS, Object.keys(NOTE_KIND_WORDS), '类别') ?? 'interpretation', message };
    const table = cols.text(row, '表');
    if (table) note.table = table;
    const r = cols.text(row, '行');
    if (r) note.row = r;
    const origin = originOf(cols, row);
    if (origin) note.origin = origin;
    return [note];
  });
}
