/**
 * `budgetbook consolidate <unit files...> --name <部门名称> --out <file.json> [--prior <上年部门文件>]`:
 * a department's document summed from its units' documents.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { consolidate, ConsolidationError } from '../consolidate/consolidate.js';
import { cellsOf } from '../publish/opendata/cells.js';
import { loadCatalogs } from './home.js';
import { readDocumentFile, UsageError, writeOut } from './io.js';

const USAGE = 'budgetbook consolidate <单位文件...> --name <部门名称> --out <输出.json> [--code <部门编码>] [--prior <上年部门文件>]';

export async function consolidateCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { name: { type: 'string' }, code: { type: 'string' }, out: { type: 'string', short: 'o' }, prior: { type: 'string' } } });
  if (positionals.length === 0) throw new UsageError(`缺少单位预算文件。用法：${USAGE}`);
  if (!values.name) throw new UsageError(`缺少 --name（部门名称，如“上海市闵行区医疗保障局”）。用法：${USAGE}`);
  if (!values.out) throw new UsageError(`缺少 --out（输出文件）。用法：${USAGE}`);
  const catalogs = loadCatalogs();
  const units = [];
  for (const file of positionals) units.push(await readDocumentFile(file, USAGE, catalogs));
  const departments = units.filter((u) => u.meta.scope === 'department');
  if (departments.length) throw new UsageError(`“${departments[0]!.meta.entity.name}”已是部门预算（汇总），只能汇总单位预算`);
  const prior = values.prior ? await readDocumentFile(values.prior, USAGE, catalogs) : undefined;
  let doc;
  try {
    doc = consolidate(units, { name: values.name, ...(values.code ? { code: values.code } : {}), ...(prior ? { prior } : {}) });
  } catch (e) {
    if (e instanceof ConsolidationError) throw new UsageError(e.message);
    throw e;
  }
  writeFileSync(values.out, JSON.stringify(doc, null, 2) + '\n');
  await writeOut(`已将 ${units.length} 家单位汇总为“${values.name}”部门预算：${doc.tables.length} 张表、${cellsOf(doc).length} 个非零单元格，写入 ${values.out}\n可继续：budgetbook check ${values.out}，budgetbook publish ${values.out} --out <文件夹>\n`);
  return 0;
}
