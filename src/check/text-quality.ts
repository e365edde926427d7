/**
 * Family 7: the text itself. Template words left unfilled, words and punctuation written twice,
 * traditional or garbled characters, English words inside Chinese sentences, brackets and
 * quotes that do not pair, and years that do not fit the document's year.
 */
import type { CheckContext, Rule } from './context.js';
import { LATEX, latexToText } from '../publish/text/latex.js';
import type { Finding, Severity } from './finding.js';
import { TRADITIONAL, gb2312Hanzi, japaneseOnlyKanji } from './characters.js';

interface Place {
  section: string;
  line?: number;
  text: string;
}

const placesCache = new WeakMap<CheckContext, Place[]>();

/** Every heading and paragraph of the narrative. */
function places(ctx: CheckContext): Place[] {
  const cached = placesCache.get(ctx);
  if (cached) return cached;
  const out: Place[] = [];
  placesCache.set(ctx, out);
  for (const s of ctx.doc.narrative.sections) {
    if (s.heading) out.push({ section: s.heading, text: s.heading });
    for (const p of s.paragraphs) out.push({ section: s.heading || '封面', text: p.text, ...(p.line ? { line: p.line } : {}) });
  }
  return out;
}

function excerpt(text: string, at: number, len: number): string {
  const start = Math.max(0, at - 12);
  const end = Math.min(text.length, at + len + 12);
  return `${start > 0 ? '…' : ''}${text.slice(start, end)}${end < text.length ? '…' : ''}`;
}

function find(ctx: CheckContext, rule: string, severity: Severity, re: RegExp, say: (m: RegExpExecArray) => string | undefined): Finding[] {
  const out: Finding[] = [];
  for (const p of places(ctx)) {
    const g = new RegExp(re.source, re.flags.includes('g') ? re.flags : re.flags + 'g');
    for (const m of p.text.matchAll(g)) {
      const message = say(m as RegExpExecArray);
      if (!message) continue;
      out.push({ rule, family: 'text', severity, message, location: { section: p.section, sentence: excerpt(p.text, m.index, m[0].length), ...(p.line ? { line: p.line } : {}) } });
    }
  }
  return out;
}

function residue(ctx: CheckContext): Finding[] {
  return [
    // As the word of a stated change ("比上年增加/减少…", "增加/减少23%") it is the year-on-year rule's error.
    ...find(ctx, 'text.template-residue', 'warning', /(增加\/减少|减少\/增加|增\/减|增长\/下降|上升\/下降)/, (m) => {
      const before = m.input.slice(Math.max(0, m.index - 14), m.index);
      const after = m.input.slice(m.index + m[0].length, m.index + m[0].length + 10);
      if (/(比|较)[^，。；]{0,12}$/.test(before) || /^\s*\d+(\.\d+)?\s*[%％]/.test(after)) return undefined;
      return `模板用语未填写：“${m[0]}”`;
    }),
    ...find(ctx, 'text.template-residue', 'warning', /(?<![A-Za-z])(XX+|xx+|××+|＊＊+|某某|□+|_{3,})(?![A-Za-z])/, (m) => `模板占位符未替换：“${m[0]}”`),
    ...find(ctx, 'text.template-residue', 'warning', /（\s*）|\(\s*\)|【\s*】|“\s*”|《\s*》/, (m) => `空的括号或引号“${m[0]}”，疑为未填写的模板`),
  ];
}

/** Fixed four-character patterns that repeat a pair on purpose (支内支疆 = 支援内地、支援新疆). */
const ABAC = ['支内支疆', '自收自支', '一心一意', '一点一滴', '不折不扣', '有增有减', '有升有降', '有进有出', '有奖有罚', '边学边干', '越来越'];

function isRepeatedWord(m: RegExpExecArray): boolean {
  const [whole, unit = '', sep] = m;
  if (new Set(unit).size < 2) return false;
  const around = m.input.slice(Math.max(0, m.index - 2), m.index + whole.length + 2);
  if (ABAC.some((w) => around.includes(w))) return false;
  // Across a comma a clause may rightly begin with the noun the last one ended with
  // ("拨给市医保中心，市医保中心每季度……"); a repeated lead-in ("主要原因是，主要原因是") is an error.
  if (sep) return unit.length >= 3 && /[是的为了在和与及对将把从向给]$/.test(unit);
  return true;
}

// Made when a text first looks doubled: loading ICU's Chinese dictionary costs about 10 ms.
let segmenter: Intl.Segmenter | undefined;
const boundaryCache = new Map<string, Set<number>>();

/** Where words begin and end in a text, by the platform's dictionary segmentation (ICU). */
function wordBoundaries(text: string): Set<number> {
  let b = boundaryCache.get(text);
  if (b) return b;
  b = new Set([text.length]);
  for (const s of (segmenter ??= new Intl.Segmenter('zh', { granularity: 'word' })).segment(text)) b.add(s.index);
  if (boundaryCache.size > 2000) boundaryCache.clear();
  boundaryCache.set(text, b);
  return b;
}

/**
 * A word written twice begins, ends and repeats at word boundaries (“项目项目” = 项目|项目).
 * Two words that overlap only look doubled: “低空航空航天” is 低空|航空|航天, its “空航空航” starts
 * inside 低空 and ends inside 航天. A piece that fails so is tried shorter, from the same place.
 */
function isWholeWords(input: string, at: number, unit: number, sep: number): boolean {
  const b = wordBoundaries(input);
  return b.has(at) && b.has(at + unit) && b.has(at + unit + sep) && b.has(at + 2 * unit + sep);
}

/** Function words that are never doubled on purpose (“的的”, “和和”); “的的确确” is 的|的确|确 and passes. */
const SINGLE_DOUBLED = /([的和与及在是将把从向给对于为并或])\1/;

function doubledWords(ctx: CheckContext): Finding[] {
  const out: Finding[] = [];
  for (const p of places(ctx)) {
    const text = p.text;
    const re = /([\u4e00-\u9fa5][\u4e00-\u9fa5\d]{1,11})([，、,]?)\1/g;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      let found: RegExpExecArray | undefined;
      // The longest doubled piece first (as the pattern finds it), then shorter ones from the same place.
      for (let n = m[1]!.length; n >= 2 && !found; n--) {
        const sub = new RegExp(`^([\\u4e00-\\u9fa5][\\u4e00-\\u9fa5\\d]{${n - 1}})([，、,]?)\\1`).exec(text.slice(m.index));
        if (!sub) continue;
        const at = Object.assign(sub, { index: m.index, input: text });
        if (isRepeatedWord(at) && isWholeWords(text, m.index, n, sub[2]!.length)) found = at;
      }
      if (found) {
        out.push({ rule: 'text.duplicate-words', family: 'text', severity: 'warning', message: `词语重复：“${found[0]}”`, location: { section: p.section, sentence: excerpt(text, found.index, found[0].length), ...(p.line ? { line: p.line } : {}) } });
        re.lastIndex = found.index + found[0].length;
      } else re.lastIndex = m.index + 1;
    }
  }
  return [...out, ...find(ctx, 'text.duplicate-words', 'warning', SINGLE_DOUBLED, (m) => (isWholeWords(m.input, m.index, 1, 0) ? `词语重复：“${m[0]}”` : undefined))];
}

function repeats(ctx: CheckContext): Finding[] {
  return [
    ...doubledWords(ctx),
    ...find(ctx, 'text.duplicate-punctuation', 'warning', /([，。、；：！？])\1|[，、；：][。]|[。][，、；]/, (m) => `标点重复：“${m[0]}”`),
  ];
}

/**
 * What garbled text leaves behind: the replacement character, private-use code points (a font's
 * glyph with no Unicode), “(cid:123)” of a converter, the classic mis-decodings (锟斤拷, 烫烫烫),
 * Latin-1 letters in a row (GBK or UTF-8 bytes read as Latin-1: “Ô¤Ëã”, “Ã¤”), and a Kangxi
 * radical or a compatibility ideograph standing for a character (⽣ for 生: a font's mapping).
 * A real ideograph is never garbling, however rare (滘 in 新滘东路, 瞭望, 鲃).
 */
const GARBLED = /\uFFFD+|锟斤拷|烫烫烫|屯屯屯|[\uE000-\uF8FF\u{F0000}-\u{10FFFD}]+|\(cid:\d+\)|[\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u00FF][\u0080-\u00D6\u00D8-\u00F6\u00F8-\u00FF]+|[\u2E80-\u2EFF\u2F00-\u2FDF\uF900-\uFAFF]/u;

function garbledMessage(s: string): string | undefined {
  if (/^[\u2E80-\u2EFF\u2F00-\u2FDF\uF900-\uFAFF]$/u.test(s)) {
    const meant = s.normalize('NFKC');
    // Twelve compatibility ideographs (﨎, 﨏 …) are ideographs of their own, with no other form.
    if (meant === s) return undefined;
    return `部首或兼容字符“${s}”（U+${s.codePointAt(0)!.toString(16).toUpperCase()}）代替了汉字“${meant}”，复制、检索时会出错（字体映射问题），请核对`;
  }
  return `乱码“${s}”`;
}

/** One pass over the characters: traditional ones (a run reported once), Japanese forms of kanji, and rare ones outside GB2312 (a hint). */
function characters(ctx: CheckContext): Finding[] {
  const common = gb2312Hanzi();
  // Made only when a character outside GB2312 is met (most documents have none).
  let japanese: Set<string> | undefined;
  const out: Finding[] = [];
  const names = new Set([ctx.doc.meta.entity.name, ctx.doc.meta.region, ...ctx.doc.meta.memberUnits.map((u) => u.name)].join(''));
  const report = (p: Place, rule: string, at: number, len: number, message: string, severity: Severity = 'warning') =>
    out.push({ rule, family: 'text', severity, message, location: { section: p.section, sentence: excerpt(p.text, at, len), ...(p.line ? { line: p.line } : {}) } });
  for (const p of places(ctx)) {
    const text = p.text;
    for (let i = 0; i < text.length; i++) {
      const ch = text[i]!;
      const code = ch.charCodeAt(0);
      if (code < 0x4e00 || code > 0x9fff || common.has(ch)) continue;
      if (TRADITIONAL.has(ch)) {
        let j = i;
        while (j < text.length && TRADITIONAL.has(text[j]!)) j++;
        const run = text.slice(i, j);
        report(p, 'text.traditional', i, run.length, `简体文本中出现繁体字“${run}”（应为“${[...run].map((c) => TRADITIONAL.get(c)).join('')}”）`);
        i = j - 1;
      } else if ((japanese ??= japaneseOnlyKanji()).has(ch)) {
        report(p, 'text.japanese', i, 1, `日文汉字“${ch}”（U+${code.toString(16).toUpperCase()}），中文字符集中没有这个字形，应改为规范汉字`);
      } else if (!names.has(ch)) {
        // A real character, only a rare one: a place name's (新滘东路) or a typo's (“银行尗报销”). A hint, not a finding on the form.
        report(p, 'text.rare-character', i, 1, `生僻字“${ch}”（U+${code.toString(16).toUpperCase()}，不在 GB2312 的常用字中），请核对是否为错字`, 'info');
      }
    }
  }
  return [...out, ...find(ctx, 'text.garbled', 'warning', GARBLED, (m) => garbledMessage(m[0]))];
}

/** Symbols of units of measure (法定计量单位) written in Latin letters: “1.43km堤防”. */
const UNIT_SYMBOLS = new Set(['km', 'cm', 'mm', 'kg', 'mg', 'ha', 'kW', 'kWh', 'MW', 'MWh', 'GW', 'GWh', 'kV', 'mL', 'kPa', 'MPa', 'min', 'dB', 'Hz', 'kHz', 'MHz', 'GHz', 'GB', 'TB', 'MB', 'Mbps', 'Gbps']);
/** Loanwords written in Latin letters in Chinese government texts (“粤省事App”). */
const LATIN_WORDS = new Set(['App', 'app']);

/**
 * What a reviewer sends back is an English word in a Chinese sentence (a translation left in, a
 * template's “Total”). Not so: an abbreviation of a technical term, whose capitals mark it as one
 * (VOCs 挥发性有机物, InSAR, eVTOL — plural “s” or a lower-case prefix kept), a unit symbol (km),
 * a single letter (a name's “鹏城 i 业”, a list's “a”), or a loanword of the list.
 */
function isAcceptedLatin(word: string): boolean {
  return word.length === 1 || (word.match(/[A-Z]/g)?.length ?? 0) >= 2 || UNIT_SYMBOLS.has(word) || LATIN_WORDS.has(word);
}

function latin(ctx: CheckContext): Finding[] {
  return find(ctx, 'text.latin', 'warning', /(?<=[\u4e00-\u9fa5，。、；：])\s*([A-Za-z]*[a-z][A-Za-z]*(?:\s+[A-Za-z]+)*)\s*(?=[\u4e00-\u9fa5，。、；：])/, (m) =>
    m[1]!.split(/\s+/).every(isAcceptedLatin) ? undefined : `中文句中夹有英文“${m[1]}”`,
  );
}

const PAIRS: [RegExp, RegExp, string][] = [
  [/[（(]/g, /[）)]/g, '括号'],
  [/“/g, /”/g, '引号'],
  [/《/g, /》/g, '书名号'],
  [/【/g, /】/g, '方括号'],
];

/** Longest piece taken for a line of a wrapped table cell (characters). */
const WRAPPED_LINE = 40;

function brackets(ctx: CheckContext): Finding[] {
  const out: Finding[] = [];
  const all = places(ctx);
  const balance = (p: Place, open: RegExp, close: RegExp) => (p.text.match(open)?.length ?? 0) - (p.text.match(close)?.length ?? 0);
  for (const [open, close, name] of PAIRS) {
    const b = all.map((p) => balance(p, open, close));
    // A table cell's text wrapped over printed lines that were read as short paragraphs: the
    // bracket opens on one line and closes a few lines on. Runs of short pieces that balance out are one text.
    const wrapped = new Set<number>();
    for (let i = 0; i < all.length; i++) {
      if (b[i]! <= 0 || all[i]!.text.length > WRAPPED_LINE) continue;
      let sum = 0;
      for (let j = i; j < Math.min(all.length, i + 8) && all[j]!.section === all[i]!.section && all[j]!.text.length <= WRAPPED_LINE; j++) {
        sum += b[j]!;
        if (sum === 0) {
          for (let k = i; k <= j; k++) wrapped.add(k);
          break;
        }
        if (sum < 0) break;
      }
    }
    for (let i = 0; i < all.length; i++) {
      if (b[i] === 0 || wrapped.has(i)) continue;
      // A sentence (or a table cell) that a page break cut in two opens in one piece and closes in the next.
      if ((b[i]! > 0 && b[i + 1] === -b[i]! && all[i + 1]?.section === all[i]!.section) || (b[i]! < 0 && b[i - 1] === -b[i]! && all[i - 1]?.section === all[i]!.section)) continue;
      const p = all[i]!;
      const o = p.text.match(open)?.length ?? 0;
      const c = p.text.match(close)?.length ?? 0;
      const at = o > c ? p.text.search(open) : p.text.search(close);
      out.push({ rule: 'text.brackets', family: 'text', severity: 'warning', message: `${name}不配对：左${o}个、右${c}个`, location: { section: p.section, sentence: excerpt(p.text, Math.max(0, at), 1), ...(p.line ? { line: p.line } : {}) } });
    }
  }
  return out;
}

const LEVEL_WORDS: Record<string, string> = { city: '市级', district: '区级', county: '县级', province: '省级' };

/** A 区级 document speaking of "市级预算主管部门" carries a template from another level. */
function levels(ctx: CheckContext): Finding[] {
  const own = LEVEL_WORDS[ctx.doc.meta.level];
  if (!own) return [];
  const others = Object.values(LEVEL_WORDS).filter((w) => w !== own);
  const re = new RegExp(`(${others.join('|')})(预算主管部门|财政有经费领拨关系|财政拨款安排)`);
  const found = find(ctx, 'text.level', 'warning', re, (m) => `本文件为${own}${ctx.doc.meta.scope === 'department' ? '部门' : '单位'}预算，文中却写“${m[0]}”，疑为沿用其他层级的模板`);
  const first = new Map<string, Finding>();
  for (const f of found) if (!first.has(f.location.section ?? '')) first.set(f.location.section ?? '', f);
  return [...first.values()];
}

function years(ctx: CheckContext): Finding[] {
  const y = ctx.doc.meta.year;
  const check = (re: RegExp, ok: (n: number) => boolean, what: string) =>
    find(ctx, 'text.year', 'warning', re, (m) => (ok(Number(m[1])) ? undefined : `${what}为${m[1]}年，与本文件年度（${y}年）不符，疑为沿用往年模板`));
  return [
    ...check(/比(\d{4})年(度)?(预算|决算)/, (n) => n === y - 1, '比较的上年'),
    ...check(/(?:与|较)(\d{4})年(度)?(预算|决算|执行数)?(相比|持平|增加|减少|基本持平)/, (n) => n === y - 1, '比较的上年'),
    ...check(/(?<!\d)(\d{4})年(度)?(预算)?执行数/, (n) => n === y - 1, '所比较的预算执行数年度'),
    ...check(/(\d{4})年(度)?[“"]三公[”"]经费预算/, (n) => n === y, '“三公”经费预算年度'),
    ...check(/(\d{4})年(度)?(本部门|本单位)?政府采购预算/, (n) => n === y, '政府采购预算年度'),
    ...check(/截至(\d{4})年/, (n) => n === y - 1 || n === y, '资产统计截止年度'),
    ...check(/^(\d{4})年(部门|单位)预算编制说明$/, (n) => n === y, '编制说明年度'),
  ];
}

/** LaTeX left in the text by a converter ("$\\geq 85\\%$"): a reader sees the raw commands. */
function latex(ctx: CheckContext): Finding[] {
  return find(ctx, 'text.latex', 'warning', LATEX, (m) => `文中夹有 LaTeX 公式记号“${m[0].replace(/\s+/g, '')}”（应为“${latexToText(m[0])}”），读者看到的是原始记号；请改为普通文字（发布时已改写）`);
}

export const textRules: Rule[] = [
  { id: 'text.template-residue', family: 'text', title: '无未填写的模板用语', run: residue },
  { id: 'text.duplicate', family: 'text', title: '无重复的词语与标点', run: repeats },
  { id: 'text.characters', family: 'text', title: '无繁体字与乱码', run: characters },
  { id: 'text.latin', family: 'text', title: '中文句中无夹杂的英文单词', run: latin },
  { id: 'text.latex', family: 'text', title: '文中无 LaTeX 公式记号', run: latex },
  { id: 'text.brackets', family: 'text', title: '括号与引号配对', run: brackets },
  { id: 'text.year', family: 'text', title: '年份与文件年度相符', run: years },
  { id: 'text.level', family: 'text', title: '层级用语与文件层级相符', run: levels },
];
