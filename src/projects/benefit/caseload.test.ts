/**
 * The programme estimate from a caseload CSV: parsing with located errors, totals worked out by
 * hand, the comparison with seed 000's 年度预算, and its properties (monotone in caseload and
 * self-pay, never above the caps).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { CaseloadError, compareWithDocument, estimateProgramme, parseCaseload, type CaseloadRow } from './caseload.js';
import { SHANGHAI_MINHANG_2025 as RULES } from './shanghai-minhang-2025.js';
import { SEED_000, exampleBytes, importBytes } from '../../../test/helpers.js';

const yuan = (n: number) => Math.round(n * 100);
const HEADER = '类别,人数,人均住院自负（元）,人均门急诊自负（元）,其中起付线（元）,参保,人均个人缴费（元）,年龄';

describe('parsing a caseload CSV', () => {
  it('reads the example file: comments skipped, empty cells 0, 参保 defaulting to 城乡居民医保', () => {
    const rows = parseCaseload(readFileSync(new URL('../../../examples/caseload-minhang-2025.csv', import.meta.url), 'utf8'));
    expect(rows).toHaveLength(9);
    expect(rows[0]).toEqual({ line: 6, count: 150, person: { category: '特殊救济对象', inpatient: yuan(8000), outpatient: yuan(3000), deductible: yuan(300), scheme: '城乡居民医保', premium: yuan(500) } });
    expect(rows[4]!.person).toMatchObject({ category: '低收入', age: 65 });
    expect(rows[3]!.person.scheme).toBe('职工医保');
  });

  it('says which line is wrong and how to fix it', () => {
    const error = (text: string) => {
      try {
        estimateProgramme(RULES, parseCaseload(text));
      } catch (e) {
        return [(e as CaseloadError).line, (e as CaseloadError).message];
      }
      return [];
    };
    expect(error(`${HEADER}\n城乡低保,十,1000,,,,,`)).toEqual([2, '人数“十”不是非负整数']);
    expect(error(`${HEADER}\n城乡低保,10,1000,abc,,,,`)).toEqual([2, '人均门急诊自负“abc”不是金额']);
    expect(error(`${HEADER}\n城乡低保,10,1000,,,,,\n低保户,3,1000,,,,,`)).toEqual([3, '未知的救助对象类别“低保户”']);
    expect(error('类别,人口\n城乡低保,1')).toEqual([1, '表头“人口”不是可识别的列']);
    expect(error('类别,住院\n城乡低保,1')).toEqual([1, '缺少“人数”列']);
  });
});

describe('the estimate', () => {
  const rows = parseCaseload(`${HEADER}\n城乡低保,10,10000,,,,,\n低收入,4,,2000,,,,`);

  it('is Σ 人数 × one person’s 救助: 10 × (9000 + 500) + 4 × (1000 + 500) = 101000 元', () => {
    const e = estimateProgramme(RULES, rows);
    expect(e.rows.map((r) => r.total)).toEqual([yuan(95000), yuan(6000)]);
    expect([e.total, e.people, e.byLevel]).toEqual([yuan(101000), 14, { city: yuan(94000), district: yuan(7000) }]);
  });

  it('splits the city share 1:1: 市 10 × 4500 + 4 × 500 = 47000; 区 10 × 5000 + 4 × 1000 = 54000', () => {
    expect(estimateProgramme(RULES, rows).funding).toEqual([
      { payer: '市财政', amount: yuan(47000) },
      { payer: '区财政', amount: yuan(54000) },
    ]);
  });

  it('is compared with the 医疗救助 project and 科目 2101301 of seed 000', () => {
    const doc = importBytes(exampleBytes(SEED_000), SEED_000);
    expect(compareWithDocument(RULES, estimateProgramme(RULES, rows), doc)).toEqual({
      payer: '区财政',
      estimate: yuan(54000),
      project: { name: '医疗救助经费项目', annualBudget: yuan(22_410_000), annualBudgetText: '2241万元' },
      subject: { code: '2101301', label: '城乡医疗救助', projectSpending: yuan(22_427_500) },
    });
  });
});

const CATEGORIES = ['特殊救济对象', '城乡低保', '低收入', '支出型贫困一类', '支出型贫困二类', '散居孤儿', '困境儿童'];
const row = fc.record({
  category: fc.constantFrom(...CATEGORIES),
  count: fc.integer({ min: 0, max: 5_000 }),
  inpatient: fc.integer({ min: 0, max: 40_000_000 }),
  outpatient: fc.integer({ min: 0, max: 2_000_000 }),
});
const caseload = fc.array(row, { minLength: 1, maxLength: 6 }).map((rs): CaseloadRow[] => rs.map((r, i) => ({ line: i + 2, count: r.count, person: { category: r.category, inpatient: r.inpatient, outpatient: r.outpatient } })));

describe('properties of the estimate', () => {
  it('is monotone in caseload and in self-pay', () => {
    fc.assert(
      fc.property(caseload, fc.nat({ max: 100 }), fc.integer({ min: 0, max: 10_000_000 }), (rows, more, extra) => {
        const base = estimateProgramme(RULES, rows).total;
        const moreCases = rows.map((r, i) => (i === 0 ? { ...r, count: r.count + more } : r));
        const moreCost = rows.map((r) => ({ ...r, person: { ...r.person, inpatient: r.person.inpatient + extra, outpatient: r.person.outpatient + extra } }));
        expect(estimateProgramme(RULES, moreCases).total).toBeGreaterThanOrEqual(base);
        expect(estimateProgramme(RULES, moreCost).total).toBeGreaterThanOrEqual(base);
      }),
    );
  });

  it('never exceeds the caps: district ≤ 人数 × 30000, city ≤ 人数 × (130000 + 2800) outside 特殊救济, total ≤ the costs', () => {
    fc.assert(
      fc.property(caseload, (rows) => {
        const e = estimateProgramme(RULES, rows);
        const people = rows.reduce((s, r) => s + r.count, 0);
        expect(e.byLevel.district).toBeLessThanOrEqual(people * yuan(30000));
        const capped = rows.filter((r) => r.person.category !== '特殊救济对象');
        const cappedCity = estimateProgramme(RULES, capped.length ? capped : [{ line: 2, count: 0, person: { category: '城乡低保', inpatient: 0, outpatient: 0 } }]).byLevel.city;
        expect(cappedCity).toBeLessThanOrEqual(capped.reduce((s, r) => s + r.count, 0) * yuan(130000 + 2800));
        expect(e.total).toBeLessThanOrEqual(rows.reduce((s, r) => s + r.count * (r.person.inpatient + r.person.outpatient), 0));
      }),
    );
  });
});
