/**
 * A scanned PDF page is sampled to grey straight from its decoded image (pdf.ts scanPageGrey),
 * with no canvas: the pixels must be those the canvas render gives, and only pages that are
 * one image and nothing else take that path.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openPdf, pageGraphics, renderPageGrey, scanPageGrey } from '../../src/ocr/pdf.ts';

const fixture = (name: string) => new URL(`../../fixtures/pdf/${name}`, import.meta.url).pathname;

async function bothWays(name: string, n: number, dpi: number) {
  const doc = await openPdf(readFileSync(fixture(name)), name);
  try {
    const page = await doc.getPage(n);
    const g = await pageGraphics(page);
    const direct = g.scan ? scanPageGrey(page, g.scan, dpi, { denoise: true }) : null;
    const rendered = await renderPageGrey(doc, page, dpi, { denoise: true });
    return { direct, rendered };
  } finally {
    await doc.destroy();
  }
}

const pixels = (p: { image: Buffer; width: number; height: number }) => p.image.subarray(p.image.length - p.width * p.height);

describe('scanned pages without a canvas', () => {
  it('a 150-dpi scan enlarged to 300 dpi: the same pixels as the canvas render', async () => {
    const { direct, rendered } = await bothWays('s000-scan150.pdf', 1, 300);
    expect(direct).not.toBeNull();
    expect([direct!.width, direct!.height]).toEqual([rendered.width, rendered.height]);
    expect(Buffer.compare(pixels(direct!), pixels(rendered))).toBe(0);
  });

  for (const [name, n] of [['s000-scan300.pdf', 2], ['s003-ruled-scan200.pdf', 1]] as const) {
    it(`${name}: the canvas render's pixels (the image drawn at whole device pixels, as pdfjs does)`, async () => {
      const { direct, rendered } = await bothWays(name, n, 300);
      const a = pixels(direct!);
      const b = pixels(rendered);
      expect(direct!.image.subarray(0, direct!.image.length - a.length).toString('latin1')).toBe(rendered.image.subarray(0, rendered.image.length - b.length).toString('latin1'));
      let differ = 0;
      for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) differ++;
      // A few pixels of the 200 → 300 dpi enlargement round the other way.
      expect(differ / a.length).toBeLessThan(0.001);
    });
  }

  it('pages that draw text or rules are rendered: a text page, the table page', async () => {
    for (const name of ['s000-text.pdf', 's000-table.pdf']) {
      const doc = await openPdf(readFileSync(fixture(name)), name);
      expect((await pageGraphics(await doc.getPage(1))).scan).toBeNull();
      await doc.destroy();
    }
  });
});
