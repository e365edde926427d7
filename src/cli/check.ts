/** `budgetbook check <file> [--json] [--prior <last year's file>] [--budget <that year's 预算, for a 决算>]`: exit 1 when any error. */
import { parseArgs } from 'node:util';
import { checkDocument, hasErrors } from '../check/engine.js';
import { formatReport } from '../check/report.js';
import { loadCatalogs } from './home.js';
import { readDocumentFile, UsageError, writeOut } from './io.js';

const USAGE = 'budgetbook check <文件> [--json] [--prior <上年文件>] [--budget <同年部门预算（检查决算时）>]';

export async function checkCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { json: { type: 'boolean' }, prior: { type: 'string' }, budget: { type: 'string' } } });
  const file = positionals[0];
  const catalogs = loadCatalogs();
  const [doc, prior, budget] = await Promise.all([
    readDocumentFile(file, USAGE, catalogs),
    values.prior ? readDocumentFile(values.prior, USAGE, catalogs) : undefined,
    values.budget ? readDocumentFile(values.budget, USAGE, catalogs) : undefined,
  ]);
  if (budget && doc.meta.kind !== 'final') throw new UsageError(`--budget 只用于检查决算，但“${file}”是预算（meta.kind = ${doc.meta.kind}）；与上年预算比较请用 --prior`);
  const findings = checkDocument(doc, { catalogs, ...(prior ? { prior } : {}), ...(budget ? { budget } : {}) });
  await writeOut(values.json ? JSON.stringify({ findings }, null, 2) + '\n' : formatReport(doc, findings, file));
  return hasErrors(findings) ? 1 : 0;
}
