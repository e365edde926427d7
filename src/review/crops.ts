/**
 * The server's crops of an uploaded PDF, drawn in a child process of their own (crop-child.ts)
 * within a memory and a time limit, as files are read (read/isolate.ts): drawing decodes the
 * page's images and fonts, which reading the text did not, so an uploaded file could still hold a
 * bomb. Past either limit the child is killed and the form has no crops (it says so); the server
 * goes on. The server uses one child per version's form, then stores the crops (store/review-forms.ts);
 * the command line keeps one child for all its documents (CropWorker).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BudgetDocument } from '../model/document.js';
import type { Finding } from '../check/finding.js';
import type { CropReply, CropRequest } from './crop-child.js';

const HERE = fileURLToPath(import.meta.url);
const FROM_SOURCE = HERE.endsWith('.ts');

function childEntry(): { entry: string; loader: string[] } {
  const entry = HERE.replace(/crops\.(ts|js)$/, `crop-child.${FROM_SOURCE ? 'ts' : 'js'}`);
  if (!FROM_SOURCE) return { entry, loader: [] };
  return { entry, loader: ['--import', pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href] };
}

function residentMb(pid: number): number | undefined {
  try {
    return (Number(readFileSync(`/proc/${pid}/statm`, 'latin1').split(' ')[1]) * 4096) / 1024 / 1024;
  } catch {
    return undefined;
  }
}

export interface CropLimits {
  timeMs?: number;
  memoryMb?: number;
  maxCrops?: number;
  scale?: number;
}

export interface CropResult {
  /** The findings, moved to the printed line where the page showed it (same order and length). */
  findings: Finding[];
  crops: Map<number, Uint8Array>;
  /** Why there are no crops (or fewer), in Chinese; undefined when all were drawn. */
  problem?: string;
}

export function cropLimits(): Required<CropLimits> {
  const env = (name: string, d: number) => {
    const v = Number(process.env[name]);
    return Number.isFinite(v) && v > 0 ? v : d;
  };
  return { timeMs: env('BUDGETBOOK_CROP_TIMEOUT', 45) * 1000, memoryMb: env('BUDGETBOOK_READ_MEMORY', 768), maxCrops: 150, scale: 1.5 };
}

/** A child bigger than this after a document is not kept for the next. */
const RECYCLE_MB = 400;

/**
 * One crop child kept for document after document (the command line's folder): pdf.js and the
 * canvas load once. A child that failed, went past a limit or grew large is replaced.
 */
export class CropWorker {
  private child: ChildProcess | undefined;
  private next = 1;

  run(bytes: Uint8Array, doc: BudgetDocument, findings: Finding[], limits: CropLimits = {}): Promise<CropResult> {
    const l = { ...cropLimits(), ...limits };
    const child = (this.child ??= this.spawn(l.memoryMb));
    const id = this.next++;
    return new Promise((resolve) => {
      let settled = false;
      const finish = (r: CropResult, keep: boolean) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        clearInterval(sampler);
        child.off('message', onMessage);
        child.off('exit', onExit);
        const mb = child.pid !== undefined ? residentMb(child.pid) : undefined;
        if (!keep || (mb !== undefined && mb > RECYCLE_MB)) this.drop(child);
        resolve(r);
      };
      const none = (problem: string) => finish({ findings, crops: new Map(), problem }, false);
      const timer = setTimeout(() => none(`绘制原页用时超过 ${+(l.timeMs / 1000).toFixed(2)} 秒，未能截图`), l.timeMs);
      const sampler = setInterval(() => {
        const mb = child.pid !== undefined ? residentMb(child.pid) : undefined;
        if (mb !== undefined && mb > l.memoryMb) none(`绘制原页所需内存超过 ${l.memoryMb} MB，未能截图`);
      }, 50);
      const onMessage = (reply: CropReply) => {
        if (reply.id !== id) return;
        if (reply.kind === 'error') return finish({ findings, crops: new Map(), problem: `原文件无法绘制（${reply.message}）` }, true);
        const crops = new Map(reply.crops.map((c) => [c.ordinal, new Uint8Array(c.png)] as const));
        finish({ findings: reply.findings, crops, ...(reply.failed ? { problem: `${reply.failed} 处所在的页无法绘制` } : {}) }, true);
      };
      const onExit = () => none('绘制原页的进程意外结束，未能截图');
      child.on('message', onMessage);
      child.on('exit', onExit);
      const req: CropRequest = { id, bytes, doc, findings, maxCrops: l.maxCrops, scale: l.scale };
      child.send(req, (e) => e && none('无法启动绘制原页的进程'));
    });
  }

  private spawn(memoryMb: number): ChildProcess {
    const { entry, loader } = childEntry();
    const child = fork(entry, [], { execArgv: [...loader, `--max-old-space-size=${Math.max(64, Math.round(memoryMb * 0.75))}`], serialization: 'advanced', stdio: ['ignore', 'ignore', 'ignore', 'ipc'] });
    child.on('error', () => this.drop(child));
    child.on('exit', () => this.child === child && (this.child = undefined));
    return child;
  }

  private drop(child: ChildProcess): void {
    if (this.child === child) this.child = undefined;
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }

  close(): void {
    if (this.child) this.drop(this.child);
  }
}

/** Draws the crops of every finding with a page (up to maxCrops) in a child process of its own. */
export async function cropsIsolated(bytes: Uint8Array, doc: BudgetDocument, findings: Finding[], limits: CropLimits = {}): Promise<CropResult> {
  const worker = new CropWorker();
  try {
    return await worker.run(bytes, doc, findings, limits);
  } finally {
    worker.close();
  }
}
