/**
 * The 决算 table reader on what a document may get wrong: each stops its table with the line and a
 * Chinese reason (strict), or leaves the table unread and kept whole while the rest is read (lenient).
 */
import { describe, expect, it } from 'vitest';
import { generateDocument } from '../../synth/generate.js';
import { generateFinal } from '../../synth/final.js';
import { writeMarkdownText } from '../../publish/text/markdown.js';
import { readDocument } from '../index.js';
import { builtinCatalogs } from '../../catalogs/builtin.js';
import { ImportError } from '../errors.js';

const catalogs = builtinCatalogs();
const budget = generateDocument({ seed: 5, scope: 'department', year: 2024, catalogs });
const text = writeMarkdownText(generateFinal({ budget, seed: 36, catalogs }));
const read = (t: string, lenient = false) => readDocument(new TextEncoder().encode(t), { fileName: 'final.txt', catalogs, ...(lenient ? { requireAllTables: false } : {}) });

/** The text with the first line matching `re` changed by `f`. */
function edit(re: RegExp, f: (line: string) => string): string {
  const lines = text.split('\n');
  const i = lines.findIndex((l) => re.test(l));
  expect(i, `no line ${re}`).toBeGreaterThan(0);
  lines[i] = f(lines[i]!);
  return lines.join('\n');
}

function refusal(t: string): ImportError {
  try {
    read(t);
  } catch (e) {
    if (e instanceof ImportError) return e;
    throw e;
  }
  throw new Error('read without error');
}

describe('决算 tables that cannot be read', () => {
  it('reads the clean text', () => {
    expect(read(text).tables).toHaveLength(9);
  });

  it('a 收入 label no 决算 row has', () => {
    const bad = edit(/^\| 四、上级补助收入 \|/, (l) => l.replace('四、上级补助收入', '四、上级拨付款'));
    const e = refusal(bad);
    expect(e.message).toContain('收入支出决算总表的收入项目“四、上级拨付款”不是决算表的项目');
    expect(e.place.line).toBe(bad.split('\n').findIndex((l) => l.includes('上级拨付款')) + 1);
    const doc = read(bad, true);
    expect(doc.tables.map((t) => t.id)).not.toContain('summary');
    expect(doc.notes.find((n) => n.kind === 'unread-table')?.message).toMatch(/《收入支出决算总表》未能读出/);
    expect(doc.extraTables.some((x) => x.title === '收入支出决算总表')).toBe(true);
  });

  it('amounts on a 科目 line without its code', () => {
    const e = refusal(edit(/^\| \d{7} \|/, (l) => l.replace(/^\| \d{7} \|/, '|  |')));
    expect(e.message).toMatch(/^收入决算表中的这一行“.+”有金额，但没有科目编码$/);
  });

  it('a line of figures under the 三公 header that is not all figures', () => {
    const e = refusal(edit(/^\| 预算数 \| 决算数 \|/, (l) => `${l}\n| 合计 | 1.00 |`));
    expect(e.message).toMatch(/财政拨款“三公”经费支出决算表/);
  });
});
