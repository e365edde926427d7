/** `budgetbook check <file> [--json] [--prior <last year's file>]`: exit 1 when any error. */
import { parseArgs } from 'node:util';
import { readAnyDocument } from '../read/index.js';
import { checkDocument, hasErrors } from '../check/engine.js';
import { formatReport } from '../check/report.js';
import { loadCatalogs } from './home.js';
import { readInput, writeOut } from './io.js';

const USAGE = 'budgetbook check <文件> [--json] [--prior <上年文件>]';

export async function checkCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { json: { type: 'boolean' }, prior: { type: 'string' } } });
  const file = positionals[0];
  const catalogs = loadCatalogs();
  const doc = await readAnyDocument(readInput(file, USAGE), { fileName: file, catalogs, requireAllTables: false });
  const prior = values.prior ? await readAnyDocument(readInput(values.prior, USAGE), { fileName: values.prior, catalogs, requireAllTables: false }) : undefined;
  const findings = checkDocument(doc, { catalogs, ...(prior ? { prior } : {}) });
  await writeOut(values.json ? JSON.stringify({ findings }, null, 2) + '\n' : formatReport(doc, findings, file));
  return hasErrors(findings) ? 1 : 0;
}
