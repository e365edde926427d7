/**
 * `npm run fuzz -- --count N [--seed S] [--formats pdf,txt,xlsx,json] [--crafted] [--save <folder>] [--find <regex>]`
 *
 * Mutates the shared PDFs (../shared/docs beside the repository when present, examples/pdf), the text seeds
 * (examples/*.txt), XLSX workbooks (test/fixtures/xlsx-libreoffice) and JSON documents (the seeds
 * read and written as budgetbook JSON) with a seeded PRNG — byte flips, truncation, splices,
 * chunk moves, PDF structure edits (cross-reference offsets, /Length /Count /Size), stream
 * corruption, deep nesting, XLSX inner-XML edits — and reads each through the isolated reader
 * (src/read/isolate.ts). Counts: read, refused (a located ImportError; those stopped at the time
 * or memory limit are counted apart), crashed (an internal error, or the reading process died),
 * hung (no answer long after the time limit: the limit did not hold), over memory (the reading
 * process was seen above the limit by more than the sampling slack). Exits 1 when any crashed,
 * hung or went over memory. `--crafted` adds the security review's crafted files
 * (bench/crafted.ts). `--save` writes the bad ones (and those matching `--find`, or with an error
 * left unhandled inside the reader with `--unhandled`) to a folder; `--ops xrefOffset,stream` limits the mutations.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { builtinCatalogs } from '../src/catalogs/builtin.js';
import { readDocument } from '../src/read/index.js';
import { ImportError } from '../src/read/errors.js';
import { closeReaders, InternalReadError, readerConcurrency, readIsolated, type ReadLimits, type ReadStats } from '../src/read/isolate.js';
import { craftedInputs, readZip, writeZip } from './crafted.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export type Format = 'pdf' | 'txt' | 'xlsx' | 'json';
export const FORMATS: Format[] = ['pdf', 'txt', 'xlsx', 'json'];

export interface Seed {
  name: string;
  format: Format;
  bytes: Uint8Array;
}

/** The files mutants are made from. */
export function loadSeeds(formats: Format[] = FORMATS): Seed[] {
  const seeds: Seed[] = [];
  const add = (dir: string, re: RegExp, format: Format) => {
    if (!existsSync(dir)) return;
    for (const f of readdirSync(dir).sort()) if (re.test(f) && !seeds.some((s) => s.name === f)) seeds.push({ name: f, format, bytes: new Uint8Array(readFileSync(join(dir, f))) });
  };
  if (formats.includes('pdf')) {
    add(join(ROOT, '../shared/docs'), /\.pdf$/, 'pdf');
    add(join(ROOT, 'examples/pdf'), /\.pdf$/, 'pdf');
  }
  const texts: Seed[] = [];
  add(join(ROOT, 'examples'), /\.txt$/, 'txt');
  for (const s of seeds) if (s.format === 'txt') texts.push(s);
  if (formats.includes('xlsx')) add(join(ROOT, 'test/fixtures/xlsx-libreoffice'), /\.xlsx$/, 'xlsx');
  if (formats.includes('json')) {
    const catalogs = builtinCatalogs();
    for (const t of texts) {
      const doc = readDocument(t.bytes, { fileName: t.name, catalogs, requireAllTables: false });
      seeds.push({ name: t.name.replace(/\.txt$/, '.json'), format: 'json', bytes: new TextEncoder().encode(JSON.stringify(doc)) });
    }
  }
  return seeds.filter((s) => formats.includes(s.format));
}

/** mulberry32: a small seeded PRNG. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rand = () => number;
const int = (r: Rand, n: number) => Math.floor(r() * n);
const enc = new TextEncoder();
const dec = new TextDecoder('latin1');

function cat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) (out.set(p, o), (o += p.length));
  return out;
}

/** Generic byte mutations. */
const BYTE_MUTATORS: Record<string, (b: Uint8Array, r: Rand, other: Uint8Array) => Uint8Array> = {
  flip(b, r) {
    const out = b.slice();
    for (let k = 1 + int(r, 8); k > 0; k--) out[int(r, out.length)] = int(r, 256);
    return out;
  },
  bitflip(b, r) {
    const out = b.slice();
    const i = int(r, out.length);
    out[i] = out[i]! ^ (1 << int(r, 8));
    return out;
  },
  truncate: (b, r) => b.slice(0, int(r, b.length)),
  delete(b, r) {
    const i = int(r, b.length);
    return cat(b.subarray(0, i), b.subarray(Math.min(b.length, i + 1 + int(r, 4096))));
  },
  duplicate(b, r) {
    const i = int(r, b.length);
    const chunk = b.subarray(i, i + 1 + int(r, 4096));
    return cat(b.subarray(0, i), chunk, chunk, b.subarray(i + chunk.length));
  },
  insert(b, r) {
    const i = int(r, b.length);
    const junk = new Uint8Array(1 + int(r, 256)).map(() => int(r, 256));
    return cat(b.subarray(0, i), junk, b.subarray(i));
  },
  swap(b, r) {
    const n = 1 + int(r, 2048);
    const i = int(r, Math.max(1, b.length - n));
    const j = int(r, Math.max(1, b.length - n));
    const out = b.slice();
    out.set(b.subarray(j, j + n), i);
    out.set(b.subarray(i, i + n), j);
    return out;
  },
  splice(b, r, other) {
    const i = int(r, b.length);
    const j = int(r, other.length);
    return cat(b.subarray(0, i), other.subarray(j, j + 1 + int(r, 8192)), b.subarray(i + int(r, 8192)));
  },
};

/** Edits of a PDF's structure (outside and inside its streams). */
const PDF_MUTATORS: Record<string, (b: Uint8Array, r: Rand) => Uint8Array> = {
  xrefOffset(b, r) {
    // Point one cross-reference entry somewhere else ("Bad (uncompressed) XRef entry").
    const s = dec.decode(b);
    const entries = [...s.matchAll(/(\d{10}) (\d{5}) n/g)];
    if (!entries.length) return BYTE_MUTATORS.flip!(b, r, b);
    const e = entries[int(r, entries.length)]!;
    const shift = r() < 0.5 ? int(r, 200) - 100 : int(r, b.length);
    const value = String(Math.max(0, r() < 0.5 ? Number(e[1]) + shift : shift)).padStart(10, '0').slice(-10);
    const out = b.slice();
    out.set(enc.encode(value), e.index!);
    return out;
  },
  number(b, r) {
    const s = dec.decode(b);
    const hits = [...s.matchAll(/\/(Length|Count|Size|N|Prev|First|W) (\d+)/g)];
    if (!hits.length) return BYTE_MUTATORS.flip!(b, r, b);
    const h = hits[int(r, hits.length)]!;
    const values = ['0', '1', '-1', '999999999', '4294967296', String(Number(h[2]) * 2), String(Math.max(0, Number(h[2]) - 1 - int(r, 10)))];
    const start = h.index! + h[1]!.length + 2;
    return cat(b.subarray(0, start), enc.encode(values[int(r, values.length)]!), b.subarray(start + h[2]!.length));
  },
  stream(b, r) {
    // Corrupt bytes inside one stream's data.
    const s = dec.decode(b);
    const streams = [...s.matchAll(/stream\r?\n/g)];
    if (!streams.length) return BYTE_MUTATORS.flip!(b, r, b);
    const st = streams[int(r, streams.length)]!;
    const start = st.index! + st[0].length;
    const out = b.slice();
    for (let k = 1 + int(r, 16); k > 0; k--) {
      const i = start + int(r, 512);
      if (i < out.length) out[i] = int(r, 256);
    }
    return out;
  },
  nest(b, r) {
    const i = int(r, b.length);
    const d = 100 + int(r, 20_000);
    return cat(b.subarray(0, i), enc.encode('['.repeat(d) + ']'.repeat(int(r, 2) ? d : 0)), b.subarray(i));
  },
  keyword(b, r) {
    const s = dec.decode(b);
    const words = [...s.matchAll(/\b(obj|endobj|stream|endstream|xref|trailer|startxref|R)\b/g)];
    if (!words.length) return BYTE_MUTATORS.flip!(b, r, b);
    const w = words[int(r, words.length)]!;
    return cat(b.subarray(0, w.index!), b.subarray(w.index! + w[0].length));
  },
};

const TEXT_MUTATORS: Record<string, (b: Uint8Array, r: Rand) => Uint8Array> = {
  blankLines: (b, r) => {
    const i = int(r, b.length);
    return cat(b.subarray(0, i), new Uint8Array(1000 + int(r, 200_000)).fill(0x0a), b.subarray(i));
  },
  digits(b, r) {
    const out = b.slice();
    for (let k = 1 + int(r, 20); k > 0; k--) {
      const i = int(r, out.length);
      if (out[i]! >= 0x30 && out[i]! <= 0x39) out[i] = 0x30 + int(r, 10);
    }
    return out;
  },
  repeatLine(b, r) {
    const s = new TextDecoder().decode(b).split('\n');
    const i = int(r, s.length);
    s.splice(i, 0, ...Array.from({ length: 1 + int(r, 5000) }, () => s[i]!));
    return enc.encode(s.join('\n'));
  },
  nul(b, r) {
    const out = b.slice();
    for (let k = 1 + int(r, 50); k > 0; k--) out[int(r, out.length)] = 0;
    return out;
  },
};

const JSON_MUTATORS: Record<string, (b: Uint8Array, r: Rand) => Uint8Array> = {
  deep(b, r) {
    const s = new TextDecoder().decode(b);
    const d = 100 + int(r, 20_000);
    const open = r() < 0.5 ? '['.repeat(d) : '{"a":'.repeat(d);
    const close = open.startsWith('[') ? ']'.repeat(d) : '}'.repeat(d);
    const at = s.indexOf('"tables":');
    return enc.encode(at < 0 ? open + close : `${s.slice(0, at + 9)}${open}${close},"x":${s.slice(at + 9)}`);
  },
  value(b, r) {
    const s = new TextDecoder().decode(b);
    const hits = [...s.matchAll(/:(-?\d+|"[^"]*"|true|false|null)/g)];
    if (!hits.length) return b;
    const h = hits[int(r, hits.length)]!;
    const values = ['1e309', '-1', '0.001', '9007199254740993', '"x"', 'null', '[]', '{}', '"\\u0000"', '"\\ud800"', `"${'长'.repeat(int(r, 10_000))}"`, '"=HYPERLINK(1)"'];
    return enc.encode(s.slice(0, h.index! + 1) + values[int(r, values.length)] + s.slice(h.index! + h[0].length));
  },
  dropKey(b, r) {
    const s = new TextDecoder().decode(b);
    const hits = [...s.matchAll(/"(\w+)":/g)];
    if (!hits.length) return b;
    const h = hits[int(r, hits.length)]!;
    return enc.encode(s.slice(0, h.index!) + `"${h[1]}_":` + s.slice(h.index! + h[0].length));
  },
};

function xlsxInner(b: Uint8Array, r: Rand): Uint8Array {
  let entries;
  try {
    entries = readZip(b);
  } catch {
    return BYTE_MUTATORS.flip!(b, r, b);
  }
  const xml = entries.filter((e) => e.name.endsWith('.xml'));
  const e = xml[int(r, xml.length)];
  if (!e) return b;
  const s = new TextDecoder().decode(e.data);
  const choice = int(r, 5);
  let t: string;
  if (choice === 0) t = s.slice(0, int(r, s.length));
  else if (choice === 1) t = s.replace(/<v>[^<]*<\/v>/g, (m) => (r() < 0.05 ? ['<v>1e400</v>', '<v>abc</v>', '<v>-0</v>', '<v>0.001</v>', '<v>99999999999999999</v>'][int(r, 5)]! : m));
  else if (choice === 2) t = s.replace(/r="[A-Z]+\d+"/g, (m) => (r() < 0.02 ? `r="XFD${1 + int(r, 1_048_576)}"` : m));
  else if (choice === 3) {
    const out = enc.encode(s);
    for (let k = 1 + int(r, 8); k > 0; k--) out[int(r, out.length)] = int(r, 128);
    t = new TextDecoder().decode(out);
  } else return writeZip(entries.filter((x) => x !== e));
  return writeZip(entries.map((x) => (x === e ? { name: x.name, data: enc.encode(t) } : x)));
}

/** One mutant of a seed: 1–3 mutations of the kinds that fit its format. */
export function mutate(seed: Seed, others: Seed[], r: Rand, only?: string[]): { bytes: Uint8Array; ops: string[] } {
  const kinds: [string, (b: Uint8Array) => Uint8Array][] = [];
  const other = others.length ? others[int(r, others.length)]!.bytes : seed.bytes;
  for (const [k, f] of Object.entries(BYTE_MUTATORS)) kinds.push([k, (b) => f(b, r, other)]);
  const special = seed.format === 'pdf' ? PDF_MUTATORS : seed.format === 'txt' ? TEXT_MUTATORS : seed.format === 'json' ? JSON_MUTATORS : { inner: xlsxInner };
  // Format-aware edits are tried as often as all the generic ones together.
  for (const [k, f] of Object.entries(special)) for (let i = 0; i < Math.ceil(Object.keys(BYTE_MUTATORS).length / Object.keys(special).length); i++) kinds.push([k, (b) => f(b, r)]);
  if (only) kinds.splice(0, kinds.length, ...kinds.filter(([k]) => only.includes(k)));
  if (!kinds.length) throw new Error(`no mutation named ${only?.join(',')} for ${seed.format}`);
  let bytes = seed.bytes;
  const ops: string[] = [];
  for (let n = 1 + (r() < 0.3 ? int(r, 3) : 0); n > 0; n--) {
    const [k, f] = kinds[int(r, kinds.length)]!;
    bytes = f(bytes);
    ops.push(k);
  }
  return { bytes, ops };
}

export type Outcome = 'read' | 'refused' | 'time-limit' | 'memory-limit' | 'crashed' | 'hung' | 'over-memory';
export const OUTCOMES: Outcome[] = ['read', 'refused', 'time-limit', 'memory-limit', 'crashed', 'hung', 'over-memory'];

export interface Case {
  name: string;
  format: Format;
  bytes: Uint8Array;
  ops: string[];
}

export interface CaseResult extends Case {
  outcome: Outcome;
  message: string;
  peakMb: number;
  ms: number;
  /** An error escaped the reader unhandled (it would have ended a process that read in-process). */
  unhandled: boolean;
}

/** Reads one case in isolation and says what happened. */
export async function runCase(c: Case, limits: Required<Pick<ReadLimits, 'timeMs' | 'memoryMb'>>): Promise<CaseResult> {
  const stats: ReadStats = {};
  const catalogs = builtinCatalogs();
  let watchdog: NodeJS.Timeout | undefined;
  // The harness's own limit: if the isolated read has not answered long after its time limit, it hung.
  const hung = new Promise<'hung'>((resolve) => (watchdog = setTimeout(() => resolve('hung'), limits.timeMs + 15_000)));
  const started = Date.now();
  let outcome: Outcome;
  let message = '';
  try {
    const r = await Promise.race([readIsolated(c.bytes, c.name, { catalogs, requireAllTables: false }, { ...limits, stats }), hung]);
    outcome = r === 'hung' ? 'hung' : 'read';
  } catch (e) {
    message = `${(e as Error).name}: ${(e as Error).message}`.slice(0, 240);
    if (e instanceof ImportError) outcome = e.code === 'read-timeout' ? 'time-limit' : e.code === 'read-memory' ? 'memory-limit' : e.code === 'reader-died' ? 'crashed' : 'refused';
    else if (e instanceof InternalReadError) outcome = 'crashed';
    else outcome = 'crashed';
  } finally {
    clearTimeout(watchdog);
  }
  const peakMb = stats.peakMb ?? 0;
  // Sampling every 20 ms lets a process overshoot a little before it is stopped; more than that means the limit did not hold.
  if (peakMb > limits.memoryMb * 1.25 + 64) outcome = 'over-memory';
  return { ...c, outcome, message, peakMb, ms: stats.ms ?? Date.now() - started, unhandled: !!stats.unhandled };
}

export interface FuzzOptions {
  count: number;
  seed: number;
  formats?: Format[];
  crafted?: boolean;
  limits?: Required<Pick<ReadLimits, 'timeMs' | 'memoryMb'>>;
  /** Only these mutations (names of the mutators), e.g. xrefOffset. */
  ops?: string[];
  /** Seeds to use instead of loadSeeds(). */
  seeds?: Seed[];
  onResult?: (r: CaseResult, done: number, total: number) => void;
}

export interface FuzzReport {
  counts: Record<Format | 'crafted', Record<Outcome, number>>;
  results: CaseResult[];
  ms: number;
}

/**
 * The cases of a run, made one at a time as they are read (a run of thousands never holds them
 * all): the crafted files first, then `count` mutants (formats in turn, seeds and mutations by the PRNG).
 */
export async function* generateCases(options: FuzzOptions): AsyncGenerator<Case> {
  const seeds = options.seeds ?? loadSeeds(options.formats);
  const formats = [...new Set(seeds.map((s) => s.format))];
  const r = prng(options.seed);
  if (options.crafted) {
    const text = seeds.find((s) => s.format === 'txt')?.bytes ?? new Uint8Array(readFileSync(join(ROOT, 'examples/000_29c3f64a6006ec81.txt')));
    for (const c of await craftedInputs(text)) yield { name: c.name, format: 'pdf', bytes: c.bytes, ops: ['crafted'] };
  }
  for (let i = 0; i < options.count; i++) {
    const format = formats[i % formats.length]!;
    const pool = seeds.filter((s) => s.format === format);
    const seed = pool[int(r, pool.length)]!;
    const { bytes, ops } = mutate(seed, pool, r, options.ops);
    yield { name: `${String(i).padStart(5, '0')}-${ops.join('+')}-${seed.name}`, format, bytes, ops };
  }
}

export async function fuzzCases(options: FuzzOptions): Promise<Case[]> {
  const cases: Case[] = [];
  for await (const c of generateCases(options)) cases.push(c);
  return cases;
}

export async function runFuzz(options: FuzzOptions): Promise<FuzzReport> {
  const limits = options.limits ?? { timeMs: 30_000, memoryMb: 768 };
  const cases = generateCases(options);
  const total = options.count + (options.crafted ? 7 : 0);
  const started = Date.now();
  const results: CaseResult[] = [];
  let done = 0;
  const worker = async () => {
    for (;;) {
      const next = await cases.next();
      if (next.done) return;
      // Only what a report needs is kept: the bytes of a case are dropped once it is read (kept if it went wrong).
      const full = await runCase(next.value, limits);
      options.onResult?.(full, ++done, total);
      results.push(BAD.includes(full.outcome) ? full : { ...full, bytes: new Uint8Array(0) });
    }
  };
  await Promise.all(Array.from({ length: readerConcurrency() }, worker));
  return { counts: tally(results), results, ms: Date.now() - started };
}

/** Outcomes per format (the crafted files apart). */
export function tally(results: CaseResult[]): FuzzReport['counts'] {
  const empty = () => Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<Outcome, number>;
  const counts = { pdf: empty(), txt: empty(), xlsx: empty(), json: empty(), crafted: empty() };
  for (const res of results) counts[res.ops[0] === 'crafted' ? 'crafted' : res.format][res.outcome]++;
  return counts;
}

export function formatTable(report: FuzzReport): string {
  const head = ['', ...OUTCOMES, 'total'];
  const rows = Object.entries(report.counts)
    .map(([k, c]) => [k, ...OUTCOMES.map((o) => String(c[o])), String(OUTCOMES.reduce((n, o) => n + c[o], 0))])
    .filter((row) => row[row.length - 1] !== '0');
  const total = ['all', ...OUTCOMES.map((o) => String(Object.values(report.counts).reduce((n, c) => n + c[o], 0))), String(report.results.length)];
  const all = [head, ...rows, total];
  const widths = head.map((_, i) => Math.max(...all.map((r) => r[i]!.length)));
  return all.map((r) => r.map((v, i) => (i === 0 ? v.padEnd(widths[i]!) : v.padStart(widths[i]!))).join('  ')).join('\n');
}

export const BAD: Outcome[] = ['crashed', 'hung', 'over-memory'];

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { count: { type: 'string' }, seed: { type: 'string' }, formats: { type: 'string' }, crafted: { type: 'boolean' }, save: { type: 'string' }, find: { type: 'string' }, unhandled: { type: 'boolean' }, ops: { type: 'string' }, time: { type: 'string' }, memory: { type: 'string' } },
  });
  const count = Number(values.count ?? 200);
  const seed = Number(values.seed ?? 1);
  const formats = values.formats ? (values.formats.split(',') as Format[]) : FORMATS;
  const limits = { timeMs: Number(values.time ?? 30) * 1000, memoryMb: Number(values.memory ?? 768) };
  const find = values.find ? new RegExp(values.find) : undefined;
  const ops = values.ops ? values.ops.split(',') : undefined;
  process.stderr.write(`fuzz: ${count} mutants (seed ${seed}, ${formats.join(',')})${values.crafted ? ' + crafted files' : ''}, ${readerConcurrency()} readers, limits ${limits.timeMs / 1000} s / ${limits.memoryMb} MB\n`);
  const rssBefore = process.memoryUsage.rss();
  if (values.save) mkdirSync(values.save, { recursive: true });
  const running = Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<Outcome, number>;
  const finished: CaseResult[] = [];
  const started = Date.now();
  // Ctrl-C prints the table of the cases done so far.
  process.once('SIGINT', () => {
    process.stdout.write(`\n${formatTable({ counts: tally(finished), results: finished, ms: Date.now() - started })}\n\nstopped after ${finished.length} cases in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    process.exit(finished.some((r) => BAD.includes(r.outcome)) ? 1 : 130);
  });
  const report = await runFuzz({
    count,
    seed,
    formats,
    crafted: !!values.crafted,
    limits,
    ...(ops ? { ops } : {}),
    onResult(r, done, total) {
      const bad = BAD.includes(r.outcome);
      const found = (find && find.test(r.message)) || (values.unhandled && r.unhandled);
      if (bad || found || r.ops[0] === 'crafted') process.stderr.write(`\n${r.outcome.padEnd(12)} ${r.name} (${r.ms} ms, ${r.peakMb} MB) ${r.message}\n`);
      if (values.save && (bad || found)) writeFileSync(join(values.save, r.name.replace(/[^\w.+-]/g, '_')), r.bytes);
      running[r.outcome]++;
      finished.push(r);
      if (done % 10 === 0 || done === total) process.stderr.write(`\r${done}/${total} ${OUTCOMES.map((o) => `${o} ${running[o]}`).join(', ')}`);
    },
  });
  closeReaders();
  process.stderr.write('\n');
  process.stdout.write(`${formatTable(report)}\n\n${report.results.length} cases in ${(report.ms / 1000).toFixed(1)} s; this process ${Math.round(rssBefore / 1048576)} → ${Math.round(process.memoryUsage.rss() / 1048576)} MB resident; peak of a reader ${Math.max(...report.results.map((r) => r.peakMb))} MB\n`);
  const bad = report.results.filter((r) => BAD.includes(r.outcome));
  for (const r of bad.slice(0, 20)) process.stdout.write(`${r.outcome}: ${r.name}: ${r.message}\n`);
  return bad.length ? 1 : 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().then(
    (code) => process.exit(code),
    (e) => {
      process.stderr.write(`${(e as Error).stack}\n`);
      process.exit(70);
    },
  );
}
