/**
 * Clean-up of a scanned page before OCR, pure on RGBA pixels: grey, then a 3×3 median that
 * removes dust and speckle (tesseract reads isolated specks as punctuation and letters) while
 * keeping strokes wider than a pixel, which text at ≥ 200 dpi always has.
 */
export function toGrey(rgba: Uint8ClampedArray, width: number, height: number): Uint8Array {
  const g = new Uint8Array(width * height);
  for (let i = 0, p = 0; i < g.length; i++, p += 4) g[i] = (rgba[p] * 77 + rgba[p + 1] * 150 + rgba[p + 2] * 29) >> 8;
  return g;
}

/** Grey, despeckled copy of RGBA pixels (one byte per pixel). */
export function greyMedian3(rgba: Uint8ClampedArray, width: number, height: number): Uint8Array {
  const g = toGrey(rgba, width, height);
  const out = new Uint8Array(g);
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

/** 8-bit grey pixels as a binary PGM (P5): what the OCR engines get, no compression to undo. */
export function pgm(grey: Uint8Array, width: number, height: number): Buffer {
  const head = Buffer.from(`P5\n${width} ${height}\n255\n`, 'latin1');
  return Buffer.concat([head, grey]);
}
