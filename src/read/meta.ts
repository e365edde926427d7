/**
 * Document metadata from the cover and headings: "闵行区2025年区级部门预算",
 * "预算主管部门：闵行区医疗保障局（汇总）", "预算单位：157002上海市松江区医疗保险事务中心", the
 * member units listed under 机构设置.
 */
import type { DocumentMeta } from '../model/document.js';
import { ImportError } from './errors.js';
import type { ReadSection } from './narrative/sections.js';

const TITLE = /^(.*?)(\d{4})年度?(中央|省级|市级|区级|县级|乡镇|镇级|街道)?(部门|单位)(预算|决算)$/;
const LEVELS: Record<string, DocumentMeta['level']> = { 中央: 'central', 省级: 'province', 市级: 'city', 区级: 'district', 县级: 'county', 乡镇: 'township', 镇级: 'township', 街道: 'township' };

export interface MetaInput {
  lines: { text: string; no: number; page?: number }[];
  sections: ReadSection[];
  file?: string;
}

export function regionLevel(region: string): DocumentMeta['level'] {
  if (/区$/.test(region)) return 'district';
  if (/县$/.test(region)) return 'county';
  if (/(乡|镇|街道)$/.test(region)) return 'township';
  if (/市$/.test(region)) return 'city';
  if (/省$|自治区$/.test(region)) return 'province';
  return 'unknown';
}

/** The longest way the text names the region: "闵行区" → "上海市闵行区" when the text says so. */
function fullRegion(region: string, text: string): string {
  if (!region) return region;
  const m = new RegExp(`([\\u4e00-\\u9fa5]{2,8}?[省市])${region}`).exec(text);
  if (m && !region.startsWith(m[1]!)) return m[1]! + region;
  return region;
}

const COVER = /^(\d{4})年度?(.+?)(部门|单位)(预算|决算)$|^(.+?)(\d{4})年度?(部门|单位)(预算|决算)$/;

/** A cover over several lines: "2026 年度 福州市医疗保障局 部门预算", "杭州市司法局 2026 年度部门预算". */
function coverMeta(input: MetaInput): DocumentMeta | undefined {
  const first = input.lines.filter((l) => (l.page ?? 1) === (input.lines[0]?.page ?? 1)).slice(0, 8);
  const text = first.map((l) => l.text.replace(/\s+/g, '')).join('');
  const m = COVER.exec(text);
  if (!m) return undefined;
  const [year, entity, scope, kind] = m[1] ? [m[1], m[2]!, m[3]!, m[4]!] : [m[6]!, m[5]!, m[7]!, m[8]!];
  const region = /^(.+?[省市区县])/.exec(entity)?.[1] ?? '';
  return {
    title: `${entity}${year}年${scope}${kind}`,
    year: Number(year),
    kind: kind === '决算' ? 'final' : 'budget',
    scope: scope === '部门' ? 'department' : 'unit',
    level: regionLevel(region),
    region,
    entity: { name: entity },
    memberUnits: [],
  };
}

export function readMeta(input: MetaInput): DocumentMeta {
  const head = input.lines.slice(0, 80);
  const titleLine = head.find((l) => TITLE.test(l.text.trim().replace(/\s+/g, '')));
  // A title line without its entity ("2026 年度部门预算" under "杭州市司法局") leaves the cover to say who.
  const bareTitle = titleLine && !(TITLE.exec(titleLine.text.trim().replace(/\s+/g, ''))?.[1] ?? '');
  const cover = !titleLine || bareTitle ? coverMeta(input) : undefined;
  if (cover) {
    if (cover.scope === 'department') readMembers(cover, input.sections);
    return cover;
  }
  if (!titleLine) {
    throw new ImportError('no-title', '找不到文件标题（如“闵行区2025年区级部门预算”），无法确定年度与预算类别', { file: input.file }, '请确认这是一份部门预算或单位预算公开文件，标题在文件开头。');
  }
  const m = TITLE.exec(titleLine.text.trim().replace(/\s+/g, ''))!;
  const [, regionText = '', year = '0', levelWord, scopeWord, kindWord] = m;
  const allText = input.lines.map((l) => l.text).join('\n');
  const region = fullRegion(regionText, allText);
  const entityLine = head.find((l) => /^(预算主管部门|预算单位|主管部门|部门名称|单位名称)[：:]/.test(l.text.trim()));
  const printed = entityLine ? entityLine.text.trim().replace(/^[^：:]+[：:]\s*/, '') : '';
  const codeMatch = /^(\d{3,})\s*(.*)$/.exec(printed);
  const entity: DocumentMeta['entity'] = { name: fullEntityName(codeMatch ? codeMatch[2]! : printed, input.sections) };
  if (codeMatch) entity.code = codeMatch[1]!;
  const meta: DocumentMeta = {
    title: titleLine.text.trim(),
    year: Number(year),
    kind: kindWord === '决算' ? 'final' : 'budget',
    scope: scopeWord === '部门' ? 'department' : 'unit',
    level: levelWord ? LEVELS[levelWord]! : regionLevel(region),
    region,
    entity,
    memberUnits: [],
  };
  if (meta.scope === 'department') readMembers(meta, input.sections);
  return meta;
}

/** The name as the headings print it in full ("上海市闵行区医疗保障局"), without "（汇总）". */
function fullEntityName(cover: string, sections: ReadSection[]): string {
  const bare = cover.replace(/[（(](汇总|部门)[)）]$/, '').trim();
  for (const s of sections) {
    if (s.kind !== 'functions' && s.kind !== 'organization') continue;
    const name = s.heading.replace(/(主要职能|机构设置(情况)?)$/, '').replace(/^\d+/, '').replace(/^[（(]?[一二三四五六七八九十]+[)）、]/, '').replace(/[（(](汇总|部门)[)）]$/, '').replace(/^(部门|单位)$/, '').trim();
    if (name && (!bare || name.endsWith(bare) || name.includes(bare))) return name;
  }
  return bare;
}

function readMembers(meta: DocumentMeta, sections: ReadSection[]): void {
  const org = sections.find((s) => s.kind === 'organization');
  if (!org) return;
  for (const p of org.paragraphs) {
    const item = /^\d+[、.．]\s*(.+?)[。；;]?$/.exec(p.text);
    if (item) meta.memberUnits.push({ name: item[1]!.trim() });
    const adm = /行政单位\s*(\d+)\s*家/.exec(p.text);
    const inst = /事业单位\s*(\d+)\s*家/.exec(p.text);
    const managed = /参公(事业)?单位\s*(\d+)\s*家/.exec(p.text);
    if (adm || inst || managed) {
      meta.memberCounts = {};
      if (adm) meta.memberCounts.administrative = Number(adm[1]);
      if (managed) meta.memberCounts.civilServiceManaged = Number(managed[2]);
      if (inst) meta.memberCounts.institution = Number(inst[1]);
    }
  }
}
