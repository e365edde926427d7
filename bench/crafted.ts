/**
 * Hostile files made from scratch (the security review's crafted inputs): a circular page tree,
 * arrays nested 10,000 deep, a flate bomb, 20,000 pages, 1 MB of blank lines, JSON nested 10,000
 * deep, an XLSX with 10^6 rows. Used by the fuzz harness (bench/fuzz.ts) and the tests. Also a
 * tiny zip reader and writer (stored or deflated entries), enough to take an XLSX apart and put a
 * mutated one back together.
 */
import { deflateRawSync, inflateRawSync, createDeflate } from 'node:zlib';

const enc = new TextEncoder();

/** A PDF from its objects' bodies (object i+1 is bodies[i]), with a correct cross-reference table. */
export function pdfFromObjects(bodies: (string | Uint8Array)[], root = 1): Uint8Array {
  const parts: Uint8Array[] = [enc.encode('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n')];
  let offset = parts[0]!.length;
  const offsets: number[] = [];
  bodies.forEach((body, i) => {
    offsets.push(offset);
    const head = enc.encode(`${i + 1} 0 obj\n`);
    const b = typeof body === 'string' ? enc.encode(body) : body;
    const tail = enc.encode('\nendobj\n');
    parts.push(head, b, tail);
    offset += head.length + b.length + tail.length;
  });
  const xref = [`xref\n0 ${bodies.length + 1}\n0000000000 65535 f \n`, ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`)].join('');
  parts.push(enc.encode(`${xref}trailer\n<< /Size ${bodies.length + 1} /Root ${root} 0 R >>\nstartxref\n${offset}\n%%EOF\n`));
  return concat(parts);
}

export function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

function streamObject(dict: string, data: Uint8Array): Uint8Array {
  return concat([enc.encode(`<< ${dict} /Length ${data.length} >>\nstream\n`), data, enc.encode('\nendstream')]);
}

const FONT = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>';

/** Pages whose /Kids point back to the root of the tree. */
export function circularPagesPdf(): Uint8Array {
  return pdfFromObjects(['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R 2 0 R] /Count 2 >>', '<< /Type /Pages /Parent 2 0 R /Kids [2 0 R] /Count 1 >>']);
}

/** One page whose resources hold an array nested `depth` deep. */
export function nestedArrayPdf(depth = 10_000): Uint8Array {
  const content = streamObject('', enc.encode('BT /F1 12 Tf 72 720 Td (2026) Tj ET'));
  return pdfFromObjects([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> /X ${'['.repeat(depth)}${']'.repeat(depth)} >> >>`,
    content,
    FONT,
  ]);
}

/** A page whose content stream inflates to `mib` MiB of spaces (1 GiB by default: a ~1 MB file). */
export async function flateBombPdf(mib = 1024): Promise<Uint8Array> {
  const deflate = createDeflate({ level: 9 });
  const chunks: Buffer[] = [];
  deflate.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve) => deflate.on('end', () => resolve()));
  const block = Buffer.alloc(1024 * 1024, 0x20);
  for (let i = 0; i < mib; i++) if (!deflate.write(block)) await new Promise((r) => deflate.once('drain', r));
  deflate.end();
  await done;
  const data = new Uint8Array(Buffer.concat(chunks));
  return pdfFromObjects([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    streamObject('/Filter /FlateDecode', data),
    FONT,
  ]);
}

/** `pages` pages of a few numbers each, sharing one content stream and one font (20,000 pages: ~2 MB). */
export function manyPagesPdf(pages = 20_000): Uint8Array {
  const first = 5;
  const kids = Array.from({ length: pages }, (_, i) => `${first + i} 0 R`).join(' ');
  const bodies: (string | Uint8Array)[] = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    `<< /Type /Pages /Kids [${kids}] /Count ${pages} >>`,
    streamObject('', enc.encode('BT /F1 10 Tf 72 720 Td (1,234.00  5,678.00  6,912.00) Tj 0 -14 Td (2080501 Wages 1,234.00) Tj ET')),
    FONT,
  ];
  for (let i = 0; i < pages; i++) bodies.push('<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R /Resources << /Font << /F1 4 0 R >> >> >>');
  return pdfFromObjects(bodies);
}

/** A text disclosure followed by 10^6 blank lines (1 MB). */
export function blankLinesText(seed: Uint8Array, lines = 1_000_000): Uint8Array {
  return concat([seed, new Uint8Array(lines).fill(0x0a)]);
}

/** A JSON document whose `tables` is an array nested `depth` deep. */
export function deepJson(depth = 10_000): Uint8Array {
  return enc.encode(`{"format":"budgetbook/document","tables":${'['.repeat(depth)}${']'.repeat(depth)}}`);
}

// ---- zip ----

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

export function crc32(data: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export interface ZipEntry {
  name: string;
  data: Uint8Array;
}

/** A zip of deflated entries. */
export function writeZip(entries: ZipEntry[]): Uint8Array {
  const local: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = enc.encode(e.name);
    const packed = deflateRawSync(e.data);
    const crc = crc32(e.data);
    const head = Buffer.alloc(30);
    head.writeUInt32LE(0x04034b50, 0);
    head.writeUInt16LE(20, 4);
    head.writeUInt16LE(0, 6);
    head.writeUInt16LE(8, 8);
    head.writeUInt32LE(0, 10);
    head.writeUInt32LE(crc, 14);
    head.writeUInt32LE(packed.length, 18);
    head.writeUInt32LE(e.data.length, 22);
    head.writeUInt16LE(name.length, 26);
    head.writeUInt16LE(0, 28);
    local.push(head, name, packed);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(0, 8);
    dir.writeUInt16LE(8, 10);
    dir.writeUInt32LE(0, 12);
    dir.writeUInt32LE(crc, 16);
    dir.writeUInt32LE(packed.length, 20);
    dir.writeUInt32LE(e.data.length, 24);
    dir.writeUInt16LE(name.length, 28);
    dir.writeUInt32LE(offset, 42);
    central.push(dir, name);
    offset += head.length + name.length + packed.length;
  }
  const dirSize = central.reduce((n, p) => n + p.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dirSize, 12);
  end.writeUInt32LE(offset, 16);
  return concat([...local, ...central, end]);
}

/** The entries of a zip (stored or deflated), from its central directory. */
export function readZip(bytes: Uint8Array): ZipEntry[] {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  let end = -1;
  for (let i = b.length - 22; i >= Math.max(0, b.length - 65_557); i--) if (b.readUInt32LE(i) === 0x06054b50) ((end = i), (i = -1));
  if (end < 0) throw new Error('not a zip');
  const count = b.readUInt16LE(end + 10);
  let p = b.readUInt32LE(end + 16);
  const out: ZipEntry[] = [];
  for (let k = 0; k < count; k++) {
    const method = b.readUInt16LE(p + 10);
    const size = b.readUInt32LE(p + 20);
    const nameLen = b.readUInt16LE(p + 28);
    const extra = b.readUInt16LE(p + 30);
    const comment = b.readUInt16LE(p + 32);
    const local = b.readUInt32LE(p + 42);
    const name = b.subarray(p + 46, p + 46 + nameLen).toString('utf8');
    const start = local + 30 + b.readUInt16LE(local + 26) + b.readUInt16LE(local + 28);
    const raw = b.subarray(start, start + size);
    out.push({ name, data: new Uint8Array(method === 8 ? inflateRawSync(raw) : raw) });
    p += 46 + nameLen + extra + comment;
  }
  return out;
}

/** A workbook of one sheet with `rows` rows of a label and a number (10^6 rows: ~10 MB). */
export function manyRowsXlsx(rows = 1_000_000): Uint8Array {
  const sheet: string[] = ['<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'];
  sheet.push('<row r="1"><c r="A1" t="inlineStr"><is><t>收入支出决算总表</t></is></c></row>');
  for (let r = 2; r <= rows; r++) sheet.push(`<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>工资福利支出</t></is></c><c r="B${r}"><v>${r}</v></c></row>`);
  sheet.push('</sheetData></worksheet>');
  return writeZip([
    {
      name: '[Content_Types].xml',
      data: enc.encode(
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
      ),
    },
    { name: '_rels/.rels', data: enc.encode('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>') },
    {
      name: 'xl/workbook.xml',
      data: enc.encode('<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="收入支出决算总表" sheetId="1" r:id="rId1"/></sheets></workbook>'),
    },
    { name: 'xl/_rels/workbook.xml.rels', data: enc.encode('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>') },
    { name: 'xl/worksheets/sheet1.xml', data: enc.encode(sheet.join('')) },
  ]);
}

export interface Crafted {
  name: string;
  bytes: Uint8Array;
}

/** The review's crafted inputs; `textSeed` is a text disclosure (examples/000_….txt). */
export async function craftedInputs(textSeed: Uint8Array): Promise<Crafted[]> {
  return [
    { name: 'pdf-circular-kids.pdf', bytes: circularPagesPdf() },
    { name: 'pdf-nested-array-10000.pdf', bytes: nestedArrayPdf(10_000) },
    { name: 'pdf-flate-bomb-1GiB.pdf', bytes: await flateBombPdf(1024) },
    { name: 'pdf-20000-pages.pdf', bytes: manyPagesPdf(20_000) },
    { name: 'txt-1e6-blank-lines.txt', bytes: blankLinesText(textSeed) },
    { name: 'json-nested-10000.json', bytes: deepJson(10_000) },
    { name: 'xlsx-1e6-rows.xlsx', bytes: manyRowsXlsx(1_000_000) },
  ];
}
