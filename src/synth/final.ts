/**
 * A seeded 部门决算 (meta.kind 'final') for a generated budget of the same year: every 项 is spent
 * within a realistic deviation of its budget (basic spending close to it, projects further off,
 * some exactly as budgeted), 政府性基金/国有资本经营 funds carry balances from year to year
 * (年初 + 收入 − 支出 = 年末), “三公” are spent under their budget, and the narrative states the
 * 完成率 and the direction (大于/小于/持平) truly. The nine tables follow model/tables.ts FINAL_*.
 */
import type { BudgetDocument, BudgetTable, Narrative, NarrativeSection, TableRow } from '../model/document.js';
import { formatWanyuan, parseAmount, rateHundredths, type Fen } from '../model/money.js';
import { FINAL_COLUMNS, FINAL_FISCAL_ROWS, FINAL_SUMMARY_ROWS, FINAL_TABLE_NAMES, type TableId } from '../model/tables.js';
import type { CatalogSet } from '../catalogs/catalog.js';
import { builtinCatalogs } from '../catalogs/builtin.js';
import { Random } from './random.js';

export interface FinalOptions {
  /** That year's budget of the entity (meta.kind 'budget'). */
  budget: BudgetDocument;
  seed: number;
  catalogs?: CatalogSet;
}

interface Line {
  code: string;
  general: { basic: Fen; project: Fen };
  fund: { opening: Fen; income: Fen; spent: Fen };
  soe: { opening: Fen; income: Fen; spent: Fen };
  other: { basic: Fen; project: Fen; source: 'business' | 'operating' | 'other' };
}

const cellOf = (t: BudgetTable | undefined, key: string, col: string): Fen => t?.rows.find((r) => r.key === key)?.cells[col] ?? 0;
const row = (key: string, cells: Record<string, Fen>, extra: Partial<TableRow> = {}): TableRow => ({ key, cells, ...extra });

/** A deviation factor: basic spending 90–100%, projects 60–105%; sometimes exactly as budgeted. */
function spend(rng: Random, amount: Fen, basic: boolean): Fen {
  if (amount === 0 || rng.chance(0.2)) return amount;
  const factor = basic ? 0.9 + rng.next() * 0.1 : 0.6 + rng.next() * 0.45;
  return Math.round((amount * factor) / 100) * 100;
}

/** Splits `total` over `weights` in proportion (largest remainder), exact in 分. */
function apportion(total: Fen, weights: Fen[]): Fen[] {
  const sum = weights.reduce((s, w) => s + w, 0);
  if (weights.length === 0) return [];
  if (sum === 0) return weights.map((_, i) => (i === 0 ? total : 0));
  const raw = weights.map((w) => (total * w) / sum);
  const out = raw.map(Math.floor);
  let rest = total - out.reduce((s, v) => s + v, 0);
  const order = raw.map((v, i) => ({ i, frac: v - Math.floor(v) })).sort((a, b) => b.frac - a.frac);
  for (let k = 0; rest > 0; k = (k + 1) % order.length, rest--) out[order[k]!.i]! += 1;
  return out;
}

function linesOf(rng: Random, budget: BudgetDocument): Line[] {
  const t = (id: TableId) => budget.tables.find((x) => x.id === id);
  const exp = t('expenditure');
  const inc = t('income');
  const codes = (exp?.rows ?? []).map((r) => r.code).filter((c): c is string => c?.length === 7);
  return codes.map((code) => {
    const gBasic = cellOf(t('general-function'), code, 'basic');
    const gProject = cellOf(t('general-function'), code, 'project');
    const fund = cellOf(t('fund-function'), code, 'total');
    const soe = cellOf(t('soe-function'), code, 'total');
    const oBasic = cellOf(exp, code, 'basic') - gBasic;
    const oProject = cellOf(exp, code, 'project') - gProject - fund - soe;
    const source = (['business', 'operating', 'other'] as const).find((s) => cellOf(inc, code, s) > 0) ?? 'other';
    const balance = (income: Fen) => {
      const opening = income > 0 && rng.chance(0.5) ? Math.round((income * rng.next() * 0.4) / 100) * 100 : 0;
      const spent = Math.min(opening + income, spend(rng, income, false) + (rng.chance(0.5) ? opening : 0));
      return { opening, income, spent };
    };
    return {
      code,
      general: { basic: spend(rng, gBasic, true), project: spend(rng, gProject, false) },
      fund: balance(fund),
      soe: balance(soe),
      other: { basic: spend(rng, Math.max(0, oBasic), true), project: spend(rng, Math.max(0, oProject), false), source },
    };
  });
}

export function generateFinal(opts: FinalOptions): BudgetDocument {
  const { budget } = opts;
  const rng = new Random(opts.seed);
  const catalogs = opts.catalogs ?? builtinCatalogs();
  const year = budget.meta.year;
  const lines = linesOf(rng, budget);
  const name = (code: string) => {
    const found = catalogs.lookup('function', code, year);
    return found.status === 'known' ? found.entry.name : code;
  };
  const sum = (f: (l: Line) => Fen, ls = lines) => ls.reduce((s, l) => s + f(l), 0);
  const gen = (l: Line) => l.general.basic + l.general.project;
  const basic = (l: Line) => l.general.basic + l.other.basic;
  const project = (l: Line) => l.general.project + l.fund.spent + l.soe.spent + l.other.project;
  const spent = (l: Line) => basic(l) + project(l);
  const otherOf = (s: Line['other']['source']) => (l: Line) => (l.other.source === s ? l.other.basic + l.other.project : 0);
  const fiscalIncome = (l: Line) => gen(l) + l.fund.income + l.soe.income;

  /** 类/款/项 rows with the given columns, then 合计 (last, as the function tables print it). */
  const codeRows = (columns: Record<string, (l: Line) => Fen>, keep: (l: Line) => boolean): TableRow[] => {
    const chosen = lines.filter(keep);
    const cells = (ls: Line[]) => Object.fromEntries(Object.entries(columns).map(([c, f]) => [c, sum(f, ls)]));
    const rows: TableRow[] = [];
    const seen = new Set<string>();
    for (const l of chosen) {
      for (const code of [l.code.slice(0, 3), l.code.slice(0, 5), l.code]) {
        if (seen.has(code)) continue;
        seen.add(code);
        rows.push(row(code, cells(chosen.filter((x) => x.code.startsWith(code))), { code, label: name(code) }));
      }
    }
    return [row('total', cells(chosen), { label: '合计' }), ...rows];
  };
  const classes = [...new Set(lines.map((l) => l.code.slice(0, 3)))].sort();
  const byClass = (c: string) => lines.filter((l) => l.code.startsWith(c));
  const NUM = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

  // 收入支出决算总表
  const incomeCurrent = sum(fiscalIncome) + sum((l) => l.other.basic + l.other.project);
  const opening = sum((l) => l.fund.opening + l.soe.opening);
  const closing = sum((l) => l.fund.opening + l.fund.income - l.fund.spent + l.soe.opening + l.soe.income - l.soe.spent);
  const L = FINAL_SUMMARY_ROWS;
  const summaryIncome: TableRow[] = [
    row('income.fiscal.general', { amount: sum(gen) }, { label: L['income.fiscal.general'] }),
    row('income.fiscal.fund', { amount: sum((l) => l.fund.income) }, { label: L['income.fiscal.fund'] }),
    row('income.fiscal.soe', { amount: sum((l) => l.soe.income) }, { label: L['income.fiscal.soe'] }),
    row('income.superior', { amount: 0 }, { label: L['income.superior'] }),
    row('income.business', { amount: sum(otherOf('business')) }, { label: L['income.business'] }),
    row('income.operating', { amount: sum(otherOf('operating')) }, { label: L['income.operating'] }),
    row('income.affiliated', { amount: 0 }, { label: L['income.affiliated'] }),
    row('income.other', { amount: sum(otherOf('other')) }, { label: L['income.other'] }),
    row('income.current', { amount: incomeCurrent }, { label: L['income.current'] }),
    row('income.non-fiscal-balance', { amount: 0 }, { label: L['income.non-fiscal-balance'] }),
    row('income.carryover', { amount: opening }, { label: L['income.carryover'] }),
    row('income.total', { amount: incomeCurrent + opening }, { label: L['income.total'] }),
  ];
  const summaryExpenditure: TableRow[] = [
    ...classes.map((c, i) => row(`expenditure.${c}`, { total: sum(spent, byClass(c)) }, { label: `${NUM[i] ?? i + 1}、${name(c)}` })),
    row('expenditure.current', { total: sum(spent) }, { label: L['expenditure.current'] }),
    row('expenditure.distribution', { total: 0 }, { label: L['expenditure.distribution'] }),
    row('expenditure.carry-forward', { total: closing }, { label: L['expenditure.carry-forward'] }),
    row('expenditure.total', { total: sum(spent) + closing }, { label: L['expenditure.total'] }),
  ];

  // 财政拨款收入支出决算总表
  const F = FINAL_FISCAL_ROWS;
  const fundClosing = (k: 'fund' | 'soe') => sum((l) => l[k].opening + l[k].income - l[k].spent);
  const fiscalCells = (ls: Line[]) => ({ total: sum((l) => gen(l) + l.fund.spent + l.soe.spent, ls), general: sum(gen, ls), fund: sum((l) => l.fund.spent, ls), soe: sum((l) => l.soe.spent, ls) });
  const fiscalCurrent = fiscalCells(lines);
  const carry = { total: fundClosing('fund') + fundClosing('soe'), general: 0, fund: fundClosing('fund'), soe: fundClosing('soe') };
  const fiscalRows: TableRow[] = [
    row('income.general', { amount: sum(gen) }, { label: F['income.general'] }),
    row('income.fund', { amount: sum((l) => l.fund.income) }, { label: F['income.fund'] }),
    row('income.soe', { amount: sum((l) => l.soe.income) }, { label: F['income.soe'] }),
    ...classes.map((c, i) => row(`expenditure.${c}`, fiscalCells(byClass(c)), { label: `${NUM[i] ?? i + 1}、${name(c)}` })),
    row('income.current', { amount: sum(fiscalIncome) }, { label: F['income.current'] }),
    row('expenditure.current', fiscalCurrent, { label: F['expenditure.current'] }),
    row('income.carryover', { amount: opening }, { label: F['income.carryover'] }),
    row('income.carryover.general', { amount: 0 }, { label: F['income.carryover.general'] }),
    row('income.carryover.fund', { amount: sum((l) => l.fund.opening) }, { label: F['income.carryover.fund'] }),
    row('income.carryover.soe', { amount: sum((l) => l.soe.opening) }, { label: F['income.carryover.soe'] }),
    row('expenditure.carry-forward', carry, { label: F['expenditure.carry-forward'] }),
    row('income.total', { amount: sum(fiscalIncome) + opening }, { label: F['income.total'] }),
    row('expenditure.total', { total: fiscalCurrent.total + carry.total, general: fiscalCurrent.general, fund: fiscalCurrent.fund + carry.fund, soe: fiscalCurrent.soe + carry.soe }, { label: F['expenditure.total'] }),
  ];

  // 一般公共预算财政拨款基本支出决算表: the budget's economic lines, scaled to what was spent.
  const bEcon = budget.tables.find((t) => t.id === 'general-basic-economic');
  const bPersonnel = cellOf(bEcon, 'total', 'personnel');
  const bPublic = cellOf(bEcon, 'total', 'public');
  const basicTotal = sum((l) => l.general.basic);
  const [personnel, publicTotal] = apportion(basicTotal, [bPersonnel, bPublic]) as [Fen, Fen];
  const bTp = budget.tables.find((t) => t.id === 'three-public')?.rows.find((r) => r.key === 'budget')?.cells ?? {};
  // “三公” spent under budget, in whole hundreds of 元, within what 公用经费 allows.
  const under = (v: Fen | undefined) => (v ? Math.floor((v * (rng.chance(0.25) ? 1 : 0.5 + rng.next() * 0.5)) / 10_000) * 10_000 : 0);
  let abroad = under(bTp.abroad);
  let reception = under(bTp.reception);
  let vehicleOp = under(bTp['vehicle-operation']);
  let vehiclePurchase = under(bTp['vehicle-purchase']);
  if (abroad + reception + vehicleOp + vehiclePurchase > publicTotal) abroad = reception = vehicleOp = vehiclePurchase = 0;
  const kuans = (bEcon?.rows ?? []).filter((r) => r.code?.length === 5 && !['30212', '30217', '30231', '31013'].includes(r.code));
  const pers = kuans.filter((r) => (r.cells.personnel ?? 0) > 0);
  const pub = kuans.filter((r) => (r.cells.public ?? 0) > 0);
  const econ = new Map<string, { personnel: Fen; public: Fen }>();
  const persSplit = pers.length > 0 ? apportion(personnel, pers.map((r) => r.cells.personnel!)) : [];
  pers.forEach((r, i) => econ.set(r.code!, { personnel: persSplit[i]!, public: 0 }));
  if (pers.length === 0 && personnel > 0) econ.set('30101', { personnel, public: 0 });
  const pubRest = publicTotal - abroad - reception - vehicleOp - vehiclePurchase;
  const pubSplit = pub.length > 0 ? apportion(pubRest, pub.map((r) => r.cells.public!)) : [];
  pub.forEach((r, i) => econ.set(r.code!, { personnel: econ.get(r.code!)?.personnel ?? 0, public: pubSplit[i]! }));
  if (pub.length === 0 && pubRest > 0) econ.set('30299', { personnel: 0, public: pubRest });
  for (const [code, v] of [['30212', abroad], ['30217', reception], ['30231', vehicleOp], ['31013', vehiclePurchase]] as const) if (v > 0) econ.set(code, { personnel: 0, public: v });
  const econName = (code: string) => {
    const found = catalogs.lookup('economic-department', code, year);
    return found.status === 'known' ? found.entry.name : code;
  };
  const econRows: TableRow[] = [];
  const econCells = (v: { personnel: Fen; public: Fen }) => ({ total: v.personnel + v.public, personnel: v.personnel, public: v.public });
  for (const cls of [...new Set([...econ.keys()].map((c) => c.slice(0, 3)))].sort()) {
    const ks = [...econ.keys()].filter((c) => c.startsWith(cls)).sort();
    const s = ks.reduce((a, c) => ({ personnel: a.personnel + econ.get(c)!.personnel, public: a.public + econ.get(c)!.public }), { personnel: 0, public: 0 });
    econRows.push(row(cls, econCells(s), { code: cls, label: econName(cls) }));
    for (const k of ks) econRows.push(row(k, econCells(econ.get(k)!), { code: k, label: econName(k) }));
  }
  econRows.push(row('total', econCells({ personnel, public: publicTotal }), { label: '人员经费合计 / 公用经费合计' }));

  const tpBudget = { total: bTp.total ?? 0, abroad: bTp.abroad ?? 0, vehicle: bTp.vehicle ?? 0, 'vehicle-purchase': bTp['vehicle-purchase'] ?? 0, 'vehicle-operation': bTp['vehicle-operation'] ?? 0, reception: bTp.reception ?? 0 };
  const tpFinal = { total: abroad + reception + vehicleOp + vehiclePurchase, abroad, vehicle: vehicleOp + vehiclePurchase, 'vehicle-purchase': vehiclePurchase, 'vehicle-operation': vehicleOp, reception };
  const fundRows = (k: 'fund' | 'soe') =>
    codeRows({ opening: (l) => l[k].opening, 'current-income': (l) => l[k].income, total: (l) => l[k].spent, basic: () => 0, project: (l) => l[k].spent, closing: (l) => l[k].opening + l[k].income - l[k].spent }, (l) => l[k].income + l[k].opening > 0);

  const entity = budget.meta.entity.name;
  const preparer = `${entity}`;
  const mk = (id: TableId, rows: TableRow[], unit: 'yuan' | 'wanyuan' = 'yuan'): BudgetTable => ({ id, title: FINAL_TABLE_NAMES[id], unit, preparer, columns: [...FINAL_COLUMNS[id]], rows });
  const tables: BudgetTable[] = [
    mk('summary', [...summaryIncome, ...summaryExpenditure]),
    mk('income', codeRows({ total: (l) => fiscalIncome(l) + l.other.basic + l.other.project, fiscal: fiscalIncome, superior: () => 0, business: otherOf('business'), operating: otherOf('operating'), affiliated: () => 0, other: otherOf('other') }, () => true)),
    mk('expenditure', codeRows({ total: spent, basic, project, 'to-superior': () => 0, 'operating-spending': () => 0, subsidiary: () => 0 }, () => true)),
    mk('fiscal', fiscalRows),
    mk('general-function', codeRows({ total: gen, basic: (l) => l.general.basic, project: (l) => l.general.project }, (l) => gen(l) > 0)),
    mk('general-basic-economic', econRows),
    mk('three-public', [row('budget', tpBudget, { label: '预算数' }), row('final', tpFinal, { label: '决算数' })], 'wanyuan'),
    mk('fund-function', fundRows('fund')),
    mk('soe-function', fundRows('soe')),
  ];
  for (const [id, what] of [['general-basic-economic', '一般公共预算财政拨款基本支出'], ['fund-function', '政府性基金预算财政拨款收入和支出'], ['soe-function', '国有资本经营预算财政拨款收入和支出'], ['three-public', '财政拨款“三公”经费支出']] as const) {
    const t = tables.find((x) => x.id === id)!;
    if (t.rows.every((r) => Object.values(r.cells).every((v) => v === 0))) t.note = `说明：${entity}本年度没有${what}，故本表无数据。`;
  }
  const meta = { ...budget.meta, kind: 'final' as const, title: `${entity}${year}年度部门决算`, source: { layout: 'generated' as const } };
  const doc: BudgetDocument = { format: 'budgetbook/document', version: 1, meta, tables, extraTables: [], narrative: { sections: [], amounts: [], counts: [], absences: [], projects: [] }, notes: [] };
  doc.narrative = finalNarrative(doc, budget, name);
  return doc;
}

const w = (fen: Fen) => formatWanyuan(fen);
/** 完成率 from the printed 万元 figures, as a reader recomputes it. */
function pct(actual: Fen, budget: Fen): string | undefined {
  const a = parseAmount(w(actual), 'wanyuan')!;
  const b = parseAmount(w(budget), 'wanyuan')!;
  const r = rateHundredths(a, b);
  return r === undefined ? undefined : (r / 100).toFixed(2);
}
function compare(actual: Fen, budget: Fen, reasonLess: string, reasonMore: string): string {
  if (w(actual) === w(budget)) return '决算数与预算数持平。';
  return actual > budget ? `决算数大于预算数的主要原因：${reasonMore}。` : `决算数小于预算数的主要原因：${reasonLess}。`;
}
function execution(actual: Fen, budget: Fen, basis = '年初预算'): string {
  const p = pct(actual, budget);
  return `${basis}为${w(budget)}万元，支出决算为${w(actual)}万元${p ? `，完成${basis}的${p}%` : ''}。`;
}

function finalNarrative(doc: BudgetDocument, budget: BudgetDocument, name: (code: string) => string): Narrative {
  const out: Narrative = { sections: [], amounts: [], counts: [], absences: [], projects: [] };
  const entity = doc.meta.entity.name;
  const year = doc.meta.year;
  const sec = (heading: string, kind: NarrativeSection['kind'], ...paras: string[]) => out.sections.push({ heading, kind, paragraphs: paras.filter((p) => p !== '').map((text) => ({ text })) });
  const c = (id: TableId, key: string, col: string) => cellOf(doc.tables.find((t) => t.id === id), key, col);
  const b = (id: TableId, key: string, col: string) => cellOf(budget.tables.find((t) => t.id === id), key, col);
  sec('一、主要职能', 'functions', `${entity}负责本区有关工作，贯彻执行有关法律、法规、规章和方针、政策。`);
  sec('二、部门决算单位构成', 'organization', `从预算单位构成看，${entity}部门决算包括：${entity}本级决算、下属行政事业单位决算。`, ...doc.meta.memberUnits.map((u, i) => `${i + 1}. ${u.name}`));
  sec('一、收入支出决算总体情况说明', 'budget-explanation', `${entity}${year}年度收入支出总计${w(c('summary', 'income.total', 'amount'))}万元。`);
  const cur = c('summary', 'income.current', 'amount');
  const share = (v: Fen, of: Fen) => (of > 0 ? `，占${((rateHundredths(v, of) ?? 0) / 100).toFixed(2)}%` : '');
  sec('二、收入决算情况说明', 'budget-explanation', `本年收入合计${w(cur)}万元，其中：财政拨款收入${w(c('income', 'total', 'fiscal'))}万元${share(c('income', 'total', 'fiscal'), cur)}。`);
  const spent = c('summary', 'expenditure.current', 'total');
  sec('三、支出决算情况说明', 'budget-explanation', `本年支出合计${w(spent)}万元，其中：基本支出${w(c('expenditure', 'total', 'basic'))}万元${share(c('expenditure', 'total', 'basic'), spent)}；项目支出${w(c('expenditure', 'total', 'project'))}万元${share(c('expenditure', 'total', 'project'), spent)}。`);
  sec('四、财政拨款收入支出决算总体情况说明', 'budget-explanation', `${entity}${year}年度财政拨款收入支出总计${w(c('fiscal', 'income.total', 'amount'))}万元。`);
  const gTotal = c('general-function', 'total', 'total');
  const gBudget = b('general-function', 'total', 'total');
  const items = (id: 'general-function' | 'fund-function' | 'soe-function') =>
    (doc.tables.find((t) => t.id === id)?.rows ?? [])
      .filter((r) => r.code?.length === 7)
      .map((r, i) => {
        const code = r.code!;
        const budgetItem = b(id, code, 'total');
        return `${i + 1}、${name(code.slice(0, 3))}（类）${name(code.slice(0, 5))}（款）${name(code)}（项）。主要用于：${name(code)}方面的支出。${execution(r.cells.total ?? 0, budgetItem)}${compare(r.cells.total ?? 0, budgetItem, '厉行节约，按实际需要支出', '年中追加预算')}`;
      });
  sec('五、一般公共预算财政拨款支出决算情况说明', 'budget-explanation', `一般公共预算财政拨款支出${w(gTotal)}万元。`, `一般公共预算财政拨款支出${execution(gTotal, gBudget)}${compare(gTotal, gBudget, '人员变动及厉行节约，按实际需要支出', '年中追加项目预算')}其中：`, ...items('general-function'));
  sec('六、一般公共预算财政拨款基本支出决算情况说明', 'budget-explanation', `一般公共预算财政拨款基本支出${w(c('general-basic-economic', 'total', 'total'))}万元。其中：人员经费${w(c('general-basic-economic', 'total', 'personnel'))}万元；公用经费${w(c('general-basic-economic', 'total', 'public'))}万元。`);
  const tb = c('three-public', 'budget', 'total');
  const tf = c('three-public', 'final', 'total');
  sec(
    '七、财政拨款“三公”经费支出决算情况说明',
    'three-public',
    tb === 0 && tf === 0 ? `${entity}${year}年度无“三公”经费财政拨款支出。` : `“三公”经费财政拨款支出${execution(tf, tb)}${year}年度“三公”经费支出${compare(tf, tb, '厉行节约，严格控制“三公”经费支出', '年中追加公务接待任务')}`,
  );
  for (const [id, heading, what] of [['fund-function', '八、政府性基金预算财政拨款收入支出决算情况说明', '政府性基金预算'], ['soe-function', '九、国有资本经营预算财政拨款收入支出决算情况说明', '国有资本经营预算']] as const) {
    const inc = c(id, 'total', 'current-income');
    const sp = c(id, 'total', 'total');
    if (inc === 0 && sp === 0 && c(id, 'total', 'opening') === 0) sec(heading, 'budget-explanation', `${entity}${year}年度无${what}财政拨款收入和支出。`);
    else sec(heading, 'budget-explanation', `${what}财政拨款收入${w(inc)}万元，支出${w(sp)}万元，支出具体情况如下：`, ...items(id));
  }
  sec('十、预算绩效管理情况', 'performance', `${entity}${year}年度预算绩效管理工作按本区预算绩效管理实施办法开展。`);
  sec('十一、其他重要事项的情况说明', 'other-info', `机关运行经费支出${w(c('general-basic-economic', 'total', 'public'))}万元。`);
  sec('名词解释', 'glossary', '财政拨款收入：指本级财政当年拨付的资金。', '年初结转和结余：指以前年度尚未完成、结转到本年仍按原规定用途继续使用的资金，或项目已完成等产生的结余资金。');
  return out;
}
