/**
 * npx tsx bench/meta.ts [PDF or folder …] — the metadata and the narrative's stated figures read
 * from each PDF (default: ../shared/corpus and ../shared/docs), one line per document, to eyeball.
 * It reads the cover and narrative directly from the PDF's lines (src/read/pdf), whatever becomes
 * of the tables. `--figures` also prints every stated figure.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { extractPages } from '../src/read/pdf/extract.js';
import { pdfLines } from '../src/read/pdf/import.js';
import { segment } from '../src/read/text/segment.js';
import { normalizeNumerals } from '../src/read/text/normalize.js';
import { buildSections, type SourceLine } from '../src/read/narrative/sections.js';
import { readFigures } from '../src/read/narrative/figures.js';
import { readMeta } from '../src/read/meta.js';
import { formatWanyuan } from '../src/model/money.js';

const args = process.argv.slice(2);
const showFigures = args.includes('--figures');
const roots = args.filter((a) => !a.startsWith('--'));
const defaults = [new URL('../../shared/corpus/', import.meta.url).pathname, new URL('../../shared/docs/', import.meta.url).pathname];
const files = (roots.length ? roots : defaults).flatMap((r) => (statSync(r).isDirectory() ? readdirSync(r).filter((f) => f.endsWith('.pdf')).sort().map((f) => join(r, f)) : [r]));

const levels: Record<string, string> = { central: '中央', province: '省', city: '市', district: '区', county: '县', township: '乡镇', unknown: '?' };
for (const file of files) {
  const name = basename(file);
  try {
    const pages = await extractPages(new Uint8Array(readFileSync(file)), name);
    const original = pdfLines(pages);
    const normalized = original.map((l) => ({ ...l, text: normalizeNumerals(l.text), chunks: l.chunks?.map((c) => ({ ...c, text: normalizeNumerals(c.text) })) }));
    const narrative: SourceLine[] = [];
    for (const seg of segment(normalized)) if (seg.kind === 'text') narrative.push(original[seg.line.no - 1]!);
    const sections = buildSections(narrative, []);
    const meta = readMeta({ lines: original, sections, file: name });
    const figures = readFigures(sections);
    const items = figures.amounts.filter((a) => a.subject === 'item').length;
    const changes = figures.amounts.filter((a) => a.change).length;
    console.log([name, meta.entity.name + (meta.entity.code ? `(${meta.entity.code})` : ''), meta.year, meta.kind === 'final' ? '决算' : '预算', meta.scope === 'unit' ? '单位' : '部门', levels[meta.level], meta.region, meta.title, `数字${figures.amounts.length} 科目${items} 变动${changes}`].join('\t'));
    if (showFigures) {
      for (const a of figures.amounts) {
        const c = a.change;
        const change = c ? ` ${c.word}${c.amount !== undefined ? formatWanyuan(c.amount) : ''}${c.percent !== undefined ? ` ${c.percent}%` : ''}${c.previous !== undefined ? ` 上年${formatWanyuan(c.previous)}` : ''}（比${c.basis}）` : '';
        console.log(`    ${a.subject}${a.itemCode ? ` ${a.itemCode}` : ''}${a.itemName ? ` “${a.itemName}”` : ''}${a.kind ? ` [${a.kind}]` : ''} ${a.text}${change}  ← ${a.label}`);
      }
    }
  } catch (e) {
    console.log([name, `未读出：${(e as Error).message}`].join('\t'));
  }
}
