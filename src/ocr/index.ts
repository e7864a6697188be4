/**
 * OCR stage: fills `text`, `original` and `pages` for PDFs and images. Text files pass through.
 *
 * PDFs are read page by page and decided per page: a text layer that passes the quality check
 * (quality.ts) is laid out into lines in reading order (layout.ts); a page without a usable text
 * layer is rendered near its scan's own resolution and OCR'd by the worker pool (pool.ts).
 * Pages stream: at most `jobs + 1` rendered images exist at a time, whatever the page count.
 *
 * Text: each page's lines joined by "\n", chunks (paragraphs, header blocks) separated by a
 * blank line, pages joined by PAGE_SEPARATOR = "\n\f\n" (a form feed alone on its line).
 * `pages[i].start/end` are offsets of page i's text (separator excluded); `pages[i].lines` carry
 * each line's box (PDF points, top-left origin) and OCR confidence.
 */
import { readFile } from 'node:fs/promises';
import { ENGINE_RULE_PREFIX, OCR_ENGINE_NAMES } from '../../schemas/vocabulary.ts';
import { fsPath } from '../lib/path-bytes.ts';
import type { Message, Page, VbFile } from '../../schemas/document.ts';
import type { PageLine } from '../../schemas/ocr.ts';
import { readingOrder, rowFrom, rowsFromFragments, type Fragment, type LaidLine, type Row } from './layout.ts';
import type { PDFDocumentProxy, PDFPageProxy, ScanImage } from './pdf.ts';
import { OcrInputError, PdfError } from './errors.ts';
import { closeOcr, ocrEngine, ocrJobs, recognize, setOcrEngine, setOcrJobs, type OcrEngine, type OcrPage, type OcrWord } from './pool.ts';
import { textQuality } from './quality.ts';
import { maskLines, rulesFromImage, skewOf, type Bitmap } from './rules.ts';
import { emptyCellCrops, withCellReadings } from './cells.ts';
import { pgmImage } from './preprocess.ts';
import { detectOrientation, turnUpright, type Turn } from './orient.ts';
import { pageTurn } from './page-turns.ts';
import { pngGreyScaled } from './png.ts';
import { dpiWithinBudget, megapixels, PAGE_PIXEL_BUDGET, pixelsAt } from './budget.ts';
import { extractTables, rulesFromBoxes, tableGrids, type Table } from './tables.ts';
import type { Rule } from '../../schemas/ocr.ts';
// Read-only use of the normalize stage's legacy-font decoder (one table of truth for TCVN3/VNI).
import { repairMojibakeLine } from '../normalize/mojibake.ts';

// pdfjs and the image decoders cost ~170 MB and 0.6 s to load: only files that need them pay.
let pdfLib: typeof import('./pdf.ts') | null = null;
const pdf = async () => (pdfLib ??= await import('./pdf.ts'));

export { closeOcr, setOcrJobs, ocrJobs, setOcrEngine, ocrEngine, type OcrEngine };

export const PAGE_SEPARATOR = '\n\f\n';
/** A page whose mean OCR confidence is below this gets a warning (restore looks at it). */
export const LOW_CONFIDENCE = 0.8;
/** Resolution used for pages with no embedded scan (vector pages with a broken text layer). */
export const DEFAULT_DPI = 300;
/** OCR works best with 20–40 px x-height: small scans are upsampled to this floor. */
export const MIN_OCR_DPI = 300;
export const MAX_OCR_DPI = 400;

/** One page's result before offsets are known. */
export interface PageText {
  page: number;
  method: 'textlayer' | 'ocr';
  lines: LaidLine[];
  confidence: number | null;
  width: number; // points
  height: number;
  dpi?: number;
  /** Page-level messages (why it was OCR'd, a lower resolution than usual). */
  notes?: Message[];
}

export interface OcrOptions {
  /** Force OCR on every page, ignoring text layers. */
  forceOcr?: boolean;
}

/**
 * Told as a PDF's pages are read (done of total), for progress displays. One per thread: a
 * pipeline thread processes one file at a time and sets it for that file (pipeline-worker.ts).
 */
let pageListener: ((done: number, total: number) => void) | null = null;
export function onPdfPage(listener: ((done: number, total: number) => void) | null): void {
  pageListener = listener;
}

function msg(ruleId: string, reason: string, severity: Message['severity'], page: number | null = null): Message {
  return { stage: 'ocr', ruleId, reason, severity, start: null, end: null, page };
}

export async function ocrFile(file: VbFile, opts: OcrOptions = {}): Promise<VbFile> {
  const t = file.source.mediaType;
  const isPdf = t === 'application/pdf';
  if (!isPdf && !t.startsWith('image/')) return file;
  const path = file.source.path;
  let bytes: Buffer;
  try {
    bytes = await readFile(fsPath(path));
  } catch (err: any) {
    file.messages.push(msg('unreadable', `${path}: ${err?.message ?? err}`, 'error'));
    return file;
  }
  let pages: PageText[];
  try {
    pages = isPdf ? await pdfPages(bytes, path, opts) : [await imagePage(bytes, path, t)];
  } catch (err: any) {
    if (err instanceof OcrInputError) {
      file.messages.push(msg(err.ruleId, err.message, 'error'));
      return file;
    }
    throw new Error(`${path}: ${err?.message ?? err}`);
  }
  assemble(file, pages);
  const ocrd = pages.filter((p) => p.method === 'ocr').length;
  // Which engine read the pages, kept with the file's messages (stats counts them; no column needed).
  if (ocrd) file.messages.push(msg(engineRule(ocrEngine()), `${ocrd} page${ocrd === 1 ? '' : 's'} OCR'd with ${OCR_ENGINE_NAMES[ocrEngine()]}`, 'info'));
  return file;
}

export function engineRule(engine: OcrEngine): string {
  return `${ENGINE_RULE_PREFIX}${engine}`;
}

/** Join page texts, fill offsets, pages, lines and page-level messages. */
export function assemble(file: VbFile, pages: PageText[]): void {
  let text = '';
  const out: Page[] = [];
  for (const p of pages) {
    if (out.length) text += PAGE_SEPARATOR;
    const start = text.length;
    const lines: PageLine[] = [];
    p.lines.forEach((l, i) => {
      if (i > 0) text += '\n';
      const s = text.length;
      text += l.text;
      if (l.box && l.text) lines.push({ start: s, end: text.length, box: l.box.map((v) => Math.round(v * 100) / 100) as PageLine['box'], confidence: l.confidence == null ? null : Math.round(l.confidence * 1000) / 1000 });
    });
    out.push({ page: p.page, start, end: text.length, method: p.method, confidence: p.confidence, width: p.width, height: p.height, ...(p.dpi ? { dpi: p.dpi } : {}), lines });
    if (p.notes) file.messages.push(...p.notes);
    if (p.method === 'ocr' && p.confidence != null && p.confidence < LOW_CONFIDENCE) {
      file.messages.push({ ...msg('ocr-low-confidence', `${file.source.path}: page ${p.page} OCR confidence ${(p.confidence * 100).toFixed(0)}%`, 'warning', p.page), start, end: text.length });
    }
    if (p.lines.every((l) => !l.text)) file.messages.push(msg('empty-page', `${file.source.path}: page ${p.page} has no text`, 'info', p.page));
  }
  const nfc = text.normalize('NFC');
  file.text = nfc;
  file.original = nfc;
  file.pages = out;
}

// ---- PDF ----

/** The text layer of a page as positioned fragments (points, top-left origin). */
async function textFragments(page: PDFPageProxy): Promise<Fragment[]> {
  const vp = page.getViewport({ scale: 1 });
  const content = await page.getTextContent({ includeMarkedContent: false, disableNormalization: false } as any);
  const frags: Fragment[] = [];
  for (const it of content.items as any[]) {
    if (typeof it.str !== 'string' || it.str.length === 0) continue;
    const [a, b, , , e, f] = it.transform as number[];
    const size = Math.hypot(a, b) || it.height || 1;
    const [x, y] = vp.convertToViewportPoint(e, f);
    const width = it.width ?? size * it.str.length * 0.5;
    frags.push({ text: it.str, box: [x, y - size * 0.85, x + width, y + size * 0.2] });
  }
  return frags;
}

/** The decision for one page: its text layer, or the reason it needs OCR. */
async function textLayerPage(page: PDFPageProxy, n: number, path: string): Promise<{ page: PageText | null; reason: string; hasImage: boolean; dpi: number; scan: ScanImage | null }> {
  const vp = page.getViewport({ scale: 1 });
  const { pageGraphics, imageCoverage } = await pdf();
  const [frags, graphics] = await Promise.all([textFragments(page), pageGraphics(page)]);
  const info = graphics.image;
  const coverage = imageCoverage(info, page);
  const hasImage = coverage > 0.3;
  const dpi = hasImage && info ? info.dpi : DEFAULT_DPI;
  // Ruled tables first: their cells are laid out from the grid, the rest of the page as flow.
  const { tables, rest } = extractTables(rulesFromBoxes(graphics.paths), frags);
  const lines = readingOrder(rowsFromFragments(rest), vp.width, tables);
  const raw = lines.map((l) => l.text).join('\n');
  const q = textQuality(raw);
  if (q.ok) return { page: { page: n, method: 'textlayer', lines, confidence: null, width: vp.width, height: vp.height }, reason: '', hasImage, dpi, scan: graphics.scan };
  // Old documents set in TCVN3/VNI fonts (.VnTime, VNI-Times) have text layers in those byte
  // encodings ("Céng hßa"): decoded, they are exact, and far better than OCR.
  // pdfjs' NFKC turns the micro sign (TCVN3 "à") into Greek mu; undo that before decoding.
  const repaired = lines.map((l) => ({ ...l, text: repairMojibakeLine(l.text.replace(/\u03bc/g, '\u00b5'))?.text ?? l.text }));
  const q2 = textQuality(repaired.map((l) => l.text).join('\n'));
  if (q2.ok && repaired.some((l, i) => l.text !== lines[i].text)) {
    const note = msg('textlayer-legacy-font', `${path}: page ${n}: text layer in a legacy Vietnamese font encoding, decoded`, 'info', n);
    return { page: { page: n, method: 'textlayer', lines: repaired, confidence: null, width: vp.width, height: vp.height, notes: [note] }, reason: '', hasImage, dpi, scan: graphics.scan };
  }
  if (q.words === 0 && !hasImage) {
    // A page with neither text nor a scan (a blank or drawing-only page).
    return { page: { page: n, method: 'textlayer', lines: [], confidence: null, width: vp.width, height: vp.height }, reason: '', hasImage, dpi, scan: graphics.scan };
  }
  const reason = q.words < 5 ? 'no text layer' : `text layer looks broken (${(q.wellFormed * 100).toFixed(0)}% well-formed words, ${(q.odd * 100).toFixed(1)}% odd characters)`;
  return { page: null, reason: `${path}: page ${n}: ${reason}`, hasImage, dpi, scan: graphics.scan };
}

/** A page too large for the pixel budget at its usual resolution: rendered at a lower one. */
export function pageDownscaled(path: string, n: number, widthPt: number, heightPt: number, wanted: number, dpi: number): Message {
  const full = pixelsAt(widthPt / 72, heightPt / 72, wanted);
  const got = pixelsAt(widthPt / 72, heightPt / 72, dpi);
  const inches = `${(widthPt / 72).toFixed(1)}×${(heightPt / 72).toFixed(1)} in`;
  const reason = `${path}: page ${n} is ${Math.round(widthPt)}×${Math.round(heightPt)} pt (${inches}): at ${wanted} dpi it would be ${full.width}×${full.height} px (${megapixels(full.width * full.height)}), above the ${megapixels(PAGE_PIXEL_BUDGET)} page budget; rendered at ${dpi} dpi (${got.width}×${got.height} px), small print may be lost`;
  return msg('page-downscaled', reason, 'warning', n);
}

function ocrDpi(scanDpi: number): number {
  return Math.round(Math.min(MAX_OCR_DPI, Math.max(MIN_OCR_DPI, scanDpi)));
}

/** Ruling lines found in a scanned page's image (rules.ts): deskewed rules and the skew angle. */
export interface PageRules {
  rules: Rule[];
  angle: number;
}

/**
 * OCR result (pixels) → page lines in reading order (points). With the page's ruled grids
 * (`ruled`), words are straightened by the rules' skew and those inside a grid laid out as its
 * table's rows (tables.ts); the rest, and pages without rules, as before.
 */
export function ocrLines(r: OcrPage, pageWidthPt: number, scale: number, ruled?: PageRules): LaidLine[] {
  return ocrLayout(r, pageWidthPt, scale, ruled).lines;
}

/** ocrLines, and the tables it laid out. */
export function ocrLayout(r: OcrPage, pageWidthPt: number, scale: number, ruled?: PageRules): { lines: LaidLine[]; tables: Table[] } {
  // Undo the page's skew on word boxes so rows and columns are axis-aligned for layout.
  const angle = ruled ? ruled.angle : skewAngle(r);
  const cos = Math.cos(-angle);
  const sin = Math.sin(-angle);
  const straighten = (b: [number, number, number, number]): Fragment['box'] => {
    const cx = (b[0] + b[2]) / 2;
    const cy = (b[1] + b[3]) / 2;
    const nx = cx * cos - cy * sin;
    const ny = cx * sin + cy * cos;
    const hw = (b[2] - b[0]) / 2;
    const hh = (b[3] - b[1]) / 2;
    return [(nx - hw) * scale, (ny - hh) * scale, (nx + hw) * scale, (ny + hh) * scale];
  };
  // In a table a lone "I." or "2" is a row's label, which tesseract reads with low confidence.
  const keepWord = (w: OcrWord) => !isSpeckle(w) || (ruled != null && /^([IVX]{1,4}|\d{1,3})\.?$/.test(w.text.trim()));
  const wordLines = r.lines.map((l) => l.words.filter(keepWord).map((w): Fragment => ({ text: w.text, box: straighten(w.bbox), confidence: w.confidence })));
  let tables: Table[] = [];
  let keep = (_: Fragment) => true;
  if (ruled && ruled.rules.length) {
    const words = wordLines.flat().filter((f) => !onRule(f, ruled.rules));
    const found = extractTables(ruled.rules, words, { wholeWords: true });
    tables = found.tables;
    const rest = new Set(found.rest);
    keep = (f) => rest.has(f);
  }
  const rows: Row[] = [];
  for (const l of wordLines) {
    const words = l.filter(keep);
    if (words.length) rows.push(rowFrom(words));
  }
  const inTable = new Set(tables.flatMap((t) => t.lines));
  const lines = readingOrder(rows, pageWidthPt, tables)
    .filter((l) => l.text === '' || /[\p{L}\p{N}]/u.test(l.text) || l.text.length > 2)
    .map((l) => ({ ...l, text: inTable.has(l) ? tableCellText(l.text) : l.text.replace(/\s+([,.;:!?)])/g, '$1') }));
  return { lines, tables };
}

/**
 * An OCR'd table row's text, cell by cell: no "|" or "¡" (a rule's remnant, dust), no space
 * before punctuation, and no period between a word and a lower-case one (dust beside a word
 * reads as "."; "UBND. tỉnh" is never written).
 */
export function tableCellText(row: string): string {
  return row
    .split('\t')
    .map((c) =>
      c
        // Pieces of rules and dust read as strokes: never in Vietnamese text.
        .replace(/[|¡¦]+/g, ' ')
        .replace(/ {2,}/g, ' ')
        .trim()
        .replace(/ +([,.;:!?)])/g, '$1')
        .replace(/(\p{L})\.(?= \p{Ll})/gu, '$1'),
    )
    .join('\t');
}

/**
 * A ruled page's lines, with a second look at its cells: cells with ink are read alone
 * (cells.ts); an empty cell takes what it reads, a read one the reading with the higher
 * confidence (tableCells()), and the layout is made again.
 */
async function ruledPageLines(r: OcrPage, bm: Bitmap, ruled: PageRules, pageWidthPt: number, scale: number): Promise<LaidLine[]> {
  const first = ocrLayout(r, pageWidthPt, scale, ruled);
  const all = tableCells() === 'best';
  const crops = emptyCellCrops(first.tables, bm, ruled.angle, scale, 128, all);
  if (!crops.length) return first.lines;
  const read = await Promise.all(crops.map((c) => recognize(c.image, { psm: all ? '6' : c.psm }).then((p) => shiftPage(p, c.x, c.y))));
  return ocrLines(withCellReadings(r, crops, read, ruled.angle, scale, all), pageWidthPt, scale, ruled);
}

/**
 * How a scanned table's cells are read (VANBAN_TABLE_CELLS): 'best' (default) reads every cell
 * with ink alone as well, and keeps per cell the reading with the higher confidence; 'empty'
 * reads alone only the cells the page's OCR left empty. Measured on dev/scans (task rows F1,
 * 14 scanned pages): 0.92 vs 0.81, at ~1.6× the CPU of a table page (pages without a ruled
 * table are not affected).
 */
export function tableCells(): 'empty' | 'best' {
  return process.env.VANBAN_TABLE_CELLS === 'empty' ? 'empty' : 'best';
}

/** An OCR result of a crop, in the coordinates of the page it was cut from. */
export function shiftPage(p: OcrPage, dx: number, dy: number): OcrPage {
  const mv = (b: [number, number, number, number]): [number, number, number, number] => [b[0] + dx, b[1] + dy, b[2] + dx, b[3] + dy];
  return { ...p, lines: p.lines.map((l) => ({ ...l, bbox: mv(l.bbox), baseline: l.baseline ? mv(l.baseline) : null, words: l.words.map((w) => ({ ...w, bbox: mv(w.bbox) })) })) };
}

/**
 * A "word" that is a rule read as text: thin across the rule and made of strokes ("|", "l",
 * "_", "—"). Masking removes most rules before OCR; the pieces it misses come back like this.
 */
export function onRule(f: Fragment, rules: Rule[]): boolean {
  const [x0, y0, x1, y1] = f.box;
  const t = f.text.trim();
  if (!/^[|!Il1iíìj\[\](){}_\-—–=~.,:;'"`’‘“”]+$/u.test(t)) return false;
  return rules.some((r) =>
    r.kind === 'v'
      ? x0 - 2 <= r.at && x1 + 2 >= r.at && x1 - x0 < 6 && Math.min(y1, r.to) - Math.max(y0, r.from) > 0
      : y0 - 2 <= r.at && y1 + 2 >= r.at && y1 - y0 < 6 && Math.min(x1, r.to) - Math.max(x0, r.from) > 0,
  );
}

/** Median slope (radians) of the long baselines: the scan's skew. */
export function skewAngle(r: OcrPage): number {
  const slopes: number[] = [];
  for (const l of r.lines) {
    const b = l.baseline;
    if (!b || b[2] - b[0] < r.width * 0.3) continue;
    slopes.push(Math.atan2(b[3] - b[1], b[2] - b[0]));
  }
  if (slopes.length === 0) return 0;
  slopes.sort((a, b) => a - b);
  return slopes[Math.floor(slopes.length / 2)];
}

/**
 * Dust, stamps' edges and specks come out of tesseract as short low-confidence "words" made of
 * punctuation or stray letters; real words of that shape have high confidence.
 */
export function isSpeckle(w: { text: string; confidence: number }): boolean {
  const t = w.text.trim();
  if (!t) return true;
  const alnum = (t.match(/[\p{L}\p{N}]/gu) ?? []).length;
  if (w.confidence >= 0.75) return false;
  if (alnum === 0) return w.confidence < 0.6 || t.length > 2;
  return t.length <= 2 && w.confidence < 0.5;
}

/**
 * The ruled table grids of a page image, their rules whitened in place (OCR reads rules as
 * "|" and "_", and they cut its text lines apart); null when the page has none, and then the
 * image is untouched.
 */
export function ruledGrids(bm: Bitmap, scale: number): PageRules | null {
  const found = rulesFromImage(bm, scale);
  const grids = tableGrids(found.rules);
  if (!grids.length) return null;
  const ids = grids.flat();
  maskLines(bm, ids.map((i) => found.lines[i]));
  // The skew of the grids' own rules (stray pieces elsewhere say less).
  return { rules: ids.map((i) => found.rules[i]), angle: skewOf(ids.map((i) => found.lines[i])) };
}

/**
 * A page image the right way up: a landscape page scanned as portrait, or a sheet fed upside
 * down, is turned back (orient.ts, from the pixels: ~50 ms a page) into a new PGM; an upright
 * one is returned as it is. `turn` is how the image lay (degrees clockwise).
 */
export function upright(image: Buffer, bm: Bitmap, dpi: number): { image: Buffer; bm: Bitmap; turn: Turn } {
  const { turn } = detectOrientation(bm, dpi);
  if (turn === 0) return { image, bm, turn };
  const w = turn === 180 ? bm.width : bm.height;
  const h = turn === 180 ? bm.height : bm.width;
  const out = pgmImage(w, h);
  return { image: out.image, bm: turnUpright(bm, turn, out.pixels), turn };
}

/** The info message of a page read turned back. */
function turnedNote(path: string, n: number, turn: Turn): Message {
  const how = turn === 180 ? 'upside down' : `turned ${turn}° clockwise (a landscape page scanned as portrait)`;
  return msg('page-turned', `${path}: page ${n} lies ${how}; read turned back`, 'info', n);
}

async function pdfPages(bytes: Buffer, path: string, opts: OcrOptions): Promise<PageText[]> {
  const { openPdf } = await pdf();
  const doc: PDFDocumentProxy = await openPdf(bytes, path);
  const results: Promise<PageText>[] = [];
  const inFlight = new Set<Promise<unknown>>();
  const listener = pageListener;
  let read = 0;
  const pageRead = () => listener?.(++read, doc.numPages);
  try {
    listener?.(0, doc.numPages);
    for (let n = 1; n <= doc.numPages; n++) {
      let page: PDFPageProxy;
      try {
        page = await doc.getPage(n);
      } catch (err: any) {
        throw new PdfError('pdf-corrupt', `${path}: page ${n} cannot be read (${err?.message ?? err})`);
      }
      const decision = await textLayerPage(page, n, path);
      if (decision.page && !opts.forceOcr) {
        page.cleanup();
        results.push(Promise.resolve(decision.page));
        pageRead();
        continue;
      }
      // Back-pressure: never more rendered pages waiting than the pool can take next.
      while (inFlight.size > ocrJobs()) await Promise.race(inFlight);
      // The page is prepared in this thread's turn (page-turns.ts): its memory peak is not stacked on another thread's.
      const release = await pageTurn();
      let prepared: PreparedPage;
      try {
        prepared = await preparePage(doc, page, n, path, decision);
      } finally {
        release();
      }
      const { image, bm, pw, ph, dpi, ruled, notes } = prepared;
      const job = recognize(image).then(
        async (r): Promise<PageText> => ({ page: n, method: 'ocr', lines: ruled ? await ruledPageLines(r, bm, ruled, pw, 72 / dpi) : ocrLines(r, pw, 72 / dpi), confidence: r.confidence, width: pw, height: ph, dpi, notes }),
      );
      // Settles either way (a failed page surfaces from Promise.all below, not as an unhandled rejection).
      const tracked: Promise<void> = job.then(
        () => void inFlight.delete(tracked),
        () => void inFlight.delete(tracked),
      );
      inFlight.add(tracked);
      results.push(job);
      job.then(pageRead, () => {});
      // Swallow here; the error surfaces from Promise.all below.
      job.catch(() => {});
    }
    return await Promise.all(results);
  } finally {
    await doc.destroy();
  }
}

/** A page going to OCR, prepared in its thread's turn. */
interface PreparedPage {
  image: Buffer;
  bm: Bitmap;
  turn: Turn;
  /** Page size in points, the right way up. */
  pw: number;
  ph: number;
  dpi: number;
  ruled: PageRules | null;
  notes: Message[];
}

/** A page going to OCR: its grey image the right way up, its rules found and whitened, its notes. */
async function preparePage(doc: PDFDocumentProxy, page: PDFPageProxy, n: number, path: string, decision: Awaited<ReturnType<typeof textLayerPage>>): Promise<PreparedPage> {
  const { renderPageGrey, scanPageGrey } = await pdf();
  const vp = page.getViewport({ scale: 1 });
  const wanted = ocrDpi(decision.dpi);
  const dpi = dpiWithinBudget(vp.width / 72, vp.height / 72, wanted);
  // A page that is one scanned image is sampled to grey straight from it; others are rendered.
  const direct = decision.scan && decision.hasImage ? scanPageGrey(page, decision.scan, dpi, { denoise: true }) : null;
  if (direct) page.cleanup();
  const rendered = direct ?? (await renderPageGrey(doc, page, dpi, { denoise: decision.hasImage }));
  const notes: Message[] = [];
  if (decision.reason) notes.push(msg('ocr-page', decision.reason + ' → OCR', 'info', n));
  if (dpi < wanted) notes.push(pageDownscaled(path, n, vp.width, vp.height, wanted, dpi));
  const grey: Bitmap = { data: rendered.image.subarray(rendered.image.length - rendered.width * rendered.height), width: rendered.width, height: rendered.height };
  // Only a scan can lie the wrong way: a vector page is drawn the way its /Rotate shows it.
  const { image, bm, turn } = decision.hasImage ? upright(rendered.image, grey, dpi) : { image: rendered.image, bm: grey, turn: 0 as Turn };
  if (turn) notes.push(turnedNote(path, n, turn));
  // Boxes are in points of the page as read, the right way up.
  const [pw, ph] = turn === 90 || turn === 270 ? [vp.height, vp.width] : [vp.width, vp.height];
  return { image, bm, turn, pw, ph, dpi, ruled: ruledGrids(bm, 72 / dpi), notes };
}

// ---- images ----

async function imagePage(bytes: Buffer, path: string, mediaType: string): Promise<PageText> {
  const { decodeImage } = await import('./image.ts');
  const release = await pageTurn();
  let img: import('./image.ts').ImageForOcr;
  let page: ReturnType<typeof upright> | null;
  let ruled: PageRules | null;
  try {
    img = await decodeImage(bytes, mediaType, path);
    const pixels = await imagePixels(img, bytes, mediaType);
    page = pixels ? upright(pixels.image, pixels.bm, img.dpi) : null;
    ruled = page ? ruledGrids(page.bm, 72 / img.dpi) : null;
  } finally {
    release();
  }
  const scale = 72 / img.dpi;
  const notes: Message[] = [];
  if (page?.turn) notes.push(turnedNote(path, 1, page.turn));
  const sideways = page?.turn === 90 || page?.turn === 270;
  // With a ruled table or a turned page the grey image goes to OCR; otherwise the file's bytes, as before.
  const r = await recognize((ruled || page?.turn) && page ? page.image : img.png);
  const width = (sideways ? img.height : img.width) * scale;
  const height = (sideways ? img.width : img.height) * scale;
  const dpi = Math.round(img.dpi * 100) / 100;
  if (img.scaledFrom) {
    const s = img.scaledFrom;
    const reason = `${path}: the image is ${s.width}×${s.height} px (${megapixels(s.width * s.height)}, ${s.dpi} dpi), above the ${megapixels(PAGE_PIXEL_BUDGET)} page budget; read at ${img.width}×${img.height} px (${Math.round(img.dpi)} dpi), small print may be lost`;
    notes.push(msg('image-downscaled', reason, 'warning', 1));
  }
  const lines = ruled && page ? await ruledPageLines(r, page.bm, ruled, width, scale) : ocrLines(r, width, scale);
  return { page: 1, method: 'ocr', lines, confidence: r.confidence, width, height, dpi, notes };
}

/**
 * Grey pixels of an image page, to look for ruled tables: the PGM already made for a large
 * image, else PNG and JPEG decoded here in JavaScript (a corrupt file throws, and is left to
 * the engine, which fails it as before). Null for other formats.
 */
async function imagePixels(img: import('./image.ts').ImageForOcr, bytes: Buffer, mediaType: string): Promise<{ image: Buffer; bm: Bitmap } | null> {
  const n = img.width * img.height;
  if (img.scaledFrom) return { image: img.png, bm: { data: img.png.subarray(img.png.length - n), width: img.width, height: img.height } };
  if (mediaType !== 'image/png' && mediaType !== 'image/jpeg') return null;
  const { image, pixels } = pgmImage(img.width, img.height);
  try {
    if (mediaType === 'image/png') await pngGreyScaled(bytes, img.width, img.height, pixels);
    else await (await import('./image.ts')).jpegGreyScaled(bytes, img.width, img.height, pixels);
  } catch {
    return null;
  }
  return { image, bm: { data: pixels, width: img.width, height: img.height } };
}
