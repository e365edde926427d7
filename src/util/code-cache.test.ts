import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bundleSource } from './code-cache.js';

describe('bundleSource', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bb-bundle-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, text: string, seconds: number) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    utimesSync(path, seconds, seconds);
    return path;
  };
  const module = write('module.js', '', 1000);

  it('gives an ASCII bundle and one with other characters as written', () => {
    const ascii = 'const a = "\\u9884\\u7b97";\n';
    const chinese = 'const a = "预算"; // 部门预算 ©\n';
    expect(bundleSource(write('ascii.cjs', ascii, 2000), module)).toBe(ascii);
    expect(bundleSource(write('chinese.cjs', chinese, 2000), module)).toBe(chinese);
  });

  it('gives nothing for a bundle older than its module, or missing', () => {
    expect(bundleSource(write('old.cjs', 'x', 500), module)).toBeUndefined();
    expect(bundleSource(join(dir, 'missing.cjs'), module)).toBeUndefined();
  });
});
