/**
 * pdf.js as reading loads it (runtime.ts): the built-ins core-js replaced are native again, pdf.js
 * still reads, and the synchronous inflate gives what Node's DecompressionStream('deflate') gives
 * — the same bytes, or a failure where the stream fails.
 */
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { loadPdfJs, SyncInflate } from './runtime.js';

const NativeStream = globalThis.DecompressionStream;

/** As pdf.js's worker drains a DecompressionStream (asyncGetBytesFromDecompressionStream). */
async function drain(make: () => { writable: WritableStream<Uint8Array> | SyncInflate['writable']; readable: AsyncIterable<Uint8Array> }, bytes: Uint8Array): Promise<number[] | string> {
  try {
    const { readable, writable } = make();
    const writer = writable.getWriter() as { ready: Promise<unknown>; write(c: Uint8Array): Promise<void>; close(): Promise<void> };
    await writer.ready;
    writer
      .write(bytes)
      .then(async () => {
        await writer.ready;
        await writer.close();
      })
      .catch(() => {});
    const out: number[] = [];
    for await (const chunk of readable) out.push(...chunk);
    return out;
  } catch {
    return 'failed';
  }
}

describe('reading runtime', () => {
  it('puts back the native push and JSON after loading pdf.js', async () => {
    await loadPdfJs();
    expect(Function.prototype.toString.call(Array.prototype.push)).toContain('[native code]');
    expect(Function.prototype.toString.call(JSON.parse)).toContain('[native code]');
    expect(Function.prototype.toString.call(JSON.stringify)).toContain('[native code]');
    expect(typeof (globalThis as { pdfjsWorker?: { WorkerMessageHandler?: unknown } }).pdfjsWorker?.WorkerMessageHandler).toBe('function');
  });

  it('leaves Node’s Response in place, with the bytes() pdf.js adds', async () => {
    await loadPdfJs();
    const r = new Response('预算');
    expect(r).toBeInstanceOf(Response);
    expect([...(await (r as unknown as { bytes(): Promise<Uint8Array> }).bytes())]).toEqual([...new TextEncoder().encode('预算')]);
  });

  it('inflates as Node’s DecompressionStream does, failing where it fails', async () => {
    const text = new TextEncoder().encode('BT /F1 12 Tf 72 712 Td (预算) Tj ET\n'.repeat(200));
    const ok = new Uint8Array(deflateSync(text));
    const cases: Record<string, Uint8Array> = {
      whole: ok,
      truncated: ok.subarray(0, ok.length - 7),
      'no checksum': ok.subarray(0, ok.length - 4),
      'garbage after the end': new Uint8Array([...ok, 1, 2, 3, 4, 5]),
      'bad header': new Uint8Array([1, 2, 3, 4]),
      empty: new Uint8Array(0),
    };
    for (const [name, bytes] of Object.entries(cases)) {
      const ours = await drain(() => new SyncInflate('deflate'), bytes);
      const node = await drain(() => new NativeStream('deflate') as never, bytes);
      expect(ours, name).toEqual(node);
    }
    expect(await drain(() => new SyncInflate('deflate'), ok)).toEqual([...text]);
    expect(await drain(() => new SyncInflate('deflate'), ok.subarray(0, 10))).toBe('failed');
  });

  it('leaves other formats to Node', () => {
    expect(new SyncInflate('gzip')).toBeInstanceOf(NativeStream);
    expect(() => new SyncInflate('brotli')).toThrow();
  });
});
