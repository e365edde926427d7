/** `budgetbook catalog import|list|show`: the classification catalogs the CLI uses. */
import { parseArgs } from 'node:util';
import { readBureauCatalog } from '../catalogs/bureau.js';
import { LEVEL_NAMES, SCHEMES, SCHEME_NAMES, type Scheme } from '../catalogs/catalog.js';
import { loadCatalogs, saveCatalog } from './home.js';
import { UsageError, readInput, writeOut } from './io.js';

const USAGE = `用法：
  budgetbook catalog import <文件.csv|xlsx> [--year 年度] [--scheme function|economic-department|economic-government]
  budgetbook catalog list
  budgetbook catalog show <编码> [--year 年度]`;

export async function catalogCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { year: { type: 'string' }, scheme: { type: 'string' } } });
  const year = values.year ? Number(values.year) : undefined;
  if (values.year && !Number.isInteger(year)) throw new UsageError(`--year 应为年份，如 2025，而不是“${values.year}”`);
  if (values.scheme && !SCHEMES.includes(values.scheme as Scheme)) throw new UsageError(`--scheme 应为 ${SCHEMES.join('、')} 之一`);
  switch (sub) {
    case 'import': {
      const file = positionals[0];
      const bytes = readInput(file, 'budgetbook catalog import <文件.csv|xlsx>');
      const catalog = await readBureauCatalog(bytes, { fileName: file!, year, scheme: values.scheme as Scheme | undefined });
      const path = saveCatalog(catalog);
      const byLevel = [1, 2, 3].map((l) => [...catalog.entries.values()].filter((e) => e.level === l).length);
      await writeOut(`已载入 ${catalog.edition} 年${SCHEME_NAMES[catalog.scheme]}：类 ${byLevel[0]} 个、款 ${byLevel[1]} 个、项 ${byLevel[2]} 个\n保存于 ${path}，此后校验 ${catalog.edition} 年的文件时优先使用该版本。\n`);
      return 0;
    }
    case 'list': {
      const set = loadCatalogs();
      const lines = SCHEMES.flatMap((s) => set.editions(s).map((c) => `${SCHEME_NAMES[s]}\t${c.edition} 年\t${c.entries.size} 条\t${c.origin === 'builtin' ? '内置（部分，见 src/catalogs/data/SOURCES.md）' : c.origin}`));
      await writeOut(lines.join('\n') + '\n');
      return 0;
    }
    case 'show': {
      const code = (positionals[0] ?? '').replace(/\s+/g, '');
      if (!/^\d{3}(\d{2}){0,2}$/.test(code)) throw new UsageError(`请给出 3、5 或 7 位科目编码。\n${USAGE}`);
      const set = loadCatalogs();
      const scheme: Scheme = (values.scheme as Scheme) ?? (code.startsWith('5') ? 'economic-government' : code.startsWith('3') ? 'economic-department' : 'function');
      const found = set.lookup(scheme, code, year ?? new Date().getFullYear());
      if (found.status === 'known') {
        const e = found.entry;
        await writeOut(`${e.code} ${e.name}（${LEVEL_NAMES[e.level - 1]}，${found.edition} 年${SCHEME_NAMES[scheme]}）\n来源：${e.sources.join('；')}${e.note ? `\n说明：${e.note}` : ''}\n`);
      } else if (found.status === 'retired') {
        await writeOut(`${code} 已于 ${found.change.year} 年停用${found.change.note ? `：${found.change.note}` : ''}\n`);
      } else {
        await writeOut(`${code} 不在所用科目表中（未知，不等于无效）。可用 budgetbook catalog import 载入当年的官方科目表。\n`);
      }
      return 0;
    }
    default:
      throw new UsageError(USAGE);
  }
}
