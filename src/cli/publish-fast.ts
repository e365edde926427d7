/**
 * `publish` as one bundled script with the packages its formats load (pdfkit, ExcelJS, ECharts):
 * scripts/bundle-cli.ts `bundlePublish` makes dist/cli/publish.cjs from this entry, which
 * cli/fast-load.ts runs with a V8 code cache as it runs the fast path (cli/fast.ts). Node would
 * otherwise resolve and compile some 200 modules of those packages on every run. A format's
 * modules and packages still run only when it is asked for.
 */
import { guardProcess, reportError } from './io.js';

export async function runFast(command: string, args: string[], reader?: 'pdf' | 'child'): Promise<number> {
  if (reader) (await import('../read/isolate.js')).warmReaders(1, reader === 'pdf');
  guardProcess('exit');
  try {
    if (command === 'publish') return await (await import('./publish.js')).publishCommand(args);
    throw new Error(`不在发布脚本上的命令：${command}`);
  } catch (e) {
    return reportError(e);
  }
}
