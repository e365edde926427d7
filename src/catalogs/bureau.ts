/**
 * A bureau's official edition of a catalog, as a CSV or XLSX file in whatever shape the bureau
 * publishes: a code column (or 类/款/项 columns) and a name column, header in the first rows.
 */
import { parseCsv, formatCsv } from '../util/csv.js';
import { ImportError } from '../read/errors.js';
import { LEVEL_NAMES, levelOf, type Catalog, type CatalogEntry, type Scheme } from './catalog.js';

export interface BureauCatalogOptions {
  fileName: string;
  year?: number;
  scheme?: Scheme;
}

function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object' && 'richText' in (v as object)) return (v as { richText: { text: string }[] }).richText.map((r) => r.text).join('');
  if (typeof v === 'object' && 'result' in (v as object)) return String((v as { result: unknown }).result ?? '');
  return String(v).trim();
}

async function readRows(bytes: Uint8Array, fileName: string): Promise<string[][]> {
  if (/\.xlsx$/i.test(fileName) || (bytes[0] === 0x50 && bytes[1] === 0x4b)) {
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    try {
      await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    } catch (e) {
      throw new ImportError('bad-xlsx', `无法读取 XLSX 文件：${(e as Error).message}`, { file: fileName }, '请确认文件是 Excel 2007 及以后的 .xlsx 格式。');
    }
    const ws = wb.worksheets[0];
    if (!ws) throw new ImportError('bad-xlsx', 'XLSX 文件没有工作表', { file: fileName });
    const rows: string[][] = [];
    ws.eachRow({ includeEmpty: false }, (row) => {
      const values = row.values as unknown[];
      rows.push(values.slice(1).map(cellText));
    });
    return rows;
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = new TextDecoder('gb18030').decode(bytes);
  }
  return parseCsv(text);
}

const CODE_HEADER = /^(科目)?编码$|^code$|^科目代码$/i;
const NAME_HEADER = /^(科目)?名称$|^name$/i;

export async function readBureauCatalog(bytes: Uint8Array, options: BureauCatalogOptions): Promise<Catalog> {
  const rows = await readRows(bytes, options.fileName);
  const headerAt = rows.findIndex((r) => r.some((c) => NAME_HEADER.test(c.replace(/\s+/g, ''))));
  if (headerAt < 0) {
    throw new ImportError('catalog-header', '找不到“科目名称”（或 name）列的表头', { file: options.fileName }, '表头应含“科目编码”（或“类”“款”“项”三列）与“科目名称”。');
  }
  const header = rows[headerAt]!.map((c) => c.replace(/\s+/g, ''));
  const nameCol = header.findIndex((c) => NAME_HEADER.test(c));
  const codeCol = header.findIndex((c) => CODE_HEADER.test(c));
  const partCols = (['类', '款', '项'] as const).map((w) => header.indexOf(w));
  const entries = new Map<string, CatalogEntry>();
  const source = `bureau:${options.fileName.split(/[\\/]/).pop()}`;
  rows.slice(headerAt + 1).forEach((r, i) => {
    const code = (codeCol >= 0 ? r[codeCol] ?? '' : partCols.map((c) => (c >= 0 ? r[c] ?? '' : '')).join('')).replace(/\s+/g, '');
    const name = (r[nameCol] ?? '').trim();
    if (!code && !name) return;
    if (!/^\d{3}(\d{2}){0,2}$/.test(code) || !name) {
      throw new ImportError('catalog-row', `第 ${headerAt + i + 2} 行的科目“${code} ${name}”不是有效的编码与名称`, { file: options.fileName, line: headerAt + i + 2 }, '编码应为 3、5 或 7 位数字，名称不能为空。');
    }
    entries.set(code, { code, name, level: levelOf(code), sources: [source] });
  });
  if (entries.size === 0) throw new ImportError('catalog-empty', '文件中没有科目行', { file: options.fileName });
  const scheme = options.scheme ?? guessScheme([...entries.keys()]);
  const year = options.year ?? Number(/(20\d{2})/.exec(options.fileName)?.[1] ?? NaN);
  if (!Number.isInteger(year)) {
    throw new ImportError('catalog-year', '无法从文件名判断科目表的年度', { file: options.fileName }, '请用 --year 指定年度，例如 --year 2025。');
  }
  return { scheme, edition: year, origin: options.fileName, entries };
}

function guessScheme(codes: string[]): Scheme {
  if (codes.some((c) => c.length === 7) || codes.every((c) => c.startsWith('2'))) return 'function';
  if (codes.every((c) => c.startsWith('5'))) return 'economic-government';
  return 'economic-department';
}

/** The catalog in the project's CSV format (code,name,level,edition,sources,note). */
export function catalogCsv(catalog: Catalog): string {
  const rows = [...catalog.entries.values()].sort((a, b) => a.code.localeCompare(b.code));
  return formatCsv([
    ['code', 'name', 'level', 'edition', 'sources', 'note'],
    ...rows.map((e) => [e.code, e.name, LEVEL_NAMES[e.level - 1]!, String(catalog.edition), e.sources.join(';'), e.note ?? '']),
  ]);
}
