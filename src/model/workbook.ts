/**
 * The workbook's own sheets beside the nine tables (metadata, narrative, extra tables, import
 * notes, cells), as data: their names, header rows and the words they use. The XLSX writer and
 * the XLSX reader both take them from here, so the two cannot drift apart.
 */
import type { DocumentMeta, ImportNote, NarrativeSection } from './document.js';

export const SHEET_NAMES = {
  meta: '文档信息',
  narrative: '说明文字',
  extra: '其他表格',
  notes: '导入说明',
  cells: 'cells',
} as const;
export type DataSheet = keyof typeof SHEET_NAMES;

/** First row of each data sheet; a sheet is recognised by it whatever its name. */
export const SHEET_HEADERS: Record<DataSheet, readonly string[]> = {
  meta: ['项目', '内容', '编码'],
  narrative: ['部分', '标题', '类别', '段落', '原文行号', '原文页码'],
  extra: ['序号', '表名', '行类型', '内容'],
  notes: ['类别', '说明', '表', '行', '原文行号', '原文页码'],
  cells: ['table', 'row', 'column', 'amount'],
};

export const META_LABELS = {
  title: '标题',
  year: '年度',
  kind: '类别',
  scope: '范围',
  level: '层级',
  region: '地区',
  entity: '单位名称',
  entityCode: '单位编码',
  member: '所属单位',
  administrative: '行政单位家数',
  civilServiceManaged: '参公单位家数',
  institution: '事业单位家数',
} as const;

export const KIND_WORDS: Record<DocumentMeta['kind'], string> = { budget: '预算', final: '决算' };
export const SCOPE_WORDS: Record<DocumentMeta['scope'], string> = { department: '部门预算（汇总）', unit: '单位预算' };
export const LEVEL_WORDS: Record<DocumentMeta['level'], string> = {
  central: '中央',
  province: '省级',
  city: '市级',
  district: '区级',
  county: '县级',
  township: '乡镇',
  unknown: '未知',
};

export const SECTION_KIND_WORDS: Record<NarrativeSection['kind'], string> = {
  cover: '封面',
  contents: '目录',
  functions: '主要职能',
  organization: '机构设置',
  glossary: '名词解释',
  'budget-explanation': '预算编制说明',
  'other-info': '其他相关情况说明',
  'three-public': '“三公”经费说明',
  'office-operation': '机关运行经费',
  procurement: '政府采购',
  performance: '绩效目标',
  assets: '国有资产占用',
  projects: '项目经费情况说明',
  project: '项目',
  'table-note': '表下说明',
  other: '其他',
};

export const NOTE_KIND_WORDS: Record<ImportNote['kind'], string> = {
  placement: '放列',
  interpretation: '解释',
  misprint: '误印',
  'unknown-table': '无对应标准表',
  'unread-table': '未能读出的表',
};

export const EXTRA_ROW_KINDS = { reason: '原因', origin: '出处', header: '表头', body: '表体' } as const;

/** The word → key of one of the maps above (exact match after removing spaces). */
export function keyOfWord<K extends string>(words: Record<K, string>, word: string): K | undefined {
  const w = word.replace(/\s+/g, '');
  return (Object.keys(words) as K[]).find((k) => words[k].replace(/\s+/g, '') === w);
}
