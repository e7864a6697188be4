/**
 * A born-digital PDF made to look scanned, page by page: rendered at a dpi, turned a little,
 * blurred, on paper that is never white (a grey cast, grain, dust, toner fading in streaks), as
 * JPEG. One look for every fixture script (fixtures/pdf, dev/pdf, dev/scans), each with its own
 * settings; the same settings and seed give the same bytes.
 */
import { rng } from '../../src/lib/rng.ts';
import { openPdf } from '../../src/ocr/pdf.ts';

export interface ScanLook {
  dpi: number;
  /** Degrees the page is turned; a list is taken page by page, cycled. */
  skewDeg: number | number[];
  blurPx?: number;
  /** Gaussian grain, 0..255 scale. */
  noiseSigma: number;
  /** Share of pixels turned to dust, half dark, half light (none: no draw from the generator). */
  specks?: number;
  /** Grey of a dark speck (30 unless said). */
  speckDark?: number;
  /** Paper: v × gain + lift before grain (0.94 and 6 unless said). */
  paper?: { gain: number; lift: number };
  /** Vertical streaks where the toner faded (none unless said). */
  fadeStreaks?: number;
  /** JPEG quality 0..100. */
  quality: number;
  seed: number;
  /**
   * Quarter turns of the sheet as it went through the scanner, degrees clockwise from the
   * right way up (90: a landscape page scanned as portrait; 180: fed upside down), page by
   * page, cycled. None: every page the right way up.
   */
  turnDeg?: number[];
}

export interface ScannedPage {
  jpeg: Buffer;
  /** Page size in points. */
  width: number;
  height: number;
}

export async function scanPages(pdf: Buffer, d: ScanLook, label: string, pageNumbers?: number[]): Promise<ScannedPage[]> {
  const doc = await openPdf(pdf, label);
  const factory = (doc as any).canvasFactory;
  const rand = rng(d.seed);
  const gauss = () => Math.sqrt(-2 * Math.log(rand() + 1e-12)) * Math.cos(2 * Math.PI * rand());
  const skews = Array.isArray(d.skewDeg) ? d.skewDeg : [d.skewDeg];
  const { gain, lift } = d.paper ?? { gain: 0.94, lift: 6 };
  const out: ScannedPage[] = [];
  const wanted = pageNumbers ?? Array.from({ length: doc.numPages }, (_, i) => i + 1);
  for (const n of wanted) {
    const page = await doc.getPage(n);
    // pdfjs takes an explicit rotation as the whole turn, the page's /Rotate included.
    const turn = d.turnDeg ? { rotation: (page.rotate + d.turnDeg[(n - 1) % d.turnDeg.length]!) % 360 } : {};
    const size = page.getViewport({ scale: 1, ...turn });
    const vp = page.getViewport({ scale: d.dpi / 72, ...turn });
    const W = Math.round(vp.width);
    const H = Math.round(vp.height);
    const src = factory.create(W, H);
    src.context.fillStyle = '#fff';
    src.context.fillRect(0, 0, W, H);
    await page.render({ canvas: src.canvas, canvasContext: src.context, viewport: vp } as any).promise;
    const dst = factory.create(W, H);
    const ctx = dst.context;
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, W, H);
    ctx.translate(W / 2, H / 2);
    ctx.rotate((skews[(n - 1) % skews.length]! * Math.PI) / 180);
    ctx.translate(-W / 2, -H / 2);
    if (d.blurPx) ctx.filter = `blur(${d.blurPx}px)`;
    ctx.drawImage(src.canvas, 0, 0);
    ctx.filter = 'none';
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    factory.destroy(src);
    const img = ctx.getImageData(0, 0, W, H);
    const px = img.data;
    const fade = Array.from({ length: d.fadeStreaks ?? 0 }, () => ({ x: rand() * W, w: 2 + rand() * 6 }));
    for (let i = 0, p = 0; i < px.length; i += 4, p++) {
      let v = 0.299 * px[i] + 0.587 * px[i + 1] + 0.114 * px[i + 2];
      if (fade.length) {
        const x = p % W;
        if (fade.some((f) => Math.abs(x - f.x) < f.w)) v = 255 - (255 - v) * 0.45;
      }
      v = v * gain + lift + gauss() * d.noiseSigma;
      if (d.specks) {
        const r = rand();
        if (r < d.specks / 2) v = d.speckDark ?? 30;
        else if (r < d.specks) v = 250;
      }
      v = v < 0 ? 0 : v > 255 ? 255 : v;
      px[i] = px[i + 1] = px[i + 2] = v;
    }
    ctx.putImageData(img, 0, 0);
    out.push({ jpeg: Buffer.from(await dst.canvas.encode('jpeg', d.quality)), width: size.width, height: size.height });
    factory.destroy(dst);
    page.cleanup();
  }
  await doc.destroy();
  return out;
}
