/**
 * A synthetic city: departments with their units across districts, over consecutive years.
 * Each unit keeps its 科目 from year to year with amounts that move by a few percent (a line
 * now and then starts or ends), and its narrative states the changes against last year's
 * document; each department is its units summed (consolidate), its changes against its own
 * last year. Every document checks clean against its prior year.
 */
import type { BudgetDocument } from '../model/document.js';
import type { CatalogSet } from '../catalogs/catalog.js';
import { builtinCatalogs } from '../catalogs/builtin.js';
import { consolidate } from '../consolidate/consolidate.js';
import { generateDocument, generateLines, lineTotal, type ItemLine } from './generate.js';
import { Random } from './random.js';
import { generateFinal } from './final.js';
import { PLACEHOLDER_RE } from '../check/placeholders.js';

const DISTRICTS = ['闵行区', '松江区', '普陀区', '徐汇区', '长宁区', '静安区', '杨浦区', '浦东新区', '嘉定区', '青浦区', '奉贤区', '金山区', '宝山区', '虹口区', '黄浦区', '崇明区'];
const BUREAUS = [
  '医疗保障局', '商务委员会', '司法局', '财政局', '民政局', '教育局', '卫生健康委员会', '文化旅游局', '生态环境局', '体育局', '科学技术委员会', '市场监督管理局',
  '人力资源和社会保障局', '规划和自然资源局', '住房和城乡建设管理委员会', '交通委员会', '农业农村委员会', '水务局', '绿化和市容管理局', '应急管理局', '统计局', '审计局',
  '退役军人事务局', '民族宗教事务委员会', '信访办公室', '档案局', '机关事务管理局', '国有资产监督管理委员会', '发展和改革委员会', '经济委员会', '城市管理行政执法局', '房屋管理局',
  '粮食和物资储备局', '人民防空办公室', '数据局', '投资促进办公室', '地区工作办公室', '公安分局',
];
/**
 * The 款 each kind of bureau spends on (支出功能分类, 2023 onwards): a 医疗保障局 on 医疗救助 and 医疗保障管理事务,
 * a 司法局 on 司法 … Every unit also budgets its staff's 养老, 医疗 and 公积金 (generate.ts STAFF_KUAN).
 */
export const BUREAU_FUNCTIONS: Record<string, string[]> = {
  医疗保障局: ['21013', '21015', '21012', '20827'],
  商务委员会: ['21602', '21606', '20113'],
  司法局: ['20406'],
  财政局: ['20106'],
  民政局: ['20802', '20810', '20819', '20821'],
  教育局: ['20501', '20502', '20507', '20508'],
  卫生健康委员会: ['21001', '21002', '21003', '21004', '21007'],
  文化旅游局: ['20701', '20702', '20708'],
  生态环境局: ['21101', '21102', '21103'],
  体育局: ['20703'],
  科学技术委员会: ['20601', '20604', '20607'],
  市场监督管理局: ['20138'],
  人力资源和社会保障局: ['20801', '20807', '20826'],
  规划和自然资源局: ['22001', '21202'],
  住房和城乡建设管理委员会: ['21201', '21203', '22101'],
  交通委员会: ['21401'],
  农业农村委员会: ['21301', '21307'],
  水务局: ['21303'],
  绿化和市容管理局: ['21205', '21302'],
  应急管理局: ['22401', '22406'],
  统计局: ['20105'],
  审计局: ['20108'],
  退役军人事务局: ['20828', '20808', '20809'],
  民族宗教事务委员会: ['20123'],
  信访办公室: ['20103'],
  档案局: ['20126'],
  机关事务管理局: ['20103'],
  国有资产监督管理委员会: ['21507'],
  发展和改革委员会: ['20104'],
  经济委员会: ['21505', '21508'],
  城市管理行政执法局: ['21201'],
  房屋管理局: ['22101', '22103'],
  粮食和物资储备局: ['22204', '22205'],
  人民防空办公室: ['20103'],
  数据局: ['20137', '21505'],
  投资促进办公室: ['21508', '21606'],
  地区工作办公室: ['20103'],
  公安分局: ['20402'],
};

const UNIT_SUFFIXES = ['事务中心', '服务中心', '管理所', '监督所', '信息中心', '指导站', '研究中心'];

export interface CityOptions {
  seed: number;
  /** Departments and units together. */
  entities: number;
  years: number;
  firstYear?: number;
  catalogs?: CatalogSet;
  /** Also each department's 部门决算 (synth/final.ts) for the years before this one (default 2026: 决算 appear a year after). */
  finalsBefore?: number;
}

export interface CityDocument {
  doc: BudgetDocument;
  /** e.g. 2025/上海市闵行区/上海市闵行区医疗保障局/上海市闵行区医疗保障局本级 */
  path: string;
}

interface UnitPlan {
  name: string;
  code: string;
  lines: ItemLine[];
  seed: number;
  /** The 款 its bureau spends on (BUREAU_FUNCTIONS). */
  focus: string[];
}

/** Next year's lines: each amount moves by −10…+15 % (whole 元), a line sometimes ends, sometimes starts. */
const REASONS = {
  增加: ['新增专项工作任务', '业务量增长，相应增加安排', '人员经费按政策调整'],
  减少: ['厉行节约，压减一般性支出', '部分项目已完成，相应减少安排', '按实际需求调减项目预算'],
};
const USES = ['开展专项业务工作', '保障专项任务的组织实施', '相关设备购置与运行维护', '购买专业服务'];

/**
 * What a department's preparer writes where the consolidated 编制说明 leaves it to them
 * (【待填写：…主要原因】, 【待填写：…具体用途】), so that the synthetic city publishes complete text.
 */
function preparerWrites(doc: BudgetDocument, salt: number): BudgetDocument {
  // The same placeholder gets the same words wherever it is quoted (paragraphs and the figures' sentences).
  const pick = (items: string[], mark: string) => items[([...mark].reduce((h, c) => (h * 31 + c.codePointAt(0)!) >>> 0, salt) % items.length)]!;
  const fill = (text: string) =>
    text.replace(PLACEHOLDER_RE, (mark) => (/主要原因/.test(mark) ? pick(REASONS[/减少/.test(mark) ? '减少' : '增加'], mark) : /具体用途/.test(mark) ? `为${pick(USES, mark)}` : mark));
  for (const s of doc.narrative.sections) for (const p of s.paragraphs) p.text = fill(p.text);
  for (const f of [...doc.narrative.amounts, ...doc.narrative.counts, ...doc.narrative.absences]) if (f.location) f.location.sentence = fill(f.location.sentence);
  return doc;
}

export function evolveLines(rng: Random, lines: ItemLine[], catalogs: CatalogSet, year: number, scale: number, focus?: readonly string[]): ItemLine[] {
  const move = (v: number) => (v === 0 ? 0 : Math.max(100, Math.round((v * (0.9 + rng.next() * 0.25)) / 100) * 100));
  const next = lines
    .filter(() => !rng.chance(0.05))
    .map((l) => ({ ...l, generalPersonnel: move(l.generalPersonnel), generalPublic: move(l.generalPublic), generalProject: move(l.generalProject), fundProject: move(l.fundProject), soeProject: move(l.soeProject), otherBasic: move(l.otherBasic), otherProject: move(l.otherProject) }));
  if (rng.chance(0.2)) {
    const fresh = generateLines(rng, catalogs, year, scale, focus).find((l) => !next.some((n) => n.code === l.code));
    if (fresh) next.push(fresh);
  }
  const kept = next.filter((l) => lineTotal(l) > 0);
  return (kept.length ? kept : lines).sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

export function* generateCity(options: CityOptions): Generator<CityDocument> {
  const catalogs = options.catalogs ?? builtinCatalogs();
  const rng = new Random(options.seed);
  const firstYear = options.firstYear ?? 2026 - options.years;
  const departments: { name: string; region: string; units: UnitPlan[]; scale: number }[] = [];
  let left = options.entities;
  for (let i = 0; left > 0; i++) {
    const district = DISTRICTS[i % DISTRICTS.length]!;
    const bureau = BUREAUS[Math.floor(i / DISTRICTS.length) % BUREAUS.length]!;
    const round = Math.floor(i / (DISTRICTS.length * BUREAUS.length));
    const region = `上海市${district}`;
    const name = `${region}${bureau}${round ? `第${round + 1}分局` : ''}`;
    let unitCount = Math.max(1, Math.min(left - 1, rng.int(1, 4)));
    // A department alone at the end would have no unit to sum: its one entity joins this department instead.
    if (left - 1 - unitCount === 1) unitCount += 1;
    const stem = `${region}${bureau.replace(/(局|委员会|办公室|分局)$/, '')}`;
    const scale = 0.2 + rng.next() * 2;
    const focus = BUREAU_FUNCTIONS[bureau] ?? [];
    const units = Array.from({ length: left === 1 ? 0 : unitCount }, (_, k) => ({
      name: k === 0 ? `${name}本级` : `${stem}${UNIT_SUFFIXES[(k - 1) % UNIT_SUFFIXES.length]}${round ? round + 1 : ''}`,
      code: String(100_000 + departments.length * 10 + k),
      lines: generateLines(rng, catalogs, firstYear, scale, focus),
      seed: rng.int(1, 2 ** 30),
      focus,
    }));
    departments.push({ name, region, units, scale });
    left -= 1 + units.length;
  }
  const priorDept = new Map<string, BudgetDocument>();
  const priorUnit = new Map<string, BudgetDocument>();
  for (let y = 0; y < options.years; y++) {
    const year = firstYear + y;
    for (const dep of departments) {
      const docs = dep.units.map((u) => {
        if (y > 0) u.lines = evolveLines(rng, u.lines, catalogs, year, dep.scale, u.focus);
        const prior = priorUnit.get(u.name);
        const doc = generateDocument({ seed: u.seed + y, scope: 'unit', year, region: dep.region, entityName: u.name, entityCode: u.code, lines: u.lines, catalogs, ...(prior ? { prior } : {}) });
        priorUnit.set(u.name, doc);
        return doc;
      });
      for (const doc of docs) yield { doc, path: `${year}/${dep.region}/${dep.name}/${doc.meta.entity.name}` };
      if (docs.length === 0) continue;
      const prior = priorDept.get(dep.name);
      const dept = preparerWrites(consolidate(docs, { name: dep.name, ...(prior ? { prior } : {}), functions: [`${dep.name}是负责本区有关工作的区政府工作部门。`, '主要职能包括：贯彻执行有关法律、法规、规章和方针、政策；完成区委、区政府交办的其他任务。'] }), (dep.units[0]?.seed ?? 1) + y);
      priorDept.set(dep.name, dept);
      yield { doc: dept, path: `${year}/${dep.region}/${dep.name}/${dep.name}（汇总）` };
      if (options.finalsBefore !== undefined && year < options.finalsBefore) {
        yield { doc: generateFinal({ budget: dept, seed: (dep.units[0]?.seed ?? 1) + 1000 + y, catalogs }), path: `${year}/${dep.region}/${dep.name}/${dep.name}（决算）` };
      }
    }
  }
}
