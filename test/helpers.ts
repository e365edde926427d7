import { readFileSync } from 'node:fs';
import { builtinCatalogs } from '../src/catalogs/builtin.js';
import { readDocument } from '../src/read/index.js';
import type { BudgetDocument } from '../src/model/document.js';

export const SEED_000 = '000_29c3f64a6006ec81.txt';
export const SEED_003 = '003_91fd8cb34c22987a.txt';

export function exampleBytes(name: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(`../examples/${name}`, import.meta.url)));
}

export function exampleText(name: string): string {
  return new TextDecoder().decode(exampleBytes(name));
}

export function fixture(path: string): string {
  return readFileSync(new URL(`./fixtures/${path}`, import.meta.url), 'utf8');
}

export function importBytes(bytes: Uint8Array, fileName = 'test.txt', requireAllTables = true): BudgetDocument {
  return readDocument(bytes, { fileName, catalogs: builtinCatalogs(), requireAllTables });
}

export function importText(text: string, fileName = 'test.txt', requireAllTables = true): BudgetDocument {
  return importBytes(new TextEncoder().encode(text), fileName, requireAllTables);
}

/** The error an import throws, for assertions on its code, message and place. */
export function importError(text: string | Uint8Array, fileName = 'test.txt'): { code: string; message: string; line?: number; file?: string; hint: string } {
  try {
    if (typeof text === 'string') importText(text, fileName);
    else importBytes(text, fileName);
  } catch (e) {
    const err = e as { code: string; message: string; place: { line?: number; file?: string }; hint: string };
    return { code: err.code, message: err.message, line: err.place?.line, file: err.place?.file, hint: err.hint };
  }
  throw new Error('import did not fail');
}

/** Line number (1-based) of the first line containing `needle`. */
export function lineOf(text: string, needle: string): number {
  const i = text.split('\n').findIndex((l) => l.includes(needle));
  if (i < 0) throw new Error(`not found: ${needle}`);
  return i + 1;
}

/** An API answer as the tests look at it: status, body as JSON when it is JSON (else the text), headers. */
export async function answer(res: Response): Promise<{ status: number; json: any; headers: Headers }> {
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  return { status: res.status, json, headers: res.headers };
}
