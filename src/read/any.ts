/**
 * Any disclosure, the importer chosen by the content: PDF, XLSX, text or JSON. The readers of
 * PDF, XLSX and JSON (pdf.js, exceljs, zod) are loaded only for a file that needs them, so that
 * the reading child and the command line's in-process reader start quickly.
 */
import type { BudgetDocument } from '../model/document.js';
import { checkedKeys } from './checked-keys.js';
import { readTextDocument, type ReadOptions } from './text/import.js';
import { isPdf } from './pdf/signature.js';
import { isZip } from './xlsx/workbook.js';

export function looksLikeJson(bytes: Uint8Array): boolean {
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x0a || bytes[i] === 0x0d || bytes[i] === 0x09)) i++;
  return bytes[i] === 0x7b;
}

export async function readAnyDocument(bytes: Uint8Array, options: ReadOptions): Promise<BudgetDocument> {
  const lenient = options.requireAllTables === false;
  if (isPdf(bytes)) {
    const { readPdfDocument } = await import('./pdf/import.js');
    return checkedKeys(await readPdfDocument(bytes, options), options.fileName, lenient);
  }
  if (isZip(bytes)) {
    const { readXlsxDocument } = await import('./xlsx/import.js');
    return checkedKeys(await readXlsxDocument(bytes, options), options.fileName, lenient);
  }
  if (looksLikeJson(bytes)) {
    const { readJsonDocument } = await import('./json.js');
    return checkedKeys(readJsonDocument(bytes, options.fileName), options.fileName, lenient);
  }
  return checkedKeys(readTextDocument(bytes, options), options.fileName, lenient);
}
