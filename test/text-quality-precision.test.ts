/**
 * Issue 20: `text.garbled` and `text.duplicate-words` on the sentences of real documents (quoted
 * from the printed PDF, pdftotext -layout), added to seed 000 so that only the sentence differs.
 */
import { describe, expect, it } from 'vitest';
import { builtinCatalogs } from '../src/catalogs/builtin.js';
import { checkDocument } from '../src/check/engine.js';
import type { BudgetDocument } from '../src/model/document.js';
import { exampleText, importText, SEED_000 } from './helpers.js';

const catalogs = builtinCatalogs();
const seed = importText(exampleText(SEED_000), 'x.txt');

function withSentence(sentence: string): BudgetDocument {
  const sections = seed.narrative.sections.map((s) => (s.kind === 'functions' ? { ...s, paragraphs: s.paragraphs.map((p, i) => (i === 0 ? { ...p, text: p.text + sentence } : p)) } : s));
  return { ...seed, narrative: { ...seed.narrative, sections } };
}

/** The findings of a rule that the added sentence brings (seed 000 has doubled words of its own: “确保确保”). */
const messages = (sentence: string, rule: string) => {
  const before = checkDocument(seed, { catalogs }).filter((f) => f.rule === rule).map((f) => f.message);
  const after = checkDocument(withSentence(sentence), { catalogs }).filter((f) => f.rule === rule).map((f) => f.message);
  for (const m of before) after.splice(after.indexOf(m), 1);
  return after;
};

describe('text.garbled: garbling, not rare characters', () => {
  it('a real ideograph outside GB2312 is no garbling (guangzhou-e85c59bd p.90, guangzhou-39d6f21a p.105, guangzhou-bd1c00de p.73)', () => {
    expect(checkDocument(seed, { catalogs }).filter((f) => f.rule === 'text.garbled')).toEqual([]);
    expect(messages('通过开展车陂路-新滘东路隧道工程。', 'text.garbled')).toEqual([]);
    expect(messages('通过无人机智能机场、高空瞭望系统。', 'text.garbled')).toEqual([]);
    expect(messages('完成鲃保护方案送审工作。', 'text.garbled')).toEqual([]);
  });

  it('a rare character is a hint (提示), off the form: a place name’s, or a typo’s (seed 003 “银行尗报销”)', () => {
    const found = checkDocument(withSentence('通过开展车陂路-新滘东路隧道工程。'), { catalogs }).filter((f) => f.rule === 'text.rare-character');
    expect(found.map((f) => [f.severity, f.message])).toEqual([['info', '生僻字“滘”（U+6ED8，不在 GB2312 的常用字中），请核对是否为错字']]);
  });

  it('what garbling leaves: U+FFFD, private use, cid, 锟斤拷, Latin-1 mojibake, a Kangxi radical for a character', () => {
    expect(messages('本年度\uFFFD\uFFFD预算。', 'text.garbled')).toEqual(['乱码“\uFFFD\uFFFD”']);
    expect(messages('本年度\uE012预算。', 'text.garbled')).toEqual(['乱码“\uE012”']);
    expect(messages('本年度(cid:1234)预算。', 'text.garbled')).toEqual(['乱码“(cid:1234)”']);
    expect(messages('本年度锟斤拷预算。', 'text.garbled')).toEqual(['乱码“锟斤拷”']);
    // “预算” in GBK (D4 A4 CB E3) read as Latin-1.
    expect(messages('本年度Ô¤Ëã。', 'text.garbled')).toEqual(['乱码“Ô¤Ëã”']);
    // U+2F63 KANGXI RADICAL LIFE, printed as 生.
    expect(messages('保障职工\u2F63活。', 'text.garbled')).toEqual(['部首或兼容字符“\u2F63”（U+2F63）代替了汉字“生”，复制、检索时会出错（字体映射问题），请核对']);
    // 3×4 and 1200m³ are no mojibake.
    expect(messages('设备3×4台，排水1200m³。', 'text.garbled')).toEqual([]);
  });
});

describe('text.japanese: a Japanese form of a kanji is a wrong character, not garbling', () => {
  it('圧 for 压 (guangzhou-f47acfe3 p.58, printed so), 査 for 查 (guangzhou-bd1c00de p.47, printed so)', () => {
    expect(messages('坚持过紧日子，从严从紧圧减一般性支出。', 'text.japanese')).toEqual(['日文汉字“圧”（U+5727），中文字符集中没有这个字形，应改为规范汉字']);
    expect(messages('完成日常检査台账汇编。', 'text.japanese')).toEqual(['日文汉字“査”（U+67FB），中文字符集中没有这个字形，应改为规范汉字']);
  });

  it('a Chinese character no Japanese set has, or one both share, is none', () => {
    expect(messages('通过开展车陂路-新滘东路隧道工程，高空瞭望系统，完成鲃保护方案。', 'text.japanese')).toEqual([]);
    expect(messages('从严从紧压减一般性支出，完成日常检查。', 'text.japanese')).toEqual([]);
  });
});

describe('text.duplicate-words: a word written twice, not two words that overlap', () => {
  it('overlapping compounds are not doubled (guangzhou-3780ba59 p.6: 低空航空航天发展处)', () => {
    expect(messages('内设产业发展处、低空航空航天发展处、服务业处。', 'text.duplicate-words')).toEqual([]);
    expect(messages('事业单位的的确确需要。', 'text.duplicate-words')).toEqual([]);
  });

  it('a word written twice still is (shanghai-0291d4c2 p.6, suzhou-7a95ea0f p.37, guangzhou-9a1eb357 p.33)', () => {
    expect(messages('科目710万元，主要用于主要用于单位缴纳的基本养老保险。', 'text.duplicate-words')).toEqual(['词语重复：“主要用于主要用于”']);
    expect(messages('主要是用于用于转拨项目太湖苏州辖区生态。', 'text.duplicate-words')).toEqual(['词语重复：“用于用于”']);
    expect(messages('主要原因是：无增减变化无增减变化。', 'text.duplicate-words')).toEqual(['词语重复：“无增减变化无增减变化”']);
    expect(messages('负责医疗保险业务业务档案管理事务。', 'text.duplicate-words')).toEqual(['词语重复：“业务业务”']);
    expect(messages('完成项目项目建设。', 'text.duplicate-words')).toEqual(['词语重复：“项目项目”']);
    expect(messages('提高我们的的工作效率。', 'text.duplicate-words')).toEqual(['词语重复：“的的”']);
  });
});
