/**
 * The PDF that ended the server (security review, finding 2): a mutant of a real disclosure whose
 * cross-reference table points an entry at the wrong object, so pdf.js raised "Bad (uncompressed)
 * XRef entry" — asynchronously, outside any promise the reader awaited — and killed the process.
 * Read in isolation it costs at most one refused request. Since the reader reads page by page and
 * table by table (issue 14), it no longer touches the damaged entry and reads the document; the
 * test holds what must stay true either way: a clean answer (read, or refused naming the file),
 * the server answering on, `check` without a stack trace, and `import` storing the other files.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtinCatalogs } from '../src/catalogs/builtin.js';
import { closeReaders } from '../src/read/isolate.js';
import { createApp } from '../src/server/app.js';
import { hashPassword } from '../src/server/passwords.js';
import { createUser } from '../src/store/users.js';
import type { Db } from '../src/store/db.js';
import { openStore } from '../src/store/store.js';
import { circularPagesPdf, nestedArrayPdf } from '../bench/crafted.js';
import { SEED_000, SEED_003 } from './helpers.js';

const root = new URL('..', import.meta.url).pathname;
const BAD_PDF = join(root, 'test/fixtures/pdf/xref-bad-entry.pdf');
const work = mkdtempSync(join(tmpdir(), 'bb-regress-'));
const cli = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', join(root, 'src/cli/main.ts'), ...args], { encoding: 'utf8', env: { ...process.env, DATABASE_URL: '' } });

afterAll(() => {
  closeReaders();
  rmSync(work, { recursive: true, force: true });
});

describe('the server-killing PDF', () => {
  let db: Db;
  let app: ReturnType<typeof createApp>['app'];
  let token = '';
  beforeAll(async () => {
    db = await openStore({});
    await createUser(db, { username: 'bureau', displayName: '财政局', passwordHash: await hashPassword('bureau-password'), grants: [{ role: 'bureau' }] });
    ({ app } = createApp({ db, catalogs: builtinCatalogs() }));
    const login = await app.request('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'bureau', password: 'bureau-password' }) });
    token = ((await login.json()) as { token: string }).token;
  }, 120_000);
  afterAll(async () => db?.close());

  const upload = (bytes: Uint8Array, name: string) =>
    app.request(`/api/read?fileName=${encodeURIComponent(name)}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' }, body: Buffer.from(bytes) });

  it('is read or refused naming the file, and the server answers on', { timeout: 120_000 }, async () => {
    const res = await upload(new Uint8Array(readFileSync(BAD_PDF)), 'bad.pdf');
    expect([200, 422]).toContain(res.status);
    if (res.status === 422) {
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('pdf-broken');
      expect(body.error.message).toContain('bad.pdf');
    }
    expect((await app.request('/api/health')).status).toBe(200);
  });

  it('crafted PDFs are 422 too, and a good file still reads', { timeout: 120_000 }, async () => {
    for (const [name, bytes] of [['kids.pdf', circularPagesPdf()], ['nested.pdf', nestedArrayPdf(10_000)]] as const) expect((await upload(bytes, name)).status).toBe(422);
    const good = await upload(new Uint8Array(readFileSync(join(root, 'examples', SEED_000))), SEED_000);
    expect(good.status).toBe(200);
    expect(((await good.json()) as { document: { meta: { entity: { name: string } } } }).document.meta.entity.name).toBe('上海市闵行区医疗保障局');
  });
});

describe('the server-killing PDF on the command line', () => {
  it('check: a report, or exit 2 with one line naming the file; never a crash', { timeout: 120_000 }, () => {
    const r = cli('check', BAD_PDF);
    expect([0, 1, 2]).toContain(r.status);
    if (r.status === 2) expect(r.stderr).toContain(`文件 ${BAD_PDF}：PDF 文件已损坏或不完整`);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('import: stores the other files whatever becomes of it', { timeout: 300_000 }, async () => {
    const dir = join(work, 'in');
    mkdirSync(dir);
    for (const f of [SEED_000, SEED_003]) copyFileSync(join(root, 'examples', f), join(dir, f));
    copyFileSync(BAD_PDF, join(dir, 'bad.pdf'));
    const data = join(work, 'data');
    const r = cli('import', dir, '--data', data);
    expect([0, 2]).toContain(r.status);
    // Refused as the broken PDF it is, or read and stored whole (its 财政拨款收支预算总表 lists 上年结转结余
    // by fund under keys of their own): never a store error or an internal one.
    expect(r.stderr).not.toMatch(/内部错误|duplicate key|行键都是/);
    if (r.status === 2) expect(r.stderr).toMatch(/完成：新文件 2，新版本 0，内容未变 0，失败 1[\s\S]*✗ .*bad\.pdf：.*PDF 文件已损坏或不完整/);
    else expect(r.stderr).toContain('完成：新文件 3，新版本 0，内容未变 0，失败 0');
    const db = await openStore({ dataDir: data });
    try {
      const rows = await db.query<{ name: string }>('SELECT e.name FROM documents d JOIN entities e ON e.id = d.entity_id ORDER BY e.name');
      const names = rows.map((x) => x.name);
      expect(names).toEqual(r.status === 2 ? ['上海市松江区医疗保险事务中心', '上海市闵行区医疗保障局'] : ['上海市松江区医疗保险事务中心', '上海市闵行区医疗保障局', '杭州市司法局']);
    } finally {
      await db.close();
    }
  });
});
