/**
 * Classification catalogs (政府收支分类科目): 支出功能分类 (类/款/项), 部门预算支出经济分类 and
 * 政府预算支出经济分类 (类/款), each an edition for a year. A code a catalog does not hold is
 * "unknown", never "invalid": the built-in catalogs are incomplete by construction (see
 * src/catalogs/data/SOURCES.md), and a bureau can load its official edition over them.
 */
import { parseCsvRecords } from '../util/csv.js';

export const SCHEMES = ['function', 'economic-department', 'economic-government'] as const;
export type Scheme = (typeof SCHEMES)[number];

export const SCHEME_NAMES: Record<Scheme, string> = {
  function: '支出功能分类科目',
  'economic-department': '部门预算支出经济分类科目',
  'economic-government': '政府预算支出经济分类科目',
};

export interface CatalogEntry {
  code: string;
  name: string;
  level: 1 | 2 | 3;
  sources: string[];
  note?: string;
}

export interface Catalog {
  scheme: Scheme;
  edition: number;
  /** "builtin" or the file a bureau's edition was loaded from. */
  origin: string;
  entries: Map<string, CatalogEntry>;
}

export interface CatalogChange {
  code: string;
  year: number;
  change: 'renamed' | 'retired' | 'added';
  oldName?: string;
  newName?: string;
  note?: string;
}

export type Lookup =
  | { status: 'known'; entry: CatalogEntry; edition: number }
  | { status: 'retired'; change: CatalogChange }
  | { status: 'unknown'; edition?: number };

export const LEVEL_NAMES = ['类', '款', '项'] as const;

export function levelOf(code: string): 1 | 2 | 3 {
  return code.length <= 3 ? 1 : code.length <= 5 ? 2 : 3;
}

export function parentCode(code: string): string | undefined {
  return code.length > 3 ? code.slice(0, code.length - 2) : undefined;
}

const LEVEL_BY_NAME: Record<string, 1 | 2 | 3> = { 类: 1, 款: 2, 项: 3 };

/** Reads a catalog CSV in the project's format: code,name,level,edition,sources,note. */
export function parseCatalogCsv(text: string, scheme: Scheme, origin: string): Catalog[] {
  const byEdition = new Map<number, Catalog>();
  for (const rec of parseCsvRecords(text)) {
    const code = (rec.code ?? '').replace(/\s+/g, '');
    if (!/^\d{3}(\d{2}){0,2}$/.test(code)) continue;
    const edition = Number(rec.edition);
    let cat = byEdition.get(edition);
    if (!cat) byEdition.set(edition, (cat = { scheme, edition, origin, entries: new Map() }));
    const entry: CatalogEntry = {
      code,
      name: rec.name ?? '',
      level: LEVEL_BY_NAME[rec.level ?? ''] ?? levelOf(code),
      sources: (rec.sources ?? '').split(';').map((s) => s.trim()).filter(Boolean),
    };
    if (rec.note) entry.note = rec.note;
    cat.entries.set(code, entry);
  }
  return [...byEdition.values()];
}

export function parseChangesCsv(text: string): CatalogChange[] {
  return parseCsvRecords(text)
    .filter((r) => r.code && r.year)
    .map((r) => {
      const change: CatalogChange = { code: r.code!, year: Number(r.year), change: r.change as CatalogChange['change'] };
      if (r.old_name) change.oldName = r.old_name;
      if (r.new_name) change.newName = r.new_name;
      if (r.note) change.note = r.note;
      return change;
    });
}

/** Strips the numbering and spaces a printed 科目 name carries: "一、社会保障和就业支出" → "社会保障和就业支出". */
export function bareName(name: string): string {
  return name
    .replace(/[\s\u3000]+/g, '')
    .replace(/^[（(]?[一二三四五六七八九十百零〇\d]+[)）、.．]/, '')
    .replace(/（/g, '(')
    .replace(/）/g, ')');
}

export class CatalogSet {
  private readonly catalogs: Catalog[];

  constructor(
    catalogs: Catalog[],
    readonly changes: CatalogChange[] = [],
  ) {
    this.catalogs = [...catalogs];
  }

  /** A set with a bureau's edition added; it takes precedence over a built-in one of the same year. */
  withCatalog(catalog: Catalog): CatalogSet {
    const rest = this.catalogs.filter((c) => !(c.scheme === catalog.scheme && c.edition === catalog.edition && c.origin !== 'builtin'));
    return new CatalogSet([...rest, catalog], this.changes);
  }

  editions(scheme: Scheme): Catalog[] {
    return this.catalogs.filter((c) => c.scheme === scheme).sort((a, b) => a.edition - b.edition);
  }

  private readonly byYear = new Map<string, Catalog | undefined>();

  /** The edition for a year: that year's, else the newest before it, else the oldest after it. Loaded beats built-in. */
  forYear(scheme: Scheme, year: number): Catalog | undefined {
    const key = `${scheme} ${year}`;
    if (this.byYear.has(key)) return this.byYear.get(key);
    const found = this.findForYear(scheme, year);
    this.byYear.set(key, found);
    return found;
  }

  private findForYear(scheme: Scheme, year: number): Catalog | undefined {
    const all = this.editions(scheme);
    const rank = (c: Catalog) => (c.origin === 'builtin' ? 0 : 1);
    const exact = all.filter((c) => c.edition === year).sort((a, b) => rank(b) - rank(a));
    if (exact[0]) return exact[0];
    const before = all.filter((c) => c.edition < year);
    return before[before.length - 1] ?? all[0];
  }

  lookup(scheme: Scheme, code: string, year: number): Lookup {
    const cat = this.forYear(scheme, year);
    const entry = cat?.entries.get(code);
    if (entry && cat) return { status: 'known', entry, edition: cat.edition };
    if (scheme === 'function') {
      const retired = this.changes.find((c) => c.code === code && c.change === 'retired' && c.year <= year);
      if (retired) return { status: 'retired', change: retired };
    }
    return cat ? { status: 'unknown', edition: cat.edition } : { status: 'unknown' };
  }

  /** Renames of a code up to a year, newest last. */
  renames(code: string, year: number): CatalogChange[] {
    return this.changes.filter((c) => c.code === code && c.change === 'renamed' && c.year <= year).sort((a, b) => a.year - b.year);
  }

  private readonly classNames = new Map<Catalog, Map<string, string>>();

  /** The 类 whose name is printed (numbering and spacing ignored), e.g. "七、社会保障和就业支出" → "208". */
  classByName(scheme: Scheme, printed: string, year: number): string | undefined {
    const cat = this.forYear(scheme, year);
    if (!cat) return undefined;
    let names = this.classNames.get(cat);
    if (!names) {
      names = new Map([...cat.entries.values()].filter((e) => e.level === 1).map((e) => [bareName(e.name), e.code]));
      this.classNames.set(cat, names);
    }
    return names.get(bareName(printed));
  }
}
