/**
 * Issue 13: a document's texts are data, never markup. A payload planted in every string field
 * of seed 000 (entity names, titles, labels, narrative, projects, notes, keys, extra tables…)
 * is shown as text by the published page and by the parts the web app's document page shows,
 * charts included; the schema refuses keys that are not the model's; CSV cells never start a formula.
 */
import { describe, expect, it } from 'vitest';
import { builtinCatalogs } from '../src/catalogs/builtin.js';
import { checkDocument } from '../src/check/engine.js';
import { budgetDocumentSchema, type BudgetDocument } from '../src/model/document.js';
import { documentCharts, trendChart } from '../src/publish/charts/charts.js';
import { documentHtml, documentHtmlParts } from '../src/publish/html/document.js';
import { tableHtml } from '../src/publish/html/tables.js';
import { cellsCsv } from '../src/publish/opendata/cells.js';
import { readJsonDocument } from '../src/read/index.js';
import { ImportError } from '../src/read/errors.js';
import { formatCsv, parseCsv } from '../src/util/csv.js';
import { escapeHtml } from '../src/util/html.js';
import { exampleText, importText, SEED_000 } from './helpers.js';
import { activeMarkup, ATTRIBUTE_PAYLOAD, PAYLOAD, plantPayloads, SCRIPT_PAYLOAD } from './payloads.js';

const catalogs = builtinCatalogs();
const seed = importText(exampleText(SEED_000), 'x.txt');

describe('the payload check itself', () => {
  it('finds the payload when it is markup and not when it is text', () => {
    expect(activeMarkup(`<td data-column="${ATTRIBUTE_PAYLOAD}">1</td>`)).toEqual(['<img src=x onerror=window.__x=1>']);
    expect(activeMarkup(`<p>${SCRIPT_PAYLOAD}</p>`)).toEqual(['<script>']);
    expect(activeMarkup(`<td data-column="${escapeHtml(PAYLOAD)}" title="${escapeHtml(PAYLOAD)}">${escapeHtml(PAYLOAD)}</td>`)).toEqual([]);
  });
});

describe('every text of a document is escaped where it is written into HTML', () => {
  const { doc, planted } = plantPayloads(seed, { keys: true });
  doc.extraTables = [{ title: `附表${PAYLOAD}`, headers: [[`项目${PAYLOAD}`, '金额']], rows: [[`伙食费${PAYLOAD}`, '1.00']], reason: `没有对应的标准表${PAYLOAD}` }];
  const findings = checkDocument(doc, { catalogs });
  const charts = documentCharts(doc);

  it('plants the payload in hundreds of fields, keys included', () => {
    // 9 tables' columns and row keys, every label, paragraph, heading, project text, stated amount…
    expect(planted).toBeGreaterThan(500);
    expect(doc.tables.find((t) => t.id === 'expenditure')!.columns[0]).toBe(`total${PAYLOAD}`);
  });

  it('the published page shows the payload only as text (one script: the unit switch)', () => {
    const html = documentHtml(doc, { findings, charts });
    expect(activeMarkup(html)).toEqual([]);
    expect(html.match(/<script/g)).toHaveLength(1);
    // Attributes too: data-column (issue 13's way in), data-row, title, aria-label.
    expect(html).toContain(`data-column="total${escapeHtml(PAYLOAD)}"`);
    expect(html).toContain(`data-row="${escapeHtml(doc.tables[1]!.rows[0]!.key)}"`);
    expect(html).toContain(`<title>${escapeHtml(doc.meta.title)}</title>`);
    // The text reaches the reader: as many escaped payloads as places that show one.
    expect(html.split(escapeHtml(PAYLOAD)).length - 1).toBeGreaterThan(300);
  });

  it('the web app document page parts (shown with dangerouslySetInnerHTML) show it only as text', () => {
    const parts = documentHtmlParts(doc, { findings, charts });
    const all = [parts.cover, ...parts.toc, parts.narrative, parts.charts, parts.tables, parts.after, parts.findings].join('\n');
    expect(activeMarkup(all)).toEqual([]);
    expect(all).not.toContain('<script');
    for (const [name, html] of Object.entries({ cover: parts.cover, toc: parts.toc.join(''), narrative: parts.narrative, tables: parts.tables, findings: parts.findings })) {
      expect([name, html.includes(escapeHtml(PAYLOAD))]).toEqual([name, true]);
    }
  });

  it('chart SVG names from the document are text', () => {
    // Keys left as they are, so that every chart finds its rows and names them from the labels.
    const named = documentCharts(plantPayloads(seed).doc);
    expect(named.length).toBeGreaterThan(2);
    const svg = named.map((c) => c.svg).join('');
    expect(activeMarkup(svg)).toEqual([]);
    expect(svg).not.toContain('<script');
    // Names lose their spaces on a chart; what is left is text.
    expect(svg).toContain('&lt;/script&gt;&lt;script&gt;window.__x=1&lt;/script&gt;');
  });

  it('a trend chart (the entity page) names its series and title as text', () => {
    const chart = trendChart('trend', `支出总计${PAYLOAD}`, [2024, 2025], [{ name: `上海市闵行区医疗保障局${PAYLOAD}`, values: [100_000_000, 120_000_000] }]);
    expect(activeMarkup(chart.svg)).toEqual([]);
    expect(chart.svg).not.toContain('<script');
    expect(chart.svg).toContain('&lt;/script&gt;&lt;script&gt;');
  });

  it('a plain table (for office converters) too', () => {
    const html = tableHtml(doc.tables[2]!, { plain: true });
    expect(activeMarkup(html)).toEqual([]);
    expect(html).toContain(escapeHtml(PAYLOAD));
  });
});

describe('a document\'s keys are the model\'s, refused at the boundary otherwise', () => {
  const json = (d: unknown) => new TextEncoder().encode(JSON.stringify(d));
  const refusal = (d: BudgetDocument): ImportError => {
    try {
      readJsonDocument(json(d), 'upload.json');
    } catch (e) {
      return e as ImportError;
    }
    throw new Error('accepted');
  };

  it('accepts seed 000 as read', () => {
    expect(budgetDocumentSchema.safeParse(seed).success).toBe(true);
  });

  it('refuses an unknown column key, saying which table and column', () => {
    const d = structuredClone(seed);
    d.tables.find((t) => t.id === 'expenditure')!.columns.push(ATTRIBUTE_PAYLOAD);
    const e = refusal(d);
    expect(e.code).toBe('bad-json');
    expect(e.message).toContain('字段 tables.2.columns.3：表“支出预算总表”（expenditure）的列键“"><img src=x onerror=window.__x=1>”不是模型中的列');
  });

  it('refuses a cell under a column the table does not print', () => {
    const d = structuredClone(seed);
    d.tables.find((t) => t.id === 'income')!.rows[0]!.cells['=1+1'] = 100;
    expect(refusal(d).message).toContain('的单元格列键“=1+1”不在本表的列中');
  });

  it('refuses malformed row keys: a formula, markup in a name, an unknown total-table row', () => {
    const cases: [string, number, string, string][] = [
      ['expenditure', 0, '=HYPERLINK("http://evil.example/","click")', '行键应为科目编码（3、5 或 7 位数字）、total，或 name:名称'],
      ['general-function', 1, `name:医疗救助${ATTRIBUTE_PAYLOAD}`, '名称含 < > " ` 这类标记字符'],
      ['general-function', 1, 'name:=cmd|calc', '名称以 = + - @ 开头'],
      ['summary', 0, 'income.bitcoin', '行键应为 income.收入来源'],
      ['summary', 1, 'expenditure.208:<b>x</b>', '名称含 < > " ` 这类标记字符'],
      ['three-public', 0, 'prior', '行键为 budget'],
    ];
    for (const [table, row, key, why] of cases) {
      const d = structuredClone(seed);
      const t = d.tables.find((x) => x.id === table)!;
      t.rows[row]!.key = key;
      const e = refusal(d);
      expect([key, e.message]).toEqual([key, expect.stringContaining(`第 ${row + 1} 行的行键`)]);
      expect([key, e.message]).toEqual([key, expect.stringContaining(why)]);
    }
  });

  it('keeps the keys importers make from printed names: name:…, expenditure.类:…', () => {
    const d = structuredClone(seed);
    d.tables.find((t) => t.id === 'general-function')!.rows[1]!.key = 'name:城乡医疗救助（含“一站式”结算）';
    d.tables.find((t) => t.id === 'summary')!.rows[1]!.key = 'expenditure.208:其他社会保障和就业支出';
    expect(budgetDocumentSchema.safeParse(d).success).toBe(true);
  });
});

describe('CSV cells never start a formula', () => {
  it('cells.csv prefixes a text cell beginning with = + - @ (or tab, CR) with \', and leaves negative amounts as numbers', () => {
    const doc = structuredClone(seed);
    const t = doc.tables.find((x) => x.id === 'expenditure')!;
    t.rows[0]!.key = '=HYPERLINK("http://evil.example/","click")';
    t.rows[1]!.key = '@SUM(A1)';
    t.rows[2]!.cells.total = -123_456; // −1,234.56 元
    const csv = cellsCsv(doc);
    expect(csv).toContain(`expenditure,"'=HYPERLINK(""http://evil.example/"",""click"")",total,`);
    expect(csv).toContain(`expenditure,'@SUM(A1),total,`);
    expect(csv).toContain(`expenditure,${t.rows[2]!.key},total,-1234.56\n`);
    expect(csv.split('\n').every((line) => !/(^|,)[=+\-@\t\r](?![\d.]+(,|$))/.test(line))).toBe(true);
  });

  it('every field we write, and reads back to what was written', () => {
    const rows = [['=1+1', '+86 21', '-x', '@a', '\tb', '\rc', '-12.50', '+3', '正常文字', "'已有引号"]];
    const csv = formatCsv(rows);
    expect(csv).toBe(`'=1+1,'+86 21,'-x,'@a,'\tb,"'\rc",-12.50,+3,正常文字,'已有引号\n`);
    expect(parseCsv(csv)).toEqual(rows);
  });
});
