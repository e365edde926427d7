/** `budgetbook import` from the command line: folders, a bad file reported and skipped, the same files twice. */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../src/store/store.js';
import { SEED_000, SEED_003 } from './helpers.js';

const work = mkdtempSync(join(tmpdir(), 'bb-import-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const run = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'import', ...args], { encoding: 'utf8', env: { ...process.env, DATABASE_URL: '' } });

describe('budgetbook import', () => {
  it('stores every readable file of a folder, reports the unreadable one, and stores the same files once', { timeout: 300_000 }, async () => {
    const dir = join(work, 'files');
    const data = join(work, 'data');
    for (const f of [SEED_000, SEED_003]) {
      spawnSync('mkdir', ['-p', dir]);
      copyFileSync(new URL(`../examples/${f}`, import.meta.url), join(dir, f));
    }
    writeFileSync(join(dir, 'broken.txt'), '这不是一份预算文件\n只有两行文字\n');
    const first = run(dir, '--data', data);
    expect(first.status).toBe(2);
    expect(first.stderr).toContain('完成：新文件 2，新版本 0，内容未变 0，失败 1');
    expect(first.stderr).toMatch(/✗ .*broken\.txt：/);
    const second = run(dir, '--data', data);
    expect(second.stderr).toContain('完成：新文件 0，新版本 0，内容未变 2，失败 1');
    const db = await openStore({ dataDir: data });
    try {
      const rows = await db.query<{ name: string; versions: number; state: string }>(
        'SELECT e.name, d.state, (SELECT count(*) FROM document_versions v WHERE v.document_id = d.id) AS versions FROM documents d JOIN entities e ON e.id = d.entity_id ORDER BY e.name',
      );
      expect(rows).toEqual([
        { name: '上海市松江区医疗保险事务中心', state: 'draft', versions: 1 },
        { name: '上海市闵行区医疗保障局', state: 'draft', versions: 1 },
      ]);
    } finally {
      await db.close();
    }
  });

  it('says what is wrong with the command', () => {
    const r = run();
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('缺少文件或文件夹。用法：budgetbook import');
  });
});
