/**
 * V8 code caches for scripts compiled through `vm.Script` (the command line's fast bundle, pdf.js
 * in the reading child): `<home>/cache/<name>`, where the name holds what the compiled code
 * depends on (the script's content hash, the V8 version, the flags). V8 checks a cache against the
 * script and refuses one that does not fit (`cachedDataRejected`); a refused, missing or
 * unreadable cache only means compiling as without one, and a cache that cannot be written (no
 * home, a read-only one) is not written.
 */
import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { isAscii } from 'node:buffer';
import { join } from 'node:path';
import { homeDir } from '../cli/home-dir.js';

/**
 * A bundle's text, when it is there and not older than the modules tsc wrote beside it. The build
 * writes bundles in ASCII, which is read as Latin-1 (a copy) rather than decoded as UTF-8 (about
 * 50 ms for the 5 MB publish bundle); a bundle with other bytes is decoded as UTF-8.
 */
export function bundleSource(bundle: string, module: string): string | undefined {
  try {
    if (statSync(bundle).mtimeMs < statSync(module).mtimeMs) return undefined;
    const bytes = readFileSync(bundle);
    return bytes.toString(isAscii(bytes) ? 'latin1' : 'utf8');
  } catch {
    return undefined;
  }
}

export function codeCacheDir(): string {
  return join(homeDir(), 'cache');
}

export function readCodeCache(path: string): Buffer | undefined {
  try {
    return readFileSync(path);
  } catch {
    return undefined;
  }
}

/** Caches kept per prefix (the newest written): two builds or Node versions used in turn keep theirs. */
const KEEP = 4;

/** Writes the cache whole or not at all (a temporary file renamed); older caches of `prefix` beyond KEEP are removed. */
export function writeCodeCache(dir: string, name: string, prefix: string, data: Buffer): void {
  try {
    mkdirSync(dir, { recursive: true });
    const tmp = join(dir, `${name}.${process.pid}.tmp`);
    const fd = openSync(tmp, 'w', 0o600);
    try {
      writeSync(fd, data);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, join(dir, name));
    const mine = readdirSync(dir)
      .filter((f) => f.startsWith(prefix) && f.endsWith('.v8'))
      .map((f) => ({ f, t: statSync(join(dir, f)).mtimeMs }))
      .sort((a, b) => b.t - a.t);
    for (const { f } of mine.slice(KEEP)) if (f !== name) unlinkSync(join(dir, f));
  } catch {
    // An unwritable home only costs the next run its cache.
  }
}
