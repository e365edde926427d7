/**
 * Metadata from the first page of real documents of every city in ../shared/corpus (and a 决算
 * of ../shared/docs): test/fixtures/covers/<file>.txt is `pdftotext -layout -f 1 -l 1` of that PDF.
 * Every expected value was read by hand from the cover.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { readMeta } from './meta.js';
import { buildSections } from './narrative/sections.js';

function metaOf(file: string) {
  const text = readFileSync(new URL(`../../test/fixtures/covers/${file}.txt`, import.meta.url), 'utf8');
  const lines = text.split('\n').map((t, i) => ({ text: t, no: i + 1, page: 1 }));
  const m = readMeta({ lines, sections: buildSections(lines, []), file });
  return { entity: m.entity.name, year: m.year, kind: m.kind, scope: m.scope, level: m.level, region: m.region };
}

type Want = [file: string, entity: string, year: number, kind: 'budget' | 'final', scope: 'department' | 'unit', level: string, region: string];

const COVERS: Record<string, Want[]> = {
  // "上海市2026年市级单位预算" / "预算单位：……"
  shanghai: [
    ['shanghai-0291d4c2', '上海市医疗保险事业管理中心', 2026, 'budget', 'unit', 'city', '上海市'],
    ['shanghai-3363c27c', '上海市审计局', 2026, 'budget', 'unit', 'city', '上海市'],
    ['shanghai-2af1b270', '上海科技大学附属学校', 2026, 'budget', 'unit', 'city', '上海市'],
  ],
  // "北京市信访办公室部门 2026 年度部门预算" / "信息公开"; "… 2026 部门预算情况的说明" without 年.
  beijing: [
    ['beijing-0e0df07d', '北京市信访办公室', 2026, 'budget', 'department', 'city', '北京市'],
    ['beijing-11c60eb8', '北京市市场监督管理局', 2026, 'budget', 'department', 'city', '北京市'],
    ['beijing-b3d20c6f', '北京市人民政府国有资产监督管理委员会', 2026, 'budget', 'department', 'city', '北京市'],
    ['beijing-ff39f6c0', '北京市交通委员会', 2026, 'budget', 'department', 'city', '北京市'],
  ],
  // "2026 年深圳市交通运输局（本级）部" / "门预算"
  shenzhen: [
    ['shenzhen-08cc7487', '深圳市交通运输局', 2026, 'budget', 'department', 'city', '深圳市'],
    ['shenzhen-6bc2839e', '深圳市审计局', 2026, 'budget', 'department', 'city', '深圳市'],
    ['shenzhen-4425c7b0', '深圳市发展和改革委员会', 2026, 'budget', 'department', 'city', '深圳市'],
  ],
  // "2026年" / "广州市司法局部门预算"
  guangzhou: [
    ['guangzhou-015554f2', '广州市司法局', 2026, 'budget', 'department', 'city', '广州市'],
    ['guangzhou-4d95e1cc', '广州市人民政府国有资产监督管理委员会', 2026, 'budget', 'department', 'city', '广州市'],
    ['guangzhou-b8ff9ee4', '中国共产党广州市委员会宣传部', 2026, 'budget', 'department', 'city', '广州市'],
  ],
  // "重庆市规划和自然资源局" / "2026 年部门预算情况说明"
  chongqing: [
    ['chongqing-43f56135', '重庆市规划和自然资源局', 2026, 'budget', 'department', 'city', '重庆市'],
    ['chongqing-a63e312b', '中共重庆市委宣传部', 2026, 'budget', 'department', 'city', '重庆市'],
    ['chongqing-05f59e7a', '重庆市水利局', 2026, 'budget', 'department', 'city', '重庆市'],
  ],
  // "2026 年度苏州市水务局单位预算公开"
  suzhou: [
    ['suzhou-7a95ea0f', '苏州市水务局', 2026, 'budget', 'unit', 'city', '苏州市'],
    ['suzhou-1f31a438', '苏州市交通运输局', 2026, 'budget', 'department', 'city', '苏州市'],
    ['suzhou-b3bdfb65', '苏州市应急管理局', 2026, 'budget', 'department', 'city', '苏州市'],
  ],
  // "中共上海市普陀区委" / "社会工作部 2024 年度" / "部门决算"
  docs: [['sh-putuo-socialwork-2024-dept-final', '中共上海市普陀区委社会工作部', 2024, 'final', 'department', 'district', '上海市普陀区']],
};

describe('metadata from the covers of every city', () => {
  for (const [city, wants] of Object.entries(COVERS)) {
    it(city, () => {
      for (const [file, entity, year, kind, scope, level, region] of wants) {
        expect({ file, ...metaOf(file) }).toEqual({ file, entity, year, kind, scope, level, region });
      }
    });
  }
});
