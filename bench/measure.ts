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
