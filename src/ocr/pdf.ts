/**
 * PDF access through pdfjs-dist (legacy build, the one that runs in Node): open with clear
 * errors, read a page's text items, find the resolution of a scanned page's image, render a
 * page to a PNG for OCR. Rendering uses the document's own canvas factory so only the
 * @napi-rs/canvas copy pdfjs loaded is ever used (two copies in one process segfault).
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import { median3, pgm, pgmImage, toGrey } from './preprocess.ts';

export { pgm };
import type { PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist/types/src/display/api.js';

export type { PDFDocumentProxy, PDFPageProxy };

const require = createRequire(import.meta.url);
const PDFJS_DIR = dirname(require.resolve('pdfjs-dist/package.json'));
// pdfjs in Node reads these through fs when given file paths ending in "/".
const STANDARD_FONTS = join(PDFJS_DIR, 'standard_fonts') + '/';
const CMAPS = join(PDFJS_DIR, 'cmaps') + '/';

/** A PDF that cannot be read, with a reason fit for a user (it names the file). */
export { PdfError } from './errors.ts';
import { PdfError } from './errors.ts';

export async function openPdf(bytes: Uint8Array, path: string): Promise<PDFDocumentProxy> {
  // pdfjs transfers (detaches) the buffer it is given: hand it a copy.
  const data = new Uint8Array(bytes);
  const task = pdfjs.getDocument({
    data,
    standardFontDataUrl: STANDARD_FONTS,
    cMapUrl: CMAPS,
    cMapPacked: true,
    isEvalSupported: false,
    useSystemFonts: false,
    stopAtErrors: false,
    verbosity: 0,
  });
  // Without this, an encrypted file makes pdfjs wait for a password forever.
  task.onPassword = () => {
    task.destroy();
  };
  let doc: PDFDocumentProxy;
  try {
    doc = await task.promise;
  } catch (err: any) {
    const name = err?.name ?? '';
    if (name === 'PasswordException' || /password/i.test(err?.message ?? '')) {
      throw new PdfError('pdf-encrypted', `${path}: the PDF is password-protected; decrypt it first (e.g. qpdf --decrypt --password=… in out.pdf)`);
    }
    throw new PdfError('pdf-corrupt', `${path}: not a readable PDF (${err?.message ?? err})`);
  }
  if (doc.numPages === 0) {
    await doc.destroy();
    throw new PdfError('pdf-no-pages', `${path}: the PDF has no pages`);
  }
  return doc;
}

/** The largest image painted on a page, in pixels, and the page size in points. */
export interface PageImageInfo {
  widthPx: number;
  heightPx: number;
  /** Resolution the image has when it fills the page width or height (whichever is tighter). */
  dpi: number;
}

/** The main raster image of a page (a scan), or null when the page paints none. */
export async function pageImageInfo(page: PDFPageProxy): Promise<PageImageInfo | null> {
  return (await pageGraphics(page)).image;
}

type Box = [number, number, number, number];

const PAINT_OPS = new Set<number>([
  pdfjs.OPS.stroke,
  pdfjs.OPS.closeStroke,
  pdfjs.OPS.fill,
  pdfjs.OPS.eoFill,
  pdfjs.OPS.fillStroke,
  pdfjs.OPS.eoFillStroke,
  pdfjs.OPS.closeFillStroke,
  pdfjs.OPS.closeEOFillStroke,
]);

/**
 * What a page draws besides text, from one pass over its operators: the largest raster image
 * (a scan) and the bounding boxes of painted paths (table rules and cells), in points from the
 * page's top-left corner.
 */
/**
 * A page that is nothing but one raster image (a scanner's page): the image's object id and
 * the transform that paints its unit square, so it can be sampled to grey without a canvas.
 */
export interface ScanImage {
  objId: string;
  ctm: number[];
}

export async function pageGraphics(page: PDFPageProxy): Promise<{ image: PageImageInfo | null; paths: Box[]; scan: ScanImage | null }> {
  const ops = await page.getOperatorList();
  const vp = page.getViewport({ scale: 1 });
  let best: { w: number; h: number } | null = null;
  const paths: Box[] = [];
  let ctm = [1, 0, 0, 1, 0, 0];
  const stack: number[][] = [];
  // Anything visible besides one image (text not in render mode 3, paths, masks, a second image) means a real render.
  const images: ScanImage[] = [];
  let other = false;
  let textMode = 0;
  const mul = (m: number[], n: number[]) => [
    n[0] * m[0] + n[1] * m[2],
    n[0] * m[1] + n[1] * m[3],
    n[2] * m[0] + n[3] * m[2],
    n[2] * m[1] + n[3] * m[3],
    n[4] * m[0] + n[5] * m[2] + m[4],
    n[4] * m[1] + n[5] * m[3] + m[5],
  ];
  for (let i = 0; i < ops.fnArray.length; i++) {
    const fn = ops.fnArray[i];
    const args = ops.argsArray[i] as any[];
    if (fn === pdfjs.OPS.save) stack.push(ctm);
    else if (fn === pdfjs.OPS.restore) ctm = stack.pop() ?? [1, 0, 0, 1, 0, 0];
    else if (fn === pdfjs.OPS.transform) ctm = mul(ctm, args as number[]);
    else if (fn === pdfjs.OPS.setTextRenderingMode) textMode = args?.[0] ?? 0;
    else if (fn === pdfjs.OPS.showText || fn === pdfjs.OPS.showSpacedText || fn === pdfjs.OPS.nextLineShowText || fn === pdfjs.OPS.nextLineSetSpacingShowText) {
      if (textMode !== 3) other = true;
    } else if (fn === pdfjs.OPS.paintImageMaskXObject || fn === pdfjs.OPS.paintImageMaskXObjectGroup || fn === pdfjs.OPS.paintImageXObjectRepeat || fn === pdfjs.OPS.paintSolidColorImageMask || fn === pdfjs.OPS.shadingFill || fn === pdfjs.OPS.paintFormXObjectBegin) other = true;
    if (fn === pdfjs.OPS.constructPath) {
      other ||= PAINT_OPS.has(args?.[0]);
      const mm = args?.[2];
      if (!PAINT_OPS.has(args?.[0]) || !mm || mm.length < 4) continue;
      const pts = [
        [mm[0], mm[1]],
        [mm[2], mm[1]],
        [mm[0], mm[3]],
        [mm[2], mm[3]],
      ].map(([x, y]) => vp.convertToViewportPoint(ctm[0] * x + ctm[2] * y + ctm[4], ctm[1] * x + ctm[3] * y + ctm[5]));
      const xs = pts.map((p) => p[0]);
      const ys = pts.map((p) => p[1]);
      paths.push([Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)]);
    } else if (fn === pdfjs.OPS.paintImageXObject || fn === pdfjs.OPS.paintInlineImageXObject || fn === pdfjs.OPS.paintImageMaskXObject) {
      if (fn === pdfjs.OPS.paintImageXObject && typeof args?.[0] === 'string') images.push({ objId: args[0], ctm });
      else other = true;
      let w = 0;
      let h = 0;
      if (typeof args?.[1] === 'number' && typeof args?.[2] === 'number') {
        w = args[1];
        h = args[2];
      } else if (args?.[0] && typeof args[0] === 'object' && 'width' in args[0]) {
        w = args[0].width;
        h = args[0].height;
      }
      if (w * h > (best ? best.w * best.h : 0)) best = { w, h };
    }
  }
  if (!best) return { image: null, paths, scan: null };
  const dpi = Math.min(best.w / (vp.width / 72), best.h / (vp.height / 72));
  return { image: { widthPx: best.w, heightPx: best.h, dpi }, paths, scan: images.length === 1 && !other ? images[0] : null };
}

/** The share of the page area covered by the largest image (0..1), from its pixel size and dpi guess. */
export function imageCoverage(info: PageImageInfo | null, page: PDFPageProxy): number {
  if (!info) return 0;
  const vp = page.getViewport({ scale: 1 });
  const wIn = info.widthPx / info.dpi;
  const hIn = info.heightPx / info.dpi;
  return Math.min(1, (wIn * hIn) / ((vp.width / 72) * (vp.height / 72)));
}

/** Canvas pixels are read back this many bytes at a time: one RGBA strip, never a second full page. */
const STRIP_BYTES = 4 << 20;

/** A page is drawn in bands of at most this many canvas bytes: never a whole RGBA page at once. */
const BAND_BYTES = 18 << 20;
/** Rows drawn beyond a band on either side: more than a line of body text is tall at 300 dpi. */
const BAND_MARGIN = 128;

/**
 * Render a page at `dpi` to an 8-bit greyscale PGM (P5) for OCR: no compression to spend time
 * on at either end, and Leptonica reads it directly. Scans are despeckled first. The page is
 * drawn band by band (the same operators, shifted up by whole pixels: the same pixels as one
 * canvas, tests/ocr/render-bands.test.ts) and each band read back in strips into the PGM's own
 * buffer, so a page costs one band of RGBA, not a page of it (an A4 page at 300 dpi is 35 MB of
 * RGBA, and Skia and pdfjs keep copies of the canvas while drawing).
 */
export async function renderPageGrey(
  doc: PDFDocumentProxy,
  page: PDFPageProxy,
  dpi: number,
  opts: { denoise?: boolean; bandBytes?: number } = {},
): Promise<{ image: Buffer; width: number; height: number }> {
  const viewport = page.getViewport({ scale: dpi / 72 });
  const factory = (doc as any).canvasFactory;
  const width = Math.ceil(viewport.width);
  const height = Math.ceil(viewport.height);
  const bandRows = Math.max(1, Math.min(height, Math.floor((opts.bandBytes ?? BAND_BYTES) / (width * 4))));
  const { image, pixels } = pgmImage(width, height);
  const grey = opts.denoise ? new Uint8Array(width * height) : pixels;
  try {
    for (let top = 0; top < height; top += bandRows) {
      const rows = Math.min(bandRows, height - top);
      // Drawn with a margin above and below, kept out of the page: Skia draws a glyph cut by the
      // canvas edge a little differently from a whole one.
      const above = Math.min(BAND_MARGIN, top);
      const canvasRows = above + rows + Math.min(BAND_MARGIN, height - top - rows);
      const entry = factory.create(width, canvasRows);
      try {
        const ctx = entry.context;
        ctx.fillStyle = '#ffffff';
        ctx.fillRect(0, 0, width, canvasRows);
        await page.render({ canvas: entry.canvas, canvasContext: ctx, viewport, transform: [1, 0, 0, 1, 0, above - top], background: 'white' } as any).promise;
        const strip = Math.max(1, Math.floor(STRIP_BYTES / (width * 4)));
        for (let y = 0; y < rows; y += strip) {
          const n = Math.min(strip, rows - y);
          toGrey(ctx.getImageData(0, above + y, width, n).data, width, n, grey, (top + y) * width);
        }
      } finally {
        factory.destroy(entry);
      }
    }
    if (opts.denoise) median3(grey, width, height, pixels);
    return { image, width, height };
  } finally {
    page.cleanup();
  }
}

/**
 * A scanned page (one image, nothing else drawn: `ScanImage`) to 8-bit grey at `dpi` without a
 * canvas: the image pdfjs decoded is turned grey at its own size and sampled onto the page grid
 * (as pdfjs paints it: nearest pixel when enlarged by more than 4/3, else bilinear; an area mean when it is larger than the page at `dpi`), white where it does not
 * reach. A page costs its decoded image and two grey copies, not a canvas, pdfjs' scratch canvas
 * of the image and the strips read back (~110 → ~40 MB for an A4 page at 300 dpi). Null when
 * pdfjs holds the image in another form; the caller renders then.
 */
export function scanPageGrey(page: PDFPageProxy, scan: ScanImage, dpi: number, opts: { denoise?: boolean } = {}): { image: Buffer; width: number; height: number } | null {
  const objs = scan.objId.startsWith('g_') ? (page as any).commonObjs : (page as any).objs;
  if (!objs.has(scan.objId)) return null;
  const img = objs.get(scan.objId);
  if (!img || !img.data || !img.width || !img.height || ![1, 2, 3].includes(img.kind)) return null;
  const src = imageGrey(img.data, img.width, img.height, img.kind);
  const viewport = page.getViewport({ scale: dpi / 72 });
  const width = Math.ceil(viewport.width);
  const height = Math.ceil(viewport.height);
  // Device pixel → image pixel: invert viewport × ctm (unit square, the image's first row at y = 1).
  let [a, b, c, d, e, f] = mulTransform(viewport.transform, scan.ctm);
  if (Math.abs(b) < 1e-9 && Math.abs(c) < 1e-9 && a > 0 && d < 0) {
    // pdfjs draws an upright image at whole device pixels (drawImageAtIntegerCoords): its
    // corners rounded, the image stretched between them. The same here, so the pixels match.
    const left = Math.round(e);
    const top = Math.round(d + f);
    const w = Math.abs(Math.round(a + e) - left) || 1;
    const h = Math.abs(Math.round(f) - top) || 1;
    [a, d, e, f] = [w, -h, left, top + h];
  }
  const det = a * d - b * c;
  if (!det) return null;
  const ia = d / det, ib = -b / det, ic = -c / det, id = a / det;
  const ie = -(e * ia + f * ic), iff = -(e * ib + f * id);
  const { image, pixels } = pgmImage(width, height);
  const grey = opts.denoise ? new Uint8Array(width * height) : pixels;
  const W = img.width;
  const H = img.height;
  // Image pixels per device pixel: above 1, average the pixels a device pixel covers.
  const step = Math.max(Math.hypot(ia * W, ib * H), Math.hypot(ic * W, id * H));
  const box = step > 1.5 ? Math.round(step) : 0;
  // As pdfjs paints it (getImageSmoothingEnabled): enlarged by more than 4/3, without smoothing.
  const nearest = !img.interpolate && step < 0.75;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const px = x + 0.5;
      const py = y + 0.5;
      const ux = (ia * px + ic * py + ie) * W - 0.5;
      const vy = (1 - (ib * px + id * py + iff)) * H - 0.5;
      grey[y * width + x] = box ? sampleBox(src, W, H, ux, vy, box) : nearest ? sampleNearest(src, W, H, ux, vy) : sampleBilinear(src, W, H, ux, vy);
    }
  }
  if (opts.denoise) median3(grey, width, height, pixels);
  return { image, width, height };
}

function mulTransform(m: number[], n: number[]): number[] {
  return [m[0] * n[0] + m[2] * n[1], m[1] * n[0] + m[3] * n[1], m[0] * n[2] + m[2] * n[3], m[1] * n[2] + m[3] * n[3], m[0] * n[4] + m[2] * n[5] + m[4], m[1] * n[4] + m[3] * n[5] + m[5]];
}

/** pdfjs' decoded image (ImageKind 1: 1 bit, set = white; 2: RGB; 3: RGBA) as grey bytes, as toGrey weighs them. */
function imageGrey(data: Uint8Array | Uint8ClampedArray, w: number, h: number, kind: number): Uint8Array {
  const out = new Uint8Array(w * h);
  if (kind === 1) {
    const rowBytes = (w + 7) >> 3;
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) out[y * w + x] = data[y * rowBytes + (x >> 3)] & (128 >> (x & 7)) ? 255 : 0;
  } else {
    const k = kind === 2 ? 3 : 4;
    for (let i = 0, p = 0; i < out.length; i++, p += k) out[i] = (data[p] * 77 + data[p + 1] * 150 + data[p + 2] * 29) >> 8;
    // RGBA: transparent pixels are paper.
    if (k === 4) for (let i = 0, p = 3; i < out.length; i++, p += 4) if (data[p] < 255) out[i] = 255 - (((255 - out[i]) * data[p]) >> 8);
  }
  return out;
}

function sampleNearest(src: Uint8Array, W: number, H: number, u: number, v: number): number {
  const x = Math.round(u + 1e-4);
  const y = Math.round(v + 1e-4);
  return x < 0 || y < 0 || x >= W || y >= H ? 255 : src[y * W + x];
}

function sampleBilinear(src: Uint8Array, W: number, H: number, u: number, v: number): number {
  if (u < -0.5 || v < -0.5 || u > W - 0.5 || v > H - 0.5) return 255;
  const x0 = Math.max(0, Math.min(W - 1, Math.floor(u)));
  const y0 = Math.max(0, Math.min(H - 1, Math.floor(v)));
  const x1 = Math.min(W - 1, x0 + 1);
  const y1 = Math.min(H - 1, y0 + 1);
  const fx = Math.max(0, Math.min(1, u - x0));
  const fy = Math.max(0, Math.min(1, v - y0));
  const top = src[y0 * W + x0] * (1 - fx) + src[y0 * W + x1] * fx;
  const bottom = src[y1 * W + x0] * (1 - fx) + src[y1 * W + x1] * fx;
  return (top * (1 - fy) + bottom * fy + 0.5) | 0;
}

function sampleBox(src: Uint8Array, W: number, H: number, u: number, v: number, n: number): number {
  const x0 = Math.round(u - (n - 1) / 2);
  const y0 = Math.round(v - (n - 1) / 2);
  let sum = 0;
  let count = 0;
  for (let y = y0; y < y0 + n; y++) {
    if (y < 0 || y >= H) continue;
    for (let x = x0; x < x0 + n; x++) {
      if (x < 0 || x >= W) continue;
      sum += src[y * W + x];
      count++;
    }
  }
  return count ? Math.round(sum / count) : 255;
}

/**
 * Render a page at `dpi` to an encoded image: PNG for looking at a page (and bench/run.ts's
 * fallback), JPEG for vanban serve's page images (a scan is ~10× smaller than as PNG).
 */
export async function renderPageImage(
  doc: PDFDocumentProxy,
  page: PDFPageProxy,
  dpi: number,
  format: { type: 'png' } | { type: 'jpeg'; quality: number },
): Promise<{ data: Buffer; width: number; height: number }> {
  const viewport = page.getViewport({ scale: dpi / 72 });
  const factory = (doc as any).canvasFactory;
  const entry = factory.create(Math.ceil(viewport.width), Math.ceil(viewport.height));
  try {
    entry.context.fillStyle = '#ffffff';
    entry.context.fillRect(0, 0, entry.canvas.width, entry.canvas.height);
    await page.render({ canvas: entry.canvas, canvasContext: entry.context, viewport, background: 'white' } as any).promise;
    const data = format.type === 'png' ? await entry.canvas.encode('png') : await entry.canvas.encode('jpeg', format.quality);
    return { data: Buffer.from(data), width: entry.canvas.width, height: entry.canvas.height };
  } finally {
    factory.destroy(entry);
    page.cleanup();
  }
}

/** For scripts: a file URL of pdfjs' folder (kept here so only this module knows the layout). */
export const pdfjsDir = pathToFileURL(PDFJS_DIR).href;
