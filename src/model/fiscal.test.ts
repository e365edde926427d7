/** One 财政拨款 per 科目, figures by hand from the seeds. */
import { describe, expect, it } from 'vitest';
import { fiscalOfCode, itemCodes } from './fiscal.js';
import { exampleBytes, importBytes, SEED_000, SEED_003 } from '../../test/helpers.js';

describe('the 财政拨款 of a 科目', () => {
  it('is the 收入预算总表’s 财政拨款收入 where it prints one', () => {
    const doc = importBytes(exampleBytes(SEED_003), SEED_003);
    // 2101399 其他医疗救助支出: 合计 24,700,000 of which 财政拨款 24,670,000 and 其他收入 30,000.
    expect(fiscalOfCode(doc.tables, '2101399')).toBe(24_670_000_00);
    // 208 05 01|05|06|99, 210 11 01|03, 210 13 01|99, 210 15 01|02, 221 02 01|03.
    expect(itemCodes(doc.tables)).toHaveLength(12);
  });

  it('is the three fund tables added up where the income table has no such column', () => {
    const doc = importBytes(exampleBytes(SEED_000), SEED_000);
    const tables = doc.tables.filter((t) => t.id !== 'income');
    // 2080109 社会保险经办机构: 一般公共预算 8,331,275 元, no fund or 国有资本 spending.
    expect(fiscalOfCode(tables, '2080109')).toBe(8_331_275_00);
  });
});
