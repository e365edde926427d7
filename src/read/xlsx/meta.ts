/**
 * The metadata of a workbook typed by hand, which has no 文档信息 sheet and no cover: what the
 * table titles ("2025年部门收入预算总表") and the 编制单位 line ("上海市闵行区医疗保障局（汇总）")
 * say. The title is composed from them, and the import notes that it was.
 */
import type { DocumentMeta, ImportNote } from '../../model/document.js';
import { ImportError } from '../errors.js';
import { regionLevel } from '../meta.js';
import type { TablePart } from './tables.js';

/** "上海市闵行区医疗保障局" → "上海市闵行区"; "上海市财政局" → "上海市". */
function regionOf(name: string): string {
  const m = /^((?:.{2,8}?(?:省|自治区))?(?:.{2,8}?市)?(?:.{1,8}?(?:区|县))?)/.exec(name);
  return m?.[1] ?? '';
}

/** The entity the 编制单位 line names: "157002上海市松江区医疗保险事务中心" → code and name; "（汇总）" dropped. */
export function entityOfTables(parts: TablePart[]): DocumentMeta['entity'] {
  const printed = (parts.map((p) => p.preparer).find(Boolean) ?? '').replace(/[（(](汇总|部门)[)）]$/, '').trim();
  const coded = /^(\d{3,})\s*(.+)$/.exec(printed);
  return coded ? { name: coded[2]!, code: coded[1]! } : { name: printed };
}

export function metaFromTables(parts: TablePart[], file?: string): { meta: DocumentMeta; note: ImportNote } {
  const titles = parts.map((p) => p.title);
  const year = titles.map((t) => /(\d{4})\s*年/.exec(t)?.[1]).find(Boolean);
  const at = parts[0];
  if (!year) {
    throw new ImportError(
      'no-year',
      '工作簿中没有“文档信息”工作表，表名中也没有年度，无法确定预算年度',
      { file, ...(at ? { sheet: at.sheet, cell: at.at } : {}) },
      '请在表名中写明年度（如“2025年部门收入预算总表”），或加一个“文档信息”工作表（格式见 budgetbook 导出的 XLSX）。',
    );
  }
  const preparer = parts.map((p) => p.preparer).find(Boolean) ?? '';
  const department = /[（(]汇总[)）]$/.test(preparer) || titles.some((t) => /^(\d{4}年)?部门/.test(t));
  const entity = entityOfTables(parts);
  const name = entity.name;
  const region = regionOf(name);
  const kind = titles.some((t) => /决算/.test(t)) ? 'final' : 'budget';
  const scope = department ? 'department' : 'unit';
  const title = `${name}${year}年${department ? '部门' : '单位'}${kind === 'final' ? '决算' : '预算'}`;
  const meta: DocumentMeta = {
    title,
    year: Number(year),
    kind,
    scope,
    level: regionLevel(region),
    region,
    entity,
    memberUnits: [],
  };
  const note: ImportNote = {
    kind: 'interpretation',
    message: `工作簿中没有“文档信息”工作表和封面：年度、${department ? '部门' : '单位'}与地区取自表名和编制单位，文件标题“${title}”是据此拟定的`,
  };
  return { meta, note };
}
