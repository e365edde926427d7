/**
 * Reading text never needs a canvas: pdf.js's Node build loads the native @napi-rs/canvas (a
 * prebuilt Skia, which scans the system fonts when it loads) on import, only to draw pages —
 * 10–20 % of a PDF read and ~30 MB. The reading child (isolate-child.ts) calls keepCanvasOut()
 * first, so that pdf.js finds no canvas there and extracts text exactly as before (its warnings
 * about the missing canvas go to the child's stdout, which nobody reads). Page pictures (the review
 * report, review/render.ts) run in their own process and keep the canvas.
 *
 * pdf.js does need a DOMMatrix without the canvas: one at import, and in its worker to turn an
 * image mask into a path (Type 3 glyphs). Matrix2D below is the 2-D affine part of DOMMatrix
 * those uses take (a–f, multiply, scale, translate, as the Geometry Interfaces spec defines them);
 * anything else of DOMMatrix throws, so a use that is not covered fails loudly, never wrongly.
 */
import { createRequire } from 'node:module';

type Loader = { _load: (request: string, parent: unknown, isMain: boolean) => unknown };

type Init = readonly number[] | Matrix2D;

/** [a c e; b d f; 0 0 1] — post-multiplication as DOMMatrix's *Self methods do. */
class Matrix2D {
  a = 1;
  b = 0;
  c = 0;
  d = 1;
  e = 0;
  f = 0;
  readonly is2D = true;

  constructor(init?: Init) {
    if (init === undefined) return;
    const m = init instanceof Matrix2D ? [init.a, init.b, init.c, init.d, init.e, init.f] : init;
    if (m.length !== 6) throw new TypeError('Matrix2D: only 2-D matrices (6 numbers) are supported in reading');
    [this.a, this.b, this.c, this.d, this.e, this.f] = m as [number, number, number, number, number, number];
  }

  get m11(): number {
    return this.a;
  }
  get m12(): number {
    return this.b;
  }
  get m21(): number {
    return this.c;
  }
  get m22(): number {
    return this.d;
  }
  get m41(): number {
    return this.e;
  }
  get m42(): number {
    return this.f;
  }

  /** this = this × other */
  multiplySelf(other: Init): this {
    const o = other instanceof Matrix2D ? other : new Matrix2D(other);
    const { a, b, c, d, e, f } = this;
    this.a = a * o.a + c * o.b;
    this.b = b * o.a + d * o.b;
    this.c = a * o.c + c * o.d;
    this.d = b * o.c + d * o.d;
    this.e = a * o.e + c * o.f + e;
    this.f = b * o.e + d * o.f + f;
    return this;
  }

  /** this = other × this */
  preMultiplySelf(other: Init): this {
    const o = new Matrix2D(other);
    o.multiplySelf(this);
    [this.a, this.b, this.c, this.d, this.e, this.f] = [o.a, o.b, o.c, o.d, o.e, o.f];
    return this;
  }

  translateSelf(tx = 0, ty = 0): this {
    return this.multiplySelf([1, 0, 0, 1, tx, ty]);
  }

  scaleSelf(sx = 1, sy = sx): this {
    return this.multiplySelf([sx, 0, 0, sy, 0, 0]);
  }

  multiply(other: Init): Matrix2D {
    return new Matrix2D(this).multiplySelf(other);
  }
  translate(tx = 0, ty = 0): Matrix2D {
    return new Matrix2D(this).translateSelf(tx, ty);
  }
  scale(sx = 1, sy = sx): Matrix2D {
    return new Matrix2D(this).scaleSelf(sx, sy);
  }
}

export { Matrix2D };

let installed = false;

export function keepCanvasOut(): void {
  if (installed) return;
  installed = true;
  const g = globalThis as { DOMMatrix?: unknown };
  g.DOMMatrix ??= Matrix2D;
  const Module = createRequire(import.meta.url)('node:module') as Loader;
  const load = Module._load;
  Module._load = function (request, parent, isMain) {
    if (request === '@napi-rs/canvas' || request.startsWith('@napi-rs/canvas-')) throw new Error('reading PDFs does not load @napi-rs/canvas');
    return load.call(this, request, parent, isMain);
  };
}
