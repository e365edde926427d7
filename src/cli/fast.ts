/**
 * The command line's fast path: `cells`, `json` and `check` (small text and JSON read in this
 * process, read/local.ts; PDFs, workbooks and big files in the reading child, which is started
 * first when `reader` says one is needed). Compiled by tsc (dist/cli/fast.js) and bundled by
 * scripts/bundle-cli.ts into one CommonJS file, dist/cli/fast.cjs, that cli/fast-load.ts runs with
 * a V8 code cache. The process is guarded and errors are reported here, by this copy of io.ts:
 * in the bundle its ImportError is the bundle's own class, which main.ts's copy would not know.
 */
import { guardProcess, reportError } from './io.js';

export async function runFast(command: string, args: string[], reader?: 'pdf' | 'child'): Promise<number> {
  if (reader) (await import('../read/isolate.js')).warmReaders(1, reader === 'pdf');
  guardProcess('exit');
  try {
    if (command === 'cells') return await (await import('./export.js')).cellsCommand(args);
    if (command === 'json') return await (await import('./export.js')).jsonCommand(args);
    if (command === 'check') return await (await import('./check.js')).checkCommand(args);
    throw new Error(`不在快速路径上的命令：${command}`);
  } catch (e) {
    return reportError(e);
  }
}
