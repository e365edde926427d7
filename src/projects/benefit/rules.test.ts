/**
 * The rule data is seed 000's own words: every sentence a rule rests on is in the 医疗救助
 * section of the document, every document number it cites is cited there, and the rule set
 * validates against its declared form.
 */
import { describe, expect, it } from 'vitest';
import { SEED_000, exampleText } from '../../../test/helpers.js';
import { ruleSetSchema } from './rules.js';
import { SHANGHAI_MINHANG_2025 as RULES } from './shanghai-minhang-2025.js';

const seed = exampleText(SEED_000);
const bracketsUniform = (t: string) => t.replace(/[\[【（(]\s*(\d{4})\s*[\]】）)]/g, '〔$1〕');

describe('the 医疗救助 rule set of seed 000', () => {
  const sourced = [...RULES.benefits, ...RULES.premiums, ...RULES.funding, ...RULES.categories.filter((c) => c.sentence)];

  it('quotes only sentences the document contains (pieces between “……”)', () => {
    const missing = sourced.flatMap((r) => (r.sentence ?? '').split('……').filter((piece) => !seed.includes(piece)));
    expect(missing).toEqual([]);
  });

  it('cites only documents the document cites, each rule with its effective year', () => {
    const cited = bracketsUniform(seed);
    const documents = [...new Set([...RULES.benefits, ...RULES.premiums, ...RULES.funding].map((r) => r.document).filter(Boolean))];
    expect(documents.sort()).toEqual(['沪医保待遇〔2023〕1号', '沪医保规〔2020〕4号', '沪医保规〔2022〕12号', '沪医保规〔2023〕2号', '闵医保规发〔2022〕1号']);
    for (const d of documents) expect(cited).toContain(d);
    expect(RULES.benefits.map((b) => [b.id, b.effective])).toContainEqual(['city.outpatient.dibao', 2023]);
  });

  it('is valid by its schema, and every category a rule names exists', () => {
    expect(() => ruleSetSchema.parse(RULES)).not.toThrow();
    const names = new Set(RULES.categories.map((c) => c.name));
    for (const r of [...RULES.benefits, ...RULES.premiums]) for (const c of r.categories) expect(c === '*' || names.has(c), `${r.id}: ${c}`).toBe(true);
    for (const c of RULES.categories) if (c.sameAs) expect(names.has(c.sameAs)).toBe(true);
  });
});
