/**
 * 绩效目标 in prose → the overall and annual goals and the indicators, each with its category
 * (产出/效益/满意度/成本, as the text labels them), name, comparator and target:
 * "（2）效益指标：城乡医疗救助政策知晓率 $\geq 80\%$ ，长效管理制度健全性 建立健全。"
 * A phrase is an indicator only when it ends in a target (a figure, or a word such as 准确、及时);
 * the rest of the text is left as prose.
 */
import type { Indicator } from '../model/document.js';
import { INDICATOR_CATEGORIES } from '../model/keys.js';
import { normalizeNumerals } from '../read/text/normalize.js';

type Category = (typeof INDICATOR_CATEGORIES)[number];
type Comparator = Indicator['comparator'];

/** Words that state a qualitative target; longest first. */
export const QUALITATIVE_TARGETS = ['有效缓解', '建立健全', '逐步提高', '有所提高', '明显提高', '显著提高', '持续提升', '按时完成', '按期完成', '全部完成', '有提高', '准确', '及时', '健全', '完善', '达标', '合格', '良好', '规范', '有效'];

const TARGET_UNITS = ['个工作日', '工作日', '人次', '小时', '%', '天', '日', '次', '个', '家', '项', '户', '件', '份', '月', '年', '人'];
const NUMBER_TARGET = String.raw`\d+(?:\.\d+)?\s*(?:${TARGET_UNITS.join('|')})?`;

const COMPARATOR_WORDS: [string, Comparator][] = [
  ['大于等于', '>='],
  ['小于等于', '<='],
  ['不低于', '>='],
  ['不少于', '>='],
  ['不小于', '>='],
  ['不高于', '<='],
  ['不超过', '<='],
  ['不大于', '<='],
  ['达到', '>='],
  ['≥', '>='],
  ['≤', '<='],
  ['>', '>'],
  ['<', '<'],
  ['=', '='],
];
export const COMPARATOR_SYMBOLS: Record<Exclude<Comparator, 'qualitative'>, string> = { '>=': '≥', '<=': '≤', '>': '>', '<': '<', '=': '' };

const WITH_COMPARATOR = new RegExp(String.raw`^(.+?)\s*(${COMPARATOR_WORDS.map(([w]) => w).join('|')})\s*(${NUMBER_TARGET})$`);
const BARE_NUMBER = new RegExp(String.raw`^(.*?[\u4e00-\u9fff）)])\s*(${NUMBER_TARGET})$`);
const CATEGORY_HEAD = new RegExp(String.raw`(?:[（(]\s*\d+\s*[)）]|\d+[、.．])?\s*(${INDICATOR_CATEGORIES.join('|')})指标\s*[：:]`, 'g');
const SEPARATOR = /[，,、；;。]/;

/** "$\geq 80\%$" (markdown maths left by a converter), full-width signs → plain "≥80%". */
export function normalizeTargets(text: string): string {
  return normalizeNumerals(text)
    .replace(/\$\s*\\(?:geq|ge)\s*/g, '≥')
    .replace(/\$\s*\\(?:leq|le)\s*/g, '≤')
    .replace(/\\%/g, '%')
    .replace(/\s*\$/g, '')
    .replace(/>=|＞＝/g, '≥')
    .replace(/<=|＜＝/g, '≤')
    .replace(/＞/g, '>')
    .replace(/＜/g, '<')
    .replace(/＝/g, '=');
}

function plainName(name: string): string | undefined {
  const n = name.trim();
  return n.length >= 2 && n.length <= 40 && /[\u4e00-\u9fff]/.test(n) && !/^\d/.test(n) ? n : undefined;
}

/** One phrase as an indicator, or undefined when it states no target. */
export function readIndicator(phrase: string, category?: Category): Indicator | undefined {
  const text = phrase.trim();
  const withCategory = (i: Omit<Indicator, 'category' | 'text'>): Indicator => {
    const c = category ?? (i.name.includes('满意度') ? '满意度' : undefined);
    return { ...(c ? { category: c } : {}), ...i, text };
  };
  const cmp = WITH_COMPARATOR.exec(text);
  if (cmp) {
    const name = plainName(cmp[1]!);
    const comparator = COMPARATOR_WORDS.find(([w]) => w === cmp[2])![1];
    return name ? withCategory({ name, comparator, target: cmp[3]!.replace(/\s+/g, '') }) : undefined;
  }
  const bare = BARE_NUMBER.exec(text);
  if (bare) {
    const name = plainName(bare[1]!);
    return name ? withCategory({ name, comparator: '=', target: bare[2]!.replace(/\s+/g, '') }) : undefined;
  }
  for (const word of QUALITATIVE_TARGETS) {
    if (!text.endsWith(word)) continue;
    const name = plainName(text.slice(0, -word.length));
    return name ? withCategory({ name, comparator: 'qualitative', target: word }) : undefined;
  }
  return undefined;
}

function goal(text: string, label: string): string | undefined {
  const m = new RegExp(`${label}[：:]\\s*([^]*?)(?=(总目标|年度目标|分解目标|[（(]?\\d*[)）]?\\s*(${INDICATOR_CATEGORIES.join('|')})指标)[：:]|分解目标等|$)`).exec(text);
  const g = m?.[1]?.trim();
  return g ? g : undefined;
}

export interface Performance {
  overall?: string;
  annual?: string;
  indicators: Indicator[];
}

export function readPerformance(partText: string): Performance {
  const text = normalizeTargets(partText);
  const heads = [...text.matchAll(CATEGORY_HEAD)];
  const blocks: { category?: Category; text: string }[] = [{ text: text.slice(0, heads[0]?.index ?? text.length) }];
  heads.forEach((h, i) => blocks.push({ category: h[1] as Category, text: text.slice(h.index + h[0].length, heads[i + 1]?.index ?? text.length) }));
  const indicators = blocks.flatMap((b) =>
    b.text
      .split(SEPARATOR)
      .map((phrase) => readIndicator(phrase, b.category))
      .filter((i): i is Indicator => i !== undefined),
  );
  const out: Performance = { indicators };
  const overall = goal(text, '总目标');
  const annual = goal(text, '年度目标');
  if (overall) out.overall = overall.replace(/[。；]$/, '');
  if (annual) out.annual = annual.replace(/[。；]$/, '');
  return out;
}

/** An indicator as the documents print it: "知晓率≥80%", "资金结算准确性准确". */
export function formatIndicator(i: Pick<Indicator, 'name' | 'comparator' | 'target'>): string {
  return i.comparator === 'qualitative' ? `${i.name}${i.target}` : `${i.name}${COMPARATOR_SYMBOLS[i.comparator]}${i.target}`;
}
