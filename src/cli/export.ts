/** `budgetbook cells <file>` and `budgetbook json <file>`. */
import { readAnyDocument } from '../read/index.js';
import { cellsCsv } from '../publish/opendata/cells.js';
import { loadCatalogs } from './home.js';
import { readInput, writeOut } from './io.js';

export async function cellsCommand(args: string[]): Promise<number> {
  const file = args[0];
  const doc = await readAnyDocument(readInput(file, 'budgetbook cells <文件>'), { fileName: file, catalogs: loadCatalogs() });
  await writeOut(cellsCsv(doc));
  return 0;
}

export async function jsonCommand(args: string[]): Promise<number> {
  const file = args[0];
  const doc = await readAnyDocument(readInput(file, 'budgetbook json <文件>'), { fileName: file, catalogs: loadCatalogs() });
  await writeOut(JSON.stringify(doc, null, 2) + '\n');
  return 0;
}
