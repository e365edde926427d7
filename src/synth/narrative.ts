/**
 * The narrative of a generated budget, written in the documents' usual wording, together with
 * the figures it states (the truth the narrative reader must recover).
 */
import type { BudgetDocument, BudgetTable, DocumentMeta, Narrative, NarrativeSection, StatedAmount, StatedChange } from '../model/document.js';
import { formatWanyuan, parseAmount, type Fen } from '../model/money.js';
import type { CatalogSet } from '../catalogs/catalog.js';
import type { Random } from './random.js';
import type { ItemLine } from './generate.js';
import { lineFiscal, lineProject } from './generate.js';
import { generateProjects } from './projects.js';
import { projectSection } from '../projects/write.js';

export interface BudgetFacts {
  meta: DocumentMeta;
  lines: ItemLine[];
  tables: BudgetTable[];
  rng: Random;
  catalogs: CatalogSet;
  /** Last year's document: its figures are what the stated changes compare with. */
  prior?: BudgetDocument;
}

class SectionWriter {
  readonly section: NarrativeSection;
  private text = '';

  constructor(
    private readonly out: Narrative,
    heading: string,
    kind: NarrativeSection['kind'],
  ) {
    this.section = { heading, kind, paragraphs: [] };
    out.sections.push(this.section);
  }

  add(text: string): this {
    this.text += text;
    return this;
  }

  /** Writes an amount in 万元 and records it as a stated figure. */
  amount(subject: string, label: string, fen: Fen, rng: Random, extra: Partial<StatedAmount> = {}): StatedAmount {
    const text = `${wan(fen, rng)}万元`;
    this.text += label + text;
    const figure: StatedAmount = {
      subject,
      label,
      amount: parseAmount(text.replace('万元', ''), 'wanyuan')!,
      text,
      unit: 'wanyuan',
      decimals: (text.replace('万元', '').split('.')[1] ?? '').length,
      location: { section: this.section.heading, sentence: '' },
      ...extra,
    };
    this.out.amounts.push(figure);
    return figure;
  }

  /** "，比2024年预算增加12.34万元，增长5.67%" or "，与2024年预算持平". */
  change(figure: StatedAmount, current: Fen, prior: Fen, year: number, rng: Random, withPercent: boolean): void {
    const basis = `${year - 1}年预算`;
    const delta = current - prior;
    if (formatWanyuan(Math.abs(delta)) === '0.00') {
      this.text += `，与${basis}持平`;
      figure.change = { word: '持平', direction: 'flat', basis };
      return;
    }
    const word = delta > 0 ? '增加' : '减少';
    const text = `${wan(Math.abs(delta), rng)}万元`;
    this.text += `，比${basis}${word}${text}`;
    const change: StatedChange = { word, direction: delta > 0 ? 'increase' : 'decrease', amount: parseAmount(text.replace('万元', ''), 'wanyuan')!, amountText: text, basis };
    if (withPercent && prior > 0) {
      const pct = (Math.round((Math.abs(delta) / prior) * 10_000) / 100).toFixed(2);
      const pword = delta > 0 ? '增长' : '下降';
      this.text += `，${pword}${pct}%`;
      change.percent = Number(pct);
      change.percentText = `${pword}${pct}%`;
      change.percentWord = pword;
    }
    figure.change = change;
  }

  paragraph(text = ''): this {
    this.text += text;
    if (this.text) this.section.paragraphs.push({ text: this.text });
    this.text = '';
    return this;
  }
}

/** 万元 with two decimals, or trimmed ("40" for 40.00) as the documents often print. */
function wan(fen: Fen, rng: Random): string {
  const s = formatWanyuan(fen);
  return rng.chance(0.2) ? s.replace(/\.?0+$/, '') : s;
}

function priorOf(current: Fen, rng: Random): Fen {
  if (current === 0 || rng.chance(0.15)) return current;
  const factor = 0.6 + rng.next() * 0.8;
  const prior = Math.round((current * factor) / 100) * 100;
  // A change too small to show in 万元 would print as "增加0.00万元".
  return Math.abs(prior - current) < 10_000 ? current : prior;
}

function cell(tables: BudgetTable[], id: string, rowKey: string, column: string): Fen {
  return tables.find((t) => t.id === id)?.rows.find((r) => r.key === rowKey)?.cells[column] ?? 0;
}

export function writeNarrative(f: BudgetFacts): Narrative {
  const { meta, rng, tables } = f;
  const out: Narrative = { sections: [], amounts: [], counts: [], absences: [], projects: [] };
  const entity = meta.entity.name;
  const year = meta.year;
  const isDept = meta.scope === 'department';
  const self = isDept ? '本部门' : '本单位';
  new SectionWriter(out, '', 'cover')
    .paragraph(meta.title)
    .paragraph(`${isDept ? '预算主管部门' : '预算单位'}：${meta.entity.code ?? ''}${entity}${isDept ? '（汇总）' : ''}`);

  new SectionWriter(out, `${entity}${isDept ? '（汇总）' : ''}主要职能`, 'functions')
    .paragraph(`${entity}是负责本区有关工作的${isDept ? '区政府工作部门' : '事业单位'}。`)
    .paragraph('主要职能包括：')
    .paragraph('1. 贯彻执行有关法律、法规、规章和方针、政策。')
    .paragraph('2. 完成区委、区政府交办的其他任务。');

  const org = new SectionWriter(out, `${entity}${isDept ? '（汇总）' : ''}机构设置`, 'organization');
  if (isDept) {
    org.paragraph(`${entity}部门预算是包括${entity}本级以及下属${meta.memberUnits.length - 1}家预算单位的综合收支计划。`);
    org.paragraph(`本部门中，行政单位${meta.memberCounts?.administrative ?? 1}家，事业单位${meta.memberCounts?.institution ?? 0}家，具体包括：`);
    meta.memberUnits.forEach((u, i) => org.paragraph(`${i + 1}. ${u.name}`));
  } else org.paragraph(`${entity}为区属事业单位。`);

  new SectionWriter(out, '名词解释', 'glossary')
    .paragraph('（一）财政拨款收入：是区级预算主管部门及所属预算单位本年度从本级财政部门取得的财政拨款。')
    .paragraph('（二）基本支出预算：是为保障机构正常运转、完成日常工作任务而编制的年度基本支出计划，包括人员经费和公用经费两部分。');

  const exp = new SectionWriter(out, `${year}年${isDept ? '部门' : '单位'}预算编制说明`, 'budget-explanation');
  const incomeTotal = cell(tables, 'summary', 'income.total', 'amount');
  const fiscal = cell(tables, 'summary', 'income.fiscal', 'amount');
  exp.add(`${year}年，${entity}`).amount('income.total', '收入预算', incomeTotal, rng);
  exp.add('，其中：');
  // One last-year figure per quantity, so that every stated change agrees with every other.
  const fundsNow = (['general', 'fund', 'soe'] as const).map((c) => cell(tables, 'fiscal', 'expenditure.total', c));
  const fundsPrior = f.prior
    ? (['general', 'fund', 'soe'] as const).map((c) => cell(f.prior!.tables, 'fiscal', 'expenditure.total', c))
    : fundsNow.map((v) => (v === 0 ? 0 : priorOf(v, rng)));
  const fiscalPrior = fundsPrior.reduce((a, b) => a + b, 0);
  const fiscalFigure = exp.amount('income.fiscal', '财政拨款收入', fiscal, rng);
  exp.change(fiscalFigure, fiscal, fiscalPrior, year, rng, rng.chance(0.5));
  for (const [key, label] of [['income.business', '事业收入'], ['income.operating', '事业单位经营收入'], ['income.other', '其他收入']] as const) {
    exp.add('；').amount(key, label, cell(tables, 'summary', key, 'amount'), rng);
  }
  exp.paragraph('。');
  const expTotal = cell(tables, 'summary', 'expenditure.total', 'total');
  exp.amount('expenditure.total', '支出预算', expTotal, rng);
  exp.add('，其中：');
  const fiscalExp = exp.amount('expenditure.fiscal', '财政拨款支出预算', fiscal, rng);
  exp.change(fiscalExp, fiscal, fiscalPrior, year, rng, false);
  exp.add('。财政拨款支出预算中，');
  const funds = [
    ['expenditure.fiscal.general', '一般公共预算拨款支出预算', 'general'],
    ['expenditure.fiscal.fund', '政府性基金拨款支出预算', 'fund'],
    ['expenditure.fiscal.soe', '国有资本经营预算拨款支出预算', 'soe'],
  ] as const;
  funds.forEach(([subject, label, col], i) => {
    const v = fundsNow[i]!;
    const fig = exp.amount(subject, label, v, rng);
    exp.change(fig, v, fundsPrior[i]!, year, rng, false);
    exp.add(i < 2 ? '；' : '。');
  });
  exp.paragraph('财政拨款支出主要内容如下：');
  const catalogName = (code: string) => {
    const e = f.catalogs.lookup('function', code, year);
    return e.status === 'known' ? e.entry.name : code;
  };
  f.lines
    .filter((l) => lineFiscal(l) > 0)
    .forEach((l, i) => {
      const name = catalogName(l.code);
      exp.add(`${i + 1}. “${name}”科目`);
      exp.amount('item', '', lineFiscal(l), rng, { itemName: name });
      exp.paragraph('，主要用于保障相关工作的支出。');
    });

  new SectionWriter(out, '其他相关情况说明', 'other-info');
  writeOtherInfo(out, f, self);
  writeProjects(out, f);
  return out;
}

function writeOtherInfo(out: Narrative, f: BudgetFacts, self: string): void {
  const { rng, tables, meta } = f;
  const year = meta.year;
  const tp = (c: string) => cell(tables, 'three-public', 'budget', c);
  const three = new SectionWriter(out, `一、${year}年“三公”经费预算情况说明`, 'three-public');
  const total = tp('total');
  const partsNow = (['abroad', 'vehicle', 'reception'] as const).map((c) => tp(c));
  const partsPrior = f.prior ? (['abroad', 'vehicle', 'reception'] as const).map((c) => cell(f.prior!.tables, 'three-public', 'budget', c)) : partsNow.map((v) => priorOf(v, rng));
  const fig = three.add(`${year}年“三公”经费预算数为`).amount('three-public.total', '', total, rng);
  three.change(fig, total, partsPrior.reduce((a, b) => a + b, 0), year, rng, false);
  three.paragraph('。其中：');
  const items = [
    ['（一）', 'three-public.abroad', '因公出国（境）费'],
    ['（二）', 'three-public.vehicle', '公务用车购置及运行费'],
    ['（三）', 'three-public.reception', '公务接待费'],
  ] as const;
  items.forEach(([n, subject, label], i) => {
    const v = partsNow[i]!;
    const g = three.add(n).amount(subject, label, v, rng);
    three.change(g, v, partsPrior[i]!, year, rng, false);
    three.paragraph('。');
  });
  const office = new SectionWriter(out, '二、机关运行经费预算', 'office-operation');
  const oo = tp('office-operation');
  if (oo > 0) {
    office.add(`${year}年${meta.entity.name}机关运行经费预算为`).amount('office-operation', '', oo, rng);
    office.paragraph('。');
  } else {
    office.paragraph(`${year}年${self}无机关运行经费。`);
    out.absences.push({ subject: 'office-operation', text: '无机关运行经费', location: { section: office.section.heading, sentence: '' } });
  }
  const proc = new SectionWriter(out, '三、政府采购预算情况', 'procurement');
  const parts = [0, 0, 0].map(() => (rng.chance(0.5) ? rng.int(1, 5_000) * 10_000 : 0));
  proc.add(`${year}年${self}政府采购预算`).amount('procurement.total', '', parts[0]! + parts[1]! + parts[2]!, rng);
  proc.add('，其中：').amount('procurement.goods', '政府采购货物预算', parts[0]!, rng);
  proc.add('、').amount('procurement.works', '政府采购工程预算', parts[1]!, rng);
  proc.add('、').amount('procurement.services', '政府采购服务预算', parts[2]!, rng);
  proc.paragraph('。');
  const perf = new SectionWriter(out, '四、绩效目标设置情况', 'performance');
  const projects = f.lines.filter((l) => lineProject(l) > 0);
  const count = projects.length + rng.int(0, 5);
  perf.add(`按照本市预算绩效管理工作的总体要求，${self}编报绩效目标的项目${count}个，涉及项目预算资金`);
  out.counts.push({ subject: 'performance.projects', label: '编报绩效目标的项目', count, text: `编报绩效目标的项目${count}个`, location: { section: perf.section.heading, sentence: '' } });
  perf.amount('performance.amount', '', cell(tables, 'expenditure', 'total', 'project'), rng);
  perf.paragraph('。');
  const assets = new SectionWriter(out, '五、国有资产占用情况', 'assets');
  const vehicles = rng.int(0, 6);
  assets.paragraph(`截至${year - 1}年8月31日，${meta.entity.name}共有车辆${vehicles}辆，其中：其他用车${vehicles}辆；单价100万元（含）以上设备（不含车辆）0台（套）。`);
  const loc = { section: assets.section.heading, sentence: '' };
  out.counts.push(
    { subject: 'assets.vehicles', label: '共有车辆', count: vehicles, text: `共有车辆${vehicles}辆`, location: loc },
    { subject: 'assets.vehicles.other', label: '其他用车', count: vehicles, text: `其他用车${vehicles}辆`, location: loc },
    { subject: 'assets.equipment', label: '单价100万元（含）以上设备（不含车辆）', count: 0, text: '以上设备（不含车辆）0台（套）', location: loc },
  );
}

function writeProjects(out: Narrative, f: BudgetFacts): void {
  for (const project of generateProjects(f)) {
    out.sections.push(projectSection(project));
    out.projects.push(project);
    const text = project.annualBudgetText!;
    const decimals = (text.replace('万元', '').split('.')[1] ?? '').length;
    out.amounts.push({ subject: 'project.annual-budget', label: '年度预算', amount: project.annualBudget!, text, unit: 'wanyuan', decimals, project: project.name, location: { section: project.location.section, sentence: '' } });
  }
}
