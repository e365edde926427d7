/** What the bench scripts measure with: medians, and a command's wall time over several runs. */
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Wall time of a command (median of n runs); undefined when it cannot run or fails. */
export function timeCommand(cmd: string, args: string[], n: number): number | undefined {
  const runs: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    const r = spawnSync(cmd, args, { stdio: 'ignore' });
    if (r.error || r.status !== 0) return undefined;
    runs.push(performance.now() - t0);
  }
  return median(runs);
}

export interface Spread {
  min: number;
  median: number;
}
const spread = (xs: number[]): Spread => ({ min: Math.min(...xs), median: median(xs) });

/** One whole-process run (ms); undefined when it cannot start or ends past `okExits`. */
function runOnce(cmd: string[], okExits: number[]): number | undefined {
  const t0 = performance.now();
  const r = spawnSync(cmd[0]!, cmd.slice(1), { stdio: 'ignore' });
  const ms = performance.now() - t0;
  return r.error || !okExits.includes(r.status ?? -1) ? undefined : ms;
}

/**
 * Two commands as whole processes, in turn (A B A B …, after a warm-up of each), so that both see
 * the same machine: min and median of each, and of the ratio A/B pair by pair. Undefined when
 * either cannot run.
 */
export function pairCommands(a: string[], b: string[], n: number, okExits = [0]): { a: Spread; b: Spread; ratio: Spread } | undefined {
  if (runOnce(a, okExits) === undefined || runOnce(b, [0]) === undefined) return undefined;
  const as: number[] = [];
  const bs: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = runOnce(a, okExits);
    const y = runOnce(b, [0]);
    if (x === undefined || y === undefined) return undefined;
    as.push(x);
    bs.push(y);
  }
  return { a: spread(as), b: spread(bs), ratio: spread(as.map((x, i) => x / bs[i]!)) };
}

/** "min / median" of a spread in ms or as a ratio. */
export const fmtMs = (s: Spread) => `${s.min.toFixed(0)} / ${s.median.toFixed(0)} ms`;
export const fmtRatio = (s: Spread) => `${s.min.toFixed(2)}× / ${s.median.toFixed(2)}×`;
