/** `budgetbook cells <file>` and `budgetbook json <file>`. */
import { cellsCsv } from '../publish/opendata/cells.js';
import { loadCatalogs } from './home.js';
import { readDocumentFile, writeOut } from './io.js';

export async function cellsCommand(args: string[]): Promise<number> {
  const file = args[0];
  const doc = await readDocumentFile(file, 'budgetbook cells <文件>', loadCatalogs(), true);
  await writeOut(cellsCsv(doc));
  return 0;
}

export async function jsonCommand(args: string[]): Promise<number> {
  const file = args[0];
  const doc = await readDocumentFile(file, 'budgetbook json <文件>', loadCatalogs(), true);
  await writeOut(JSON.stringify(doc, null, 2) + '\n');
  return 0;
}
