/**
 * The 医疗救助 calculator against cases worked out by hand from the sentences of seed 000
 * (each expected figure is written out in the comment beside it), and its properties: more
 * self-pay never gives less 救助, no step exceeds its cap, 救助 never exceeds the costs, and
 * the 市/区 split adds up.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { BenefitError, computeBenefit, type Person } from './compute.js';
import { SHANGHAI_MINHANG_2025 as RULES } from './shanghai-minhang-2025.js';
import type { Scheme } from './rules.js';

/** 元 → 分, for writing the cases in 元 as a person would. */
const yuan = (n: number) => Math.round(n * 100);
const run = (p: Person) => computeBenefit(RULES, p);
const total = (p: Person) => run(p).total;
const steps = (p: Person) => run(p).steps.map((s) => [s.rule, s.amount]);

describe('city 住院 救助 then the district supplement, by category', () => {
  it('城乡低保 below the caps: 10000 × 90% = 9000; (10000 − 9000) × 50% = 500', () => {
    expect(steps({ category: '城乡低保', inpatient: yuan(10000), outpatient: 0 })).toEqual([
      ['city.inpatient.dibao', yuan(9000)],
      ['district.supplement', yuan(500)],
    ]);
    expect(total({ category: '城乡低保', inpatient: yuan(10000), outpatient: 0 })).toBe(yuan(9500));
  });

  it('城乡低保 at the city cap only: 150000 × 90% = 135000 → 130000; 20000 × 50% = 10000', () => {
    expect(steps({ category: '城乡低保', inpatient: yuan(150000), outpatient: 0 })).toEqual([
      ['city.inpatient.dibao', yuan(130000)],
      ['district.supplement', yuan(10000)],
    ]);
  });

  it('城乡低保 above both caps: 180000 → 130000; 70000 × 50% = 35000 → 30000; total 160000', () => {
    expect(total({ category: '城乡低保', inpatient: yuan(200000), outpatient: 0 })).toBe(yuan(160000));
  });

  it('城乡低保 just below the city cap: 144000 × 90% = 129600; 14400 × 50% = 7200', () => {
    expect(total({ category: '城乡低保', inpatient: yuan(144000), outpatient: 0 })).toBe(yuan(136800));
  });

  it('低收入: 50000 × 80% = 40000, 门急诊 3000 × 50% = 1500; (53000 − 41500) × 50% = 5750', () => {
    expect(steps({ category: '低收入', inpatient: yuan(50000), outpatient: yuan(3000), deductible: yuan(300) })).toEqual([
      ['city.inpatient.low-income', yuan(40000)],
      ['city.outpatient.low-income', yuan(1500)],
      ['district.supplement', yuan(5750)],
    ]);
  });

  it('低收入 above every cap: 160000 → 130000, 4000 → 2800; (208000 − 132800) × 50% = 37600 → 30000', () => {
    expect(total({ category: '低收入', inpatient: yuan(200000), outpatient: yuan(8000) })).toBe(yuan(162800));
  });

  it('支出型贫困一类: 100000 × 70% = 70000, no city 门急诊; (102000 − 70000) × 50% = 16000', () => {
    const r = run({ category: '支出型贫困一类', inpatient: yuan(100000), outpatient: yuan(2000) });
    expect(r.steps.map((s) => [s.rule, s.amount])).toEqual([
      ['city.inpatient.poverty-1', yuan(70000)],
      ['district.supplement', yuan(16000)],
    ]);
    expect(r.notes[0]).toContain('文中没有写明支出型贫困一类门急诊自负费用的市级救助标准');
  });

  it('支出型贫困一类 above the caps: 210000 → 130000; 170000 × 50% → 30000', () => {
    expect(total({ category: '支出型贫困一类', inpatient: yuan(300000), outpatient: 0 })).toBe(yuan(160000));
  });

  it('支出型贫困二类: 100000 × 50% = 50000; 50000 × 50% = 25000; above the caps 150000 → 130000, → 30000', () => {
    expect(total({ category: '支出型贫困二类', inpatient: yuan(100000), outpatient: 0 })).toBe(yuan(75000));
    expect(total({ category: '支出型贫困二类', inpatient: yuan(300000), outpatient: 0 })).toBe(yuan(160000));
  });

  it('特殊救济对象: 100% of 住院 and 门急诊, no cap, nothing left for the district', () => {
    const r = run({ category: '特殊救济对象', inpatient: yuan(500000), outpatient: yuan(8000), deductible: yuan(500) });
    expect(r.steps.map((s) => [s.rule, s.amount])).toEqual([['city.special-relief', yuan(508000)]]);
    expect([r.total, r.remaining]).toEqual([yuan(508000), 0]);
  });

  it('散居孤儿 and 困境儿童 are treated as 城乡低保 (参照执行), and say so', () => {
    const r = run({ category: '散居孤儿', inpatient: yuan(10000), outpatient: 0 });
    expect([r.total, r.appliedAs]).toEqual([yuan(9500), '城乡低保']);
    expect(r.notes[0]).toContain('参照本市城乡低保家庭成员执行');
    expect(total({ category: '困境儿童', inpatient: 0, outpatient: yuan(5000), deductible: yuan(500) })).toBe(yuan(4100));
  });
});

describe('门急诊: the 2800 元 cap and the 起付线 subsidy outside it', () => {
  it('城乡低保 in 居保: 起付线 500 in full; (5000 − 500) × 60% = 2700; (5000 − 3200) × 50% = 900', () => {
    expect(steps({ category: '城乡低保', inpatient: 0, outpatient: yuan(5000), deductible: yuan(500) })).toEqual([
      ['city.outpatient-deductible', yuan(500)],
      ['city.outpatient.dibao', yuan(2700)],
      ['district.supplement', yuan(900)],
    ]);
  });

  it('above the cap the 起付线 subsidy still comes on top: 500 + min(9500 × 60%, 2800) = 3300; 6700 × 50% = 3350', () => {
    const r = run({ category: '城乡低保', inpatient: 0, outpatient: yuan(10000), deductible: yuan(500) });
    expect(r.steps.map((s) => s.amount)).toEqual([yuan(500), yuan(2800), yuan(3350)]);
    expect(r.byLevel.city).toBe(yuan(3300));
  });

  it('in 职工医保 there is no 起付线 subsidy: 5000 × 60% = 3000 → 2800; 2200 × 50% = 1100', () => {
    expect(steps({ category: '城乡低保', inpatient: 0, outpatient: yuan(5000), deductible: yuan(500), scheme: '职工医保' })).toEqual([
      ['city.outpatient.dibao', yuan(2800)],
      ['district.supplement', yuan(1100)],
    ]);
  });

  it('低收入 has no 起付线 subsidy: the 起付线 is part of the 50%', () => {
    expect(steps({ category: '低收入', inpatient: 0, outpatient: yuan(2000), deductible: yuan(400) })).toEqual([
      ['city.outpatient.low-income', yuan(1000)],
      ['district.supplement', yuan(500)],
    ]);
  });
});

describe('资助参保 and who pays', () => {
  it('城乡低保: the 居保 contribution in full', () => {
    const r = run({ category: '城乡低保', inpatient: 0, outpatient: 0, premium: yuan(500) });
    expect(r.steps.map((s) => [s.rule, s.amount])).toEqual([['city.premium.full', yuan(500)]]);
  });

  it('低收入 aged 60 or more: all but the 120 元 the person pays; younger, none, with a note', () => {
    expect(total({ category: '低收入', inpatient: 0, outpatient: 0, premium: yuan(500), age: 65 })).toBe(yuan(380));
    const young = run({ category: '低收入', inpatient: 0, outpatient: 0, premium: yuan(500), age: 59 });
    expect([young.total, young.notes]).toEqual([0, ['文中没有写明低收入（59周岁）的资助参保标准，未计资助。']]);
    expect(run({ category: '低收入', inpatient: 0, outpatient: 0, premium: yuan(500) }).notes[0]).toContain('请用 --age 给出年龄');
  });

  it('the city share is split 1:1 between 市 and 区; the district supplement is the district’s', () => {
    // city 130000 → 65000 + 65000; district 30000 → 区.
    expect(run({ category: '城乡低保', inpatient: yuan(200000), outpatient: 0 }).funding).toEqual([
      { payer: '市财政', amount: yuan(65000) },
      { payer: '区财政', amount: yuan(95000) },
    ]);
  });

  it('rounds each step half-up to 分: 0.15 × 90% = 0.135 → 0.14; 0.01 × 50% = 0.005 → 0.01; 市 gets 0.07', () => {
    const r = run({ category: '城乡低保', inpatient: 15, outpatient: 0 });
    expect(r.steps.map((s) => s.amount)).toEqual([14, 1]);
    expect(r.funding).toEqual([
      { payer: '市财政', amount: 7 },
      { payer: '区财政', amount: 8 },
    ]);
  });
});

describe('clear errors', () => {
  const message = (p: Person) => {
    try {
      run(p);
    } catch (e) {
      return `${(e as BenefitError).message}｜${(e as BenefitError).hint}`;
    }
    return '';
  };

  it('an unknown category lists the known ones', () => {
    expect(message({ category: '残疾人', inpatient: 0, outpatient: 0 })).toBe('未知的救助对象类别“残疾人”｜请用规则中的类别名称之一：特殊救济对象、城乡低保、低收入、支出型贫困一类、支出型贫困二类、散居孤儿、困境儿童。');
  });

  it('names as the rules write them are accepted: 城乡低保家庭成员, 因病支出型贫困家庭（一类）', () => {
    expect(run({ category: '城乡低保家庭成员', inpatient: 0, outpatient: 0 }).category).toBe('城乡低保');
    expect(run({ category: '因病支出型贫困家庭（一类）', inpatient: 0, outpatient: 0 }).category).toBe('支出型贫困一类');
  });

  it('特困人员 is named as 救助对象 but has no stated standard', () => {
    expect(message({ category: '特困人员', inpatient: 0, outpatient: 0 })).toContain('“特困人员”没有写明救助标准');
  });

  it('a year the rules do not cover, and a 起付线 larger than the 门急诊 costs', () => {
    expect(message({ category: '城乡低保', inpatient: 0, outpatient: 0, year: 2022 })).toContain('只写明了 2023—2025 年适用的规则');
    expect(message({ category: '城乡低保', inpatient: 0, outpatient: yuan(100), deductible: yuan(200) })).toContain('门急诊起付线 200.00 元大于门急诊自负费用 100.00 元');
  });
});

const CATEGORIES = ['特殊救济对象', '城乡低保', '低收入', '支出型贫困一类', '支出型贫困二类', '散居孤儿', '困境儿童'];
const money = fc.integer({ min: 0, max: 50_000_000 });
const person = fc.record({
  category: fc.constantFrom(...CATEGORIES),
  inpatient: money,
  outpatient: money,
  deductibleShare: fc.integer({ min: 0, max: 100 }),
  scheme: fc.constantFrom('城乡居民医保' as const, '职工医保' as const),
});
const toPerson = (p: { category: string; inpatient: number; outpatient: number; deductibleShare: number; scheme: Scheme }): Person => ({
  category: p.category,
  inpatient: p.inpatient,
  outpatient: p.outpatient,
  deductible: Math.floor((p.outpatient * p.deductibleShare) / 100),
  scheme: p.scheme,
});

describe('properties', () => {
  it('more 住院 or 门急诊 self-pay never gives less 救助', () => {
    fc.assert(
      fc.property(person, money, money, (p, moreIn, moreOut) => {
        const base = toPerson(p);
        const before = total(base);
        expect(total({ ...base, inpatient: base.inpatient + moreIn })).toBeGreaterThanOrEqual(before);
        expect(total({ ...base, outpatient: base.outpatient + moreOut })).toBeGreaterThanOrEqual(before);
      }),
    );
  });

  it('no step exceeds its cap, 救助 never exceeds the costs, and the payers add up to the total', () => {
    fc.assert(
      fc.property(person, (p) => {
        const r = run(toPerson(p));
        for (const s of r.steps) if (s.cap !== undefined) expect(s.amount).toBeLessThanOrEqual(s.cap);
        expect(r.steps.filter((s) => s.rule.startsWith('city.inpatient')).every((s) => s.amount <= yuan(130000))).toBe(true);
        expect(r.steps.filter((s) => s.rule.startsWith('city.outpatient.')).every((s) => s.amount <= yuan(2800))).toBe(true);
        expect(r.byLevel.district).toBeLessThanOrEqual(yuan(30000));
        expect(r.medical).toBeLessThanOrEqual(p.inpatient + p.outpatient);
        expect(r.remaining).toBeGreaterThanOrEqual(0);
        expect(r.funding.reduce((s, f) => s + f.amount, 0)).toBe(r.total);
      }),
    );
  });
});
