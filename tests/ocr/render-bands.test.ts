/**
 * Pages are drawn band by band (pdf.ts renderPageGrey) so that no whole-page RGBA canvas is held:
 * the bands must give the pixels of one canvas: exactly for images and rules; for text up to the
 * anti-aliasing of a few glyph edges (Skia positions glyphs to a fraction of a pixel, and the
 * shifted origin rounds a few of them the other way).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openPdf, renderPageGrey } from '../../src/ocr/pdf.ts';

const fixture = (name: string) => new URL(`../../fixtures/pdf/${name}`, import.meta.url).pathname;

async function render(name: string, n: number, dpi: number, bandBytes: number, denoise: boolean) {
  const doc = await openPdf(readFileSync(fixture(name)), name);
  try {
    return await renderPageGrey(doc, await doc.getPage(n), dpi, { bandBytes, denoise });
  } finally {
    await doc.destroy();
  }
}

describe('a page drawn in bands', () => {
  // Text layer over an image; born-digital text; a ruled table; a page of one scanned image.
  for (const [name, n, denoise, exact] of [
    ['s004-garbled.pdf', 1, true, true],
    ['s001-mixed.pdf', 2, true, true],
    ['s000-text.pdf', 2, false, false],
    ['s000-table.pdf', 1, false, false],
  ] as const) {
    it(`${name} p${n}: ${exact ? 'exactly ' : ''}the pixels of one canvas`, async () => {
      const whole = await render(name, n, 300, Number.MAX_SAFE_INTEGER, denoise);
      // ~1.1 MB bands: 11 rows of bands for an A4 page at 300 dpi, the last one short.
      const banded = await render(name, n, 300, 1_100_000, denoise);
      expect([banded.width, banded.height]).toEqual([whole.width, whole.height]);
      expect(whole.height / Math.floor(1_100_000 / (whole.width * 4))).toBeGreaterThan(10);
      // Not a blank page: ink in the picture.
      expect(whole.image.subarray(-whole.width * whole.height).some((v) => v < 128)).toBe(true);
      let differ = 0;
      for (let i = 0; i < whole.image.length; i++) if (banded.image[i] !== whole.image[i]) differ++;
      if (exact) expect(differ).toBe(0);
      else expect(differ / (whole.width * whole.height)).toBeLessThan(1e-4);
    });
  }
});
