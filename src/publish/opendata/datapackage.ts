/**
 * The open-data descriptor: a `datapackage.json` in the spirit of the Fiscal Data Package
 * (Frictionless Data Package with a fiscal `model`, FDP 0.3 layout): the cells CSV
 * (../../../../shared/spec/cells.md) as a tabular resource with its schema, the JSON document
 * beside it, and a logical model mapping the CSV onto one measure (`amount`, CNY, 元) and the
 * dimensions 表, 科目, 列, fiscal period, administrative unit and document kind.
 *
 * The cells resource is the public CSV (publish/opendata/public-csv.ts: table, 科目 and column
 * names beside the cells.md keys, UTF-8 with BOM), its 科目编码 a foreign key into the `subjects`
 * code list; one CSV per table in its printed layout follows. Licence (CC-BY-4.0 by default),
 * publisher and the creation time are given by the publisher; no local path is ever written.
 */
import type { BudgetDocument } from '../../model/document.js';
import { COLUMN_NAMES, FISCAL_INCOME_ROWS, TABLE_IDS, tableName, type TableId } from '../../model/tables.js';
import { builtinCatalogs } from '../../catalogs/builtin.js';
import type { CatalogSet } from '../../catalogs/catalog.js';
import { PUBLIC_CELLS_HEADER, SUBJECTS_HEADER } from './public-csv.js';
import { SUMMARY_ROW_NAMES } from './row-names.js';

export interface DataPackageOptions {
  /** The catalogs the document was read with (a bureau's edition may be loaded); built-in by default. */
  catalogs?: CatalogSet;
  /** SPDX licence id of the data (default CC-BY-4.0). */
  license?: string;
  /** Who publishes the data (default: the document's entity). */
  publisher?: string;
  /** When the package was made (ISO 8601; default now). */
  created?: string;
}

/** Licences an open-data portal expects, with their pages; others are written by id only. */
const LICENSES: Record<string, { path: string; title: string }> = {
  'CC-BY-4.0': { path: 'https://creativecommons.org/licenses/by/4.0/', title: '知识共享署名 4.0 国际许可协议（CC BY 4.0）' },
  'CC0-1.0': { path: 'https://creativecommons.org/publicdomain/zero/1.0/', title: 'CC0 1.0 公有领域贡献' },
  'CC-BY-SA-4.0': { path: 'https://creativecommons.org/licenses/by-sa/4.0/', title: '知识共享署名-相同方式共享 4.0 国际许可协议' },
  'ODbL-1.0': { path: 'https://opendatacommons.org/licenses/odbl/1-0/', title: 'Open Data Commons Open Database License 1.0' },
};

export function licenseOf(id = 'CC-BY-4.0'): { name: string; path?: string; title: string } {
  const known = LICENSES[id];
  return known ? { name: id, ...known } : { name: id, title: id };
}

/** A file name without its folders: published files never carry the publisher's local paths. */
export function withoutFolders(name: string): string {
  return name.split(/[\\/]/).pop() ?? name;
}

const LEVEL_NAMES: Record<BudgetDocument['meta']['level'], string> = {
  central: '中央',
  province: '省级',
  city: '市级',
  district: '区级',
  county: '县级',
  township: '乡镇级',
  unknown: '未知',
};

const KIND_NAMES: Record<BudgetDocument['meta']['kind'], string> = { budget: '预算', final: '决算' };
const SCOPE_NAMES: Record<BudgetDocument['meta']['scope'], string> = { department: '部门', unit: '单位' };


/** 32-bit FNV-1a of a string, as 8 hex digits: a stable slug for a name that has no code. */
function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) {
    h ^= byte;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/** A data-package name (lowercase letters, digits, "-", "_", "."): scope, kind, year and the entity. */
export function packageName(doc: BudgetDocument): string {
  const code = (doc.meta.entity.code ?? '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  const entity = code !== '' ? code : `e${fnv1a(doc.meta.entity.name)}`;
  return `${doc.meta.scope}-${doc.meta.kind}-${doc.meta.year}-${entity}`;
}

function editionText(catalogs: CatalogSet, scheme: 'function' | 'economic-department', year: number): { edition?: number; origin?: string } {
  const cat = catalogs.forYear(scheme, year);
  return cat ? { edition: cat.edition, origin: cat.origin } : {};
}

/**
 * The `datapackage.json` of a document whose cells CSV and JSON document are written to
 * `files.cells` and `files.document` (paths relative to the descriptor).
 */
export function dataPackage(doc: BudgetDocument, files: { cells: string; document: string; subjects?: string; tables?: { name: string; title: string }[] }, options: DataPackageOptions = {}): object {
  const { meta } = doc;
  const catalogs = options.catalogs ?? builtinCatalogs();
  const year = meta.year;
  const kind = KIND_NAMES[meta.kind];
  const scope = SCOPE_NAMES[meta.scope];
  const title = `${meta.entity.name}${year}年${scope}${kind}`;
  const start = `${year}-01-01`;
  const end = `${year}-12-31`;
  const present = new Set(doc.tables.map((t) => t.id));
  const tables = TABLE_IDS.filter((id) => present.has(id));
  const fn = editionText(catalogs, 'function', year);
  const econ = editionText(catalogs, 'economic-department', year);
  const fnEdition = fn.edition !== undefined ? `${fn.edition}年版` : '版本未知';
  const econEdition = econ.edition !== undefined ? `${econ.edition}年版` : '版本未知';

  const tableNames = Object.fromEntries(TABLE_IDS.map((id) => [id, tableName(id, meta.kind)])) as Record<TableId, string>;

  const fields = [
    {
      name: '表',
      title: '表（代码）',
      type: 'string',
      format: 'default',
      description: `表：九张标准表之一，取值 ${TABLE_IDS.map((id) => `${id}（${tableNames[id]}）`).join('、')}`,
      constraints: { required: true, enum: [...TABLE_IDS] },
    },
    { name: '表名', title: '表名', type: 'string', format: 'default', description: '文件印出的表名', constraints: { required: true } },
    {
      name: '行',
      title: '行（科目编码或行键）',
      type: 'string',
      format: 'default',
      description:
        '行：科目编码，类款项连写、不含空格（支出功能分类如 208、20801、2080109；部门预算经济分类如 301、30101），' +
        'total 为合计；收支总表与财政拨款收支总表的行为收入来源（income.fiscal、income.business……）与支出功能分类“类”（expenditure.208）及总计（income.total、expenditure.total）；“三公”经费表只有一行 budget',
      constraints: { required: true },
    },
    { name: '科目编码', title: '科目编码', type: 'string', format: 'default', description: '行所对应的科目编码（收入来源、合计等行为空），见 subjects 资源' },
    { name: '科目名称', title: '科目名称', type: 'string', format: 'default', description: '科目名称或行名称；原表未印名称的科目按本文件其他表或科目表补全（见 subjects 资源“名称出处”）' },
    {
      name: '列',
      title: '列（代码）',
      type: 'string',
      format: 'default',
      description:
        '列：预算的类别与资金来源，如 total（合计）、basic（基本支出）、project（项目支出）、fiscal/business/operating/other（财政拨款收入、事业收入、事业单位经营收入、其他收入）、' +
        'general/fund/soe（一般公共预算、政府性基金预算、国有资本经营预算）、personnel/public（人员经费、公用经费）、“三公”经费各项；收入行只有 amount（预算数）',
      constraints: { required: true, enum: Object.keys(COLUMN_NAMES) },
    },
    { name: '列名', title: '列名', type: 'string', format: 'default', description: '列的名称' },
    {
      name: '金额（元）',
      title: '金额（元）',
      type: 'number',
      format: 'default',
      decimalChar: '.',
      groupChar: '',
      bareNumber: true,
      description: '金额，单位：元，保留两位小数，无千位分隔符，负数前加“-”；文件中空白或为 0.00 的单元格不列出（即为零）。“三公”经费表印出单位为万元，此处亦折算为元',
      constraints: { required: true },
    },
  ];
  // The schema must describe the CSV exactly as public-csv.ts writes it.
  if (fields.map((f) => f.name).join(',') !== PUBLIC_CELLS_HEADER.join(',')) throw new Error('datapackage: fields differ from the cells CSV header');

  const rowClassifications = [
    {
      tables: tables.filter((t) => ['income', 'expenditure', 'general-function', 'fund-function', 'soe-function'].includes(t)),
      classificationType: 'functional',
      scheme: 'function',
      title: '支出功能分类科目',
      edition: fn.edition ?? null,
      description: `政府收支分类科目中的支出功能分类（${fnEdition}），类、款、项编码连写：3 位为类，5 位为款，7 位为项；total 为合计`,
    },
    {
      tables: tables.filter((t) => t === 'general-basic-economic'),
      classificationType: 'economic',
      scheme: 'economic-department',
      title: '部门预算支出经济分类科目',
      edition: econ.edition ?? null,
      description: `部门预算支出经济分类（${econEdition}），类、款编码连写：3 位为类，5 位为款；total 为合计`,
    },
    {
      tables: tables.filter((t) => t === 'summary' || t === 'fiscal'),
      classificationType: 'functional',
      scheme: 'income-source+function',
      title: '收入来源与支出功能分类（类）',
      edition: fn.edition ?? null,
      description: `收入行为收入来源（财政拨款按一般公共预算、政府性基金、国有资本经营预算分列，事业收入、事业单位经营收入、其他收入等），支出行为支出功能分类“类”（${fnEdition}）`,
      rows: { ...SUMMARY_ROW_NAMES, ...FISCAL_INCOME_ROWS },
    },
    {
      tables: tables.filter((t) => t === 'three-public'),
      classificationType: 'other',
      scheme: 'single-row',
      title: '“三公”经费和机关运行经费',
      description: '只有一行 budget，各项经费在列中',
      rows: { budget: `${year}年${kind}数` },
    },
  ].filter((c) => c.tables.length > 0);

  const administrative: Record<string, { constant: string; title: string }> = {
    name: { constant: meta.entity.name, title: `${scope}名称` },
  };
  if (meta.entity.code) administrative.code = { constant: meta.entity.code, title: `${scope}编码` };
  administrative.region = { constant: meta.region, title: '地区' };
  administrative.level = { constant: LEVEL_NAMES[meta.level], title: '预算级次' };
  administrative.scope = { constant: scope, title: '部门预算（汇总）或单位预算' };

  return {
    profile: 'fiscal-data-package',
    profiles: { fiscal: '*', tabular: '*' },
    name: packageName(doc),
    title,
    description:
      `${title}的开放数据：九张预算表的每个非零单元格一行（CSV，金额单位元），以及完整文档（JSON：元数据、各表、说明文字及其中所述数字）。` +
      (meta.title ? `来源文件：${meta.title}。` : ''),
    language: 'zh-CN',
    countryCode: 'cn',
    granularity: 'aggregated',
    fiscalPeriod: { start, end },
    keywords: [`${scope}${kind}`, meta.region, meta.entity.name, `${year}年`],
    licenses: [licenseOf(options.license)],
    publisher: { name: options.publisher ?? meta.entity.name },
    contributors: [{ title: options.publisher ?? meta.entity.name, role: 'publisher' }],
    created: options.created ?? new Date().toISOString(),
    ...(meta.source?.fileName ? { sources: [{ title: `${meta.title}（原文件 ${withoutFolders(meta.source.fileName)}）` }] } : { sources: [{ title: meta.title }] }),
    resources: [
      {
        name: 'cells',
        path: files.cells,
        profile: 'tabular-data-resource',
        title: '预算表单元格',
        description: '每个非零单元格一行：表与表名、行与科目编码、科目名称、列与列名、金额（元，两位小数）；表按标准顺序，行按文件中的顺序。UTF-8（带 BOM，Excel、WPS 可直接打开）',
        format: 'csv',
        mediatype: 'text/csv',
        encoding: 'utf-8-sig',
        dialect: { delimiter: ',', header: true, lineTerminator: '\n', quoteChar: '"', doubleQuote: true },
        schema: {
          fields,
          primaryKey: ['表', '行', '列'],
          missingValues: [''],
          ...(files.subjects ? { foreignKeys: [{ fields: ['科目编码'], reference: { resource: 'subjects', fields: ['科目编码'] } }] } : {}),
        },
      },
      ...(files.subjects
        ? [
            {
              name: 'subjects',
              path: files.subjects,
              profile: 'tabular-data-resource',
              title: '科目代码表',
              description: `单元格所用的科目：编码、名称、体系（支出功能分类 ${fnEdition}、部门预算经济分类 ${econEdition}）、级次、上级编码与名称出处（原表，或原表未印时据本文件其他表、科目表补全）`,
              format: 'csv',
              mediatype: 'text/csv',
              encoding: 'utf-8-sig',
              dialect: { delimiter: ',', header: true, lineTerminator: '\n', quoteChar: '"', doubleQuote: true },
              schema: {
                fields: SUBJECTS_HEADER.map((name) => ({ name, type: 'string', format: 'default', ...(name === '科目编码' || name === '科目名称' ? { constraints: { required: name === '科目编码' } } : {}) })),
                primaryKey: ['科目编码'],
                missingValues: [''],
              },
            },
          ]
        : []),
      ...(files.tables ?? []).map((t, i) => ({
        name: `table-${i + 1}`,
        path: t.name,
        title: t.title,
        description: '按文件印出的版式：表名、编制单位与金额单位、表头各行、表体；金额不带千位分隔符',
        format: 'csv',
        mediatype: 'text/csv',
        encoding: 'utf-8-sig',
      })),
      {
        name: 'document',
        path: files.document,
        profile: 'data-resource',
        title: '完整文档（JSON）',
        description:
          'budgetbook 文档：元数据（地区、级次、年度、单位名称与编码、所属单位）、标准表（金额单位：分，整数）、没有标准对应的表（原样）、说明文字各部分及其中所述的金额与变动、导入说明；结构见 docs/document.schema.json',
        format: 'json',
        mediatype: 'application/json',
        encoding: 'utf-8',
      },
    ],
    model: {
      measures: {
        amount: {
          source: '金额（元）',
          resource: 'cells',
          title: '金额',
          currency: 'CNY',
          factor: 1,
          unit: '元',
          phase: meta.kind === 'final' ? 'executed' : 'approved',
          description: `${kind}金额，单位：元（人民币）；收入行为收入，支出行为支出`,
        },
      },
      dimensions: {
        table: {
          title: '表',
          description: '金额所在的标准表',
          dimensionType: 'other',
          attributes: { code: { source: '表', resource: 'cells', title: '表' }, name: { source: '表名', resource: 'cells', title: '表名' } },
          primaryKey: 'code',
          values: tableNames,
        },
        row: {
          title: '科目',
          description: `行：按所在的表，为支出功能分类科目（${fnEdition}）、部门预算经济分类科目（${econEdition}）或收入来源`,
          dimensionType: 'classification',
          classificationType: 'functional',
          attributes: { code: { source: '行', resource: 'cells', title: '科目编码或行键' }, subject: { source: '科目编码', resource: 'cells', title: '科目编码' }, name: { source: '科目名称', resource: 'cells', title: '科目名称' } },
          primaryKey: 'code',
          classifications: rowClassifications,
        },
        column: {
          title: '列',
          description: '预算的类别与资金来源：合计、基本支出/项目支出、人员经费/公用经费、资金来源（财政拨款收入、事业收入……）、预算类别（一般公共预算、政府性基金预算、国有资本经营预算）、“三公”经费各项',
          dimensionType: 'other',
          attributes: { code: { source: '列', resource: 'cells', title: '列' }, name: { source: '列名', resource: 'cells', title: '列名' } },
          primaryKey: 'code',
          values: { ...COLUMN_NAMES, ...(meta.kind === 'final' ? { amount: '决算数' } : {}) },
        },
        'fiscal-period': {
          title: '预算年度',
          description: `${year}年度（公历 ${start} 至 ${end}）`,
          dimensionType: 'datetime',
          attributes: {
            year: { constant: String(year), title: '年度' },
            start: { constant: start, title: '起始日' },
            end: { constant: end, title: '终止日' },
          },
          primaryKey: 'year',
        },
        administrative: {
          title: `${scope}`,
          description: `编制${kind}的${scope}${meta.memberUnits.length > 0 ? `（含所属预算单位 ${meta.memberUnits.length} 家）` : ''}`,
          dimensionType: 'classification',
          classificationType: 'administrative',
          attributes: administrative,
          primaryKey: meta.entity.code ? 'code' : 'name',
          ...(meta.memberUnits.length > 0 ? { memberUnits: meta.memberUnits.map((u) => (u.code ? { name: u.name, code: u.code } : { name: u.name })) } : {}),
        },
        'document-kind': {
          title: '文件类别',
          description: `${scope}${kind}`,
          dimensionType: 'other',
          attributes: {
            code: { constant: meta.kind, title: '类别代码（budget = 预算，final = 决算）' },
            name: { constant: kind, title: '类别' },
            scope: { constant: `${scope}${kind}`, title: '部门或单位' },
          },
          primaryKey: 'code',
        },
      },
    },
  };
}
