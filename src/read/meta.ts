/**
 * Document metadata from the cover and headings: "闵行区2025年区级部门预算",
 * "预算主管部门：闵行区医疗保障局（汇总）", "预算单位：157002上海市松江区医疗保险事务中心", the
 * member units listed under 机构设置. Covers that name the entity before or after the year,
 * over several lines, and end in "信息公开", "公开", "情况说明": "北京市信访办公室部门 2026 年度部门预算 /
 * 信息公开", "2026 年深圳市交通运输局（本级）部 / 门预算", "重庆市气象局 2026 年部门预算情况说明",
 * "2026 年度苏州市水务局单位预算公开"; a document of tables only, by its "部门名称：" line.
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
  const [year, printed, scope, kind] = m[1] ? [m[1], m[2]!, m[3]!, m[4]!] : [m[6]!, m[5]!, m[7]!, m[8]!];
  const entity = cleanEntity(printed);
  const region = regionOfEntity(entity) || (/^(.+?[省市区县])/.exec(entity)?.[1] ?? '');
  return {
    title: `${printed}${year}年${scope}${kind}`,
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
  const found = head.find((l) => TITLE.test(l.text.trim().replace(/\s+/g, '')));
  // A title line whose words before the year are an entity, not a region ("北京市信访办公室部门2026年度部门预算"), is a cover.
  const titleLine = found && isRegionOrEmpty(TITLE.exec(found.text.trim().replace(/\s+/g, ''))![1]!) ? found : undefined;
  // A title line without its entity ("2026 年度部门预算" under "杭州市司法局") leaves the cover to say who.
  const bareTitle = titleLine && !(TITLE.exec(titleLine.text.trim().replace(/\s+/g, ''))?.[1] ?? '');
  const cover = !titleLine || bareTitle ? (coverMeta(input) ?? anyCover(input)) : undefined;
  if (cover) {
    if (cover.scope === 'department') readMembers(cover, input.sections);
    return cover;
  }
  if (!titleLine) {
    const bare = tablesOnly(input);
    if (bare) return bare;
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
  const bare = cover.replace(/[（(](汇总|部门|单位)[)）]$/, '').trim();
  for (const s of sections) {
    if (s.kind !== 'functions' && s.kind !== 'organization') continue;
    const name = s.heading.replace(/(主要职能|机构设置(情况)?)$/, '').replace(/^\d+/, '').replace(/^[（(]?[一二三四五六七八九十]+[)）、]/, '').replace(/[（(](汇总|部门|单位)[)）]$/, '').replace(/^(部门|单位)$/, '').trim();
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

/** "北京市信访办公室部门" names the 部门 twice; "（本级）" (深圳) is the department's own budget, which the title keeps. */
function cleanEntity(name: string): string {
  return name.replace(/(.{4,})部门$/, '$1').replace(/[（(]本级[)）]$/, '');
}

/** Words before the year that name only a region ("上海市", "上海市闵行区", "闵行区"), or nothing. */
const REGION_ONLY = /^([\u4e00-\u9fa5]{2,7}?(省|自治区|市))?([\u4e00-\u9fa5]{1,6}?(市|区|县|旗|州|盟))?([\u4e00-\u9fa5]{1,6}?(区|县|乡|镇|街道))?$/;

function isRegionOrEmpty(words: string): boolean {
  return REGION_ONLY.test(words);
}

/** The region an entity's name starts with: "北京市", "上海市普陀区" (of "中共上海市普陀区委社会工作部"). */
export function regionOfEntity(name: string): string {
  const bare = name.replace(/^中共/, '').replace(/^中国共产党/, '');
  const m = /^([\u4e00-\u9fa5]{2,4}?(?:省|自治区|市))(?:([\u4e00-\u9fa5]{2,3}?(?:区|县))(?!委员会|域|块|级))?/.exec(bare);
  if (!m) return '';
  return m[1]! + (m[2] ?? '');
}

/** The title over the first lines of the first page, wherever the entity and the year stand, and what follows 预算. */
const ANY_TITLE = /^(?:第[一二三四五六七八九十]+部分)?([^：:]{0,40}?)(\d{4})\s*年?度?(中央|省级|市级|区级|县级|乡镇|镇级|街道)?([^：:表]{0,40}?)(部门|单位)(预算|决算)(信息公开|公开|情况的说明|情况说明|信息)?/;

function coverLines(input: MetaInput): string {
  const page = input.lines[0]?.page ?? 1;
  return input.lines
    .filter((l) => (l.page ?? 1) === page)
    .slice(0, 12)
    .map((l) => l.text.replace(/\s+/g, ''))
    .join('');
}

function entityLineName(input: MetaInput): { name: string; code?: string; label: string } | undefined {
  const line = input.lines.slice(0, 200).find((l) => /^(预算主管部门|预算单位|主管部门|部门名称|单位名称|编制单位)[：:]/.test(l.text.trim()));
  if (!line) return undefined;
  const label = /^[^：:]+/.exec(line.text.trim())![0];
  const printed = line.text.trim().replace(/^[^：:]+[：:]\s*/, '').replace(/\s{2,}.*$/, '').replace(/单位[：:].*$/, '').trim();
  const coded = /^(\d{3,})\s*(.*)$/.exec(printed);
  return coded ? { name: coded[2]!.trim(), code: coded[1]!, label } : { name: printed, label };
}

function anyCover(input: MetaInput): DocumentMeta | undefined {
  const text = coverLines(input);
  const m = ANY_TITLE.exec(text);
  if (!m) return undefined;
  const [, before = '', year = '0', levelWord, after = '', scopeWord, kindWord, suffix = ''] = m;
  let name = (before + after).replace(/^\d{4}年度?/, '');
  const regionOnly = !name || isRegionOrEmpty(name);
  let entity: DocumentMeta['entity'];
  let region: string;
  if (regionOnly) {
    // "上海市2026年市级单位预算" / "预算单位：……": the entity is on its own line.
    const line = entityLineName(input);
    const named = line ? undefined : namedInText(input);
    if (!line && !named) return undefined;
    entity = { name: line ? fullEntityName(line.name, input.sections) : named! };
    if (line?.code) entity.code = line.code;
    region = name ? fullRegion(name, input.lines.map((l) => l.text).join('\n')) : regionOfEntity(entity.name);
  } else {
    // "北京市信访办公室部门" names the 部门 twice; "（本级）" is the department's own budget, said in the title.
    name = cleanEntity(name);
    entity = { name };
    region = regionOfEntity(name);
  }
  const meta: DocumentMeta = {
    // A cover that names no one gets its entity in the title ("北京市人民政府办公厅" + "2026年度部门预算情况说明").
    title: (name ? '' : entity.name) + m[0].replace(/^第[一二三四五六七八九十]+部分/, ''),
    year: Number(year),
    kind: kindWord === '决算' ? 'final' : 'budget',
    scope: scopeWord === '部门' ? 'department' : 'unit',
    level: levelWord ? LEVELS[levelWord]! : levelOf(region),
    region,
    entity,
    memberUnits: [],
  };
  if (meta.scope === 'department') readMembers(meta, input.sections);
  return meta;
}

function levelOf(region: string): DocumentMeta['level'] {
  if (!region) return 'unknown';
  return regionLevel(region);
}

/**
 * A cover that names no one ("第一部分 2026 年度部门预算情况说明"): the entity as the text names itself,
 * "附件：北京市人民政府办公厅 2026 年度部门预算报表", "北京市人民政府办公厅主要职责包括：".
 */
function namedInText(input: MetaInput): string | undefined {
  const lines = input.lines.map((l) => l.text.replace(/\s+/g, ''));
  for (const l of lines) {
    const m = /^附件\d*[：:](.{4,40}?)\d{4}年度?(部门|单位)(预算|决算)/.exec(l);
    if (m && regionOfEntity(m[1]!)) return m[1]!;
  }
  for (const l of lines.slice(0, 300)) {
    const m = /^([\u4e00-\u9fa5（）()]{4,40}?)(的)?(主要职责|主要职能)(包括|是|为|如下)?[：:]/.exec(l);
    if (m && regionOfEntity(m[1]!)) return m[1]!;
  }
  return undefined;
}

/**
 * A document of tables without a cover ("广州市生态环境局2026年项目支出绩效目标表" / "部门名称：广州市生态环境局"):
 * the year from its first line, the entity from its 部门名称 / 单位名称 line, a budget unless it says 决算.
 */
function tablesOnly(input: MetaInput): DocumentMeta | undefined {
  const first = input.lines.find((l) => l.text.trim())?.text.replace(/\s+/g, '') ?? '';
  // The title may have been taken for a running head and dropped: a year stated with a table's or budget's name then.
  const year = /(\d{4})年度?/.exec(first) ?? input.lines.slice(0, 200).map((l) => /(\d{4})年度?.{0,30}(表|预算|决算)/.exec(l.text.replace(/\s+/g, ''))).find(Boolean);
  const line = entityLineName(input);
  if (!year || !line || !line.name) return undefined;
  const region = regionOfEntity(line.name);
  const entity: DocumentMeta['entity'] = { name: line.name };
  if (line.code) entity.code = line.code;
  return {
    title: first,
    year: Number(year[1]),
    kind: /决算/.test(first) ? 'final' : 'budget',
    scope: /^(单位名称|预算单位)$/.test(line.label) ? 'unit' : 'department',
    level: levelOf(region),
    region,
    entity,
    memberUnits: [],
  };
}
