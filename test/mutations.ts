/**
 * Planted errors, one per rule family, for the checker's mutation tests and the detection-rate
 * figures in `npm run bench`. Each mutation changes a generated document the way a careless
 * edit would, and says which rule must find it where.
 */
import type { BudgetDocument } from '../src/model/document.js';
import { formatWanyuan } from '../src/model/money.js';
import { Random } from '../src/synth/random.js';

export interface Planted {
  family: string;
  doc: BudgetDocument;
  /** The rule (or rule prefix) that must fire, and what its location must name. */
  rule: string;
  where: { table?: string; row?: string; sentence?: string; section?: string };
}

const clone = (d: BudgetDocument): BudgetDocument => structuredClone(d);

function itemRows(d: BudgetDocument, table: string) {
  return d.tables.find((t) => t.id === table)!.rows.filter((r) => r.code && r.code.length === 7);
}

/** Replaces the first occurrence of `from` in the paragraph holding it; returns that paragraph. */
function editText(d: BudgetDocument, from: string, to: string, section?: string): string | undefined {
  for (const s of d.narrative.sections) {
    if (section && s.kind !== section) continue;
    for (const p of s.paragraphs) {
      if (p.text.includes(from)) {
        p.text = p.text.replace(from, to);
        return p.text;
      }
    }
  }
  return undefined;
}

export function plantAll(original: BudgetDocument, seed: number): Planted[] {
  const rng = new Random(seed);
  const out: Planted[] = [];

  {
    const d = clone(original);
    const row = rng.pick(itemRows(d, 'expenditure'));
    row.cells.basic = (row.cells.basic ?? 0) + 100_000;
    out.push({ family: 'arithmetic', doc: d, rule: 'arithmetic.row-total', where: { table: 'expenditure', row: row.key } });
  }
  {
    const d = clone(original);
    const rows = d.tables.find((t) => t.id === 'summary')!.rows.filter((r) => /^expenditure\.\d{3}$/.test(r.key));
    const row = rng.pick(rows);
    row.cells.total = row.cells.total! + 100_000;
    out.push({ family: 'cross-table', doc: d, rule: 'cross-table.summary-expenditure', where: { table: 'summary', row: row.key } });
  }
  {
    const d = clone(original);
    const row = rng.pick(itemRows(d, 'expenditure'));
    row.label = `${row.label}事务`;
    out.push({ family: 'catalog', doc: d, rule: 'catalog.name-mismatch', where: { table: 'expenditure', row: row.key } });
  }
  {
    const d = clone(original);
    const item = rng.pick(d.narrative.amounts.filter((a) => a.subject === 'item'));
    const wrong = `${formatWanyuan(item.amount + 1_000_000)}万元`;
    const sentence = editText(d, `”科目${item.text}`, `”科目${wrong}`, 'budget-explanation');
    out.push({ family: 'narrative', doc: d, rule: 'narrative.item-amount', where: { sentence: `科目${wrong}` } });
    void sentence;
  }
  {
    const d = clone(original);
    const fiscal = d.narrative.amounts.find((a) => a.subject === 'income.fiscal')!;
    const c = fiscal.change!;
    if (c.direction === 'flat') {
      editText(d, `财政拨款收入${fiscal.text}，与${c.basis}持平`, `财政拨款收入${fiscal.text}，比${c.basis}增加5.00万元`);
      out.push({ family: 'year-on-year', doc: d, rule: 'year-on-year.consistency', where: { sentence: `财政拨款收入${fiscal.text}` } });
    } else {
      const flipped = c.word === '增加' ? '减少' : '增加';
      editText(d, `预算${c.word}${c.amountText}`, `预算${flipped}${c.amountText}`);
      out.push({ family: 'year-on-year', doc: d, rule: 'year-on-year.consistency', where: { sentence: `财政拨款收入${fiscal.text}` } });
    }
  }
  {
    const d = clone(original);
    const t = rng.pick(d.tables);
    d.tables = d.tables.filter((x) => x !== t);
    out.push({ family: 'completeness', doc: d, rule: 'completeness.table', where: { table: t.id } });
  }
  {
    const d = clone(original);
    const s = d.narrative.sections.find((x) => x.kind === 'functions')!;
    const p = s.paragraphs[0]!;
    p.text = p.text.replace('负责', '负责XX');
    out.push({ family: 'text', doc: d, rule: 'text.template-residue', where: { sentence: 'XX' } });
  }
  out.push(...plantInProjects(original, rng));
  return out;
}

/** A 测算 line whose result is misprinted, and a 年度预算 that no longer adds up to its lines. */
function plantInProjects(original: BudgetDocument, rng: Random): Planted[] {
  const out: Planted[] = [];
  const withLines = original.narrative.projects.map((p, i) => ({ p, i })).filter(({ p }) => p.estimate?.some((l) => l.amountText?.endsWith('万元')));
  if (withLines.length === 0) return out;
  const { p, i } = rng.pick(withLines);
  {
    const d = clone(original);
    const line = p.estimate!.find((l) => l.amountText?.endsWith('万元'))!;
    const wrong = `${formatWanyuan(line.amount! + 1_000_000)}万元`;
    const text = line.text.replace(`=${line.amountText}`, `=${wrong}`);
    editText(d, line.text, text, 'projects');
    out.push({ family: 'projects', doc: d, rule: 'arithmetic.estimate-line', where: { sentence: text } });
  }
  {
    const d = clone(original);
    const budget = d.narrative.projects[i]!.annualBudgetText!;
    const wrong = `${formatWanyuan(p.annualBudget! + 10_000_000)}万元`;
    editText(d, `年度预算${budget}`, `年度预算${wrong}`, 'projects');
    out.push({ family: 'projects', doc: d, rule: p.subject ? 'narrative.' : 'narrative.estimate-total', where: { sentence: `年度预算${wrong}` } });
  }
  return out;
}
