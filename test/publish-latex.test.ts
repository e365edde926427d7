/**
 * Issue 17: LaTeX residue left by a converter ("满意度 $\geq 85.00\%$" in seed 000) is reported by
 * check (text quality) and published as plain text.
 */
import { describe, expect, it } from 'vitest';
import { builtinCatalogs } from '../src/catalogs/builtin.js';
import { checkDocument } from '../src/check/engine.js';
import { publishDocument } from '../src/publish/index.js';
import { latexToText } from '../src/publish/text/latex.js';
import { exampleText, importText, SEED_000 } from './helpers.js';

const catalogs = builtinCatalogs();

describe('LaTeX residue', () => {
  const doc = importText(exampleText(SEED_000), 'x.txt');

  it('is written in plain characters', () => {
    expect(latexToText('帮困对象满意度 $\\geq 85.00\\%$ ，缩小')).toBe('帮困对象满意度≥85.00%，缩小');
    expect(latexToText('知晓率 $\\leq 5\\%$ 。')).toBe('知晓率≤5%。');
    expect(latexToText('没有公式的句子，100%。')).toBe('没有公式的句子，100%。');
  });

  it('check reports each formula of seed 000 (lines 420 and 458: three of them)', () => {
    const f = checkDocument(doc, { catalogs }).filter((x) => x.rule === 'text.latex');
    expect(f.map((x) => x.location.line)).toEqual([420, 458, 458]);
    expect(f[0]!.message).toContain('“$\\geq85.00\\%$”（应为“≥85.00%”）');
  });

  it('is not published raw, in any format', async () => {
    const files = await publishDocument(doc, { catalogs, formats: ['html', 'json'], force: true });
    for (const f of files) expect(new TextDecoder().decode(f.bytes), f.name).not.toContain('\\geq');
    const html = new TextDecoder().decode(files[0]!.bytes).replace(/<\/?span[^>]*>/g, '');
    expect(html).toContain('帮困对象满意度≥85.00%，缩小该类特殊人群');
    expect(html).toContain('救助对象满意度≥85%。');
  });
});
