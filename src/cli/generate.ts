/**
 * `budgetbook generate --entities N --years Y --out <dir> [--seed S] [--format text|json]`:
 * a synthetic city (synth/city.ts) written as files that `import` reads, one folder per year.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { generateCity } from '../synth/city.js';
import { writeMarkdownText } from '../publish/text/markdown.js';
import { UsageError } from './io.js';
import { Progress } from './progress.js';

const USAGE = 'budgetbook generate --entities N --years Y --out <文件夹> [--seed S] [--format text|json] [--finals]';

function positive(value: string | undefined, name: string, fallback?: number): number {
  if (value === undefined && fallback !== undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${name} 应为正整数（得到“${value ?? ''}”）。用法：${USAGE}`);
  return n;
}

export async function generateCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { entities: { type: 'string' }, years: { type: 'string' }, out: { type: 'string' }, seed: { type: 'string' }, format: { type: 'string' }, finals: { type: 'boolean' } } });
  const entities = positive(values.entities, '--entities');
  const years = positive(values.years, '--years', 3);
  const seed = positive(values.seed, '--seed', 1);
  if (!values.out) throw new UsageError(`缺少 --out。用法：${USAGE}`);
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError(`--format 只能是 text 或 json（得到“${format}”）`);
  const progress = new Progress(Math.round(entities * years), '生成');
  let written = 0;
  let finals = 0;
  for (const { doc, path } of generateCity({ seed, entities, years, ...(values.finals ? { finalsBefore: 2026 } : {}) })) {
    const file = join(values.out, `${path}.${format === 'json' ? 'json' : 'txt'}`);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, format === 'json' ? JSON.stringify(doc) : writeMarkdownText(doc));
    written++;
    if (doc.meta.kind === 'final') finals++;
    else progress.tick();
  }
  progress.finish();
  process.stderr.write(`已写出 ${written} 份文件到 ${values.out}（${entities} 个部门与单位 × ${years} 年${finals ? `；其中部门决算 ${finals} 份` : ''}）\n`);
  return 0;
}
