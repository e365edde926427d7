/**
 * The project library, the rules and the calculator run in the browser as they are: nothing
 * they import, directly or through other modules, may need Node (node:fs, node:path, …).
 */
import { expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const here = dirname(new URL(import.meta.url).pathname);

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [join(dir, e.name)] : []));
}

function imports(file: string): string[] {
  return [...readFileSync(file, 'utf8').matchAll(/^\s*(?:import|export)\s[^'"]*?from\s+'([^']+)'/gm)].map((m) => m[1]!);
}

it('src/projects needs nothing from Node, directly or through what it imports', () => {
  const seen = new Set<string>();
  const nodeOnly: string[] = [];
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const spec of imports(file)) {
      if (spec.startsWith('node:') || ['fs', 'path', 'os', 'child_process'].includes(spec)) nodeOnly.push(`${file.slice(here.length - 'src/projects'.length)} → ${spec}`);
      else if (spec.startsWith('.')) visit(resolve(dirname(file), spec.replace(/\.js$/, '.ts')));
    }
  };
  for (const f of sources(here)) visit(f);
  expect(seen.size).toBeGreaterThan(10);
  expect(nodeOnly).toEqual([]);
});
