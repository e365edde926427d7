/** `budgetbook check <file> [--json] [--prior <last year's file>]`: exit 1 when any error. */
import { parseArgs } from 'node:util';
import { checkDocument, hasErrors } from '../check/engine.js';
import { formatReport } from '../check/report.js';
import { loadCatalogs } from './home.js';
import { readDocumentFile, writeOut } from './io.js';

const USAGE = 'budgetbook check <文件> [--json] [--prior <上年文件>]';

export async function checkCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { json: { type: 'boolean' }, prior: { type: 'string' } } });
  const file = positionals[0];
  const catalogs = loadCatalogs();
  const [doc, prior] = await Promise.all([readDocumentFile(file, USAGE, catalogs), values.prior ? readDocumentFile(values.prior, USAGE, catalogs) : undefined]);
  const findings = checkDocument(doc, { catalogs, ...(prior ? { prior } : {}) });
  await writeOut(values.json ? JSON.stringify({ findings }, null, 2) + '\n' : formatReport(doc, findings, file));
  return hasErrors(findings) ? 1 : 0;
}
