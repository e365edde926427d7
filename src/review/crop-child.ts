/**
 * The crop child (see crops.ts): draws the pages of one uploaded PDF with pdf.js, moves each
 * finding to the printed line its quoted words are on, and cuts out the crops. It answers once and
 * exits; whatever the file makes pdf.js do stays in this process, within the parent's limits.
 */
import type { BudgetDocument } from '../model/document.js';
import type { Finding } from '../check/finding.js';
import { PageRenderer } from './render.js';
import { refinePlaces } from './review.js';

export interface CropRequest {
  bytes: Uint8Array;
  doc: BudgetDocument;
  findings: Finding[];
  maxCrops: number;
  scale: number;
}

export type CropReply = { kind: 'done'; findings: Finding[]; crops: { ordinal: number; png: Uint8Array }[]; failed: number } | { kind: 'error'; message: string };

process.on('unhandledRejection', () => undefined);
process.once('message', async (req: CropRequest) => {
  let reply: CropReply;
  const renderer = new PageRenderer(req.bytes, req.scale);
  try {
    const findings = await refinePlaces(req.doc, req.findings, renderer);
    const crops: { ordinal: number; png: Uint8Array }[] = [];
    let failed = 0;
    for (const [ordinal, f] of findings.entries()) {
      const loc = f.location;
      if (f.severity === 'info' || loc.page === undefined || crops.length >= req.maxCrops) continue;
      if (req.doc.pages && loc.page > req.doc.pages.length) continue;
      try {
        crops.push({ ordinal, png: new Uint8Array(await renderer.crop({ page: loc.page, ...(loc.box ? { box: loc.box } : {}) })) });
      } catch {
        failed++;
      }
    }
    reply = { kind: 'done', findings, crops, failed };
  } catch (e) {
    reply = { kind: 'error', message: (e as Error).message?.slice(0, 200) ?? String(e) };
  }
  await renderer.close().catch(() => undefined);
  process.send!(reply, () => process.exit(0));
});
