/** The demo's snapshot: the second start loads the documents the first one built, with fresh users. */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { builtinCatalogs } from '../catalogs/builtin.js';
import { openDemo } from './demo.js';

describe('openDemo', () => {
  const dir = mkdtempSync(join(tmpdir(), 'budgetbook-demo-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const contents = (db: Awaited<ReturnType<typeof openDemo>>['db']) =>
    db.query<{ name: string; year: number; kind: string; state: string; hash: string }>(
      `SELECT e.name, d.year, d.kind, d.state, v.content_hash AS hash FROM documents d JOIN entities e ON e.id = d.entity_id
       JOIN document_versions v ON v.id = d.current_version_id ORDER BY d.id`,
    );

  it('builds once (dropping the snapshots of earlier builds but the newest other), then starts from the snapshot with the same documents and new passwords', async () => {
    writeFileSync(join(dir, 'demo-0000000000000000.tar.gz'), 'a snapshot of an earlier build (a dump)');
    utimesSync(join(dir, 'demo-0000000000000000.tar.gz'), new Date('2026-01-01'), new Date('2026-01-01'));
    mkdirSync(join(dir, 'demo-1111111111111111'));
    writeFileSync(join(dir, 'demo-1111111111111111', 'PG_VERSION'), 'a snapshot of another checkout (a data folder), newer');
    const first = await openDemo(builtinCatalogs(), dir);
    const built = await contents(first.db);
    await first.db.close();
    expect(first.fromSnapshot).toBe(false);
    const kept = readdirSync(dir).filter((f) => f.startsWith('demo-') && f !== 'demo-1111111111111111');
    expect(readdirSync(dir)).toContain('demo-1111111111111111');
    expect(kept).toHaveLength(1);
    expect(kept[0]).toMatch(/^demo-[0-9a-f]{16}$/);
    expect(readdirSync(join(dir, kept[0]!))).toContain('PG_VERSION');
    // The three 2026 drafts (two units of 闵行区医疗保障局 and the department) are there, not published.
    expect(built.filter((d) => d.year === 2026 && d.state !== 'published').map((d) => d.name).sort()).toEqual(['上海市闵行区医疗保障局', '上海市闵行区医疗保障局本级', '上海市闵行区医疗保险事务中心'].sort());
    // The city's departments publish their 2023 and 2024 决算, each beside the same department's budget of that year; none for 2025.
    const finals = built.filter((d) => d.kind === 'final');
    expect(finals.length).toBeGreaterThan(0);
    expect([...new Set(finals.map((d) => d.year))].sort()).toEqual([2023, 2024]);
    for (const f of finals) {
      expect(f.state).toBe('published');
      expect(built.some((b) => b.kind === 'budget' && b.name === f.name && b.year === f.year && b.state === 'published')).toBe(true);
    }
    // Each department with a 2024 budget in the city has its 2024 决算 (the examples' 闵行区医疗保障局 has none).
    expect(finals.filter((d) => d.year === 2024).length).toBe(finals.filter((d) => d.year === 2023).length);

    const second = await openDemo(builtinCatalogs(), dir);
    expect(second.fromSnapshot).toBe(true);
    expect(await contents(second.db)).toEqual(built);
    expect(second.users.map((u) => u.username)).toEqual(['preparer', 'preparer2', 'reviewer', 'bureau', 'admin']);
    expect(second.users.map((u) => u.password)).not.toEqual(first.users.map((u) => u.password));
    const [n] = await second.db.query<{ n: number }>('SELECT count(*)::int AS n FROM users');
    expect(n!.n).toBe(5);
    // A change to the demo stays out of its snapshot: the third start sees the documents as built.
    await second.db.query("UPDATE entities SET name = name || '（改）'");
    await second.db.close();
    const third = await openDemo(builtinCatalogs(), dir);
    expect(third.fromSnapshot).toBe(true);
    expect(await contents(third.db)).toEqual(built);
    await third.db.close();
  }, 600_000);
});
