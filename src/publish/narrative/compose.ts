/**
 * The standard 编制说明 written from the tables (and last year's document when given): totals,
 * 财政拨款 by fund, each 科目's 财政拨款, “三公” and 机关运行经费, with every figure computed from
 * the tables, in 万元 rounded half-up to two decimals, and changes worded 增加/减少/持平 with
 * percentages. What the reader reads back from this text is exactly what the tables say.
 */
import type { BudgetDocument, BudgetTable, NarrativeSection } from '../../model/document.js';
import { formatWanyuan, roundToWanyuanUnits, type Fen } from '../../model/money.js';

function cell(doc: BudgetDocument, table: string, row: string, column: string): Fen | undefined {
  return doc.tables.find((t) => t.id === table)?.rows.find((r) => r.key === row)?.cells[column];
}

const wan = (fen: Fen) => `${formatWanyuan(fen)}万元`;

/** "，比2024年预算增加12.34万元，增长5.67%" / "，与2024年预算持平" / "" when last year is unknown. */
export function changeText(now: Fen, prior: Fen | undefined, year: number): string {
  if (prior === undefined) return '';
  const basis = `${year - 1}年预算`;
  const delta = now - prior;
  if (roundToWanyuanUnits(delta) === 0) return `，与${basis}持平`;
  const word = delta > 0 ? '增加' : '减少';
  const pct = prior > 0 ? `，${delta > 0 ? '增长' : '下降'}${((Math.abs(delta) / prior) * 100).toFixed(2)}%` : '';
  return `，比${basis}${word}${wan(Math.abs(delta))}${pct}`;
}

function fiscalItems(doc: BudgetDocument): { code: string; name: string; amount: Fen }[] {
  const income = doc.tables.find((t) => t.id === 'income');
  const fromIncome = income?.columns.includes('fiscal');
  const source: BudgetTable | undefined = fromIncome ? income : doc.tables.find((t) => t.id === 'general-function');
  return (source?.rows ?? [])
    .filter((r) => r.code && r.code.length === 7)
    .map((r) => ({ code: r.code!, name: r.label ?? r.code!, amount: (fromIncome ? r.cells.fiscal : r.cells.total) ?? 0 }))
    .filter((i) => i.amount !== 0);
}

export function composeBudgetExplanation(doc: BudgetDocument, prior?: BudgetDocument): NarrativeSection {
  const y = doc.meta.year;
  const name = doc.meta.entity.name;
  const get = (d: BudgetDocument | undefined, t: string, r: string, c: string) => (d ? cell(d, t, r, c) ?? 0 : undefined);
  const incomeTotal = get(doc, 'summary', 'income.total', 'amount')!;
  const fiscal = get(doc, 'summary', 'income.fiscal', 'amount')!;
  const sources = (['business', 'operating', 'other'] as const).map((s) => [s, get(doc, 'summary', `income.${s}`, 'amount')!] as const);
  const sourceNames = { business: '事业收入', operating: '事业单位经营收入', other: '其他收入' };
  const p1 =
    `${y}年，${name}收入预算${wan(incomeTotal)}，其中：财政拨款收入${wan(fiscal)}${changeText(fiscal, get(prior, 'summary', 'income.fiscal', 'amount'), y)}；` +
    sources.map(([s, v]) => `${sourceNames[s]}${wan(v)}`).join('；') +
    '。';
  const expTotal = get(doc, 'summary', 'expenditure.total', 'total')!;
  const funds = [
    ['general', '一般公共预算拨款支出预算'],
    ['fund', '政府性基金拨款支出预算'],
    ['soe', '国有资本经营预算拨款支出预算'],
  ] as const;
  const fiscalExp = get(doc, 'fiscal', 'expenditure.total', 'total')!;
  const p2 =
    `支出预算${wan(expTotal)}，其中：财政拨款支出预算${wan(fiscalExp)}${changeText(fiscalExp, get(prior, 'fiscal', 'expenditure.total', 'total'), y)}。财政拨款支出预算中，` +
    funds.map(([c, label]) => `${label}${wan(get(doc, 'fiscal', 'expenditure.total', c)!)}${changeText(get(doc, 'fiscal', 'expenditure.total', c)!, get(prior, 'fiscal', 'expenditure.total', c), y)}`).join('；') +
    '。';
  const items = fiscalItems(doc).map((it, i) => `${i + 1}. “${it.name}”科目${wan(it.amount)}。`);
  return {
    heading: `${y}年${doc.meta.scope === 'department' ? '部门' : '单位'}预算编制说明`,
    kind: 'budget-explanation',
    paragraphs: [p1, p2, ...(items.length ? ['财政拨款支出主要内容如下：', ...items] : [])].map((text) => ({ text })),
  };
}

export function composeThreePublic(doc: BudgetDocument, prior?: BudgetDocument): NarrativeSection[] {
  const y = doc.meta.year;
  const tp = (d: BudgetDocument | undefined, c: string) => (d ? cell(d, 'three-public', 'budget', c) ?? 0 : undefined);
  const three: NarrativeSection = {
    heading: `一、${y}年“三公”经费预算情况说明`,
    kind: 'three-public',
    paragraphs: [
      `${y}年“三公”经费预算数为${wan(tp(doc, 'total')!)}${changeText(tp(doc, 'total')!, tp(prior, 'total'), y)}。其中：`,
      `（一）因公出国（境）费${wan(tp(doc, 'abroad')!)}${changeText(tp(doc, 'abroad')!, tp(prior, 'abroad'), y)}。`,
      `（二）公务用车购置及运行费${wan(tp(doc, 'vehicle')!)}${changeText(tp(doc, 'vehicle')!, tp(prior, 'vehicle'), y)}。其中：公务用车购置费${wan(tp(doc, 'vehicle-purchase')!)}；公务用车运行费${wan(tp(doc, 'vehicle-operation')!)}。`,
      `（三）公务接待费${wan(tp(doc, 'reception')!)}${changeText(tp(doc, 'reception')!, tp(prior, 'reception'), y)}。`,
    ].map((text) => ({ text })),
  };
  const oo = tp(doc, 'office-operation')!;
  const office: NarrativeSection = {
    heading: '二、机关运行经费预算',
    kind: 'office-operation',
    paragraphs: [{ text: oo > 0 ? `${y}年${doc.meta.entity.name}机关运行经费预算为${wan(oo)}。` : `${y}年${doc.meta.scope === 'department' ? '本部门' : '本单位'}无机关运行经费。` }],
  };
  return [three, office];
}

/** The narrative sections a document without its own explanation gets. */
export function composeNarrative(doc: BudgetDocument, prior?: BudgetDocument): NarrativeSection[] {
  return [composeBudgetExplanation(doc, prior), { heading: '其他相关情况说明', kind: 'other-info', paragraphs: [] }, ...composeThreePublic(doc, prior)];
}
