/**
 * Reading any disclosure: the importer is chosen by the content, not by the file name.
 */
import { budgetDocumentSchema, tableKeyIssues, type BudgetDocument } from '../model/document.js';
import { ImportError } from './errors.js';
import { readTextDocument, type ReadOptions } from './text/import.js';
import { isPdf, readPdfDocument } from './pdf/import.js';
import { isZip } from './xlsx/workbook.js';

export type { ReadOptions } from './text/import.js';

function looksLikeJson(bytes: Uint8Array): boolean {
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x0a || bytes[i] === 0x0d || bytes[i] === 0x09)) i++;
  return bytes[i] === 0x7b;
}

/** A budgetbook JSON document (as written by `budgetbook json`), validated whole. */
export function readJsonDocument(bytes: Uint8Array, fileName?: string): BudgetDocument {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8').decode(bytes));
  } catch (e) {
    throw new ImportError('bad-json', `JSON 格式错误：${(e as Error).message}`, { file: fileName }, '请检查文件是否完整。');
  }
  const parsed = budgetDocumentSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ImportError('bad-json', `不是有效的 budgetbook 文档：字段 ${issue.path.join('.') || '(根)'}：${issue.message}`, { file: fileName }, '请使用 budgetbook json 导出的文件，字段说明见 docs/document.schema.json。');
  }
  return parsed.data;
}

/** Text or JSON (synchronous). */
export function readDocument(bytes: Uint8Array, options: ReadOptions): BudgetDocument {
  if (looksLikeJson(bytes)) return readJsonDocument(bytes, options.fileName);
  return readTextDocument(bytes, options);
}

/**
 * The keys every importer's document must keep to (model/document.ts): a row only named in a PDF,
 * text or workbook keeps its name in its key, and a name that is markup or a formula is refused.
 */
export function checkedKeys(doc: BudgetDocument, fileName?: string, lenient = false): BudgetDocument {
  const hint = '请核对该行的名称或编码：名称中不能有 < > " ` 或控制字符，也不能以 = + - @ 开头。';
  for (const t of [...doc.tables]) {
    const [issue] = tableKeyIssues(t);
    if (!issue) continue;
    if (!lenient) throw new ImportError('bad-key', issue.message, { file: fileName }, hint);
    // Read leniently: the table is reported unread and kept as printed, the rest stands.
    doc.tables.splice(doc.tables.indexOf(t), 1);
    const at = t.origin?.page ? `第 ${t.origin.page} 页` : '';
    doc.notes.push({ kind: 'unread-table', table: t.id, message: `${at}的《${t.title}》未能读出：${issue.message}。处理建议：${hint}`, ...(t.origin ? { origin: t.origin } : {}) });
    doc.extraTables.push({ title: t.title, headers: [t.columns], rows: t.rows.map((r) => [r.code ?? '', r.label ?? '', ...Object.values(r.cells).map(String)]), reason: `未能读出：${issue.message}`, ...(t.origin ? { origin: t.origin } : {}) });
  }
  return doc;
}

/** Any disclosure: PDF, XLSX, text or JSON, chosen by the content. */
export async function readAnyDocument(bytes: Uint8Array, options: ReadOptions): Promise<BudgetDocument> {
  if (isPdf(bytes)) return checkedKeys(await readPdfDocument(bytes, options), options.fileName, options.requireAllTables === false);
  if (isZip(bytes)) {
    const { readXlsxDocument } = await import('./xlsx/import.js');
    return checkedKeys(await readXlsxDocument(bytes, options), options.fileName, options.requireAllTables === false);
  }
  return checkedKeys(readDocument(bytes, options), options.fileName, options.requireAllTables === false);
}

export type { ReadLimits, IsolatedReadOptions } from './isolate.js';

/**
 * Any disclosure from an untrusted source, read in a child process within memory and time limits
 * (isolate.ts): the command line and the server read files this way. Rejects with a located
 * ImportError for anything wrong with the file, InternalReadError for a defect of the reader,
 * ReadCancelled when `limits.signal` aborts.
 */
export async function readIsolated(
  bytes: Uint8Array,
  name: string | undefined,
  options: import('./isolate.js').IsolatedReadOptions,
  limits?: import('./isolate.js').ReadLimits,
): Promise<BudgetDocument> {
  const isolate = await import('./isolate.js');
  return isolate.readIsolated(bytes, name, options, limits);
}
