/**
 * Issue 17: placeholders the preparer must fill ("【待填写：……】", as the generated 编制说明 leaves
 * them) are check findings with their place (warnings: a draft carries them while it is written),
 * and the public edition refuses them unless forced.
 */
import { describe, expect, it } from 'vitest';
import { builtinCatalogs } from '../src/catalogs/builtin.js';
import { checkDocument } from '../src/check/engine.js';
import { publishDocument, PublishRefused } from '../src/publish/index.js';
import type { BudgetDocument } from '../src/model/document.js';
import { exampleText, importText, SEED_000 } from './helpers.js';

const catalogs = builtinCatalogs();
const seed = importText(exampleText(SEED_000), 'x.txt');

/** Seed 000 with one sentence added to the end of the first paragraph of a part. */
function withSentence(doc: BudgetDocument, kind: string, sentence: string): BudgetDocument {
  const sections = doc.narrative.sections.map((s) => (s.kind === kind ? { ...s, paragraphs: s.paragraphs.map((p, i) => (i === 0 ? { ...p, text: p.text + sentence } : p)) } : s));
  return { ...doc, narrative: { ...doc.narrative, sections } };
}

/** Seed 000 without its 编制说明 and 其他相关情况说明: publishing writes them from the tables. */
function withoutExplanation(doc: BudgetDocument): BudgetDocument {
  const own = ['budget-explanation', 'other-info', 'three-public', 'office-operation', 'procurement', 'performance', 'assets'];
  return { ...doc, narrative: { ...doc.narrative, sections: doc.narrative.sections.filter((s) => !own.includes(s.kind)) } };
}

describe('check: text.placeholder', () => {
  it('has no placeholder in seed 000 as published by the district', () => {
    expect(checkDocument(seed, { catalogs }).filter((f) => f.rule === 'text.placeholder')).toEqual([]);
  });

  it('reports each 【待填写：…】 and template mark with its part, line and sentence', () => {
    const doc = withSentence(withSentence(seed, 'budget-explanation', '财政拨款收入增加的主要原因是【待填写：财政拨款收入增加的主要原因】。'), 'functions', '其他职能〔请填写〕。');
    const found = checkDocument(doc, { catalogs }).filter((f) => f.rule === 'text.placeholder');
    expect(found.map((f) => [f.severity, f.family])).toEqual([
      ['warning', 'text'],
      ['warning', 'text'],
    ]);
    const [functions, explanation] = found;
    expect(functions!.location.section).toBe('上海市闵行区医疗保障局（汇总）主要职能');
    expect(functions!.message).toContain('“〔请填写〕”');
    expect(explanation!.location.section).toBe('2025年部门预算编制说明');
    expect(explanation!.location.line).toBe(seed.narrative.sections.find((s) => s.kind === 'budget-explanation')!.paragraphs[0]!.line);
    expect(explanation!.location.sentence).toContain('主要原因是【待填写：财政拨款收入增加的主要原因】。');
    expect(explanation!.message).toContain('须由编制人写明财政拨款收入增加的主要原因');
  });

  it('does not take ordinary brackets for placeholders', () => {
    const doc = withSentence(seed, 'budget-explanation', '依据《关于印发〔2016〕143号文件的通知》【2025年版】办理。');
    expect(checkDocument(doc, { catalogs }).filter((f) => f.rule === 'text.placeholder')).toEqual([]);
  });
});

describe('publishing a document whose 编制说明 is written from its tables', () => {
  const bare = withoutExplanation(seed);

  it('refuses the public edition for the placeholders it would print (no other error given)', async () => {
    const refused = await publishDocument(bare, { catalogs, formats: ['json'], findings: [] }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(PublishRefused);
    const errors = (refused as PublishRefused).errors;
    // 000's tables: 财政拨款收入 rose on 2024 (a 主要原因 to write), 信息化建设 is project spending only (its use to write).
    expect(errors.map((f) => f.rule)).toEqual(['text.placeholder', 'text.placeholder']);
    expect(errors.map((f) => f.message).join('\n')).toContain('【待填写：财政拨款收入增加的主要原因】');
    expect(errors.map((f) => f.message).join('\n')).toContain('【待填写：“信息化建设”项目支出的具体用途】');
    expect((refused as PublishRefused).report).toContain('2025年部门预算编制说明');
  });

  it('publishes it with --force, saying in the files which placeholders were left', async () => {
    const [json] = await publishDocument(bare, { catalogs, formats: ['json'], findings: [], force: true });
    const back = JSON.parse(new TextDecoder().decode(json!.bytes)) as BudgetDocument;
    const forced = back.notes.find((n) => n.message.includes('强制发布'))!;
    expect(forced.message).toContain('本文件在校验发现 2 处未填写的占位的情况下强制发布');
    expect(forced.message).toContain('【待填写：财政拨款收入增加的主要原因】');
  });

  it('publishes the review edition as it is', async () => {
    const files = await publishDocument(bare, { catalogs, formats: ['json'], findings: [], edition: 'review' });
    expect(new TextDecoder().decode(files[0]!.bytes)).toContain('【待填写：');
  });
});
