/**
 * Publishing one document in every format: the page the public reads (HTML), the printed
 * disclosure (PDF), the workbook (XLSX) and the open data (cells CSV, JSON document,
 * datapackage.json). The CLI's `publish` and the server's download routes both call this.
 */
import type { BudgetDocument } from '../model/document.js';
import { formatReport } from '../check/report.js';
import type { CatalogSet } from '../catalogs/catalog.js';
import { checkDocument, type Finding } from '../check/engine.js';
import type { Chart } from './charts/charts.js';
import { documentHtml } from './html/document.js';
import { dataPackage, withoutFolders } from './opendata/datapackage.js';
import { publicCellsCsv, subjectsCsv, tableCsvFiles } from './opendata/public-csv.js';
import { composeNarrative } from './narrative/compose.js';
import { figuresOfSections } from '../read/narrative/figures.js';
import { latexToText } from './text/latex.js';
import { placeholderFindings } from '../check/placeholders.js';

export const FORMATS = ['html', 'pdf', 'xlsx', 'csv', 'json', 'datapackage'] as const;
export type Format = (typeof FORMATS)[number];

export interface PublishedFile {
  format: Format;
  /** File name, e.g. "budget.pdf". */
  name: string;
  mediaType: string;
  bytes: Uint8Array;
}

export interface PublishOptions {
  catalogs: CatalogSet;
  /** Last year's document: changes in the charts and in the generated narrative. */
  prior?: BudgetDocument;
  /** Formats to write (all by default). */
  formats?: readonly Format[];
  /** Findings to mark; the checker runs when none are given. */
  findings?: Finding[];
  /** Base of the file names (default "budget"). */
  baseName?: string;
  /**
   * public (default): the document as the public reads it, no findings marked; refused when the
   * checker finds errors unless `force`. review: the findings marked on the cells and sentences.
   */
  edition?: Edition;
  /** Publish the public edition in spite of errors; what was forced is written into the files. */
  force?: boolean;
  /** Licence of the open data (SPDX id, default CC-BY-4.0). */
  license?: string;
  /** Publisher of the open data (default: the document's entity). */
  publisher?: string;
  /** When the files were made (ISO date-time; default now). */
  created?: string;
}

export const EDITIONS = ['public', 'review'] as const;
export type Edition = (typeof EDITIONS)[number];

/** The public edition was asked for a document the checker finds errors (or placeholders) in, without `force`. */
export class PublishRefused extends Error {
  constructor(
    readonly errors: Finding[],
    readonly report: string,
  ) {
    super(`校验发现 ${refusalCount(errors)}，未发布公开版`);
  }
}

/** What the published files say about how they were published (forced errors). */
const FORCED = '本文件在校验发现';

/** "8 个错误", "2 处未填写的占位", "1 个错误、2 处未填写的占位". */
export function refusalCount(refused: Finding[]): string {
  const errors = refused.filter((f) => f.severity === 'error').length;
  const placeholders = refused.length - errors;
  return [errors || !placeholders ? `${errors} 个错误` : '', placeholders ? `${placeholders} 处未填写的占位` : ''].filter(Boolean).join('、');
}

export function forcedNote(errors: Finding[]): string {
  return `${FORCED} ${refusalCount(errors)}的情况下强制发布（--force），尚未改正：${errors.map((f, i) => `${i + 1}. ${f.message}`).join('；')}`;
}

/** What the public edition may not print: an error, or a placeholder left for the preparer (text.placeholder). */
export const refusesPublication = (f: Finding): boolean => f.severity === 'error' || f.rule === 'text.placeholder';

/**
 * The gate of the public edition: the findings' errors and placeholders refuse it unless forced; forced errors are
 * recorded in the document (a note every format shows). The review edition passes as it is.
 */
export function publicationGate(doc: BudgetDocument, findings: Finding[], options: Pick<PublishOptions, 'edition' | 'force'>): BudgetDocument {
  if ((options.edition ?? 'public') !== 'public') return doc;
  const errors = findings.filter(refusesPublication);
  if (errors.length === 0) return doc;
  if (!options.force) throw new PublishRefused(errors, formatReport(doc, errors));
  return { ...doc, notes: [...doc.notes, { kind: 'interpretation', message: forcedNote(errors) }] };
}

const MEDIA_TYPES: Record<Format, string> = {
  html: 'text/html; charset=utf-8',
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
  json: 'application/json',
  datapackage: 'application/json',
};

const EXTENSIONS: Record<Format, string> = { html: 'html', pdf: 'pdf', xlsx: 'xlsx', csv: 'cells.csv', json: 'json', datapackage: 'json' };

export const subjectsFileName = (base = 'budget') => `${base}.subjects.csv`;

/** The document as published in JSON: the source file's name without the publisher's folders. */
export function publicJson(doc: BudgetDocument): BudgetDocument {
  const source = doc.meta.source;
  if (!source?.fileName) return doc;
  return { ...doc, meta: { ...doc.meta, source: { ...source, fileName: withoutFolders(source.fileName) } } };
}

/**
 * Files that go with the cells CSV (written by publishDocument beside it): the 科目 code list and
 * one CSV per table in its printed layout.
 */
export function openDataFiles(doc: BudgetDocument, options: Pick<PublishOptions, 'catalogs' | 'baseName'>): PublishedFile[] {
  const base = options.baseName ?? 'budget';
  return [
    { format: 'csv', name: subjectsFileName(base), mediaType: MEDIA_TYPES.csv, bytes: utf8(subjectsCsv(doc, options.catalogs)) },
    ...tableCsvFiles(doc, base, options.catalogs).map((f): PublishedFile => ({ format: 'csv', name: f.name, mediaType: MEDIA_TYPES.csv, bytes: utf8(f.text) })),
  ];
}

export function fileName(format: Format, base = 'budget'): string {
  return format === 'datapackage' ? 'datapackage.json' : `${base}.${EXTENSIONS[format]}`;
}

const utf8 = (s: string) => new TextEncoder().encode(s);

/**
 * The text as a reader should see it: LaTeX residue ("$\\geq 85\\%$") in plain characters
 * (check reports it as text.latex), with a note of what was rewritten.
 */
export function plainText(doc: BudgetDocument): BudgetDocument {
  let changed = 0;
  // Every string of the narrative: sections, projects, and the sentences figures were read from.
  const clean = (v: unknown): unknown => {
    if (typeof v === 'string') {
      const t = latexToText(v);
      if (t !== v) changed++;
      return t;
    }
    if (Array.isArray(v)) return v.map(clean);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, clean(x)]));
    return v;
  };
  const narrative = clean(doc.narrative) as BudgetDocument['narrative'];
  if (changed === 0) return doc;
  return { ...doc, narrative, notes: [...doc.notes, { kind: 'interpretation', message: '发布时将文字中的 LaTeX 公式记号改写为普通文字（如“≥85%”）' }] };
}

/** The document's charts; ECharts loads on the first chart (a server that never draws one never loads it). */
async function drawCharts(doc: BudgetDocument, prior?: BudgetDocument): Promise<Chart[]> {
  const { documentCharts } = await import('./charts/charts.js');
  return documentCharts(doc, prior);
}

/** One format of a document. Heavy libraries (pdfkit, exceljs, echarts) load only when their format is asked for. */
export async function publishFormat(format: Format, source: BudgetDocument, options: PublishOptions & { charts?: Chart[] }): Promise<PublishedFile> {
  const doc = plainText(source);
  const base = options.baseName ?? 'budget';
  const file = (bytes: Uint8Array): PublishedFile => ({ format, name: fileName(format, base), mediaType: MEDIA_TYPES[format], bytes });
  const charts = async () => options.charts ?? (await drawCharts(doc, options.prior));
  switch (format) {
    case 'html': {
      if ((options.edition ?? 'public') === 'public') return file(utf8(documentHtml(doc, { charts: await charts(), catalogs: options.catalogs, publicationNotes: publicationNotes(doc) })));
      const findings = options.findings ?? checkDocument(doc, { catalogs: options.catalogs, ...(options.prior ? { prior: options.prior } : {}) });
      return file(utf8(documentHtml(doc, { findings, charts: await charts(), catalogs: options.catalogs })));
    }
    case 'pdf': {
      const { documentPdf } = await import('./pdf/document.js');
      return file(await documentPdf(doc, { charts: await charts(), catalogs: options.catalogs, publicationNotes: publicationNotes(doc) }));
    }
    case 'xlsx': {
      const { documentXlsx } = await import('./xlsx/workbook.js');
      return file(await documentXlsx(doc, { catalogs: options.catalogs }));
    }
    case 'csv':
      return file(utf8(publicCellsCsv(doc, options.catalogs)));
    case 'json':
      return file(utf8(JSON.stringify(publicJson(doc), null, 2) + '\n'));
    case 'datapackage': {
      const files = { cells: fileName('csv', base), document: fileName('json', base), subjects: subjectsFileName(base), tables: tableCsvFiles(doc, base, options.catalogs).map(({ name, title }) => ({ name, title })) };
      const pkg = dataPackage(publicJson(doc), files, { catalogs: options.catalogs, ...(options.license ? { license: options.license } : {}), ...(options.publisher ? { publisher: options.publisher } : {}), ...(options.created ? { created: options.created } : {}) });
      return file(utf8(JSON.stringify(pkg, null, 2) + '\n'));
    }
    default:
      throw new Error(`未知的发布格式：${format}`);
  }
}

/** Notes about the publication itself (a forced publication) that every format prints. */
export function publicationNotes(doc: BudgetDocument): string[] {
  return doc.notes.filter((n) => n.message.startsWith(FORCED)).map((n) => n.message);
}

/**
 * The document as it is published: its own narrative when it has one (differences from the
 * generated one are check findings), else the 编制说明 and 其他相关情况说明 written from its
 * tables, with a note saying so.
 */
export function withNarrative(doc: BudgetDocument, prior?: BudgetDocument): BudgetDocument {
  if (doc.narrative.sections.some((s) => s.kind === 'budget-explanation')) return doc;
  const generated = composeNarrative(doc, prior ? { prior } : {});
  const figures = figuresOfSections(generated);
  return {
    ...doc,
    narrative: { ...doc.narrative, sections: [...doc.narrative.sections, ...generated], amounts: [...doc.narrative.amounts, ...figures.amounts], counts: [...doc.narrative.counts, ...figures.counts], absences: [...doc.narrative.absences, ...figures.absences] },
    notes: [...doc.notes, { kind: 'interpretation', message: '文件没有编制说明：发布时按表中数字生成了编制说明与其他相关情况说明' }],
  };
}

/** The placeholders (text.placeholder) in the parts of the narrative that publishing wrote. */
export function generatedPlaceholders(source: BudgetDocument, narrated: BudgetDocument): Finding[] {
  if (narrated === source) return [];
  return placeholderFindings({ narrative: { sections: narrated.narrative.sections.filter((s) => !source.narrative.sections.includes(s)) }, tables: [] });
}

/** Every asked-for format; the charts are drawn once and shared by HTML and PDF. */
export async function publishDocument(source: BudgetDocument, options: PublishOptions): Promise<PublishedFile[]> {
  const checked = options.findings ?? checkDocument(source, { catalogs: options.catalogs, ...(options.prior ? { prior: options.prior } : {}) });
  // A generated 编制说明 leaves each 主要原因 to the preparer (【待填写：…】): errors like the document's own.
  const narrated = withNarrative(source, options.prior);
  const findings = [...checked, ...generatedPlaceholders(source, narrated)];
  const doc = publicationGate(narrated, findings, options);
  const formats = options.formats ?? FORMATS;
  const charts = formats.includes('html') || formats.includes('pdf') ? await drawCharts(doc, options.prior) : [];
  const out: PublishedFile[] = [];
  for (const f of formats) {
    out.push(await publishFormat(f, doc, { ...options, findings, charts }));
    if (f === 'csv') out.push(...openDataFiles(doc, options));
  }
  return out;
}
