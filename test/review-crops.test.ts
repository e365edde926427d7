/**
 * The server's page crops are drawn in a child process (review/crops.ts): a real page gives a
 * PNG per finding with a page; a file pdf.js cannot draw, or a child past its time limit, gives
 * no crops and a Chinese reason — never a failure of the caller.
 */
import { describe, expect, it } from 'vitest';
import { builtinCatalogs } from '../src/catalogs/builtin.js';
import { readAnyDocument } from '../src/read/index.js';
import { documentPdf } from '../src/publish/pdf/document.js';
import { checkDocument } from '../src/check/engine.js';
import { cropsIsolated } from '../src/review/crops.js';
import { importBytes, exampleBytes, SEED_003 } from './helpers.js';

const catalogs = builtinCatalogs();

describe('crops in a child process', () => {
  it('draws a crop for a finding on a page, and gives up cleanly on a broken file or past the time limit', async () => {
    const doc = importBytes(exampleBytes(SEED_003));
    doc.narrative.sections.find((s) => s.kind === 'budget-explanation')!.paragraphs.push({ text: '医疗卫生与计划生育支出主要用于城乡医疗救助。' });
    const pdf = await documentPdf(doc);
    const back = await readAnyDocument(pdf.slice(), { fileName: 'x.pdf', catalogs, requireAllTables: false });
    const findings = checkDocument(back, { catalogs });
    const i = findings.findIndex((f) => f.rule === 'words.obsolete-subject');
    expect(i).toBeGreaterThanOrEqual(0);

    const ok = await cropsIsolated(pdf, back, findings);
    expect(ok.problem).toBeUndefined();
    expect(ok.findings).toHaveLength(findings.length);
    expect(ok.findings[i]!.location.pageLine).toBeGreaterThan(0);
    const png = ok.crops.get(i)!;
    expect([...png.slice(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    // Only findings with a page that go on the form get a crop.
    for (const k of ok.crops.keys()) expect([findings[k]!.location.page !== undefined, findings[k]!.severity !== 'info']).toEqual([true, true]);

    const broken = new TextEncoder().encode('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
    const bad = await cropsIsolated(broken, back, findings);
    expect(bad.crops.size).toBe(0);
    expect(bad.findings).toBe(findings);
    expect(bad.problem).toMatch(/^原文件无法绘制|未能截图/);

    const slow = await cropsIsolated(pdf, back, findings, { timeMs: 50 });
    expect([slow.crops.size, slow.problem]).toEqual([0, '绘制原页用时超过 0.05 秒，未能截图']);
  }, 120_000);
});
