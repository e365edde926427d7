import { describe, expect, it } from 'vitest';
import { mergedRowOrder, sideLabels } from './labels.js';

describe('sideLabels', () => {
  it('names the years for one entity', () => {
    const s = { entityId: 1, name: '上海市闵行区医疗保障局', region: '上海市闵行区', year: 2024 };
    expect(sideLabels(s, { ...s, year: 2025 })).toEqual(['2024年', '2025年']);
  });
  it('tells apart two 医疗保障局 of two districts by their district', () => {
    const a = { entityId: 1, name: '上海市闵行区医疗保障局', region: '上海市闵行区', year: 2025 };
    const b = { entityId: 51, name: '上海市徐汇区医疗保障局', region: '上海市徐汇区', year: 2025 };
    expect(sideLabels(a, b)).toEqual(['闵行区医疗保障局', '徐汇区医疗保障局']);
  });
  it('keeps the short names when they differ, and adds the years when those differ', () => {
    const a = { entityId: 1, name: '上海市闵行区医疗保障局', region: '上海市闵行区', year: 2025 };
    const b = { entityId: 2, name: '上海市松江区医疗保险事务中心', region: '上海市松江区', year: 2024 };
    expect(sideLabels(a, b)).toEqual(['医疗保障局 2025年', '医疗保险事务中心 2024年']);
  });
  it('falls back to the departments above, then to left and right', () => {
    const a = { entityId: 3, name: '本级', region: '上海市闵行区', parentName: '上海市闵行区医疗保障局', year: 2025 };
    const b = { entityId: 4, name: '本级', region: '上海市闵行区', parentName: '上海市闵行区民政局', year: 2025 };
    expect(sideLabels(a, b)).toEqual(['上海市闵行区医疗保障局 本级', '上海市闵行区民政局 本级']);
    expect(sideLabels({ ...a, parentName: null }, { ...b, parentName: null })).toEqual(['本级（左）', '本级（右）']);
  });
});

describe('mergedRowOrder', () => {
  it('puts a row only the earlier document has after the row it follows there, not after 合计', () => {
    expect(mergedRowOrder(['210', '21011', '2101101', '21013', 'total'], ['210', '21013', 'total'])).toEqual(['210', '21011', '2101101', '21013', 'total']);
    expect(mergedRowOrder(['301', 'total'], ['301', '30101', '303', 'total'])).toEqual(['301', '30101', '303', 'total']);
    expect(mergedRowOrder(['208', '20801', 'total'], ['210', 'total'])).toEqual(['208', '20801', '210', 'total']);
  });
});
