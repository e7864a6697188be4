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
export async function pageGraphics(page: PDFPageProxy): Promise<{ image: PageImageInfo | null; paths: Box[] }> {
  const ops = await page.getOperatorList();
  const vp = page.getViewport({ scale: 1 });
  let best: { w: number; h: number } | null = null;
  const paths: Box[] = [];
  let ctm = [1, 0, 0, 1, 0, 0];
  const stack: number[][] = [];
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
    else if (fn === pdfjs.OPS.constructPath) {
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
  if (!best) return { image: null, paths };
  const dpi = Math.min(best.w / (vp.width / 72), best.h / (vp.height / 72));
  return { image: { widthPx: best.w, heightPx: best.h, dpi }, paths };
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

/**
 * Render a page at `dpi` to an 8-bit greyscale PGM (P5) for OCR: no compression to spend time
 * on at either end, and Leptonica reads it directly. Scans are despeckled first. The canvas is
 * read back in strips into the PGM's own buffer, so a page costs its canvas plus one or two grey
 * copies; the canvas is released before returning.
 */
export async function renderPageGrey(doc: PDFDocumentProxy, page: PDFPageProxy, dpi: number, opts: { denoise?: boolean } = {}): Promise<{ image: Buffer; width: number; height: number }> {
  const viewport = page.getViewport({ scale: dpi / 72 });
  const factory = (doc as any).canvasFactory;
  const entry = factory.create(Math.ceil(viewport.width), Math.ceil(viewport.height));
  try {
    const ctx = entry.context;
    const { width, height } = entry.canvas;
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, width, height);
    await page.render({ canvas: entry.canvas, canvasContext: ctx, viewport, background: 'white' } as any).promise;
    const { image, pixels } = pgmImage(width, height);
    const grey = opts.denoise ? new Uint8Array(width * height) : pixels;
    const rows = Math.max(1, Math.floor(STRIP_BYTES / (width * 4)));
    for (let y = 0; y < height; y += rows) {
      const n = Math.min(rows, height - y);
      toGrey(ctx.getImageData(0, y, width, n).data, width, n, grey, y * width);
    }
    if (opts.denoise) median3(grey, width, height, pixels);
    return { image, width, height };
  } finally {
    factory.destroy(entry);
    page.cleanup();
  }
}

/** Render a page at `dpi` to a PNG (for looking at a page, and for bench/run.ts's fallback). */
export async function renderPagePng(doc: PDFDocumentProxy, page: PDFPageProxy, dpi: number): Promise<{ png: Buffer; width: number; height: number }> {
  const viewport = page.getViewport({ scale: dpi / 72 });
  const factory = (doc as any).canvasFactory;
  const entry = factory.create(Math.ceil(viewport.width), Math.ceil(viewport.height));
  try {
    entry.context.fillStyle = '#ffffff';
    entry.context.fillRect(0, 0, entry.canvas.width, entry.canvas.height);
    await page.render({ canvas: entry.canvas, canvasContext: entry.context, viewport, background: 'white' } as any).promise;
    return { png: Buffer.from(await entry.canvas.encode('png')), width: entry.canvas.width, height: entry.canvas.height };
  } finally {
    factory.destroy(entry);
    page.cleanup();
  }
}


/** Render a page at `dpi` to a JPEG (vanban serve's page images: a scan is ~10× smaller than as PNG). */
export async function renderPageJpeg(doc: PDFDocumentProxy, page: PDFPageProxy, dpi: number, quality = 80): Promise<{ jpeg: Buffer; width: number; height: number }> {
  const viewport = page.getViewport({ scale: dpi / 72 });
  const factory = (doc as any).canvasFactory;
  const entry = factory.create(Math.ceil(viewport.width), Math.ceil(viewport.height));
  try {
    entry.context.fillStyle = '#ffffff';
    entry.context.fillRect(0, 0, entry.canvas.width, entry.canvas.height);
    await page.render({ canvas: entry.canvas, canvasContext: entry.context, viewport, background: 'white' } as any).promise;
    return { jpeg: Buffer.from(await entry.canvas.encode('jpeg', quality)), width: entry.canvas.width, height: entry.canvas.height };
  } finally {
    factory.destroy(entry);
    page.cleanup();
  }
}

/** For scripts: a file URL of pdfjs' folder (kept here so only this module knows the layout). */
export const pdfjsDir = pathToFileURL(PDFJS_DIR).href;
