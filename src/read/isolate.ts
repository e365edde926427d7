/**
 * Reading an untrusted file in isolation: each read runs in a child process (a small pool of warm
 * ones) with an enforced memory limit and an enforced time limit; past either, the child is killed
 * and the read is refused (ImportError), so a bomb or a pathological file costs one refused
 * request, never the process that asked.
 *
 * Why a child process and not a worker thread: pdf.js and the zip reader hold decoded streams in
 * ArrayBuffers outside the V8 heap, which a worker's `resourceLimits` do not count (a 1 MB flate
 * bomb grew a process by 2 GB with the V8 heap well under its limit), and memory a thread frees
 * stays in the process's allocator. A child's resident memory is the operating system's figure of
 * everything it holds: the parent samples it (/proc/<pid>/statm on Linux) and kills the child past
 * the limit; the V8 heap is capped by --max-old-space-size as well (the only cap where there is no
 * /proc). Killing a child returns all of its memory, and whatever pdf.js throws or leaves
 * unhandled inside it cannot reach the server. A warm child costs nothing per read; a child that
 * grew large, or saw an unhandled error, is not reused.
 *
 * Node only (the browser never reads files this way). The child entry is reader-load.js next to
 * this file when built (dist/: the bundled isolate-child with a code cache), or isolate-child.ts
 * run through tsx under tsx and vitest.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BudgetDocument } from '../model/document.js';
import { SCHEMES, type CatalogSet } from '../catalogs/catalog.js';
import { builtinCatalogs } from '../catalogs/builtin.js';
import { ImportError, type ErrorPlace } from './errors.js';
import type { ChildReply, ChildRequest, WireCatalogs } from './isolate-child.js';

/** The child's argument that asks it to load pdf.js as it starts. */
const PRELOAD_PDF = '--preload-pdf';

export interface ReadLimits {
  /** Longest the read may take (ms); the child is killed after it. */
  timeMs?: number;
  /** Most memory the reading process may hold (MB, resident); the child is killed past it. */
  memoryMb?: number;
  /** Gives up waiting (e.g. the HTTP client went away); the read is stopped and ReadCancelled thrown. */
  signal?: AbortSignal;
  /** Filled in when the read ends. */
  stats?: ReadStats;
}

function envNumber(name: string): number | undefined {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? v : undefined;
}

/** The defaults; BUDGETBOOK_READ_TIMEOUT (seconds) and BUDGETBOOK_READ_MEMORY (MB) change them. */
export interface ReadStats {
  /** Peak resident memory of the reading child (MB). */
  peakMb?: number;
  ms?: number;
  /** pdf.js left a rejected promise unhandled during the read (what killed the server before isolation). */
  unhandled?: boolean;
}

export function defaultLimits(): Required<Pick<ReadLimits, 'timeMs' | 'memoryMb'>> {
  return { timeMs: (envNumber('BUDGETBOOK_READ_TIMEOUT') ?? 60) * 1000, memoryMb: envNumber('BUDGETBOOK_READ_MEMORY') ?? 768 };
}

/** A read that was given up by the caller (not the file's fault). */
export class ReadCancelled extends Error {
  constructor() {
    super('读取已取消');
    this.name = 'ReadCancelled';
  }
}

/** The reader itself failed (a defect of budgetbook, not of the file): exit 70 / HTTP 500. */
export class InternalReadError extends Error {
  constructor(
    message: string,
    readonly file?: string,
    readonly detail?: string,
  ) {
    super(message);
    this.name = 'InternalReadError';
  }
}

/**
 * The child's environment: ours without NODE_OPTIONS (its flags are the ones given here) and
 * without NODE_EXTRA_CA_CERTS, which Node parses at every start before any script runs (a
 * distribution's bundle of some 140 certificates: about 45 ms, most of a bare `node -e 0`) while
 * a reader never opens a TLS connection.
 */
export function readerEnv(): NodeJS.ProcessEnv {
  const { NODE_EXTRA_CA_CERTS: _certs, ...env } = process.env;
  return { ...env, NODE_OPTIONS: '' };
}

const HERE = fileURLToPath(import.meta.url);
const FROM_SOURCE = HERE.endsWith('.ts');

function childEntry(): { entry: string; loader: string[] } {
  // Built: reader-load.js runs the bundled child with a code cache (or isolate-child.js without the bundle).
  const entry = HERE.replace(/isolate\.(ts|js)$/, FROM_SOURCE ? 'isolate-child.ts' : 'reader-load.js');
  if (!FROM_SOURCE) return { entry, loader: [] };
  // Under tsx or vitest: the child runs the TypeScript source through tsx (a dev dependency).
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  return { entry, loader: ['--import', tsx] };
}

/** BUDGETBOOK_READER_FLAGS: Node flags for the reading children, to measure them (e.g. `--cpu-prof --cpu-prof-dir=/tmp/p`). */
function extraFlags(): string[] {
  return (process.env.BUDGETBOOK_READER_FLAGS ?? '').split(/\s+/).filter(Boolean);
}

/** Resident memory of a process in MB, or undefined where /proc is not there. */
function residentMb(pid: number): number | undefined {
  try {
    const pages = Number(readFileSync(`/proc/${pid}/statm`, 'latin1').split(' ')[1]);
    return (pages * 4096) / 1024 / 1024;
  } catch {
    return undefined;
  }
}

/** A child bigger than this after a read is not kept warm. */
const RECYCLE_MB = 400;
const MAX_READS_PER_CHILD = 200;
const SAMPLE_MS = 20;

interface Job {
  bytes: Uint8Array;
  name?: string;
  requireAllTables: boolean;
  catalogs: CatalogSet;
  limits: Required<Pick<ReadLimits, 'timeMs' | 'memoryMb'>>;
  signal?: AbortSignal;
  stats?: ReadStats;
  resolve: (doc: BudgetDocument) => void;
  reject: (e: Error) => void;
}

interface Worker {
  child: ChildProcess;
  reads: number;
  /** Catalog sets this child already holds. */
  catalogs: Set<number>;
  /** The heap cap it was started with. */
  memoryMb: number;
  stderr: string;
  dead: boolean;
  dirty: boolean;
}

/** A warm child, its channel and its stderr pipe keep the event loop alive only while it reads. */
function setRef(w: Worker, ref: boolean): void {
  const handles = [w.child, w.child.channel, w.child.stderr] as ({ ref?: () => void; unref?: () => void } | null | undefined)[];
  for (const h of handles) (ref ? h?.ref : h?.unref)?.call(h);
}

let nextCatalogId = 1;
const catalogIds = new WeakMap<CatalogSet, number>();
function catalogId(set: CatalogSet): number {
  let id = catalogIds.get(set);
  if (!id) catalogIds.set(set, (id = nextCatalogId++));
  return id;
}

function wireCatalogs(set: CatalogSet): WireCatalogs {
  if (set === builtinCatalogs()) return 'builtin';
  return { catalogs: SCHEMES.flatMap((s) => set.editions(s)), changes: set.changes };
}

let nextRequest = 1;

class ReaderPool {
  private readonly idle: Worker[] = [];
  private readonly queue: Job[] = [];
  private busy = 0;

  constructor(readonly size: number) {}

  run(job: Job): void {
    this.queue.push(job);
    job.signal?.addEventListener('abort', () => {
      const i = this.queue.indexOf(job);
      if (i >= 0) {
        this.queue.splice(i, 1);
        job.reject(new ReadCancelled());
      }
    });
    this.pump();
  }

  /** Children started from now on load pdf.js as they start (before their first read). */
  private preloadPdf = false;

  /** Starts children ahead of the first read (they boot while the caller loads its own modules). */
  warm(n: number, memoryMb: number, pdf: boolean): void {
    this.preloadPdf ||= pdf;
    while (this.idle.length < Math.min(n, this.size)) {
      const w = this.spawn(memoryMb);
      setRef(w, false);
      this.idle.push(w);
    }
  }

  /** Kills every idle child (tests, and a process that is about to end). */
  close(): void {
    for (const w of this.idle.splice(0)) this.kill(w);
  }

  private pump(): void {
    while (this.queue.length && this.busy < this.size) {
      const job = this.queue.shift()!;
      if (job.signal?.aborted) {
        job.reject(new ReadCancelled());
        continue;
      }
      this.busy++;
      const worker = this.take(job.limits.memoryMb);
      this.execute(worker, job).finally(() => {
        this.busy--;
        this.release(worker);
        this.pump();
      });
    }
  }

  private take(memoryMb: number): Worker {
    while (this.idle.length) {
      const w = this.idle.pop()!;
      if (!w.dead && w.memoryMb === memoryMb) {
        setRef(w, true);
        return w;
      }
      this.kill(w);
    }
    return this.spawn(memoryMb);
  }

  private spawn(memoryMb: number): Worker {
    const { entry, loader } = childEntry();
    const child = fork(entry, this.preloadPdf ? [PRELOAD_PDF] : [], {
      execArgv: [...loader, ...extraFlags(), `--max-old-space-size=${Math.max(64, Math.round(memoryMb * 0.75))}`],
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      env: readerEnv(),
    });
    const w: Worker = { child, reads: 0, catalogs: new Set(), memoryMb, stderr: '', dead: false, dirty: false };
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (s: string) => {
      w.stderr = (w.stderr + s).slice(-4000);
    });
    child.on('exit', () => {
      w.dead = true;
    });
    child.on('error', () => {
      w.dead = true;
    });
    return w;
  }

  private release(w: Worker): void {
    const rss = w.dead ? undefined : residentMb(w.child.pid!);
    if (w.dead || w.dirty || w.reads >= MAX_READS_PER_CHILD || (rss ?? 0) > RECYCLE_MB || this.idle.length >= this.size) {
      this.kill(w);
      return;
    }
    // A warm child does not keep a command-line process alive.
    setRef(w, false);
    this.idle.push(w);
  }

  private kill(w: Worker): void {
    w.dead = true;
    try {
      w.child.kill('SIGKILL');
    } catch {
      // already gone
    }
  }

  private execute(w: Worker, job: Job): Promise<void> {
    const file = job.name;
    const { timeMs, memoryMb } = job.limits;
    return new Promise<void>((done) => {
      const id = nextRequest++;
      let settled = false;
      let peakMb = 0;
      const started = Date.now();
      const finish = (result: BudgetDocument | Error) => {
        if (settled) return;
        settled = true;
        if (job.stats) {
          job.stats.peakMb = Math.round(Math.max(peakMb, w.dead ? 0 : (residentMb(w.child.pid!) ?? 0)));
          job.stats.ms = Date.now() - started;
        }
        clearTimeout(timer);
        clearInterval(sampler);
        w.child.off('message', onMessage);
        w.child.off('exit', onExit);
        job.signal?.removeEventListener('abort', onAbort);
        if (result instanceof Error) job.reject(result);
        else job.resolve(result);
        done();
      };
      const stop = (e: Error) => {
        this.kill(w);
        finish(e);
      };
      const timer = setTimeout(
        () => stop(new ImportError('read-timeout', `读取超过 ${timeMs / 1000} 秒仍未完成，已停止`, { file }, '文件可能过大（页数或行数过多）或结构异常；确需读取时可设置环境变量 BUDGETBOOK_READ_TIMEOUT（秒）放宽时限。')),
        timeMs,
      );
      const overMemory = () =>
        new ImportError('read-memory', `读取所需内存超过 ${memoryMb} MB 的上限，已停止（可能是压缩炸弹或异常庞大的文件）`, { file }, '请检查文件来源；确需读取时可设置环境变量 BUDGETBOOK_READ_MEMORY（MB）放宽上限。');
      const sampler = setInterval(() => {
        const mb = residentMb(w.child.pid!);
        if (mb === undefined) return;
        peakMb = Math.max(peakMb, mb);
        if (mb > memoryMb) stop(overMemory());
      }, SAMPLE_MS);
      const onAbort = () => stop(new ReadCancelled());
      job.signal?.addEventListener('abort', onAbort);
      const onExit = (code: number | null, signal: string | null) => {
        w.dead = true;
        if (/heap limit|allocation failed|out of memory/i.test(w.stderr)) finish(overMemory());
        else finish(new ImportError('reader-died', `读取进程意外退出（${signal ?? `退出码 ${code}`}），文件无法读取`, { file }, '文件可能已损坏；请重新获取原文件。'));
      };
      const onMessage = (m: ChildReply) => {
        if (m.id !== id) return;
        w.dirty ||= m.dirty;
        if (m.dirty && job.stats) job.stats.unhandled = true;
        if (m.kind === 'document') finish(m.document);
        else if (m.kind === 'refused') finish(new ImportError(m.code, m.message, m.place as ErrorPlace, m.hint));
        else finish(new InternalReadError(m.message, file, m.stack));
      };
      w.child.on('message', onMessage);
      w.child.on('exit', onExit);
      if (w.dead) return onExit(w.child.exitCode, w.child.signalCode);
      const cid = catalogId(job.catalogs);
      const request: ChildRequest = { id, bytes: job.bytes, requireAllTables: job.requireAllTables, catalogId: cid };
      if (file !== undefined) request.fileName = file;
      if (!w.catalogs.has(cid)) {
        request.catalogs = wireCatalogs(job.catalogs);
        w.catalogs.add(cid);
      }
      w.reads++;
      w.child.send(request, (err) => {
        if (err) stop(new InternalReadError(`无法把文件交给读取进程：${err.message}`, file));
      });
    });
  }
}

let pool: ReaderPool | undefined;

/** The shared pool: as many children as cores (at least one), or BUDGETBOOK_READERS. */
function sharedPool(): ReaderPool {
  pool ??= new ReaderPool(Math.max(1, Math.floor(envNumber('BUDGETBOOK_READERS') ?? availableParallelism())));
  return pool;
}

/**
 * Starts `n` reading children now, so that the first reads do not wait for them to boot; with
 * `pdf`, they (and the pool's later children) load pdf.js before their first request.
 */
export function warmReaders(n = 1, pdf = false): void {
  sharedPool().warm(n, defaultLimits().memoryMb, pdf);
}

/** How many files are read at once (for callers that read a batch). */
export function readerConcurrency(): number {
  return sharedPool().size;
}

/** Ends the warm children (the pool starts new ones when asked again). */
export function closeReaders(): void {
  pool?.close();
}

export interface IsolatedReadOptions {
  catalogs: CatalogSet;
  requireAllTables?: boolean;
}

/**
 * Any disclosure (PDF, XLSX, text, JSON) read in a child process within the limits. Resolves to
 * the document; rejects with an ImportError (a located refusal, the file's fault: too slow, too
 * big, broken), an InternalReadError (a defect of the reader) or ReadCancelled.
 */
export function readIsolated(bytes: Uint8Array, name: string | undefined, options: IsolatedReadOptions, limits: ReadLimits = {}): Promise<BudgetDocument> {
  const d = defaultLimits();
  return new Promise<BudgetDocument>((resolve, reject) => {
    const job: Job = {
      bytes,
      requireAllTables: options.requireAllTables ?? true,
      catalogs: options.catalogs,
      limits: { timeMs: limits.timeMs ?? d.timeMs, memoryMb: limits.memoryMb ?? d.memoryMb },
      resolve,
      reject,
    };
    if (name !== undefined) job.name = name;
    if (limits.signal) job.signal = limits.signal;
    if (limits.stats) job.stats = limits.stats;
    sharedPool().run(job);
  });
}
