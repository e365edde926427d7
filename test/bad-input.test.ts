import { describe, expect, it } from 'vitest';
import { SEED_000, SEED_003, exampleText, importError, importText, lineOf } from './helpers.js';
import { cellsCsv } from '../src/publish/opendata/cells.js';

const t000 = exampleText(SEED_000);
const t003 = exampleText(SEED_003);

describe('bad input gets a located Chinese error, never a partial export', () => {
  it('empty file', () => {
    const e = importError(new Uint8Array(0), 'empty.txt');
    expect(e.code).toBe('empty');
    expect(e.message).toContain('文件是空的');
    expect(e.file).toBe('empty.txt');
  });

  it('blank file', () => {
    expect(importError('\n  \n\n').code).toBe('empty');
  });

  it('binary file', () => {
    const e = importError(new Uint8Array([0x41, 0x00, 0x42, 0x43]));
    expect(e.code).toBe('binary');
    expect(e.message).toContain('二进制');
  });

  it('a PDF given to the text importer', () => {
    const e = importError(new TextEncoder().encode('%PDF-1.7\n%âãÏÓ\n1 0 obj'));
    expect(e.code).toBe('not-text');
    expect(e.message).toContain('PDF');
  });

  it('a spreadsheet (zip) given to the text importer', () => {
    expect(importError(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3])).message).toContain('XLSX');
  });

  it('text that is not a disclosure', () => {
    const e = importError('这是一份会议纪要。\n没有预算表。\n');
    expect(e.code).toBe('no-title');
    expect(e.hint).toContain('部门预算');
  });

  it('a table missing: the economic table removed from seed 000', () => {
    const start = t000.lastIndexOf('2025年部门一般公共预算基本支出部门预算经济分类预算表');
    const end = t000.lastIndexOf('2025年部门“三公”经费和机关运行经费预算表');
    const e = importError(t000.slice(0, start) + t000.slice(end));
    expect(e.code).toBe('missing-table');
    expect(e.message).toContain('一般公共预算基本支出部门预算经济分类预算表');
  });

  it('a table cut off: seed 003 truncated inside the economic table', () => {
    const cut = t003.indexOf('302 14 租赁费');
    const e = importError(t003.slice(0, cut));
    expect(e.code).toBe('cut-off');
    expect(e.message).toContain('经济分类预算表不完整');
  });

  it('a number that does not parse, with its line', () => {
    const bad = t003.replace('302 09 物业管理费 222,300.00 222,300.00', '302 09 物业管理费 222,3OO.00 222,300.00');
    const e = importError(bad);
    expect(e.code).toBe('bad-number');
    expect(e.message).toContain('222,3OO.00');
    expect(e.line).toBe(lineOf(t003, '302 09 物业管理费'));
  });

  it('a malformed number in a markdown cell, with its line', () => {
    const bad = t000.replace('| 210 | 15 | 04 | 信息化建设 | 387,700 |', '| 210 | 15 | 04 | 信息化建设 | 38,77,00 |');
    const e = importError(bad);
    expect(e.code).toBe('bad-number');
    expect(e.line).toBe(lineOf(t000, '| 210 | 15 | 04 | 信息化建设 | 387,700 |'));
  });

  it('a row whose numbers fit no placement (total ≠ its part), with its line', () => {
    const bad = t003.replace('302 01 办公费 229,300.00 229,300.00', '302 01 办公费 229,300.00 229,400.00');
    const e = importError(bad);
    expect(e.code).toBe('no-placement');
    expect(e.line).toBe(lineOf(t003, '302 01 办公费'));
  });

  it('rows that more than one placement fits, with their lines', () => {
    // Both 210 11 items at 650,000 under a 款 of basic 650,000 + project 650,000, in every function
    // table alike: nothing in the document tells which one is basic.
    const bad = t003
      .replaceAll('210 11 行政事业单位医疗 1,300,000.00 500,000.00 800,000.00', '210 11 行政事业单位医疗 1,300,000.00 650,000.00 650,000.00')
      .replaceAll('210 11 01 行政单位医疗 500,000.00 500,000.00', '210 11 01 行政单位医疗 650,000.00 650,000.00')
      .replaceAll('210 11 03 公务员医疗补助 800,000.00 800,000.00', '210 11 03 公务员医疗补助 650,000.00 650,000.00')
      .replace('210 卫生健康支出 57,110,922.53 7,932,362.53 49,178,560.00', '210 卫生健康支出 57,110,922.53 8,082,362.53 49,028,560.00')
      .replace('210 卫生健康支出 57,080,922.53 7,932,362.53 49,148,560.00', '210 卫生健康支出 57,080,922.53 8,082,362.53 48,998,560.00')
      .replace('合计 60,706,322.53 11,527,762.53 49,178,560.00', '合计 60,706,322.53 11,677,762.53 49,028,560.00')
      .replace('合计 60,676,322.53 11,527,762.53 49,148,560.00', '合计 60,676,322.53 11,677,762.53 48,998,560.00');
    const e = importError(bad);
    expect(e.code).toBe('ambiguous-placement');
    const lines = t003.split('\n');
    const table = lines.findIndex((l) => l.includes('2025年预算单位支出预算总表'));
    const row = lines.findIndex((l, i) => i > table && l.includes('210 11 01 行政单位医疗')) + 1;
    expect(e.message).toContain(`支出预算总表第 ${row}、`);
    expect(e.line).toBe(row);
  });

  it('an unknown 类 name in the 收支总表', () => {
    const bad = t003.replace('十二、交通运输支出', '十二、交通运送支出');
    const e = importError(bad);
    expect(e.code).toBe('unknown-class');
    expect(e.message).toContain('交通运送支出');
    expect(e.line).toBe(lineOf(t003, '十二、交通运输支出'));
  });

  it('a malformed 科目 code', () => {
    const bad = t000.replace('| 210 | 15 | 06 | 医疗保障经办事务 | 4,642,859 |', '| 210 | 1 | 06 | 医疗保障经办事务 | 4,642,859 |');
    expect(importError(bad).code).toBe('bad-code');
  });
});

describe('encodings and forms real documents come in', () => {
  it('GBK/GB18030 text reads the same as UTF-8', async () => {
    const iconv = await gbkEncode(t003);
    expect(cellsCsv(importText(t003))).toBe(cellsCsv(importTextBytes(iconv)));
  });

  it('full-width digits and separators read the same', () => {
    const full = t003.replace(/1,258,600\.00/g, '１，２５８，６００．００');
    expect(cellsCsv(importText(full))).toBe(cellsCsv(importText(t003)));
  });

  it('a UTF-8 BOM and CRLF line ends read the same', () => {
    expect(cellsCsv(importText('\uFEFF' + t000.replace(/\n/g, '\r\n')))).toBe(cellsCsv(importText(t000)));
  });
});

import { importBytes } from './helpers.js';
function importTextBytes(bytes: Uint8Array) {
  return importBytes(bytes);
}

/** GB18030 bytes of a text, by a table built from the platform's own decoder (no extra package). */
async function gbkEncode(text: string): Promise<Uint8Array> {
  const decoder = new TextDecoder('gb18030');
  const map = new Map<string, number[]>();
  const need = new Set([...text].filter((c) => c.charCodeAt(0) > 0x7f));
  for (let b1 = 0x81; b1 <= 0xfe && map.size < need.size; b1++) {
    for (let b2 = 0x40; b2 <= 0xfe; b2++) {
      if (b2 === 0x7f) continue;
      const ch = decoder.decode(new Uint8Array([b1, b2]));
      if (need.has(ch) && !map.has(ch)) map.set(ch, [b1, b2]);
    }
  }
  const out: number[] = [];
  for (const c of text) {
    if (c.charCodeAt(0) <= 0x7f) out.push(c.charCodeAt(0));
    else {
      const bytes = map.get(c);
      if (!bytes) throw new Error(`no GBK code for ${c}`);
      out.push(...bytes);
    }
  }
  return new Uint8Array(out);
}
