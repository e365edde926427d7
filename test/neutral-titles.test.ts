/**
 * Tables found by what they hold, not by their titles: the real documents' text (the two seeds,
 * the six PDFs of examples/pdf, a document of four other cities from ../shared/corpus) with every
 * standard title replaced by a neutral one ("附表一"…) or by a made-up province's wording, read
 * to the same tables with the same cells: the hand-written cells of the seeds and PDFs
 * (fixtures/expected, fixtures/pdf-expected), figures written by hand from the corpus documents,
 * and every cell of the reading under the real titles.
 */
import { existsSync, readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { builtinCatalogs } from '../src/catalogs/builtin.js';
import { checkDocument } from '../src/check/engine.js';
import type { BudgetDocument } from '../src/model/document.js';
import type { TableId } from '../src/model/tables.js';
import { cellsCsv } from '../src/publish/opendata/cells.js';
import { extractPages } from '../src/read/pdf/extract.js';
import { pdfLines } from '../src/read/pdf/import.js';
import { readLines } from '../src/read/text/import.js';
import { documentXlsx } from '../src/publish/xlsx/workbook.js';
import { readXlsxDocument } from '../src/read/xlsx/import.js';
import { normalizeNumerals } from '../src/read/text/normalize.js';
import { splitLines, type Line } from '../src/read/text/segment.js';
import { tableIdOfTitle } from '../src/read/titles.js';
import { SEED_000, SEED_003, exampleText, fixture, importText } from './helpers.js';

const catalogs = builtinCatalogs();
const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
/** A province that does not exist, naming each table its own way (none of them a title the reader knows). */
const PROVINCE: Record<TableId, string> = {
  summary: '部门资金收支一览表',
  income: '部门资金来源一览表',
  expenditure: '部门资金使用一览表',
  fiscal: '本级财政资金收支一览表',
  'general-function': '一般公共预算资金使用一览表',
  'fund-function': '政府性基金资金使用一览表',
  'soe-function': '国有资本经营资金使用一览表',
  'general-basic-economic': '日常运转资金分类一览表',
  'three-public': '公务活动（三公）经费一览表',
};

type Naming = 'numbered' | 'province';

/** Every line that is a standard title, the same title the same way each time it is printed. */
function retitled(lines: Line[], naming: Naming): Line[] {
  const names = new Map<string, string>();
  return lines.map((l) => {
    const id = tableIdOfTitle(l.text);
    if (!id) return l;
    const key = l.text.replace(/\s+/g, '').replace(/^续表/, '');
    if (!names.has(key)) names.set(key, naming === 'numbered' ? `附表${NUMERALS[names.size] ?? names.size + 1}` : PROVINCE[id]);
    const text = names.get(key)!;
    expect(tableIdOfTitle(text)).toBeUndefined();
    const chunks = l.chunks && [{ text, x0: l.chunks[0]!.x0, x1: l.chunks[l.chunks.length - 1]!.x1 }];
    return { ...l, text, ...(chunks ? { chunks } : {}) };
  });
}

interface Source {
  original: Line[];
  normalized: Line[];
  pdf: boolean;
}

function textSource(text: string): Source {
  return { original: splitLines(text), normalized: splitLines(normalizeNumerals(text)), pdf: false };
}

async function pdfSource(path: string): Promise<Source> {
  const original = pdfLines(await extractPages(new Uint8Array(readFileSync(path))));
  const normalized = original.map((l) => ({ ...l, text: normalizeNumerals(l.text), chunks: l.chunks?.map((c) => ({ ...c, text: normalizeNumerals(c.text) })) }));
  return { original, normalized, pdf: true };
}

function read(src: Source, naming?: Naming, requireAllTables = false): BudgetDocument {
  const options = { fileName: 'x', catalogs, requireAllTables };
  if (!naming) return readLines({ original: src.original, normalized: src.normalized, options, pdf: src.pdf });
  return readLines({ original: retitled(src.original, naming), normalized: retitled(src.normalized, naming), options, pdf: src.pdf });
}

const ids = (doc: BudgetDocument) => doc.tables.map((t) => t.id).sort();
const rows = (csv: string) => csv.trim().split('\n').slice(1);
const identified = (doc: BudgetDocument) => doc.notes.filter((n) => n.kind === 'interpretation' && /不是标准表名，按内容识别为/.test(n.message)).map((n) => n.table).sort();
const cells = (doc: BudgetDocument, table: string, key: string) => doc.tables.find((t) => t.id === table)?.rows.find((r) => r.key === key)?.cells;
/** 万元 with two decimals → 分. */
const wan = (s: string) => Math.round(Number(s.replace(/,/g, '')) * 100) * 10_000;

describe('the seeds with neutral titles', () => {
  for (const [seed, name] of [
    ['000', SEED_000],
    ['003', SEED_003],
  ] as const) {
    for (const naming of ['numbered', 'province'] as const) {
      it(`${seed} (${naming}): the nine tables and every hand-written cell, each table’s identification noted`, () => {
        const doc = read(textSource(exampleText(name)), naming, true);
        expect(cellsCsv(doc)).toBe(fixture(`expected/${seed}.cells.csv`));
        expect(identified(doc)).toEqual(ids(doc));
        expect(ids(doc)).toHaveLength(9);
      });
    }
  }

  it('the same findings of check as under the real titles', () => {
    const src = textSource(exampleText(SEED_003));
    const key = (doc: BudgetDocument) => checkDocument(doc, { catalogs }).map((f) => `${f.severity} ${f.rule} ${f.location.table ?? ''}`).sort();
    expect(key(read(src, 'numbered'))).toEqual(key(read(src)));
  });
});

describe('a standard title on the wrong table', () => {
  const GENERAL = '2025年预算单位一般公共预算支出功能分类预算表';
  const FUND = '2025年预算单位政府性基金预算支出功能分类预算表';
  const SOE = '2025年预算单位国有资本经营预算支出功能分类预算表';
  const lines = exampleText(SEED_003).split('\n');
  const at = (title: string) => lines.findIndex((l) => l.trim() === title);

  it('a title printed again over another table (a copy of an earlier one) gives way to the content, and a note says so', () => {
    const text = lines.map((l, i) => (i === at(SOE) ? GENERAL : l)).join('\n');
    const doc = read(textSource(text), undefined, true);
    expect(cellsCsv(doc)).toBe(fixture('expected/003.cells.csv'));
    expect(doc.tables.find((t) => t.id === 'soe-function')?.title).toBe(GENERAL);
    expect(doc.notes.find((n) => n.table === 'soe-function' && n.kind === 'interpretation')?.message).toMatch(/与前面的表同名，按内容识别为“国有资本经营预算支出功能分类预算表”：.*写明国有资本经营预算/);
  });

  it('two titles swapped: read by the titles, each disagreement noted', () => {
    const text = lines.map((l, i) => (i === at(FUND) ? SOE : i === at(SOE) ? FUND : l)).join('\n');
    const doc = read(textSource(text), undefined, true);
    expect(cellsCsv(doc)).toBe(fixture('expected/003.cells.csv'));
    const noted = doc.notes.filter((n) => /请核对表名/.test(n.message));
    expect(noted.map((n) => n.table).sort()).toEqual(['fund-function', 'soe-function']);
    expect(noted.find((n) => n.table === 'fund-function')?.message).toContain('但其内容像“国有资本经营预算支出功能分类预算表”');
  });
});

describe('a workbook whose sheets and titles name no table', () => {
  it('003 published, each table’s sheet renamed “Sheet1”… and its title “表一”…: the nine tables and the hand-written cells', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await documentXlsx(importText(exampleText(SEED_003), SEED_003))) as unknown as ArrayBuffer);
    wb.worksheets.slice(0, 9).forEach((ws, i) => {
      expect(tableIdOfTitle(ws.name)).toBeDefined();
      ws.name = `Sheet${i + 1}`;
      ws.getCell('A1').value = `表${NUMERALS[i]}`;
    });
    const doc = await readXlsxDocument(new Uint8Array(await wb.xlsx.writeBuffer()), { fileName: 'x.xlsx', catalogs, requireAllTables: true });
    expect(cellsCsv(doc)).toBe(fixture('expected/003.cells.csv'));
    expect(doc.notes.filter((n) => /工作表“Sheet\d”的《表.》不是标准表名/.test(n.message)).map((n) => n.table).sort()).toEqual(ids(doc));
  });
});

/** As in pdf.test.ts: tables the hand transcription maps otherwise (fixtures/pdf-expected/NOTES.md). */
const NOT_COMPARED: Record<string, RegExp> = {
  'zj-hangzhou-justice-2026-dept-budget': /^income,/,
  'fj-fuzhou-medinsurance-2026-dept-budget': /^income,|^summary,income\.fiscal,/,
};

const REAL = ['sh-putuo-wanli-2025-dept-budget', 'sh-putuo-commerce-2025-dept-budget', 'sh-putuo-commerce-2025-unit-budget', 'sh-municipal-finance-bureau-2025-unit-budget', 'zj-hangzhou-justice-2026-dept-budget', 'fj-fuzhou-medinsurance-2026-dept-budget'];

describe('the six real PDFs with neutral titles', () => {
  for (const name of REAL) {
    it(`${name}: the hand-written cells, and every cell as under the real titles`, async () => {
      const src = await pdfSource(new URL(`../examples/pdf/${name}.pdf`, import.meta.url).pathname);
      const titled = read(src);
      const expected = rows(fixture(`pdf-expected/${name}.cells.csv`)).filter((l) => !NOT_COMPARED[name]?.test(l));
      const tables = new Set(expected.map((l) => l.split(',')[0]));
      for (const naming of ['numbered', 'province'] as const) {
        const doc = read(src, naming);
        expect(rows(cellsCsv(doc)).filter((l) => tables.has(l.split(',')[0]!) && !NOT_COMPARED[name]?.test(l))).toEqual(expected);
        expect(cellsCsv(doc)).toBe(cellsCsv(titled));
        expect(ids(doc)).toEqual(ids(titled));
      }
    }, 60_000);
  }

  it('杭州: the 收入预算总表 by unit is kept whole and still counts as the table laid out otherwise', async () => {
    const doc = read(await pdfSource(new URL('../examples/pdf/zj-hangzhou-justice-2026-dept-budget.pdf', import.meta.url).pathname), 'numbered');
    expect(ids(doc)).not.toContain('income');
    expect(doc.extraTables.filter((x) => /^附表/.test(x.title) && /按单位列示/.test(x.reason))).toHaveLength(1);
    const finding = checkDocument(doc, { catalogs }).find((f) => f.location.table === 'income' && f.rule.startsWith('completeness'));
    expect(finding).toMatchObject({ rule: 'completeness.table-layout', severity: 'info' });
  }, 60_000);
});

const CORPUS = new URL('../../shared/corpus/', import.meta.url).pathname;

describe.skipIf(!existsSync(CORPUS + 'guangzhou-9a1eb357.pdf'))('a document of each other city with neutral titles', () => {
  const cases: [string, (doc: BudgetDocument) => void][] = [
    [
      'guangzhou-9a1eb357',
      (doc) => {
        expect(cells(doc, 'general-function', 'total')).toEqual({ total: wan('15,343.43'), basic: wan('8,948.03'), project: wan('6,395.39') });
        expect(cells(doc, 'general-function', '2240599')).toEqual({ total: wan('135.63'), basic: 0, project: wan('135.63') });
        expect(cells(doc, 'three-public', 'budget')).toMatchObject({ total: wan('51.75'), abroad: 0, vehicle: wan('44.75'), reception: wan('7.00') });
      },
    ],
    [
      'shenzhen-c9051f27',
      (doc) => {
        expect(cells(doc, 'general-function', 'total')).toMatchObject({ total: wan('54,638.07'), basic: wan('2,368.01'), project: wan('52,270.06') });
        expect(cells(doc, 'general-function', '2080905')).toMatchObject({ total: wan('48,430.28'), basic: 0, project: wan('48,430.28') });
        expect(cells(doc, 'three-public', 'budget')).toMatchObject({ total: wan('11.98'), abroad: wan('4.38'), reception: wan('5.00'), vehicle: wan('2.60') });
      },
    ],
    [
      'suzhou-b3bdfb65',
      (doc) => {
        expect(cells(doc, 'general-function', 'total')).toMatchObject({ total: wan('7,062.80'), basic: wan('4,069.62'), project: wan('2,993.18') });
        expect(cells(doc, 'general-function', '2240101')).toMatchObject({ total: wan('2,523.04'), basic: wan('2,523.04') });
        expect(cells(doc, 'three-public', 'budget')).toMatchObject({ total: wan('15.00'), reception: wan('15.00') });
      },
    ],
    [
      'chongqing-d344b1c3',
      (doc) => {
        expect(cells(doc, 'summary', 'income.total')).toEqual({ amount: wan('14,770.62') });
        expect(cells(doc, 'summary', 'income.other')).toEqual({ amount: wan('1,130.00') });
        expect(cells(doc, 'general-function', 'total')).toMatchObject({ total: wan('12,672.73'), basic: wan('5,445.39'), project: wan('7,227.34') });
        expect(cells(doc, 'general-function', '208')).toMatchObject({ total: wan('82.51'), basic: wan('82.51') });
      },
    ],
  ];
  for (const [name, check] of cases) {
    it(`${name}: figures written by hand, and every cell as under the real titles`, async () => {
      const src = await pdfSource(`${CORPUS}${name}.pdf`);
      const titled = read(src);
      for (const naming of ['numbered', 'province'] as const) {
        const doc = read(src, naming);
        check(doc);
        expect(cellsCsv(doc)).toBe(cellsCsv(titled));
        expect(ids(doc)).toEqual(ids(titled));
        expect(ids(doc).filter((id) => !identified(doc).includes(id))).toEqual([]);
      }
    }, 60_000);
  }
});
