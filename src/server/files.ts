/**
 * Published files (PDF, HTML, XLSX…) are made on the first request for a version and kept in
 * the store (published_files), so that every later request, and every server process, gets
 * the same bytes at once. Requests that arrive while a file is being made wait for that one.
 * Each process also keeps the files it served in memory (cache.ts, bounded in bytes): the bytes
 * are read from the store once per version and format, not decoded from bytea on every request.
 */
import type { BudgetDocument } from '../model/document.js';
import { publishFormat, type Format } from '../publish/index.js';
import { priorDocument } from '../store/ingest.js';
import { versionFindings } from '../store/documents.js';
import type { Deps } from './api.js';
import { storeCache } from './cache.js';

export interface StoredFile {
  mediaType: string;
  bytes: Uint8Array;
}

/** Files being made, per store (several stores in one process have overlapping version numbers). */
const makingIn = new WeakMap<Deps['db'], Map<string, Promise<StoredFile>>>();

/** The base of a document's download names: its entity and year (上海市闵行区医疗保障局-2025). */
export const downloadBase = (entity: string, year: number) => `${entity}-${year}`;

export async function publishedFile(deps: Deps, versionId: number, format: Format, load: () => Promise<BudgetDocument>): Promise<StoredFile> {
  const cache = storeCache(deps.db);
  const key = `file|${versionId}|${format}`;
  const kept = cache.get(key) as StoredFile | undefined;
  if (kept) return kept;
  let making = makingIn.get(deps.db);
  if (!making) makingIn.set(deps.db, (making = new Map()));
  const inStore = making;
  let pending = making.get(key);
  if (!pending) {
    pending = stored(deps, versionId, format, load)
      .then((file) => {
        cache.set(key, file, file.bytes.byteLength);
        return file;
      })
      .finally(() => inStore.delete(key));
    making.set(key, pending);
  }
  return pending;
}

async function stored(deps: Deps, versionId: number, format: Format, load: () => Promise<BudgetDocument>): Promise<StoredFile> {
  const [row] = await deps.db.query<{ mediaType: string; bytes: Uint8Array }>('SELECT media_type AS "mediaType", bytes FROM published_files WHERE version_id = $1 AND format = $2', [versionId, format]);
  if (row) return { mediaType: row.mediaType, bytes: new Uint8Array(row.bytes) };
  return make(deps, versionId, format, load);
}

async function make(deps: Deps, versionId: number, format: Format, load: () => Promise<BudgetDocument>): Promise<StoredFile> {
  const doc = await load();
  const prior = await priorDocument(deps.db, doc.meta);
  const findings = await versionFindings(deps.db, versionId);
  // The public edition (published files carry no findings; the workspace shows them to editors); the data
  // package names its files as the downloads are named (documents route): 上海市闵行区医疗保障局-2025.cells.csv.
  const file = await publishFormat(format, doc, { catalogs: deps.catalogs, findings, edition: 'public', baseName: downloadBase(doc.meta.entity.name, doc.meta.year), ...(prior ? { prior } : {}) });
  await deps.db.query('INSERT INTO published_files (version_id, format, media_type, bytes) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING', [versionId, format, file.mediaType, file.bytes]);
  return { mediaType: file.mediaType, bytes: file.bytes };
}
