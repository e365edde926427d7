/** `budgetbook cells <file>` and `budgetbook json <file>`: exit 0 read, 3 partly read (stderr says what was not), 2 refused. */
import type { BudgetDocument } from '../model/document.js';
import { readStatus } from '../read/status.js';
import { cellsCsv } from '../publish/opendata/cells.js';
import { loadCatalogs } from './home.js';
import { readDocumentFile, writeOut } from './io.js';

/** Exit code of a document read only in part (some tables unread, or none found). */
export const PARTLY_READ = 3;

/** What was not read, on stderr; the exit code for it. */
function reportUnread(doc: BudgetDocument, file: string | undefined): number {
  const status = readStatus(doc);
  if (!status.partly) return 0;
  process.stderr.write(`文件 ${file ?? ''} 只读出了一部分：\n${status.unread.map((u) => `  ${u}`).join('\n')}\n`);
  return PARTLY_READ;
}

export async function cellsCommand(args: string[]): Promise<number> {
  const file = args[0];
  const doc = await readDocumentFile(file, 'budgetbook cells <文件>', loadCatalogs(), false);
  await writeOut(cellsCsv(doc));
  return reportUnread(doc, file);
}

export async function jsonCommand(args: string[]): Promise<number> {
  const file = args[0];
  const doc = await readDocumentFile(file, 'budgetbook json <文件>', loadCatalogs(), false);
  await writeOut(JSON.stringify(doc, null, 2) + '\n');
  return reportUnread(doc, file);
}
