/**
 * The crop child (see crops.ts): for each request, draws the pages of one PDF with pdf.js, moves
 * each finding to the printed line its quoted words are on, and cuts out the crops; then waits for
 * the next. Whatever a file makes pdf.js or the canvas do stays in this process, within the
 * parent's limits.
 */
import type { BudgetDocument } from '../model/document.js';
import type { Finding } from '../check/finding.js';
import { PageRenderer } from './render.js';
import { refinePlaces } from './place.js';

export interface CropRequest {
  id: number;
  bytes: Uint8Array;
  doc: BudgetDocument;
  findings: Finding[];
  maxCrops: number;
  scale: number;
}

export type CropReply = { id: number } & ({ kind: 'done'; findings: Finding[]; crops: { ordinal: number; png: Uint8Array }[]; failed: number } | { kind: 'error'; message: string });

process.on('unhandledRejection', () => undefined);
process.on('message', async (req: CropRequest) => {
  let reply: CropReply;
  const renderer = new PageRenderer(req.bytes, req.scale);
  try {
    const findings = await refinePlaces(req.doc, req.findings, renderer);
    const crops: { ordinal: number; png: Uint8Array }[] = [];
    let failed = 0;
    // The first maxCrops findings on the form that have a page, drawn page by page.
    const wanted = [...findings.entries()].filter(([, f]) => f.severity !== 'info' && f.location.page !== undefined && !(req.doc.pages && f.location.page > req.doc.pages.length)).slice(0, req.maxCrops);
    wanted.sort((a, b) => a[1].location.page! - b[1].location.page!);
    for (const [ordinal, f] of wanted) {
      const loc = f.location as typeof f.location & { page: number };
      try {
        crops.push({ ordinal, png: new Uint8Array(await renderer.crop({ page: loc.page, ...(loc.box ? { box: loc.box } : {}) })) });
      } catch {
        failed++;
      }
    }
    reply = { id: req.id, kind: 'done', findings, crops, failed };
  } catch (e) {
    reply = { id: req.id, kind: 'error', message: (e as Error).message?.slice(0, 200) ?? String(e) };
  }
  await renderer.close().catch(() => undefined);
  process.send!(reply);
});
