/**
 * The XLSX importer: a workbook in the layout src/publish/xlsx writes (one sheet per table, then
 * 说明文字, 文档信息, 其他表格, 导入说明), or typed by hand in that layout: tables found by title or
 * sheet name, merges optional, numbers as numbers or as text, a table over two sheets, several
 * tables on one sheet. Without the data sheets, the cover and narrative are read from the text
 * rows as the text importer reads lines, and what is still missing from the table titles and the
 * 编制单位 line. Nothing is corrected: a total that does not add up is read as written.
 */
import type { BudgetDocument, ExtraTable, ImportNote, NarrativeSection } from '../../model/document.js';
import type { DataSheet } from '../../model/workbook.js';
import { finishTables } from '../draft.js';
import { ImportError } from '../errors.js';
import { readMeta } from '../meta.js';
import { readSectionsOf } from '../narrative/figures.js';
import { assembleDocument } from '../document.js';
import { buildSections, toModelSections, type ReadSection, type SourceLine } from '../narrative/sections.js';
import { assertAllTables, type ReadOptions } from '../text/import.js';
import { dataSheetKind, readExtraSheet, readMetaSheet, readNarrativeSheet, readNotesSheet } from './data-sheets.js';
import { entityOfTables, metaFromTables } from './meta.js';
import { assembleTables, extraTableOf, segmentSheet, untitledSheet, type SheetParts, type TablePart } from './tables.js';
import { classifyTable } from '../classify.js';
import { TABLE_NAMES, type TableId } from '../../model/tables.js';
import { loadWorkbook, type SheetData, type SheetRow } from './workbook.js';

export { isXlsx, isZip } from './workbook.js';

/**
 * Sheets that hold one table under a title (and sheet name) the reader does not know: each is
 * read as the standard table its content is (read/classify.ts), when that table is not found
 * otherwise; those the content decides first, then the others in order. A note says how.
 */
function identifyByContent(sheets: SheetData[], parts: SheetParts, options: ReadOptions): ImportNote[] {
  // The newest catalog edition: 类 names hardly change, and the year is read from the tables later.
  const found = sheets.flatMap((sheet) => {
    const untitled = untitledSheet(sheet, parts);
    if (!untitled) return [];
    const c = classifyTable({ title: untitled.title, lines: untitled.lines }, options.catalogs, 9999);
    return c.candidates.length > 0 ? [{ sheet, untitled, c }] : [];
  });
  const taken = new Set<TableId>(parts.tables.map((t) => t.id));
  const notes: ImportNote[] = [];
  for (const decided of [true, false]) {
    for (const f of found) {
      if ((f.c.candidates.length === 1) !== decided) continue;
      const id = f.c.candidates.find((x) => !taken.has(x));
      if (!id) continue;
      taken.add(id);
      parts.text = parts.text.filter((r) => !f.sheet.rows.includes(r));
      segmentSheet(f.sheet, parts, { id, title: f.untitled.title, titleRow: f.untitled.titleRow });
      notes.push({ kind: 'interpretation', table: id, message: `工作表“${f.sheet.name}”的《${f.untitled.title}》不是标准表名，按内容识别为“${TABLE_NAMES[id]}”：${f.c.evidence}` });
    }
  }
  return notes;
}

export async function readXlsxDocument(bytes: Uint8Array, options: ReadOptions): Promise<BudgetDocument> {
  try {
    return await readWorkbook(bytes, options);
  } catch (e) {
    if (e instanceof ImportError && options.fileName) throw e.withFile(options.fileName);
    throw e;
  }
}

const lineOf = (r: SheetRow): SourceLine => ({ text: r.cells.filter((c) => c.text).map((c) => c.raw.trim()).join(' '), no: r.line });

interface Narrative {
  sections: NarrativeSection[];
  read: ReadSection[];
}

/** The narrative: the 说明文字 sheet, or the text rows read as lines; text under a table is its 表下说明. */
function narrativeOf(data: SheetData | undefined, parts: SheetParts, file?: string): Narrative {
  const tableNotes = parts.tables.filter((p) => p.trailing.length > 0).map((p) => ({ title: p.title, line: p.trailing[0]!.line, lines: p.trailing.map(lineOf) }));
  if (!data) {
    const read = buildSections(parts.text.map(lineOf), tableNotes);
    return { sections: toModelSections(read), read };
  }
  const sections = readNarrativeSheet(data, file);
  for (const n of tableNotes) {
    const paragraphs = n.lines.map((l) => ({ text: l.text }));
    const same = sections.some((s) => s.kind === 'table-note' && s.heading === n.title && s.paragraphs.map((p) => p.text).join('\n') === paragraphs.map((p) => p.text).join('\n'));
    if (!same) sections.push({ heading: n.title, kind: 'table-note', paragraphs });
  }
  return { sections, read: readSectionsOf(sections) };
}

function metaOf(data: SheetData | undefined, parts: SheetParts, read: ReadSection[], notes: ImportNote[], file?: string) {
  if (data) return readMetaSheet(data, file);
  if (parts.text.length > 0) {
    try {
      const meta = readMeta({ lines: parts.text.map(lineOf), sections: read, file });
      // A cover with a title but no 预算主管部门/预算单位 line: the 编制单位 line names the entity.
      if (!meta.entity.name) meta.entity = entityOfTables(parts.tables);
      return meta;
    } catch (e) {
      if (!(e instanceof ImportError && e.code === 'no-title')) throw e;
    }
  }
  const { meta, note } = metaFromTables(parts.tables, file);
  notes.push(note);
  return meta;
}

function unitNotes(parts: TablePart[][], assumed: boolean[]): ImportNote[] {
  return parts.flatMap((ps, i) => {
    if (!assumed[i]) return [];
    const p = ps[0]!;
    const unit = p.id === 'three-public' ? '万元' : '元';
    return [{ kind: 'interpretation' as const, table: p.id, message: `${p.title}（工作表“${p.sheet}”）没有写明金额单位，按标准版式读作“${unit}”` }];
  });
}

async function readWorkbook(bytes: Uint8Array, options: ReadOptions): Promise<BudgetDocument> {
  const file = options.fileName;
  const sheets = await loadWorkbook(bytes, file);
  const data: Partial<Record<DataSheet, SheetData>> = {};
  const parts: SheetParts = { tables: [], extras: [], text: [] };
  const plain: SheetData[] = [];
  for (const sheet of sheets) {
    const kind = dataSheetKind(sheet);
    if (kind && !data[kind]) data[kind] = sheet;
    else if (!kind) {
      segmentSheet(sheet, parts);
      plain.push(sheet);
    }
  }
  const identified = identifyByContent(plain, parts, options);
  if (parts.tables.length === 0) {
    throw new ImportError(
      'no-tables',
      `工作簿中没有找到任何预算表（共 ${sheets.length} 个工作表：${sheets.map((s) => `“${s.name}”`).join('、')}）`,
      { file },
      '每张表的第一行应为表名（如“2025年部门收入预算总表”），下面是“单位：元”和表头；也可以把工作表命名为表名（如“收入预算总表”）。',
    );
  }
  const notes: ImportNote[] = data.notes ? readNotesSheet(data.notes, file) : [];
  notes.push(...identified);
  const narrative = narrativeOf(data.narrative, parts, file);
  const meta = metaOf(data.meta, parts, narrative.read, notes, file);
  meta.source = { layout: 'xlsx', ...(file ? { fileName: file } : {}) };
  const assembled = assembleTables(parts.tables, { file, year: meta.year, catalogs: options.catalogs, kind: meta.kind });
  const extraTables: ExtraTable[] = [...(data.extra ? readExtraSheet(data.extra, file) : []), ...parts.extras.map(extraTableOf)];
  const drafts = assembled.map((a) => a.draft);
  if (options.requireAllTables ?? true) assertAllTables(drafts, extraTables, file, { catalogs: options.catalogs, year: meta.year });
  const { tables, notes: tableNotes } = finishTables(drafts, file);
  notes.push(
    ...unitNotes(
      assembled.map((a) => a.parts),
      assembled.map((a) => a.unitAssumed),
    ),
    ...tableNotes,
    // What the 决算 reader says of a table, unless the 导入说明 sheet already carries it.
    ...assembled.flatMap((a) => (a.note && !notes.some((n) => n.message === a.note) ? [{ kind: 'interpretation' as const, table: a.draft.id, message: a.note }] : [])),
  );
  return assembleDocument({ meta, tables, extraTables, read: narrative.read, sections: narrative.sections, notes });
}
