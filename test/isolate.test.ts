/**
 * Reading in isolation (src/read/isolate.ts): the security review's crafted files are each a clean,
 * located refusal within the memory and time limits, the reader stays usable after them, and
 * what a failure means (the file's fault or ours) is decided the same way for every format.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { builtinCatalogs } from '../src/catalogs/builtin.js';
import { ImportError } from '../src/read/errors.js';
import { readIsolated } from '../src/read/index.js';
import { closeReaders, readerEnv } from '../src/read/isolate.js';
import { refusalOf } from '../src/read/isolate-child.js';
import { blankLinesText, circularPagesPdf, deepJson, flateBombPdf, manyPagesPdf, manyRowsXlsx, nestedArrayPdf } from '../bench/crafted.js';
import { exampleBytes, SEED_000 } from './helpers.js';

const catalogs = builtinCatalogs();
/** Tight limits, so the bombs meet them quickly: the readers under tsx start at ~150–400 MB. */
const limits = { timeMs: 20_000, memoryMb: 640 };

afterAll(() => closeReaders());

async function refusal(bytes: Uint8Array, name: string): Promise<ImportError> {
  try {
    await readIsolated(bytes, name, { catalogs, requireAllTables: false }, limits);
  } catch (e) {
    if (e instanceof ImportError) return e;
    throw e;
  }
  throw new Error(`${name} was read`);
}

describe('crafted files are refused cleanly, naming the file', () => {
  it.each([
    ['pdf-circular-kids.pdf', () => circularPagesPdf(), ['pdf-broken']],
    ['pdf-nested-array-10000.pdf', () => nestedArrayPdf(10_000), ['pdf-broken', 'too-complex']],
    ['json-nested-10000.json', () => deepJson(10_000), ['bad-json']],
    ['txt-1e6-blank-lines.txt', () => blankLinesText(exampleBytes(SEED_000)), ['too-complex']],
  ] as const)('%s', async (name, make, codes) => {
    const e = await refusal(make(), name);
    expect(codes).toContain(e.code);
    expect(e.place.file).toBe(name);
    expect(e.describe()).toContain(`文件 ${name}`);
  });

  it('a 1 GiB flate bomb (1 MB) is stopped at the memory limit', async () => {
    const e = await refusal(await flateBombPdf(1024), 'bomb.pdf');
    expect(e.code).toBe('read-memory');
    expect(e.message).toContain('640 MB');
  });

  it('20,000 pages and 10^6 spreadsheet rows are stopped at a limit', async () => {
    const [pages, rows] = await Promise.all([refusal(manyPagesPdf(20_000), 'pages.pdf'), refusal(manyRowsXlsx(1_000_000), 'rows.xlsx')]);
    expect(['read-timeout', 'read-memory']).toContain(pages.code);
    expect(['read-timeout', 'read-memory', 'too-complex']).toContain(rows.code);
    expect(rows.place.file).toBe('rows.xlsx');
  });

  it('reads a good file afterwards, also with a catalog set of the user (sent to the reader)', async () => {
    const own = catalogs.withCatalog({ scheme: 'function', edition: 1999, origin: 'own.csv', entries: new Map([['208', { code: '208', name: '社会保障和就业支出', level: 1, sources: [] }]]) });
    const [a, b] = await Promise.all([readIsolated(exampleBytes(SEED_000), SEED_000, { catalogs }), readIsolated(exampleBytes(SEED_000), SEED_000, { catalogs: own })]);
    expect(a.meta.entity.name).toBe('上海市闵行区医疗保障局');
    expect(b).toEqual(a);
  });
});

describe("the reading child's environment", () => {
  it('is ours without NODE_OPTIONS and without the extra CA file Node would parse at every start', () => {
    const saved = { ...process.env };
    Object.assign(process.env, { NODE_EXTRA_CA_CERTS: '/etc/ssl/certs/ca-certificates.crt', NODE_OPTIONS: '--inspect', BUDGETBOOK_HOME: '/tmp/bb-home' });
    try {
      const env = readerEnv();
      expect(env.NODE_EXTRA_CA_CERTS).toBeUndefined();
      expect(env.NODE_OPTIONS).toBe('');
      expect(env.BUDGETBOOK_HOME).toBe('/tmp/bb-home');
      expect(process.env.NODE_EXTRA_CA_CERTS).toBe('/etc/ssl/certs/ca-certificates.crt');
    } finally {
      for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
      Object.assign(process.env, saved);
    }
  });
});

describe('what a failure means', () => {
  const pdf = new TextEncoder().encode('%PDF-1.7\n');
  const text = new TextEncoder().encode('2026年部门预算\n');
  it('a stack overflow or an impossible allocation is a refusal (the file is too deep or too big)', () => {
    expect(refusalOf(new RangeError('Maximum call stack size exceeded'), text, 'a.txt')?.code).toBe('too-complex');
    expect(refusalOf(new RangeError('Invalid array length'), text, 'a.txt')?.place.file).toBe('a.txt');
  });
  it("pdf.js's exceptions on a PDF are a refusal: the PDF is broken", () => {
    const e = new Error('Bad (uncompressed) XRef entry: 101R');
    e.name = 'XRefEntryException';
    const r = refusalOf(e, pdf, 'a.pdf');
    expect(r?.code).toBe('pdf-broken');
    expect(r?.message).toContain('Bad (uncompressed) XRef entry: 101R');
  });
  it('any other error is ours (internal), not a refusal', () => {
    expect(refusalOf(new TypeError("Cannot read properties of undefined (reading 'cells')"), text, 'a.txt')).toBeUndefined();
    const e = new Error('boom');
    e.name = 'XRefEntryException';
    expect(refusalOf(e, text, 'a.txt')).toBeUndefined();
  });
});

describe('a defect of the reader on the command line', () => {
  it('is one line (exit 70 in reportError), the stack only with BUDGETBOOK_DEBUG', async () => {
    const { internalErrorLine } = await import('../src/cli/io.js');
    const { InternalReadError } = await import('../src/read/isolate.js');
    const line = internalErrorLine(new InternalReadError("TypeError: Cannot read properties of undefined (reading 'cells')", 'a.pdf', 'TypeError: …\n    at readTables (x.ts:1:1)'));
    expect(line.trimEnd().split('\n')).toHaveLength(1);
    expect(line).toContain("内部错误：读取文件 a.pdf 时TypeError: Cannot read properties of undefined (reading 'cells')");
    expect(line).not.toContain('at readTables');
  });
});
