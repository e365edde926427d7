/**
 * The projects of a generated budget: one or two per chosen 科目, their 年度预算 adding up to
 * the 科目's 项目支出, some with 测算 lines whose products add up to the 年度预算 exactly, a
 * stated 科目, cited documents and 绩效目标 indicators. Each is built as structure first; its
 * text is written from the structure (projects/write.ts), so the structure is what the reader
 * must read back.
 */
import type { EstimateLine, Indicator, Project } from '../model/document.js';
import { formatWanyuan, parseAmount, type Fen } from '../model/money.js';
import { formatLike, lineProduct } from '../projects/estimate.js';
import { formatIndicator } from '../projects/performance.js';
import { basisText, estimateText, performanceText, subjectText } from '../projects/write.js';
import type { BudgetFacts } from './narrative.js';
import { lineProject } from './generate.js';
import type { Random } from './random.js';

const COST_LABELS = ['劳务费', '印刷费', '专家咨询费', '培训费', '场地租赁费', '服务费', '差旅费', '宣传费', '维护费', '审计费'];
/** Names of two projects under one 科目 (none may repeat the end of the 科目's name). */
const SPLIT_NAMES = ['日常保障', '能力建设', '专项服务', '信息化提升'];
const COUNT_UNITS = ['人', '人次', '月', '场', '次', '期', '项', '台'];

type Template = { name: string; targets: [Indicator['comparator'], string][] };
const INDICATORS: Record<'产出' | '效益' | '满意度' | '成本', Template[]> = {
  产出: [
    { name: '服务对象覆盖率', targets: [['>=', '95%'], ['=', '100%']] },
    { name: '资金拨付及时性', targets: [['qualitative', '及时']] },
    { name: '任务完成率', targets: [['=', '100%'], ['>=', '98.50%']] },
    { name: '培训人次', targets: [['>=', '200人次']] },
    { name: '审核结算准确性', targets: [['qualitative', '准确']] },
  ],
  效益: [
    { name: '政策知晓率', targets: [['>=', '80%']] },
    { name: '群众负担减轻程度', targets: [['qualitative', '有效缓解']] },
    { name: '长效管理制度健全性', targets: [['qualitative', '建立健全']] },
  ],
  满意度: [{ name: '服务对象满意度', targets: [['>=', '85%'], ['>=', '90.00%']] }],
  成本: [{ name: '成本控制率', targets: [['<=', '100%']] }],
};

function wan(fen: Fen, rng: Random): string {
  const s = formatWanyuan(fen);
  return rng.chance(0.2) ? s.replace(/\.?0+$/, '') : s;
}

/** Lines whose exact products add up to `budget`: small random lines, then the remainder as 1项. */
function estimateLines(budget: Fen, rng: Random): EstimateLine[] {
  const lines: Omit<EstimateLine, 'text'>[] = [];
  const k = rng.int(1, 3);
  let rest = budget;
  for (let j = 0; j < k - 1; j++) {
    const quantity = rng.int(1, 40);
    const rate = rng.int(1, 200) * 5_000;
    const extra = rng.chance(0.3) ? rng.int(2, 12) : 1;
    if (quantity * rate * extra * 2 * k > budget) continue;
    const factors = [{ quantity: String(quantity), unit: rng.pick(COUNT_UNITS) }, ...(extra > 1 ? [{ quantity: String(extra), unit: '月' }] : [])];
    lines.push({ label: rng.pick(COST_LABELS), factors, rate, rateText: `${rate / 100}元` });
    rest -= quantity * rate * extra;
  }
  const yuan = `${Math.floor(rest / 100)}${rest % 100 ? `.${String(rest % 100).padStart(2, '0')}` : ''}元`;
  lines.push({ label: '其他费用', factors: [{ quantity: '1', unit: '项' }], rate: rest, rateText: yuan });
  return lines.map((l) => {
    const withAmount = rng.chance(0.9) ? { ...l, amountText: formatLike(lineProduct(l), rng.chance(0.8) ? (rng.chance(0.5) ? '0.00万元' : '0.0万元') : '0元') } : l;
    const amount = withAmount.amountText ? parseAmount(withAmount.amountText.replace(/万?元$/, ''), withAmount.amountText.endsWith('万元') ? 'wanyuan' : 'yuan')! : undefined;
    const line: EstimateLine = { ...withAmount, ...(amount !== undefined ? { amount } : {}), text: '' };
    line.text = estimateText([line]);
    return line;
  });
}

function indicators(rng: Random): Indicator[] {
  const out: Indicator[] = [];
  for (const category of ['产出', '效益', '满意度', '成本'] as const) {
    if (!rng.chance(0.6)) continue;
    for (const t of rng.sample(INDICATORS[category], rng.int(1, 2))) {
      const [comparator, target] = rng.pick(t.targets);
      const loose = category !== '满意度' && rng.chance(0.15);
      const i = { name: t.name, comparator, target };
      out.push({ ...(loose ? {} : { category }), ...i, text: '' });
    }
  }
  // The order the text is written in: indicators without a category first.
  return [...out.filter((i) => !i.category), ...out.filter((i) => i.category)];
}

function documentsFor(item: string, year: number, rng: Random): NonNullable<Project['basis']> {
  return Array.from({ length: rng.int(0, 2) }, (_, j) => {
    const serial = rng.int(1, 40) + j * 40;
    const y = year - rng.int(1, 4);
    const [open, close] = rng.pick([['〔', '〕'], ['[', ']'], ['【', '】'], ['（', '）']] as const);
    return { number: `沪府规〔${y}〕${serial}号`, title: `关于${item}的通知`, text: `沪府规${open}${y}${close}${serial}号` };
  });
}

function planProject(name: string, item: string, code: string, budget: Fen, statedSubject: boolean, f: BudgetFacts): Project {
  const { rng, meta } = f;
  const budgetText = `${wan(budget, rng)}万元`;
  const basis = documentsFor(item, meta.year, rng);
  const lines = rng.chance(0.5) ? estimateLines(budget, rng) : [];
  const performance = { ...(rng.chance(0.7) ? { overall: `确保${name}顺利实施` } : {}), ...(rng.chance(0.5) ? { annual: `按计划推进${name}` } : {}), indicators: indicators(rng) };
  for (const i of performance.indicators) i.text = formatIndicator(i);
  const subject = statedSubject ? { code, name: item, text: '' } : undefined;
  if (subject) subject.text = subjectText(subject);
  const period = { text: `${meta.year}年1月1日-${meta.year}年12月31日`, start: `${meta.year}-01-01`, end: `${meta.year}-12-31` };
  const parts = [
    { heading: '项目概述', text: `${name}的项目概述。` },
    { heading: '立项依据', text: basis.length > 0 ? basisText(basis) : '根据本部门职能安排。' },
    { heading: '实施主体', text: meta.entity.name },
    { heading: '实施方案', text: `${name}的实施方案。${lines.length > 0 ? `测算如下：${estimateText(lines)}。` : ''}` },
    { heading: '实施周期', text: period.text },
    { heading: '年度预算安排', text: `年度预算${budgetText}，按项目进度安排使用。${subject ? `${subject.text}。` : ''}` },
    { heading: '绩效目标', text: performanceText(performance) },
  ];
  return {
    name,
    parts,
    annualBudget: parseAmount(budgetText.replace('万元', ''), 'wanyuan')!,
    annualBudgetText: budgetText,
    location: { section: `${name}经费情况说明`, sentence: `${name}经费情况说明` },
    ...(subject ? { subject } : {}),
    implementer: meta.entity.name,
    basis,
    period,
    ...(lines.length > 0 ? { estimate: lines } : {}),
    performance,
  };
}

export function generateProjects(f: BudgetFacts): Project[] {
  const { rng, meta } = f;
  const chosen = rng.sample(f.lines.filter((l) => l.generalProject > 0), rng.int(0, 2));
  const out: Project[] = [];
  for (const l of chosen) {
    const e = f.catalogs.lookup('function', l.code, meta.year);
    const item = e.status === 'known' ? e.entry.name : l.code;
    const total = lineProject(l);
    const split = total >= 2_000_000 && rng.chance(0.3);
    const name = item.endsWith('项目') ? item : `${item}项目`;
    if (!split) {
      out.push(planProject(name, item, l.code, total, rng.chance(0.3), f));
      continue;
    }
    // Two projects under one 科目: each states the 科目, and their budgets add up to its 项目支出.
    const [a, b] = SPLIT_NAMES.filter((w) => !/([\u4e00-\u9fa5]{2,})\1/.test(item + w));
    const first = Math.round((total * (0.3 + 0.4 * rng.next())) / 10_000) * 10_000;
    out.push(planProject(`${item}${a}项目`, item, l.code, first, true, f));
    out.push(planProject(`${item}${b}项目`, item, l.code, total - first, true, f));
  }
  return out;
}
