/**
 * Issue 19's targets, as each bench measures them: every part of `npm run bench` (in this
 * process or in a child of its own) reports a target's figure here, and run.ts prints them all
 * as one table at the end. Parts in child processes append to the file named by
 * BENCH_TARGETS_FILE (JSON lines), which run.ts sets.
 */
import { appendFileSync, existsSync, readFileSync } from 'node:fs';

export interface TargetRow {
  /** What is measured, in Chinese: "cells 000 启动". */
  what: string;
  /** The target as the issue states it: "≤ 2× node -e 0". */
  goal: string;
  /** The figure: "min / median", with its unit. */
  figure: string;
  /** The ratio against the reference (min / median), or a share; empty when there is none. */
  ratio: string;
  /** Like with like: "整个进程对整个进程" or "进程内对进程内" (or what else was compared). */
  basis: string;
  /** Met, not met, or undefined when it could not be measured (say why in `figure`). */
  met: boolean | undefined;
}

const FILE = () => process.env.BENCH_TARGETS_FILE;
const local: TargetRow[] = [];

export function reportTarget(row: TargetRow): void {
  const file = FILE();
  if (file) appendFileSync(file, JSON.stringify(row) + '\n');
  else local.push(row);
}

function collected(): TargetRow[] {
  const file = FILE();
  if (!file || !existsSync(file)) return local;
  return readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as TargetRow);
}

export function printTargets(): void {
  const rows = collected();
  if (rows.length === 0) return;
  console.log('\n## 目标一览（issue 19）：目标、测得（最小 / 中位数）、比值、比较的口径');
  console.log('项目\t目标\t测得\t比值\t口径\t达到');
  for (const r of rows) console.log([r.what, r.goal, r.figure, r.ratio || '—', r.basis, r.met === undefined ? '未测' : r.met ? '是' : '否'].join('\t'));
}
