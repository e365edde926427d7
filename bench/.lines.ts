import { readFileSync } from 'node:fs';
import { extractPages } from '../src/read/pdf/extract.js';
import { pdfLines } from '../src/read/pdf/import.js';
const [file, from = '1', to = '3'] = process.argv.slice(2);
const pages = await extractPages(new Uint8Array(readFileSync(file!)));
for (const l of pdfLines(pages)) if (l.page! >= +from && l.page! <= +to) console.log(l.page, l.no, Math.round(l.y!), l.chunks!.map((c) => `[${Math.round(c.x0)}-${Math.round(c.x1)}]${c.text}`).join(' '));
