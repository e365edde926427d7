/**
 * The published HTML page: self-contained, Chinese, both units in every amount cell, findings
 * marked on the cells and sentences they concern and linked to the list at the end.
 */
import { describe, expect, it } from 'vitest';
import { builtinCatalogs } from '../src/catalogs/builtin.js';
import { checkDocument } from '../src/check/engine.js';
import { documentHtml } from '../src/publish/html/document.js';
import { documentCharts } from '../src/publish/charts/charts.js';
import { exampleText, importText, SEED_000, SEED_003 } from './helpers.js';

const catalogs = builtinCatalogs();

function page(text: string) {
  const doc = importText(text, 'x.txt');
  const findings = checkDocument(doc, { catalogs });
  return { doc, findings, html: documentHtml(doc, { findings, charts: documentCharts(doc) }) };
}

describe('the HTML page of seed 000', () => {
  const { html } = page(exampleText(SEED_000));

  it('is one self-contained Chinese page (no outside resource)', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).not.toMatch(/<(script|link|img)[^>]+(src|href)="https?:/);
    expect(html).toContain('<nav class="toc" aria-label="目录">');
  });

  it('carries 元 and 万元 in every amount, rounded half-up', () => {
    // 社会保险经办机构 8,331,275 元 → 833.13 万元
    // The seed prints whole 元 in this table ("8331275"): no ".00" it does not claim.
    expect(html).toContain('data-yuan="8,331,275" data-wanyuan="833.13"');
    expect(html).toContain('<div class="switch" role="radiogroup" aria-label="金额单位">');
  });

  it('lists its contents without the markdown list marks', () => {
    expect(html).toContain('<p>一、部门主要职能</p>');
    expect(html).not.toContain('<p>- 一、部门主要职能</p>');
  });

  it('has no id twice', () => {
    const ids = [...html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
    expect(ids.length).toBe(new Set(ids).size);
  });
});

describe('terms in the tables', () => {
  it('link the header words to the page’s own 术语说明, once per table, and not in a page for converters', () => {
    const { doc, html } = page(exampleText(SEED_000));
    const section = (id: string) => html.slice(html.indexOf(`<section class="table" id="table-${id}"`), html.indexOf('</section>', html.indexOf(`id="table-${id}"`)));
    // 支出预算总表: 功能分类科目编码 → 类、款、项; 基本支出; 项目支出.
    expect(section('expenditure')).toContain('<a class="term" href="#term-levels" title="名词解释">功能分类科目编码</a>');
    expect(section('expenditure')).toContain('<a class="term" href="#term-basic" title="名词解释">基本支出</a>');
    expect(section('expenditure')).toContain('<a class="term" href="#term-project" title="名词解释">项目支出</a>');
    // 财政拨款收支预算总表: 财政拨款收入 and 财政拨款支出 both say 财政拨款: only the first links.
    expect(section('fiscal').match(/href="#term-fiscal"/g)).toHaveLength(1);
    expect(section('three-public')).toContain('<a class="term" href="#term-three-public" title="名词解释">“三公”经费预算数</a>');
    // 000 prints “2025年机关运行经费预算数” (the column name kept as printed); the year does not stop the link.
    expect(section('three-public')).toContain('<a class="term" href="#term-office-operation" title="名词解释">2025年机关运行经费预算数</a>');
    // Every link has its entry, after the tables, listed in the contents, said to be added.
    for (const m of html.matchAll(/href="#term-([a-z-]+)"/g)) expect(html).toContain(`<dt id="term-${m[1]}" tabindex="-1">`);
    expect(html).toContain('<dt id="term-three-public" tabindex="-1">“三公”经费</dt><dd>部门用财政拨款安排的因公出国（境）费、公务用车购置及运行费和公务接待费。');
    expect(html).toContain('<li><a href="#glossary">术语说明</a></li>');
    expect(html).toContain('以下解释由发布系统附加，不是原文件的内容');
    expect(html.indexOf('id="glossary"')).toBeGreaterThan(html.indexOf('id="tables"'));
    const plain = documentHtml(doc, { interactive: false });
    expect(plain).not.toContain('class="term"');
    expect(plain).not.toContain('id="glossary"');
  });
});

describe('findings on the page', () => {
  it('mark a sentence and link it to its entry in the list', () => {
    const { html, findings } = page(exampleText(SEED_003));
    const n = findings.findIndex((f) => f.rule === 'narrative.absence') + 1;
    expect(n).toBeGreaterThan(0);
    expect(html).toMatch(new RegExp(`<mark class="finding error" id="m${n}"[^>]*aria-describedby="[^"]*f${n}[^"]*">2025年松江区医疗保险事务中心本单位无机关运行经费。</mark>`));
    expect(html).toContain(`<li id="f${n}" class="sev-error">【错误·说明与表格】`);
    expect(html).toContain(`<a href="#m${n}">查看位置</a>`);
  });

  it('mark a cell whose sum is broken, with the finding in its tooltip', () => {
    const text = exampleText(SEED_000).replace('| 210 | 15 | 04 | 信息化建设 | 387,700 | 0.00 | 387,700 |', '| 210 | 15 | 04 | 信息化建设 | 387,700 | 0.00 | 388,700 |');
    const { html, findings } = page(text);
    const f = findings.find((x) => x.rule === 'arithmetic.row-total' && x.location.row === '2101504')!;
    const n = findings.indexOf(f) + 1;
    const cell = new RegExp(`<td class="num finding error" title="[^"]*" tabindex="0" aria-describedby="[^"]*f${n}[^"]*"[^>]*data-column="${f.location.column}"[^>]*><span class="amt">`);
    expect(html.slice(html.indexOf('id="table-expenditure"'))).toMatch(cell);
    expect(html).toContain('校验结果（错误 ');
  });
});

describe('the cover', () => {
  it('sets the attachment label apart and the title large, as the PDF does', () => {
    const { html } = page(exampleText(SEED_000));
    expect(html).toContain('<div class="cover"><p class="cover-label">附件1</p><p class="cover-title">闵行区2025年区级部门预算</p><p>预算主管部门：闵行区医疗保障局（汇总）</p></div>');
  });
});
