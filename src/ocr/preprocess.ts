/**
 * Clean-up of a scanned page before OCR, pure on pixels: grey, then a 3×3 median that removes
 * dust and speckle (tesseract reads isolated specks as punctuation and letters) while keeping
 * strokes wider than a pixel, which text at ≥ 200 dpi always has.
 */

/** Grey of RGBA pixels, written into `out` from `offset` (pages are converted strip by strip). */
export function toGrey(rgba: Uint8ClampedArray, width: number, height: number, out: Uint8Array = new Uint8Array(width * height), offset = 0): Uint8Array {
  const n = width * height;
  for (let i = 0, p = 0; i < n; i++, p += 4) out[offset + i] = (rgba[p] * 77 + rgba[p + 1] * 150 + rgba[p + 2] * 29) >> 8;
  return out;
}

/** Despeckled copy of grey pixels (one byte per pixel), written into `out` (same size as `g`). */
export function median3(g: Uint8Array, width: number, height: number, out: Uint8Array = new Uint8Array(g.length)): Uint8Array {
  out.set(g);
  const w = width;
  const v = new Uint8Array(9);
  for (let y = 1; y < height - 1; y++) {
    for (let x = 1; x < w - 1; x++) {
      const c = y * w + x;
      // Most of a page is paper: skip the sort where the window is uniformly light.
      const a0 = g[c - w - 1], a1 = g[c - w], a2 = g[c - w + 1], a3 = g[c - 1], a4 = g[c], a5 = g[c + 1], a6 = g[c + w - 1], a7 = g[c + w], a8 = g[c + w + 1];
      if ((a0 & a1 & a2 & a3 & a4 & a5 & a6 & a7 & a8) >= 0xe0) continue;
      v[0] = a0; v[1] = a1; v[2] = a2; v[3] = a3; v[4] = a4; v[5] = a5; v[6] = a6; v[7] = a7; v[8] = a8;
      v.sort();
      out[c] = v[4];
    }
  }
  return out;
}

/** Grey, despeckled copy of RGBA pixels (one byte per pixel). */
export function greyMedian3(rgba: Uint8ClampedArray, width: number, height: number): Uint8Array {
  return median3(toGrey(rgba, width, height), width, height);
}

/**
 * An 8-bit binary PGM (P5), what the OCR engines get (no compression to undo), allocated once:
 * `pixels` is the buffer's pixel part, to be filled in place (no second full-size copy).
 */
export function pgmImage(width: number, height: number): { image: Buffer; pixels: Uint8Array } {
  const head = Buffer.from(`P5\n${width} ${height}\n255\n`, 'latin1');
  const image = Buffer.allocUnsafe(head.length + width * height);
  head.copy(image);
  return { image, pixels: image.subarray(head.length) };
}

/** 8-bit grey pixels as a binary PGM (P5). */
export function pgm(grey: Uint8Array, width: number, height: number): Buffer {
  const { image, pixels } = pgmImage(width, height);
  pixels.set(grey);
  return image;
}
