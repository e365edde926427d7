/**
 * The document's own 编制说明 and 其他相关情况说明 against the ones budgetbook writes from its
 * tables (publish/narrative/compose.ts): every non-zero figure the standard wording states
 * that the document leaves unsaid. Figures it states wrongly are the other narrative rules'.
 */
import type { NarrativeSection, StatedAmount } from '../model/document.js';
import { bareName } from '../catalogs/catalog.js';
import { composeNarrative, fiscalItems } from '../publish/narrative/compose.js';
import { formatWanyuan } from '../model/money.js';
import { figuresOfSections } from '../read/narrative/figures.js';
import type { CheckContext, Rule } from './context.js';
import type { Finding, FindingLocation } from './finding.js';

const WORDS: Record<string, string> = {
  'income.total': '收入预算总额',
  'income.fiscal': '财政拨款收入',
  'income.business': '事业收入',
  'income.operating': '事业单位经营收入',
  'income.other': '其他收入',
  'expenditure.total': '支出预算总额',
  'expenditure.fiscal': '财政拨款支出预算',
  'expenditure.fiscal.general': '一般公共预算拨款支出预算',
  'expenditure.fiscal.fund': '政府性基金拨款支出预算',
  'expenditure.fiscal.soe': '国有资本经营预算拨款支出预算',
  'three-public.total': '“三公”经费预算',
  'three-public.abroad': '因公出国（境）费',
  'three-public.vehicle': '公务用车购置及运行费',
  'three-public.vehicle-purchase': '公务用车购置费',
  'three-public.vehicle-operation': '公务用车运行费',
  'three-public.reception': '公务接待费',
  'office-operation': '机关运行经费',
  'performance.amount': '编报绩效目标的项目预算资金',
};

/** A 项 named by its path ("X（类）Y（款）机关服务（项）") or by itself. */
const PATH = /\([类款]\)/;
const leaf = (name: string) => bareName(name).replace(/\(项\)$/, '').split(PATH).pop()!;

function sameItem(a: string, b: string): boolean {
  if (PATH.test(bareName(a)) && PATH.test(bareName(b))) return bareName(a) === bareName(b);
  const [x, y] = [leaf(a), leaf(b)];
  return x === y || x.startsWith(y) || y.startsWith(x);
}

/** Said this year: a figure of last year (a comparison's basis, a 执行数) does not say this year's. */
function said(all: StatedAmount[], g: StatedAmount, code?: string): boolean {
  const own = all.filter((a) => a.kind === undefined || a.kind === 'budget');
  if (g.subject !== 'item') return own.some((a) => a.subject === g.subject);
  // "2080501行政单位离退休", "（208类）…（05款）…（01项）": the code says which 科目 whatever its name.
  if (code && own.some((a) => a.subject === 'item' && a.itemCode === code)) return true;
  return own.some((a) => a.subject === 'item' && a.itemName !== undefined && sameItem(a.itemName, g.itemName ?? ''));
}

/** Where the statement belongs: the document's section of the same kind, else the generated one's heading. */
function place(sections: NarrativeSection[], generated: NarrativeSection | undefined): FindingLocation {
  const own = sections.find((s) => s.kind === generated?.kind);
  return { section: own?.heading ?? generated?.heading ?? '' };
}

/** The names of a 项's 款 and 类, from the document's rows: a document may explain at that level instead. */
function coarserNames(ctx: CheckContext, code: string): string[] {
  const label = (c: string) => ctx.doc.tables.flatMap((t) => t.rows).find((r) => r.code === c)?.label;
  return [label(code.slice(0, 5)), label(code.slice(0, 3))].filter((n): n is string => !!n);
}

/**
 * Only info: what the standard wording states may be stated in a form the reader does not take
 * (a heading, then its figure; a table of its own), and the table already holds every figure.
 */
function unsaid(ctx: CheckContext): Finding[] {
  const doc = ctx.doc;
  if (!doc.narrative.sections.some((s) => s.kind === 'budget-explanation')) return [];
  const sections = composeNarrative(doc, ctx.options.prior ? { prior: ctx.options.prior } : {});
  const generated = figuresOfSections(sections).amounts;
  const items = fiscalItems(doc);
  const ownItems = doc.narrative.amounts.filter((a) => a.subject === 'item');
  const out: Finding[] = [];
  const finding = (g: StatedAmount, what: string): Finding => ({
    rule: 'narrative.unsaid',
    family: 'narrative',
    severity: 'info',
    message: `说明中没有述及${what}：按表为${g.text}。按表生成的说明写作：“${g.location.sentence}”`,
    location: place(doc.narrative.sections, sections.find((s) => s.heading === g.location.section)),
    expected: g.text.replace(/万元$/, ''),
    unit: '万元',
  });
  for (const g of generated) {
    if (g.amount === 0 || !(g.subject in WORDS) || said(doc.narrative.amounts, g)) continue;
    // “无机关运行经费” against a non-zero table is narrative.absence's finding.
    if (doc.narrative.absences.some((a) => a.subject === g.subject)) continue;
    out.push(finding(g, WORDS[g.subject]!));
  }
  if (items.length > 0 && ownItems.length === 0) {
    const total = items.reduce((s, i) => s + i.amount, 0);
    out.push({
      rule: 'narrative.unsaid',
      family: 'narrative',
      severity: 'info',
      message: `说明中没有读到按科目的财政拨款支出说明：表中有 ${items.length} 个“项”有财政拨款，合计${formatWanyuan(total)}万元（按表生成的说明逐项列出）`,
      location: place(doc.narrative.sections, sections[0]),
    });
    return out;
  }
  for (const g of generated.filter((x) => x.subject === 'item')) {
    const item = items.find((i) => i.label === g.itemName);
    if (said(doc.narrative.amounts, g, item?.code)) continue;
    if (item && coarserNames(ctx, item.code).some((n) => ownItems.some((a) => sameItem(a.itemName ?? '', n)))) continue;
    out.push(finding(g, `“${g.itemName}”科目的财政拨款`));
  }
  return out;
}

export const generatedRules: Rule[] = [{ id: 'narrative.unsaid', family: 'narrative', title: '按表应述及的数字说明中都已述及（与按表生成的说明比较）', run: unsaid }];
