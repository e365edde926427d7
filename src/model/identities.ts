/**
 * The exact identities that tie a disclosure's tables together, generated from the rows a
 * document actually has. The flattened-text importer uses them to place numbers into columns;
 * the checker reports every one that fails. One list, used by both.
 */
import type { BudgetTable } from './document.js';
import { FUNCTION_TABLE_FUND, INCOME_SOURCES, type TableId, isCodeTable, rowColumns } from './tables.js';

export interface CellRef {
  table: TableId;
  row: string;
  column: string;
}

export type IdentityFamily = 'row' | 'hierarchy' | 'cross-table';

export interface Identity {
  /** Stable rule id, e.g. "row.total", "hierarchy.children", "cross.summary-income". */
  rule: string;
  family: IdentityFamily;
  /** What must hold, in Chinese, e.g. "类 = Σ款". */
  description: string;
  lhs: CellRef;
  rhs: CellRef[];
  /** Terms subtracted from the right-hand side (决算: 年末 = 年初 + 收入 − 支出); absent for budgets. */
  minus?: CellRef[];
  /** '=' must hold exactly; '>=' and soft identities are evidence, not law (see evidence below). */
  relation: '=' | '>=';
  /** Soft: expected of a well-made document but not required by the tables' definitions. */
  soft: boolean;
}

/** The tables of a document by id, as the identities see them. */
export type TableIndex = Partial<Record<TableId, Pick<BudgetTable, 'id' | 'columns' | 'rows' | 'unit'> & { decimals?: number | undefined }>>;

const ref = (table: TableId, row: string, column: string): CellRef => ({ table, row, column });

function identity(rule: string, family: IdentityFamily, description: string, lhs: CellRef, rhs: CellRef[], soft = false, relation: '=' | '>=' = '='): Identity {
  return { rule, family, description, lhs, rhs, relation, soft };
}

function partsOf(columns: readonly string[], table: TableId, rowKey: string): { total: string; parts: string[] }[] {
  const cols = rowColumns(table, rowKey, columns);
  if (table === 'three-public') {
    const out = [{ total: 'total', parts: ['abroad', 'reception', 'vehicle'] }];
    out.push({ total: 'vehicle', parts: ['vehicle-purchase', 'vehicle-operation'] });
    return out;
  }
  if (!cols.includes('total')) return [];
  // 基本支出 printed with its 人员/公用 split beside it (浙江): total = 基本 + 项目 …, 基本 = 人员 + 公用.
  const split: string[] = cols.includes('basic') ? cols.filter((c) => c === 'personnel' || c === 'public') : [];
  const parts = cols.filter((c) => c !== 'total' && c !== 'amount' && !split.includes(c));
  const out = parts.length > 0 ? [{ total: 'total', parts }] : [];
  if (split.length > 0) out.push({ total: 'basic', parts: split });
  return out;
}

/** Row identities: a row's total is the sum of its parts (and 小计 = 购置费 + 运行费). */
export function rowIdentities(table: Pick<BudgetTable, 'id' | 'columns' | 'rows'>): Identity[] {
  const out: Identity[] = [];
  for (const row of table.rows) {
    for (const { total, parts } of partsOf(table.columns, table.id, row.key)) {
      const desc = table.id === 'three-public' && total === 'vehicle' ? '小计 = 购置费 + 运行费' : total === 'basic' ? '基本支出 = 人员经费 + 公用经费' : '合计 = 各部分之和';
      out.push(identity('row.total', 'row', desc, ref(table.id, row.key, total), parts.map((p) => ref(table.id, row.key, p))));
    }
  }
  return out;
}

function amountColumns(table: Pick<BudgetTable, 'id' | 'columns'>): string[] {
  return table.columns.filter((c) => c !== 'amount');
}

/** 类 = Σ款, 款 = Σ项 and 合计 = Σ类 in every column of a code table. */
export function hierarchyIdentities(table: Pick<BudgetTable, 'id' | 'columns' | 'rows'>): Identity[] {
  if (!isCodeTable(table.id)) return [];
  const present = new Set(table.rows.map((r) => r.code).filter((c): c is string => !!c));
  // A row printed by a name no catalog holds ("name:社会工作事务") leaves the 类 it sits in unverifiable.
  const unsure = new Set<string>();
  let lastClass = '';
  for (const r of table.rows) {
    if (r.code) lastClass = r.code.slice(0, 3);
    else if (r.key.startsWith('name:')) unsure.add(lastClass);
  }
  const children = new Map<string, string[]>();
  const top: string[] = [];
  for (const code of present) {
    let parent = code.length > 3 ? code.slice(0, -2) : undefined;
    while (parent && !present.has(parent)) parent = parent.length > 3 ? parent.slice(0, -2) : undefined;
    if (parent) children.set(parent, [...(children.get(parent) ?? []), code]);
    else top.push(code);
  }
  const out: Identity[] = [];
  const cols = amountColumns(table);
  for (const [code, kids] of children) {
    const direct = kids.filter((c) => c.length === code.length + 2);
    if (direct.length === 0 || [...unsure].some((u) => u !== "" && code.startsWith(u))) continue;
    const level = code.length === 3 ? '类 = Σ款' : '款 = Σ项';
    for (const col of cols) out.push(identity('hierarchy.children', 'hierarchy', level, ref(table.id, code, col), direct.map((c) => ref(table.id, c, col))));
  }
  if (table.rows.some((r) => r.key === 'total') && top.length > 0 && !unsure.has('')) {
    for (const col of cols) out.push(identity('hierarchy.total', 'hierarchy', '合计 = Σ类', ref(table.id, 'total', col), top.map((c) => ref(table.id, c, col))));
  }
  return out;
}

function expenditureClassRows(table: Pick<BudgetTable, 'rows'> | undefined): string[] {
  return (table?.rows ?? []).map((r) => r.key).filter((k) => /^expenditure\.\d{3}$/.test(k));
}

function codesOf(table: Pick<BudgetTable, 'rows'> | undefined): string[] {
  return (table?.rows ?? []).map((r) => r.code).filter((c): c is string => !!c);
}

/** Identities inside the two total tables (收支总表, 财政拨款收支总表). */
function totalTableIdentities(tables: TableIndex): Identity[] {
  const out: Identity[] = [];
  const summary = tables.summary;
  if (summary) {
    const keys = new Set(summary.rows.map((r) => r.key));
    const fiscalParts = ['income.fiscal.general', 'income.fiscal.fund', 'income.fiscal.soe'].filter((k) => keys.has(k));
    if (fiscalParts.length > 0 && keys.has('income.fiscal')) {
      out.push(identity('summary.fiscal-income', 'row', '财政拨款收入 = 一般公共预算 + 政府性基金 + 国有资本经营预算', ref('summary', 'income.fiscal', 'amount'), fiscalParts.map((k) => ref('summary', k, 'amount'))));
    }
    // Sources by fund (一般公共预算拨款收入 …) stand in for 财政拨款收入 where a layout prints no total for it.
    const fiscalSources = keys.has('income.fiscal') ? ['income.fiscal'] : fiscalParts;
    const others = INCOME_SOURCES.filter((s) => s !== 'fiscal' && s !== 'carryover').map((s) => `income.${s}`).filter((k) => keys.has(k));
    const current = [...fiscalSources, ...others];
    if (keys.has('income.current')) {
      out.push(identity('summary.income-total', 'row', '本年收入合计 = 本年各项收入之和', ref('summary', 'income.current', 'amount'), current.map((k) => ref('summary', k, 'amount'))));
      out.push(identity('summary.income-total', 'row', '收入总计 = 本年收入合计 + 上年结转结余', ref('summary', 'income.total', 'amount'), ['income.current', 'income.carryover'].filter((k) => keys.has(k)).map((k) => ref('summary', k, 'amount'))));
    } else {
      const all = [...current, ...(keys.has('income.carryover') ? ['income.carryover'] : [])];
      out.push(identity('summary.income-total', 'row', '收入总计 = 各项收入之和', ref('summary', 'income.total', 'amount'), all.map((k) => ref('summary', k, 'amount'))));
    }
    for (const col of amountColumns(summary).filter((c) => c !== 'amount')) {
      const classes = expenditureClassRows(summary).map((k) => ref('summary', k, col));
      if (keys.has('expenditure.current')) {
        out.push(identity('summary.expenditure-total', 'hierarchy', '本年支出合计 = Σ各类支出', ref('summary', 'expenditure.current', col), classes));
        out.push(identity('summary.expenditure-total', 'hierarchy', '支出总计 = 本年支出合计 + 结转下年', ref('summary', 'expenditure.total', col), ['expenditure.current', 'expenditure.carry-forward'].filter((k) => keys.has(k)).map((k) => ref('summary', k, col))));
      } else {
        const carry = keys.has('expenditure.carry-forward') ? [ref('summary', 'expenditure.carry-forward', col)] : [];
        out.push(identity('summary.expenditure-total', 'hierarchy', '支出总计 = Σ各类支出', ref('summary', 'expenditure.total', col), [...classes, ...carry]));
      }
    }
    out.push(identity('summary.balance', 'cross-table', '收入总计 = 支出总计', ref('summary', 'income.total', 'amount'), [ref('summary', 'expenditure.total', 'total')]));
  }
  const fiscal = tables.fiscal;
  if (fiscal) {
    const fkeys = new Set(fiscal.rows.map((r) => r.key));
    const funds = ['income.general', 'income.fund', 'income.soe'].filter((k) => fkeys.has(k)).map((k) => ref('fiscal', k, 'amount'));
    // 上年结转 split by fund under its own row (重庆: 二、上年结转 / (一)一般公共预算拨款 …).
    const carryParts = FUNDS.map((x) => `income.carryover.${x}`).filter((k) => fkeys.has(k));
    if (fkeys.has('income.carryover') && carryParts.length > 0) {
      out.push(identity('fiscal.income-total', 'row', '上年结转 = 一般公共预算 + 政府性基金 + 国有资本经营预算拨款的结转', ref('fiscal', 'income.carryover', 'amount'), carryParts.map((k) => ref('fiscal', k, 'amount'))));
    }
    if (fkeys.has('income.fiscal')) {
      out.push(identity('fiscal.income-total', 'row', '财政拨款 = 一般公共预算 + 政府性基金 + 国有资本经营预算', ref('fiscal', 'income.fiscal', 'amount'), funds));
      out.push(identity('fiscal.income-total', 'row', '收入总计 = 财政拨款 + 上年结转结余', ref('fiscal', 'income.total', 'amount'), ['income.fiscal', 'income.carryover'].filter((k) => fkeys.has(k)).map((k) => ref('fiscal', k, 'amount'))));
    } else if (fkeys.has('income.current') && funds.length > 0) {
      // 一、本年收入 with its funds under it, then 二、上年结转 (重庆).
      out.push(identity('fiscal.income-total', 'row', '本年收入 = 一般公共预算 + 政府性基金 + 国有资本经营预算', ref('fiscal', 'income.current', 'amount'), funds));
      out.push(identity('fiscal.income-total', 'row', '收入总计 = 本年收入 + 上年结转', ref('fiscal', 'income.total', 'amount'), ['income.current', 'income.carryover'].filter((k) => fkeys.has(k)).map((k) => ref('fiscal', k, 'amount'))));
    } else {
      out.push(identity('fiscal.income-total', 'row', '财政拨款收入总计 = 一般公共预算 + 政府性基金 + 国有资本经营预算', ref('fiscal', 'income.total', 'amount'), ['income.general', 'income.fund', 'income.soe'].map((k) => ref('fiscal', k, 'amount'))));
    }
    for (const col of ['total', 'general', 'fund', 'soe']) {
      const classes = expenditureClassRows(fiscal).map((k) => ref('fiscal', k, col));
      if (fkeys.has('expenditure.current')) {
        out.push(identity('fiscal.expenditure-total', 'hierarchy', '本年支出合计 = Σ各类支出', ref('fiscal', 'expenditure.current', col), classes));
        out.push(identity('fiscal.expenditure-total', 'hierarchy', '支出总计 = 本年支出合计 + 年终结转结余', ref('fiscal', 'expenditure.total', col), ['expenditure.current', 'expenditure.carry-forward'].filter((k) => fkeys.has(k)).map((k) => ref('fiscal', k, col))));
      } else {
        out.push(identity('fiscal.expenditure-total', 'hierarchy', '支出总计 = Σ各类支出', ref('fiscal', 'expenditure.total', col), classes));
      }
    }
    out.push(identity('fiscal.balance', 'cross-table', '财政拨款收入总计 = 财政拨款支出总计', ref('fiscal', 'income.total', 'amount'), [ref('fiscal', 'expenditure.total', 'total')]));
    for (const fund of fkeys.has('income.carryover') ? [] : ['general', 'fund', 'soe']) {
      out.push(identity('fiscal.fund-balance', 'cross-table', '各类财政拨款收入 = 对应支出合计', ref('fiscal', `income.${fund}`, 'amount'), [ref('fiscal', 'expenditure.total', fund)]));
    }
    // With the carryover split by fund, each fund balances: its 本年收入 + its 上年结转 = its 支出合计.
    for (const fund of carryParts.length > 0 ? FUNDS : []) {
      const income = [`income.${fund}`, `income.carryover.${fund}`].filter((k) => fkeys.has(k)).map((k) => ref('fiscal', k, 'amount'));
      if (income.length > 0) out.push(identity('fiscal.fund-balance', 'cross-table', '各类财政拨款的本年收入 + 上年结转 = 对应支出合计', ref('fiscal', 'expenditure.total', fund), income));
    }
  }
  return out;
}

/** Figures two tables share must agree. */
function crossTableIdentities(tables: TableIndex): Identity[] {
  const out: Identity[] = [];
  const { summary, income, expenditure, fiscal } = tables;
  if (summary && income) {
    for (const source of INCOME_SOURCES) {
      if (!income.columns.includes(source) && !summary.rows.some((r) => r.key === `income.${source}`)) continue;
      out.push(identity('cross.summary-income', 'cross-table', '收支总表的收入 = 收入总表合计行', ref('summary', `income.${source}`, 'amount'), [ref('income', 'total', source)]));
    }
    out.push(identity('cross.summary-income', 'cross-table', '收支总表的收入总计 = 收入总表合计', ref('summary', 'income.total', 'amount'), [ref('income', 'total', 'total')]));
  }
  if (summary && expenditure) {
    for (const key of [...expenditureClassRows(summary), 'expenditure.total']) {
      const row = key === 'expenditure.total' ? 'total' : key.slice('expenditure.'.length);
      out.push(identity('cross.summary-expenditure', 'cross-table', '收支总表的支出 = 支出总表', ref('summary', key, 'total'), [ref('expenditure', row, 'total')]));
      if (summary.columns.includes('project')) {
        out.push(identity('cross.summary-expenditure', 'cross-table', '收支总表的项目支出 = 支出总表的项目支出', ref('summary', key, 'project'), [ref('expenditure', row, 'project')]));
        out.push(identity('cross.summary-expenditure', 'cross-table', '支出总表的基本支出 = 收支总表的人员经费 + 公用经费', ref('expenditure', row, 'basic'), [ref('summary', key, 'personnel'), ref('summary', key, 'public')]));
      }
    }
  }
  if (income && expenditure) {
    for (const code of new Set([...codesOf(income), ...codesOf(expenditure), 'total'])) {
      out.push(identity('cross.income-expenditure', 'cross-table', '收入总表与支出总表同一科目的合计相等', ref('income', code, 'total'), [ref('expenditure', code, 'total')]));
    }
  }
  const functionTables = (Object.keys(FUNCTION_TABLE_FUND) as (keyof typeof FUNCTION_TABLE_FUND)[]).filter((t) => tables[t]);
  // 财政拨款 carried over from last year is spent too (深圳 prints it apart, in 上年结余、结转): the function tables then hold more than this year's 财政拨款收入.
  const fiscalCarryover = fiscal ? (fiscal.rows.find((r) => r.key === 'income.carryover')?.cells.amount ?? 0) !== 0 : (income?.rows.find((r) => r.key === 'total')?.cells.carryover ?? 0) !== 0;
  if (income && income.columns.includes('fiscal') && functionTables.length > 0 && !fiscalCarryover) {
    const codes = new Set([...codesOf(income), ...functionTables.flatMap((t) => codesOf(tables[t])), 'total']);
    for (const code of codes) {
      out.push(identity('cross.income-fiscal-function', 'cross-table', '收入总表的财政拨款收入 = 三张功能分类表合计之和', ref('income', code, 'fiscal'), functionTables.map((t) => ref(t, code, 'total'))));
    }
  }
  if (fiscal) {
    for (const t of functionTables) {
      const fund = FUNCTION_TABLE_FUND[t];
      const classes = new Set([...expenditureClassRows(fiscal).map((k) => k.slice(12)), ...codesOf(tables[t]).filter((c) => c.length === 3)]);
      for (const cls of classes) {
        out.push(identity('cross.fiscal-function', 'cross-table', '财政拨款收支总表的分类支出 = 功能分类表的类合计', ref('fiscal', `expenditure.${cls}`, fund), [ref(t, cls, 'total')]));
      }
      out.push(identity('cross.fiscal-function', 'cross-table', '财政拨款收支总表的支出合计 = 功能分类表合计', ref('fiscal', 'expenditure.total', fund), [ref(t, 'total', 'total')]));
    }
    if (income?.columns.includes('fiscal')) {
      for (const key of expenditureClassRows(fiscal)) {
        const cls = key.slice('expenditure.'.length);
        out.push(identity('cross.fiscal-income', 'cross-table', '财政拨款收支总表的分类支出 = 收入总表该类的财政拨款收入', ref('fiscal', key, 'total'), [ref('income', cls, 'fiscal')]));
      }
    }
    const fiscalCarry = FUNDS.some((x) => fiscal.rows.some((r) => r.key === `income.carryover.${x}`));
    if (summary && fiscalCarry && !summary.rows.some((r) => r.key === 'income.carryover')) {
      // A 收支总表 without a 上年结转 row counts each fund with its carryover (重庆: 一般公共预算资金 = 本年 + 上年结转).
      for (const x of FUNDS) {
        const parts = [`income.${x}`, `income.carryover.${x}`].filter((k) => fiscal.rows.some((r) => r.key === k)).map((k) => ref('fiscal', k, 'amount'));
        if (parts.length > 0) out.push(identity('cross.fiscal-summary', 'cross-table', '收支总表的财政拨款收入 = 财政拨款收支总表的本年收入 + 上年结转', ref('summary', `income.fiscal.${x}`, 'amount'), parts));
      }
      out.push(identity('cross.fiscal-summary', 'cross-table', '财政拨款收支总表的收入 = 收支总表的财政拨款收入', ref('fiscal', 'income.total', 'amount'), [ref('summary', 'income.fiscal', 'amount')]));
    } else if (summary) {
      const pairs: [string, string][] = [
        ['income.general', 'income.fiscal.general'],
        ['income.fund', 'income.fiscal.fund'],
        ['income.soe', 'income.fiscal.soe'],
        [fiscal.rows.some((r) => r.key === 'income.fiscal') ? 'income.fiscal' : 'income.total', 'income.fiscal'],
      ];
      for (const [f, s] of pairs) out.push(identity('cross.fiscal-summary', 'cross-table', '财政拨款收支总表的收入 = 收支总表的财政拨款收入', ref('fiscal', f, 'amount'), [ref('summary', s, 'amount')]));
    }
  }
  if (expenditure && functionTables.length > 0) {
    // 支出总表 covers every source of money, so each column holds at least what the fiscal funds spend.
    const codes = new Set([...functionTables.flatMap((t) => codesOf(tables[t])), 'total']);
    for (const code of codes) {
      for (const col of ['basic', 'project']) {
        out.push(identity('cross.expenditure-covers-funds', 'cross-table', `支出总表的${col === 'basic' ? '基本支出' : '项目支出'}不少于三张功能分类表之和`, ref('expenditure', code, col), functionTables.map((t) => ref(t, code, col)), false, '>='));
      }
    }
  }
  const economic = tables['general-basic-economic'];
  if (economic && summary?.columns.includes('personnel')) {
    for (const col of ['personnel', 'public']) {
      out.push(identity('cross.summary-covers-economic', 'cross-table', `收支总表的${col === 'personnel' ? '人员经费' : '公用经费'}不少于一般公共预算基本支出经济分类表的`, ref('summary', 'expenditure.total', col), [ref('general-basic-economic', 'total', col)], false, '>='));
    }
  }
  if (tables['general-basic-economic'] && tables['general-function']) {
    out.push(identity('cross.economic-function', 'cross-table', '经济分类表合计 = 一般公共预算功能分类表的基本支出合计', ref('general-basic-economic', 'total', 'total'), [ref('general-function', 'total', 'basic')]));
  }
  return out;
}

/**
 * Soft evidence: what a careful document shows but its definitions do not force. “三公” are all
 * 财政拨款 spending of those kinds, so at least the basic-spending lines of the same kind;
 * 机关运行经费 is usually the 公用经费 of the basic economic table.
 */
function evidence(tables: TableIndex): Identity[] {
  const out: Identity[] = [];
  for (const t of ['fund-function', 'soe-function'] as const) {
    if (!tables[t]) continue;
    for (const code of [...codesOf(tables[t]), 'total']) {
      out.push(identity('evidence.funds-are-projects', 'cross-table', '政府性基金、国有资本经营预算安排的支出通常为项目支出', ref(t, code, 'basic'), [], true));
    }
  }
  for (const row of tables['general-basic-economic']?.rows ?? []) {
    if (!row.code) continue;
    // 人员经费 are 301 工资福利支出 and 303 对个人和家庭的补助; 公用经费 the rest.
    const column = /^30[13]/.test(row.code) ? 'public' : 'personnel';
    out.push(identity('evidence.economic-kind', 'cross-table', '工资福利和对个人家庭补助通常为人员经费，其他经济分类通常为公用经费', ref('general-basic-economic', row.code, column), [], true));
  }
  if (!tables['three-public'] || !tables['general-basic-economic']) return out;
  const econ = (code: string) => [ref('general-basic-economic', code, 'total')];
  return [
    ...out,
    identity('evidence.three-public-economic', 'cross-table', '因公出国(境)费 ≥ 经济分类 30212 因公出国（境）费用', ref('three-public', 'budget', 'abroad'), econ('30212'), true, '>='),
    identity('evidence.three-public-economic', 'cross-table', '公务接待费 ≥ 经济分类 30217 公务接待费', ref('three-public', 'budget', 'reception'), econ('30217'), true, '>='),
    identity('evidence.three-public-economic', 'cross-table', '公务用车运行费 ≥ 经济分类 30231 公务用车运行维护费', ref('three-public', 'budget', 'vehicle-operation'), econ('30231'), true, '>='),
    identity('evidence.three-public-economic', 'cross-table', '公务用车购置费 ≥ 经济分类 31013 公务用车购置', ref('three-public', 'budget', 'vehicle-purchase'), econ('31013'), true, '>='),
    identity('evidence.office-operation', 'cross-table', '机关运行经费 = 经济分类表公用经费合计', ref('three-public', 'budget', 'office-operation'), [ref('general-basic-economic', 'total', 'public')], true),
  ];
}

export function documentIdentities(tables: TableIndex, kind: 'budget' | 'final' = 'budget'): Identity[] {
  const printed = printedIn(tables);
  if (kind === 'final') return finalIdentities(tables).filter((idn) => [idn.lhs, ...idn.rhs, ...(idn.minus ?? [])].every(printed));
  const out: Identity[] = [];
  for (const t of Object.values(tables)) {
    if (!t) continue;
    out.push(...rowIdentities(t), ...hierarchyIdentities(t));
  }
  out.push(...totalTableIdentities(tables), ...crossTableIdentities(tables), ...evidence(tables));
  return out.filter((idn) => [idn.lhs, ...idn.rhs].every(printed));
}

/**
 * Whether a layout prints the cell at all. A column a table does not have, or a row of the two
 * total tables that a layout does not print (福建 has no 财政拨款收入 row), is not zero: an
 * identity through it says nothing. Absent 科目 rows are zero (nothing was budgeted).
 * Each table's row keys are gathered once (a document has hundreds of identities).
 */
function printedIn(tables: TableIndex): (r: CellRef) => boolean {
  const seen = new Map<string, { keys: Set<string>; totalOnly: boolean }>();
  return (r) => {
    const t = tables[r.table];
    if (!t) return true;
    let rows = seen.get(r.table);
    if (!rows) seen.set(r.table, (rows = { keys: new Set(t.rows.map((x) => x.key)), totalOnly: totalOnly(t.rows) }));
    const row = rows.keys.has(r.row);
    if (!rowColumns(t.id, r.row, t.columns).includes(r.column)) return false;
    if ((r.table === 'summary' || r.table === 'fiscal') && !row && !/^expenditure\.\d{3}$/.test(r.row)) return false;
    // A code table printing its 合计 alone (深圳, listed by unit: the department's own row) says nothing of its 科目.
    if (isCodeTable(t.id) && r.row !== 'total' && !row && rows.totalOnly) return false;
    return true;
  };
}

/** Only a 合计 row, and not zero: the 科目 rows were not printed (an empty table prints a zero 合计). */
function totalOnly(rows: Pick<BudgetTable, 'rows'>['rows']): boolean {
  return rows.every((x) => x.key === 'total') && rows.some((x) => Object.values(x.cells).some((v) => v !== 0));
}

/** Rounding slack for an identity: half a printed 0.01 万元 per term printed in 万元, else exact. */
export function toleranceFen(idn: Identity, tables: TableIndex): number {
  const refs = [idn.lhs, ...idn.rhs, ...(idn.minus ?? [])];
  return refs.reduce((slack, r) => slack + (tables[r.table]?.unit === 'wanyuan' ? 5_000 : 0), 0);
}

/**
 * What rounding could explain when a table prints whole 元 (its values may carry 分): half a
 * 元 per term. A difference within it is a 尾差 (rounding difference), not a wrong figure.
 */
export function roundingSlackFen(idn: Identity, tables: TableIndex): number {
  const refs = [idn.lhs, ...idn.rhs, ...(idn.minus ?? [])];
  return refs.reduce((slack, r) => slack + (tables[r.table]?.unit === 'yuan' && tables[r.table]?.decimals === 0 ? 50 : 0), 0);
}

/*
 * 决算 (meta.kind 'final'): the identities of the nine 决算 tables (tables.ts FINAL_*), as data
 * beside the budget's. The same engine (check/identities.ts) runs them.
 */
const FUNDS = ['general', 'fund', 'soe'] as const;

function keysOf(t: Pick<BudgetTable, 'rows'> | undefined): Set<string> {
  return new Set((t?.rows ?? []).map((r) => r.key));
}

/** Row identities of a 决算 table: 合计 = Σ parts, and 年末 = 年初 + 收入 − 支出 in the fund tables. */
function finalRowIdentities(t: Pick<BudgetTable, 'id' | 'columns' | 'rows'>): Identity[] {
  const out: Identity[] = [];
  const has = (c: string) => t.columns.includes(c);
  for (const row of t.rows) {
    const r = (c: string) => ref(t.id, row.key, c);
    switch (t.id) {
      case 'income':
        out.push(identity('row.total', 'row', '本年收入合计 = 各项收入之和', r('total'), t.columns.filter((c) => c !== 'total').map(r)));
        break;
      case 'expenditure':
        out.push(identity('row.total', 'row', '本年支出合计 = 基本支出 + 项目支出 + 上缴上级支出 + 经营支出 + 对附属单位补助支出', r('total'), t.columns.filter((c) => c !== 'total').map(r)));
        break;
      case 'general-function':
        out.push(identity('row.total', 'row', '合计 = 基本支出 + 项目支出', r('total'), ['basic', 'project'].filter(has).map(r)));
        break;
      case 'general-basic-economic':
        out.push(identity('row.total', 'row', '决算数 = 人员经费 + 公用经费', r('total'), ['personnel', 'public'].filter(has).map(r)));
        break;
      case 'three-public':
        out.push(identity('row.total', 'row', '合计 = 因公出国(境)费 + 公务用车购置及运行维护费 + 公务接待费', r('total'), ['abroad', 'vehicle', 'reception'].map(r)));
        out.push(identity('row.total', 'row', '公务用车购置及运行维护费 = 购置费 + 运行维护费', r('vehicle'), ['vehicle-purchase', 'vehicle-operation'].map(r)));
        break;
      case 'fund-function':
      case 'soe-function':
        out.push(identity('row.total', 'row', '本年支出合计 = 基本支出 + 项目支出', r('total'), ['basic', 'project'].map(r)));
        if (has('opening') && has('closing')) {
          out.push({ ...identity('final.balance', 'row', '年末结转和结余 = 年初结转和结余 + 本年收入 − 本年支出', r('closing'), [r('opening'), r('current-income')]), minus: [r('total')] });
        }
        break;
      default:
        break;
    }
  }
  return out;
}

function finalTotalTables(tables: TableIndex): Identity[] {
  const out: Identity[] = [];
  const s = tables.summary;
  if (s) {
    const keys = keysOf(s);
    const at = (k: string, c = 'amount') => ref('summary', k, c);
    const sources = ['income.fiscal.general', 'income.fiscal.fund', 'income.fiscal.soe', 'income.superior', 'income.business', 'income.operating', 'income.affiliated', 'income.other'].filter((k) => keys.has(k));
    out.push(identity('summary.income-total', 'row', '本年收入合计 = 本年各项收入之和', at('income.current'), sources.map((k) => at(k))));
    out.push(identity('summary.income-total', 'row', '收入总计 = 本年收入合计 + 使用非财政拨款结余 + 年初结转和结余', at('income.total'), ['income.current', 'income.non-fiscal-balance', 'income.carryover'].filter((k) => keys.has(k)).map((k) => at(k))));
    const classes = expenditureClassRows(s);
    out.push(identity('summary.expenditure-total', 'hierarchy', '本年支出合计 = Σ各类支出', at('expenditure.current', 'total'), classes.map((k) => at(k, 'total'))));
    out.push(identity('summary.expenditure-total', 'hierarchy', '支出总计 = 本年支出合计 + 结余分配 + 年末结转和结余', at('expenditure.total', 'total'), ['expenditure.current', 'expenditure.distribution', 'expenditure.carry-forward'].filter((k) => keys.has(k)).map((k) => at(k, 'total'))));
    out.push(identity('summary.balance', 'cross-table', '收入总计 = 支出总计', at('income.total'), [at('expenditure.total', 'total')]));
    // 年初 + 收入 − 支出 = 年末 in total (with 使用非财政拨款结余 and 结余分配).
    out.push({
      ...identity('final.balance', 'row', '年末结转和结余 = 年初结转和结余 + 本年收入合计 + 使用非财政拨款结余 − 本年支出合计 − 结余分配', at('expenditure.carry-forward', 'total'), ['income.carryover', 'income.current', 'income.non-fiscal-balance'].filter((k) => keys.has(k)).map((k) => at(k))),
      minus: ['expenditure.current', 'expenditure.distribution'].filter((k) => keys.has(k)).map((k) => at(k, 'total')),
    });
  }
  const f = tables.fiscal;
  if (f) {
    const keys = keysOf(f);
    const at = (k: string, c = 'amount') => ref('fiscal', k, c);
    out.push(identity('fiscal.income-total', 'row', '本年收入合计 = 一般公共预算 + 政府性基金 + 国有资本经营预算财政拨款', at('income.current'), FUNDS.map((x) => at(`income.${x}`))));
    const carry = FUNDS.map((x) => `income.carryover.${x}`).filter((k) => keys.has(k));
    if (keys.has('income.carryover') && carry.length > 0) out.push(identity('fiscal.income-total', 'row', '年初财政拨款结转和结余 = 三类财政拨款年初结转和结余之和', at('income.carryover'), carry.map((k) => at(k))));
    out.push(identity('fiscal.income-total', 'row', '收入总计 = 本年收入合计 + 年初财政拨款结转和结余', at('income.total'), ['income.current', 'income.carryover'].filter((k) => keys.has(k)).map((k) => at(k))));
    for (const col of ['total', 'general', 'fund', 'soe']) {
      out.push(identity('fiscal.expenditure-total', 'hierarchy', '本年支出合计 = Σ各类支出', at('expenditure.current', col), expenditureClassRows(f).map((k) => at(k, col))));
      out.push(identity('fiscal.expenditure-total', 'hierarchy', '支出总计 = 本年支出合计 + 年末财政拨款结转和结余', at('expenditure.total', col), ['expenditure.current', 'expenditure.carry-forward'].filter((k) => keys.has(k)).map((k) => at(k, col))));
    }
    for (const rowKey of ['expenditure.current', 'expenditure.carry-forward', 'expenditure.total', ...expenditureClassRows(f)]) {
      if (!keys.has(rowKey)) continue;
      out.push(identity('row.total', 'row', '合计 = 一般公共预算 + 政府性基金预算 + 国有资本经营预算财政拨款', at(rowKey, 'total'), FUNDS.map((x) => at(rowKey, x))));
    }
    out.push(identity('fiscal.balance', 'cross-table', '财政拨款收入总计 = 财政拨款支出总计', at('income.total'), [at('expenditure.total', 'total')]));
    for (const x of FUNDS) {
      if (!keys.has(`income.carryover.${x}`) && !keys.has('expenditure.carry-forward')) continue;
      out.push({
        ...identity('final.balance', 'row', '年末财政拨款结转和结余 = 年初 + 本年收入 − 本年支出（按资金性质）', at('expenditure.carry-forward', x), [at(`income.carryover.${x}`), at(`income.${x}`)]),
        minus: [at('expenditure.current', x)],
      });
    }
  }
  return out;
}

function finalCrossTables(tables: TableIndex): Identity[] {
  const out: Identity[] = [];
  const { summary, income, expenditure, fiscal } = tables;
  const gf = tables['general-function'];
  const econ = tables['general-basic-economic'];
  const cross = (rule: string, desc: string, lhs: CellRef, rhs: CellRef[]) => out.push(identity(`cross.${rule}`, 'cross-table', desc, lhs, rhs));
  if (summary && income) {
    const map: [string, string][] = [['income.superior', 'superior'], ['income.business', 'business'], ['income.operating', 'operating'], ['income.affiliated', 'affiliated'], ['income.other', 'other']];
    for (const [row, col] of map) if (income.columns.includes(col)) cross('summary-income', '决算总表的收入 = 收入决算表合计行', ref('summary', row, 'amount'), [ref('income', 'total', col)]);
    cross('summary-income', '决算总表的财政拨款收入 = 收入决算表的财政拨款收入合计', ref('income', 'total', 'fiscal'), FUNDS.map((x) => ref('summary', `income.fiscal.${x}`, 'amount')));
    cross('summary-income', '决算总表的本年收入合计 = 收入决算表合计', ref('summary', 'income.current', 'amount'), [ref('income', 'total', 'total')]);
  }
  if (summary && expenditure) {
    for (const key of [...expenditureClassRows(summary), 'expenditure.current']) {
      const row = key === 'expenditure.current' ? 'total' : key.slice('expenditure.'.length);
      cross('summary-expenditure', '决算总表的支出 = 支出决算表', ref('summary', key, 'total'), [ref('expenditure', row, 'total')]);
    }
  }
  if (income && expenditure) {
    // A 科目 may be financed by last year's balance: income and spending of a 科目 need not match in a 决算.
  }
  if (fiscal && summary) {
    for (const x of FUNDS) cross('fiscal-summary', '财政拨款决算总表的收入 = 决算总表的财政拨款收入', ref('fiscal', `income.${x}`, 'amount'), [ref('summary', `income.fiscal.${x}`, 'amount')]);
  }
  if (fiscal && income) {
    cross('fiscal-income', '财政拨款决算总表的本年收入合计 = 收入决算表的财政拨款收入合计', ref('fiscal', 'income.current', 'amount'), [ref('income', 'total', 'fiscal')]);
  }
  const functionTables = (Object.keys(FUNCTION_TABLE_FUND) as (keyof typeof FUNCTION_TABLE_FUND)[]).filter((t) => tables[t]);
  if (fiscal) {
    for (const t of functionTables) {
      const fund = FUNCTION_TABLE_FUND[t];
      const classes = new Set([...expenditureClassRows(fiscal).map((k) => k.slice(12)), ...codesOf(tables[t]).filter((c) => c.length === 3)]);
      for (const cls of classes) cross('fiscal-function', '财政拨款决算总表的分类支出 = 功能分类决算表的类合计', ref('fiscal', `expenditure.${cls}`, fund), [ref(t, cls, 'total')]);
      cross('fiscal-function', '财政拨款决算总表的本年支出合计 = 功能分类决算表合计', ref('fiscal', 'expenditure.current', fund), [ref(t, 'total', 'total')]);
      if (t !== 'general-function') {
        cross('fiscal-function', '财政拨款决算总表的本年收入 = 基金/国有资本经营决算表的本年收入合计', ref('fiscal', `income.${fund}`, 'amount'), [ref(t, 'total', 'current-income')]);
        cross('fiscal-function', '财政拨款决算总表的年初结转和结余 = 基金/国有资本经营决算表的年初结转和结余', ref('fiscal', `income.carryover.${fund}`, 'amount'), [ref(t, 'total', 'opening')]);
        cross('fiscal-function', '财政拨款决算总表的年末结转和结余 = 基金/国有资本经营决算表的年末结转和结余', ref('fiscal', 'expenditure.carry-forward', fund), [ref(t, 'total', 'closing')]);
      }
    }
  }
  if (expenditure && functionTables.length > 0) {
    const codes = new Set([...functionTables.flatMap((t) => codesOf(tables[t])), 'total']);
    for (const code of codes) {
      for (const col of ['basic', 'project']) {
        out.push(identity('cross.expenditure-covers-funds', 'cross-table', `支出决算表的${col === 'basic' ? '基本支出' : '项目支出'}不少于财政拨款各功能分类决算表之和`, ref('expenditure', code, col), functionTables.map((t) => ref(t, code, col)), false, '>='));
      }
    }
  }
  if (econ && gf) cross('economic-function', '基本支出决算表合计（人员经费合计 + 公用经费合计）= 一般公共预算财政拨款支出决算表的基本支出合计', ref('general-basic-economic', 'total', 'total'), [ref('general-function', 'total', 'basic')]);
  return out;
}

/** Every identity of a 决算's tables (row, hierarchy, total tables, cross-table). */
export function finalIdentities(tables: TableIndex): Identity[] {
  const out: Identity[] = [];
  for (const t of Object.values(tables)) {
    if (!t) continue;
    out.push(...finalRowIdentities(t), ...hierarchyIdentities(t));
  }
  out.push(...finalTotalTables(tables), ...finalCrossTables(tables));
  return out;
}
