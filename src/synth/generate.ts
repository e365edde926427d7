/**
 * A seeded generator of valid budgets: every identity of model/identities.ts holds, 科目 come
 * from the catalog, and the narrative states the table figures in the documents' own wording.
 * Tests, benchmarks and the demo city are built on it.
 */
import type { BudgetDocument, BudgetTable, DocumentMeta, TableRow } from '../model/document.js';
import type { Fen } from '../model/money.js';
import { DEFAULT_COLUMNS, SUMMARY_UNIT_COLUMNS, TABLE_NAMES, type TableId } from '../model/tables.js';
import type { CatalogEntry, CatalogSet } from '../catalogs/catalog.js';
import { builtinCatalogs } from '../catalogs/builtin.js';
import { Random } from './random.js';
import { writeNarrative, type BudgetFacts } from './narrative.js';

export interface GenerateOptions {
  seed: number;
  scope?: 'department' | 'unit';
  year?: number;
  catalogs?: CatalogSet;
  region?: string;
  entityName?: string;
  /** Scale of the amounts: 1 = a district bureau (millions of 元). */
  scale?: number;
  /** The entity's code (a unit's 单位编码); random when absent. */
  entityCode?: string;
  /** The 项 lines to budget, instead of drawing new ones (a year after `prior`: see synth/city.ts). */
  lines?: ItemLine[];
  /** Last year's document of the same entity: the narrative's stated changes are against its figures. */
  prior?: BudgetDocument;
}

/** One 项 of spending, split by fund and by basic/project. All 分. */
export interface ItemLine {
  code: string;
  generalPersonnel: Fen;
  generalPublic: Fen;
  generalProject: Fen;
  fundProject: Fen;
  soeProject: Fen;
  otherBasic: Fen;
  otherProject: Fen;
  /** How the non-fiscal part is financed: business, operating or other income. */
  otherSource: 'business' | 'operating' | 'other';
}

const DISTRICTS = ['闵行区', '松江区', '普陀区', '徐汇区', '长宁区', '静安区', '杨浦区', '浦东新区', '嘉定区', '青浦区', '奉贤区', '金山区', '宝山区', '虹口区', '黄浦区', '崇明区'];
const BUREAUS = ['医疗保障局', '商务委员会', '司法局', '财政局', '民政局', '教育局', '卫生健康委员会', '文化旅游局', '生态环境局', '体育局', '科学技术委员会', '市场监督管理局'];

export const lineTotal = (l: ItemLine): Fen => l.generalPersonnel + l.generalPublic + l.generalProject + l.fundProject + l.soeProject + l.otherBasic + l.otherProject;
export const lineBasic = (l: ItemLine): Fen => l.generalPersonnel + l.generalPublic + l.otherBasic;
export const lineProject = (l: ItemLine): Fen => l.generalProject + l.fundProject + l.soeProject + l.otherProject;
export const lineFiscal = (l: ItemLine): Fen => l.generalPersonnel + l.generalPublic + l.generalProject + l.fundProject + l.soeProject;
export const lineGeneral = (l: ItemLine): Fen => l.generalPersonnel + l.generalPublic + l.generalProject;

function functionItems(catalogs: CatalogSet, year: number): Map<string, Map<string, CatalogEntry[]>> {
  const cat = catalogs.forYear('function', year);
  const tree = new Map<string, Map<string, CatalogEntry[]>>();
  for (const e of cat?.entries.values() ?? []) {
    if (e.level !== 3) continue;
    const cls = e.code.slice(0, 3);
    const kuan = e.code.slice(0, 5);
    if (!cat!.entries.has(cls) || !cat!.entries.has(kuan)) continue;
    const k = tree.get(cls) ?? new Map<string, CatalogEntry[]>();
    k.set(kuan, [...(k.get(kuan) ?? []), e]);
    tree.set(cls, k);
  }
  return tree;
}

/** 款 every body with staff budgets: 行政事业单位养老支出, 行政事业单位医疗, 住房改革支出 (their personnel costs). */
export const STAFF_KUAN = ['20805', '21011', '22102'];

/**
 * The 项 lines of one unit. With `focus` (款 codes, e.g. 21013 医疗救助 for a 医疗保障局), the lines are of
 * those 款 and of the staff 款 every body has (STAFF_KUAN), so a department spends on its own functions;
 * without, of a few 类 drawn at random.
 */
export function generateLines(rng: Random, catalogs: CatalogSet, year: number, scale: number, focus?: readonly string[]): ItemLine[] {
  const tree = functionItems(catalogs, year);
  const own = (focus ?? []).filter((k) => tree.get(k.slice(0, 3))?.has(k));
  if (own.length) {
    const kuans = [...rng.sample(own, Math.min(own.length, rng.int(1, 3))), ...STAFF_KUAN.filter((k) => tree.get(k.slice(0, 3))?.has(k) && rng.chance(0.7))];
    const lines: ItemLine[] = [];
    for (const kuan of [...new Set(kuans)].sort()) {
      const staff = STAFF_KUAN.includes(kuan);
      const items = rng.sample(tree.get(kuan.slice(0, 3))!.get(kuan)!, staff ? 1 : rng.int(1, 3));
      for (const item of items) lines.push(generateLine(rng, item.code, staff ? scale * 0.2 : scale, staff));
    }
    return lines;
  }
  const classes = rng.sample([...tree.keys()].sort(), rng.int(2, 4));
  const lines: ItemLine[] = [];
  for (const cls of classes) {
    const kuans = rng.sample([...tree.get(cls)!.keys()].sort(), rng.int(1, 3));
    for (const kuan of kuans) {
      const items = rng.sample(tree.get(cls)!.get(kuan)!, rng.int(1, 3));
      for (const item of items) lines.push(generateLine(rng, item.code, scale));
    }
  }
  return lines;
}

function generateLine(rng: Random, code: string, scale: number, staff = false): ItemLine {
  const hi = Math.max(2_000, Math.round(5_000_000 * scale));
  const amt = () => rng.amount(1_000, hi);
  // Staff lines (养老, 医疗, 公积金) are personnel costs of the general budget.
  const kind = staff ? rng.int(0, 2) : rng.int(0, 9);
  const l: ItemLine = { code, generalPersonnel: 0, generalPublic: 0, generalProject: 0, fundProject: 0, soeProject: 0, otherBasic: 0, otherProject: 0, otherSource: rng.pick(['business', 'operating', 'other'] as const) };
  if (kind <= 3) l.generalPersonnel = amt();
  if (kind <= 1 || kind === 4) l.generalPublic = amt();
  if (kind >= 3 && kind <= 7) l.generalProject = amt();
  if (kind === 8) l.fundProject = amt();
  if (kind === 9) l.soeProject = amt();
  if (l.generalPersonnel > 0 && rng.chance(0.12)) l.otherBasic = amt();
  if (rng.chance(0.08)) l.otherProject = amt();
  if (lineTotal(l) === 0) l.generalProject = amt();
  return l;
}

const row = (key: string, cells: Record<string, Fen>, extra: Partial<TableRow> = {}): TableRow => ({ key, cells, ...extra });

/** 类/款/项 rows of a function table, each with the given columns, then 合计. */
function codeRows(lines: ItemLine[], catalogs: CatalogSet, year: number, columns: Record<string, (l: ItemLine) => Fen>, keep: (l: ItemLine) => boolean): TableRow[] {
  const chosen = lines.filter(keep);
  const sum = (ls: ItemLine[]) => Object.fromEntries(Object.entries(columns).map(([c, f]) => [c, ls.reduce((s, l) => s + f(l), 0)]));
  const name = (code: string) => {
    const found = catalogs.lookup('function', code, year);
    return found.status === 'known' ? found.entry.name : code;
  };
  const rows: TableRow[] = [];
  const seen = new Set<string>();
  for (const l of chosen) {
    for (const code of [l.code.slice(0, 3), l.code.slice(0, 5), l.code]) {
      if (seen.has(code)) continue;
      seen.add(code);
      rows.push(row(code, sum(chosen.filter((x) => x.code.startsWith(code))), { code, label: name(code) }));
    }
  }
  rows.push(row('total', sum(chosen), { label: '合计' }));
  return rows;
}

interface EconomicPlan {
  rows: TableRow[];
  abroad: Fen;
  reception: Fen;
  vehicleOperation: Fen;
  publicTotal: Fen;
}

const PERSONNEL_KUAN = ['30101', '30102', '30103', '30107', '30108', '30109', '30110', '30112', '30113', '30199'];
const PUBLIC_KUAN = ['30201', '30202', '30205', '30206', '30207', '30209', '30211', '30213', '30215', '30216', '30226', '30228', '30229', '30239', '30299'];
const FAMILY_KUAN = ['30302', '30305', '30309', '30399'];
const CAPITAL_KUAN = ['31002', '31003', '31099'];

/** The economic table: 人员经费 over 301/303 款, 公用经费 over 302/310 款, with the “三公” lines. */
function economicPlan(rng: Random, personnel: Fen, publicTotal: Fen, catalogs: CatalogSet, year: number): EconomicPlan {
  const parts: { code: string; personnel: Fen; public: Fen }[] = [];
  if (personnel > 0) {
    const kuans = rng.sample(PERSONNEL_KUAN, rng.int(2, 7));
    const family = rng.chance(0.4) ? rng.sample(FAMILY_KUAN, rng.int(1, 2)) : [];
    const all = [...kuans, ...family];
    rng.split(personnel, all.length).forEach((v, i) => parts.push({ code: all[i]!, personnel: v, public: 0 }));
  }
  let abroad = 0;
  let reception = 0;
  let vehicleOperation = 0;
  if (publicTotal > 0) {
    // “三公” lines in whole hundreds of 元, so that the 万元 table states them exactly.
    const hundred = (max: number) => rng.int(10, Math.max(10, Math.floor(max / 10_000))) * 10_000;
    const budget = Math.floor(publicTotal / 4);
    if (budget >= 20_000 && rng.chance(0.6)) reception = hundred(Math.min(budget, 5_000_000));
    if (budget >= 20_000 && rng.chance(0.2)) abroad = hundred(Math.min(budget, 5_000_000));
    if (budget >= 20_000 && rng.chance(0.3)) vehicleOperation = hundred(Math.min(budget, 5_000_000));
    const rest = publicTotal - reception - abroad - vehicleOperation;
    const kuans = rng.sample(PUBLIC_KUAN, rng.int(1, 8));
    const capital = rng.chance(0.3) ? rng.sample(CAPITAL_KUAN, 1) : [];
    const all = [...kuans, ...capital];
    const split = rest > 0 ? rng.split(rest, all.length) : [];
    split.forEach((v, i) => parts.push({ code: all[i]!, personnel: 0, public: v }));
    if (abroad) parts.push({ code: '30212', personnel: 0, public: abroad });
    if (reception) parts.push({ code: '30217', personnel: 0, public: reception });
    if (vehicleOperation) parts.push({ code: '30231', personnel: 0, public: vehicleOperation });
  }
  const name = (code: string) => {
    const found = catalogs.lookup('economic-department', code, year);
    return found.status === 'known' ? found.entry.name : code;
  };
  const byCode = new Map<string, { personnel: Fen; public: Fen }>();
  for (const p of parts) {
    const prev = byCode.get(p.code) ?? { personnel: 0, public: 0 };
    byCode.set(p.code, { personnel: prev.personnel + p.personnel, public: prev.public + p.public });
  }
  const rows: TableRow[] = [];
  const cells = (v: { personnel: Fen; public: Fen }) => ({ total: v.personnel + v.public, personnel: v.personnel, public: v.public });
  for (const cls of [...new Set([...byCode.keys()].map((c) => c.slice(0, 3)))].sort()) {
    const kuans = [...byCode.keys()].filter((c) => c.startsWith(cls)).sort();
    const sum = kuans.reduce((s, c) => ({ personnel: s.personnel + byCode.get(c)!.personnel, public: s.public + byCode.get(c)!.public }), { personnel: 0, public: 0 });
    rows.push(row(cls, cells(sum), { code: cls, label: name(cls) }));
    for (const k of kuans) rows.push(row(k, cells(byCode.get(k)!), { code: k, label: name(k) }));
  }
  rows.push(row('total', cells({ personnel, public: publicTotal }), { label: '合计' }));
  return { rows, abroad, reception, vehicleOperation, publicTotal };
}

/** Income and expenditure items of a total table, printed side by side: rows in printed order. */
export function sideBySide(income: TableRow[], expenditure: TableRow[]): TableRow[] {
  const inc = income.filter((r) => r.key !== 'income.total');
  const exp = expenditure.filter((r) => r.key !== 'expenditure.total');
  const out: TableRow[] = [];
  for (let i = 0; i < Math.max(inc.length, exp.length); i++) {
    if (inc[i]) out.push(inc[i]!);
    if (exp[i]) out.push(exp[i]!);
  }
  const totals = [...income.filter((r) => r.key === 'income.total'), ...expenditure.filter((r) => r.key === 'expenditure.total')];
  return [...out, ...totals];
}

function table(id: TableId, year: number, scope: 'department' | 'unit', preparer: string, rows: TableRow[], columns: readonly string[], unit: 'yuan' | 'wanyuan' = 'yuan'): BudgetTable {
  const prefix = scope === 'department' ? '部门' : '预算单位';
  const title = id === 'three-public' ? `${scope === 'department' ? '部门' : '单位'}${TABLE_NAMES[id]}` : `${year}年${prefix}${TABLE_NAMES[id]}`;
  return { id, title, unit, preparer, columns: [...columns], rows };
}

function buildMeta(rng: Random, opts: GenerateOptions, year: number, scope: 'department' | 'unit'): DocumentMeta {
  const district = opts.region?.replace(/^上海市/, '') ?? rng.pick(DISTRICTS);
  const region = `上海市${district}`;
  const bureau = rng.pick(BUREAUS);
  const name = opts.entityName ?? `${region}${bureau}`;
  const meta: DocumentMeta = {
    title: scope === 'department' ? `${district}${year}年区级部门预算` : `${region}${year}年区级单位预算`,
    year,
    kind: 'budget',
    scope,
    level: 'district',
    region,
    entity: { name },
    memberUnits: [],
    source: { layout: 'generated' },
  };
  if (scope === 'unit') {
    const code = String(rng.int(100001, 999999));
    meta.entity.code = opts.entityCode ?? code;
  } else {
    const n = rng.int(1, 4);
    meta.memberUnits = [{ name: `${name}本级` }, ...Array.from({ length: n - 1 }, (_, i) => ({ name: `${region}${bureau.replace(/(局|委员会)$/, '')}事务中心${i > 0 ? i + 1 : ''}` }))];
    meta.memberCounts = { administrative: 1, institution: n - 1 };
  }
  return meta;
}

export function generateDocument(opts: GenerateOptions): BudgetDocument {
  const rng = new Random(opts.seed);
  const catalogs = opts.catalogs ?? builtinCatalogs();
  const year = opts.year ?? rng.int(2022, 2026);
  const scope = opts.scope ?? (rng.chance(0.5) ? 'department' : 'unit');
  const meta = buildMeta(rng, opts, year, scope);
  const preparer = scope === 'unit' ? `${meta.entity.code}${meta.entity.name}` : scope === 'department' ? `${meta.entity.name}（汇总）` : meta.entity.name;
  const lines = opts.lines ?? generateLines(rng, catalogs, year, opts.scale ?? 1);
  const sum = (f: (l: ItemLine) => Fen, ls = lines) => ls.reduce((s, l) => s + f(l), 0);
  const personnel = sum((l) => l.generalPersonnel);
  const publicTotal = sum((l) => l.generalPublic);
  const econ = economicPlan(rng, personnel, publicTotal, catalogs, year);
  const classes = [...new Set(lines.map((l) => l.code.slice(0, 3)))];
  const className = (c: string) => {
    const f = catalogs.lookup('function', c, year);
    return f.status === 'known' ? f.entry.name : c;
  };
  const NUM = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
  const byClass = (c: string) => lines.filter((l) => l.code.startsWith(c));
  const source = (s: ItemLine['otherSource']) => sum((l) => (l.otherSource === s ? l.otherBasic + l.otherProject : 0));
  const fiscal = sum(lineFiscal);
  const general = sum(lineGeneral);
  const fund = sum((l) => l.fundProject);
  const soe = sum((l) => l.soeProject);
  const total = sum(lineTotal);
  const incomeRows = [
    row('income.fiscal', { amount: fiscal }, { label: '一、财政拨款收入' }),
    row('income.fiscal.general', { amount: general }, { label: '1、一般公共预算资金' }),
    row('income.fiscal.fund', { amount: fund }, { label: '2、政府性基金' }),
    row('income.fiscal.soe', { amount: soe }, { label: '3、国有资本经营预算' }),
    row('income.business', { amount: source('business') }, { label: '二、事业收入' }),
    row('income.operating', { amount: source('operating') }, { label: '三、事业单位经营收入' }),
    row('income.other', { amount: source('other') }, { label: '四、其他收入' }),
    row('income.total', { amount: total }, { label: '收入总计' }),
  ];
  const summaryColumns = scope === 'unit' ? SUMMARY_UNIT_COLUMNS : (['amount', 'total'] as const);
  const expenditureCells = (ls: ItemLine[]): Record<string, Fen> =>
    scope === 'unit'
      ? { total: sum(lineTotal, ls), personnel: sum((l) => l.generalPersonnel + (l.otherBasic > 0 ? l.otherBasic : 0), ls), public: sum((l) => l.generalPublic, ls), project: sum(lineProject, ls) }
      : { total: sum(lineTotal, ls) };
  const summaryExp = [...classes.map((c, i) => row(`expenditure.${c}`, expenditureCells(byClass(c)), { label: `${NUM[i]}、${className(c)}` })), row('expenditure.total', expenditureCells(lines), { label: '支出总计' })];
  const fiscalIncome = [
    row('income.general', { amount: general }, { label: '一、一般公共预算资金' }),
    row('income.fund', { amount: fund }, { label: '二、政府性基金' }),
    row('income.soe', { amount: soe }, { label: '三、国有资本经营预算' }),
    row('income.total', { amount: fiscal }, { label: '收入总计' }),
  ];
  const fiscalCells = (ls: ItemLine[]) => ({ total: sum(lineFiscal, ls), general: sum(lineGeneral, ls), fund: sum((l) => l.fundProject, ls), soe: sum((l) => l.soeProject, ls) });
  const fiscalExp = [...classes.map((c, i) => row(`expenditure.${c}`, fiscalCells(byClass(c)), { label: `${NUM[i]}、${className(c)}` })), row('expenditure.total', fiscalCells(lines), { label: '支出总计' })];
  const incomeCols = { total: lineTotal, fiscal: lineFiscal, business: (l: ItemLine) => (l.otherSource === 'business' ? l.otherBasic + l.otherProject : 0), operating: (l: ItemLine) => (l.otherSource === 'operating' ? l.otherBasic + l.otherProject : 0), other: (l: ItemLine) => (l.otherSource === 'other' ? l.otherBasic + l.otherProject : 0) };
  const threePublicCells: Record<string, Fen> = {
    total: econ.abroad + econ.reception + econ.vehicleOperation,
    abroad: econ.abroad,
    reception: econ.reception,
    vehicle: econ.vehicleOperation,
    'vehicle-purchase': 0,
    'vehicle-operation': econ.vehicleOperation,
    'office-operation': Math.round(econ.publicTotal / 10_000) * 10_000,
  };
  const tables: BudgetTable[] = [
    table('summary', year, scope, preparer, sideBySide(incomeRows, summaryExp), summaryColumns),
    table('income', year, scope, preparer, codeRows(lines, catalogs, year, incomeCols, () => true), DEFAULT_COLUMNS.income),
    table('expenditure', year, scope, preparer, codeRows(lines, catalogs, year, { total: lineTotal, basic: lineBasic, project: lineProject }, () => true), DEFAULT_COLUMNS.expenditure),
    table('fiscal', year, scope, preparer, sideBySide(fiscalIncome, fiscalExp), DEFAULT_COLUMNS.fiscal),
    table('general-function', year, scope, preparer, codeRows(lines, catalogs, year, { total: lineGeneral, basic: (l) => l.generalPersonnel + l.generalPublic, project: (l) => l.generalProject }, (l) => lineGeneral(l) > 0), DEFAULT_COLUMNS['general-function']),
    table('fund-function', year, scope, preparer, codeRows(lines, catalogs, year, { total: (l) => l.fundProject, basic: () => 0, project: (l) => l.fundProject }, (l) => l.fundProject > 0), DEFAULT_COLUMNS['fund-function']),
    table('soe-function', year, scope, preparer, codeRows(lines, catalogs, year, { total: (l) => l.soeProject, basic: () => 0, project: (l) => l.soeProject }, (l) => l.soeProject > 0), DEFAULT_COLUMNS['soe-function']),
    table('general-basic-economic', year, scope, preparer, econ.rows, DEFAULT_COLUMNS['general-basic-economic']),
    table('three-public', year, scope, preparer, [row('budget', threePublicCells)], DEFAULT_COLUMNS['three-public'], 'wanyuan'),
  ];
  const self = scope === 'department' ? '本部门' : '本单位';
  const notes = [
    ['general-function', '一般公共预算安排的支出'],
    ['fund-function', '政府性基金预算安排的支出'],
    ['soe-function', '国有资本经营预算安排的支出'],
    ['general-basic-economic', '一般公共预算基本支出'],
    ['three-public', '“三公”经费和机关运行经费预算'],
  ] as const;
  for (const [id, what] of notes) {
    const t = tables.find((x) => x.id === id)!;
    if (t.rows.every((r) => Object.values(r.cells).every((v) => v === 0))) t.note = `注：${self}${year}年无${what}，故本表无数据。`;
  }
  const facts: BudgetFacts = { meta, lines, tables, rng, catalogs, ...(opts.prior ? { prior: opts.prior } : {}) };
  const narrative = writeNarrative(facts);
  return { format: 'budgetbook/document', version: 1, meta, tables, extraTables: [], narrative, notes: [] };
}
