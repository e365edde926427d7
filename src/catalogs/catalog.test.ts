import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { builtinCatalogs } from './builtin.js';
import { CATALOG_FILES, embeddedCatalogSource } from './embed.js';
import { parentCode, parseCatalogCsv, parseChangesCsv, SCHEMES } from './catalog.js';

const dir = new URL('./data/', import.meta.url);

describe('built-in catalogs', () => {
  it('the embedded module is current with the CSV files (run scripts/embed-catalogs.ts)', () => {
    const files = Object.fromEntries(CATALOG_FILES.map((f) => [f, readFileSync(new URL(f, dir), 'utf8')]));
    expect(readFileSync(new URL('builtin.generated.ts', dir), 'utf8')).toBe(embeddedCatalogSource(files));
  });

  it('the embedded catalogs are the CSV files parsed: every entry, field by field, and the changes', () => {
    const csv = (f: string) => readFileSync(new URL(f, dir), 'utf8');
    const set = builtinCatalogs();
    for (const [scheme, file] of [['function', 'function.csv'], ['economic-department', 'economic-department.csv'], ['economic-government', 'economic-government.csv']] as const) {
      const parsed = parseCatalogCsv(csv(file), scheme, 'builtin');
      expect(set.editions(scheme)).toEqual(parsed);
      // The same order as the file (a catalog's listing follows it), and the same key order in each entry.
      for (const [i, c] of parsed.entries()) expect(JSON.stringify([...set.editions(scheme)[i]!.entries])).toBe(JSON.stringify([...c.entries]));
    }
    expect(set.changes).toEqual(parseChangesCsv(csv('function-changes.csv')));
  });

  it('every row has its parent, a name and a source', () => {
    const set = builtinCatalogs();
    for (const scheme of SCHEMES) {
      const cat = set.forYear(scheme, 2025)!;
      expect(cat.entries.size).toBeGreaterThan(50);
      for (const e of cat.entries.values()) {
        const parent = parentCode(e.code);
        if (parent) expect(cat.entries.has(parent), `${scheme} ${e.code} 缺少上级 ${parent}`).toBe(true);
        expect(e.name.length).toBeGreaterThan(0);
        expect(e.sources.length, `${e.code} 没有来源`).toBeGreaterThan(0);
      }
    }
  });

  it('holds the seed codes with the names the official text gives (checked by hand)', () => {
    const set = builtinCatalogs();
    const name = (code: string) => {
      const r = set.lookup(code.startsWith('3') ? 'economic-department' : 'function', code, 2025);
      return r.status === 'known' ? r.entry.name : undefined;
    };
    expect(name('2080109')).toBe('社会保险经办机构');
    expect(name('2101399')).toBe('其他医疗救助支出');
    expect(name('2101506')).toBe('医疗保障经办事务');
    expect(name('2210203')).toBe('购房补贴');
    expect(name('30217')).toBe('公务接待费');
    expect(name('30239')).toBe('其他交通费用');
    expect(name('30309')).toBe('奖励金');
    expect(name('31002')).toBe('办公设备购置');
  });

  it('finds a 类 by its printed name, numbering and spaces ignored', () => {
    const set = builtinCatalogs();
    expect(set.classByName('function', '七、社会保障和就业支出', 2025)).toBe('208');
    expect(set.classByName('function', '十 九、 灾害防治及应急管理支出', 2025)).toBe('224');
    expect(set.classByName('function', '社会保障支出', 2025)).toBeUndefined();
  });

  it('a code it does not hold is unknown, not invalid', () => {
    expect(builtinCatalogs().lookup('function', '2999999', 2025).status).toBe('unknown');
  });
});
