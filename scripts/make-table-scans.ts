/**
 * Dev documents the way offices make them: the plan tables of seeds 000 and 003 typeset as ruled
 * tables across several pages (header row repeated on every page, group rows merged across all
 * columns, cells wrapping), printed to PDF, then rasterised and "scanned" at 200 and 300 dpi
 * (skew within ±1°, blur, grain, specks, JPEG) and wrapped in PDFs again, as a scanner does.
 *
 *   node --import tsx scripts/make-table-scans.ts      → dev/scans/*.pdf, and the tests' small
 *                                                      page fixtures/pdf/s003-ruled-scan200.pdf
 *   ONLY=t003 … / ONLY=test …                          one document / the tests' page only
 *
 * The gold (dev/scans/gold.json: lead agencies and due date of every task row) was written by
 * reading the tables, not from this script or the program. Deterministic: fixed dates, seeded
 * noise. Needs pdfkit (devDependency), pdfjs-dist and @napi-rs/canvas, DejaVu fonts (the
 * /usr/local/bin/convert here is a stand-in, not ImageMagick: canvas writes the JPEGs).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import PDFDocument from 'pdfkit';
import { finish } from './pdf-fixtures/pdfkit.ts';
import { plain } from './pdf-fixtures/compose.ts';
import { openPdf } from '../src/ocr/pdf.ts';
import { scanPages as scanLook, type ScannedPage } from './pdf-fixtures/scan.ts';

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
const OUT = join(ROOT, 'dev/scans');
const FONTS = '/usr/share/fonts/truetype/dejavu';
const FIXED_DATE = new Date(Date.UTC(2024, 0, 1));

interface Row {
  cells: string[];
  /** A group heading ("I. Nhiệm vụ chung"): one cell across all columns. */
  group: boolean;
}

/**
 * The first plan table of a seed: its caption (the lines just above), header and logical rows.
 * In the seeds a row cut by a page break goes on in a row with an empty first cell, and the
 * header is repeated on each source page: both are undone here, the typesetting redoes them.
 */
export function seedPlanTable(seed: string): { caption: string[]; header: string[]; rows: Row[] } {
  const lines = seed.split('\n');
  const first = lines.findIndex((l) => l.includes('\t'));
  const caption = lines
    .slice(Math.max(0, first - 6), first)
    .map((l) => plain(l))
    .filter((l) => l && !l.startsWith('-'));
  const header = lines[first].split('\t').map(plain);
  const rows: Row[] = [];
  for (let i = first + 1; i < lines.length; i++) {
    const l = lines[i];
    if (/^#/.test(l)) break;
    if (!l.trim()) continue;
    if (!l.includes('\t')) {
      // A line between two parts of the table (seed 003's "II.2. …"): a group heading.
      if (/^[IVX]+(\.\d+)*\./.test(l.trim())) rows.push({ cells: [plain(l)], group: true });
      else if (rows.length) break;
      continue;
    }
    const cells = l.split('\t').map(plain);
    if (cells.every((c) => /^-*$/.test(c))) continue;
    if (cells[0] === header[0]) continue; // a repeated header
    const filled = cells.filter(Boolean).length;
    const prevRow = rows[rows.length - 1];
    // A group heading's wrapped line sits in the first cell alone (seed 000's "vụ công quốc gia").
    if (prevRow?.group && filled === 1 && cells[0] && !/^([IVX]+(\.\d+)*\.?|\d+\.?)(\s|$)/.test(cells[0])) {
      prevRow.cells[0] = `${prevRow.cells[0]} ${cells[0]}`;
      continue;
    }
    if (!cells[0] && rows.length) {
      // Continuation of the row above, cell by cell (a group heading's second line joins its text).
      const prev = rows[rows.length - 1];
      if (prev.group) prev.cells[0] = `${prev.cells[0]} ${cells.filter(Boolean).join(' ')}`;
      else cells.forEach((c, k) => c && (prev.cells[k] = prev.cells[k] ? `${prev.cells[k]} ${c}` : c));
      continue;
    }
    if (/^[IVX]+(\.\d+)*\.?$/.test(cells[0]) || (filled === 1 && /^[IVX]+(\.\d+)*\./.test(cells[0]))) {
      const title = cells.slice(1).filter(Boolean).join(' ');
      rows.push({ cells: [title ? `${cells[0].replace(/\.$/, '')}. ${title}` : cells[0]], group: true });
      continue;
    }
    while (cells.length < header.length) cells.push('');
    rows.push({ cells: cells.slice(0, header.length), group: false });
  }
  return { caption, header, rows };
}

interface Style {
  font: string;
  bold: string;
  size: number;
  landscape: boolean;
  /** A page of this size (points) instead of A4: a crop for the tests. */
  page?: [number, number];
  /** Column widths as shares of the table width. */
  widths: number[];
  margin: number;
  /**
   * A landscape table on portrait sheets turned by the page's /Rotate (90 or 270, page by page,
   * cycled), as a landscape appendix of a portrait plan is stored: the content is drawn turned.
   */
  rotate?: number[];
  /** A row that does not fit is split at a line, its rest continued under the next page's header (Word's default). */
  splitRows?: boolean;
}


const PDF_INFO = { CreationDate: FIXED_DATE, ModDate: FIXED_DATE, Producer: 'vanban dev scans', Creator: 'vanban dev scans' };

/** The page and the table's columns of a style, in points; a row's cells are padded by `pad`. */
function geometry(s: Style) {
  const pageW = s.page?.[0] ?? (s.landscape ? 841.89 : 595.28);
  const pageH = s.page?.[1] ?? (s.landscape ? 595.28 : 841.89);
  const tableW = pageW - 2 * s.margin;
  const widths = s.widths.map((w) => (w / s.widths.reduce((a, b) => a + b, 0)) * tableW);
  return { pageW, pageH, tableW, widths, pad: 4, bottom: pageH - s.margin };
}

/** The table typeset across as many pages as it needs; a row that does not fit starts a new page, or is split (`splitRows`). */
async function typeset(t: ReturnType<typeof seedPlanTable>, s: Style): Promise<{ pdf: Buffer; pages: number; splits: number }> {
  if (s.splitRows || s.rotate) return typesetLines(t, s);
  const size = s.page ?? 'A4';
  const doc = new PDFDocument({ size, layout: s.landscape ? 'landscape' : 'portrait', autoFirstPage: false, margin: s.margin, info: PDF_INFO } as any);
  const { tableW, widths, pad, bottom } = geometry(s);
  let pages = 0;
  let y = 0;
  const cellHeight = (text: string, w: number, font: string) => doc.font(font).fontSize(s.size).heightOfString(text, { width: w - 2 * pad });
  const drawRow = (cells: string[], font: string, span: boolean) => {
    const ws = span ? [tableW] : widths;
    const h = Math.max(...cells.map((c, i) => cellHeight(c, ws[i], font))) + 2 * pad;
    let x = s.margin;
    cells.forEach((c, i) => {
      doc.rect(x, y, ws[i], h).lineWidth(0.6).stroke();
      if (c) doc.font(font).fontSize(s.size).text(c, x + pad, y + pad, { width: ws[i] - 2 * pad, align: !span && (i === 0 || font === s.bold) ? 'center' : 'left' });
      x += ws[i];
    });
    y += h;
  };
  const rowHeight = (r: Row) => (r.group ? cellHeight(r.cells[0], tableW, s.bold) : Math.max(...r.cells.map((c, i) => cellHeight(c, widths[i], s.font)))) + 2 * pad;
  const newPage = () => {
    doc.addPage({ size, layout: s.landscape ? 'landscape' : 'portrait', margin: s.margin });
    pages++;
    y = s.margin;
    if (pages === 1) {
      for (const c of t.caption) {
        doc.font(s.bold).fontSize(s.size + 1.5).text(c, s.margin, y, { width: tableW, align: 'center' });
        y = doc.y + 4;
      }
      y += 8;
    }
    drawRow(t.header, s.bold, false);
  };
  newPage();
  for (const r of t.rows) {
    if (y + rowHeight(r) > bottom) newPage();
    drawRow(r.cells, r.group ? s.bold : s.font, r.group);
  }
  return { pdf: await finish(doc), pages, splits: 0 };
}

/**
 * The table set line by line (each cell's text wrapped here, each line drawn alone), so a row
 * can be cut between two lines at a page break; on turned sheets when `rotate` is given.
 */
async function typesetLines(t: ReturnType<typeof seedPlanTable>, s: Style): Promise<{ pdf: Buffer; pages: number; splits: number }> {
  const size = s.page ?? 'A4';
  const doc = new PDFDocument({ size, autoFirstPage: false, margin: s.margin, info: PDF_INFO } as any);
  const turned = s.rotate != null;
  const { pageW, tableW, widths, pad, bottom } = geometry(s);
  let pages = 0;
  let splits = 0;
  let y = 0;
  const lineH = (font: string) => doc.font(font).fontSize(s.size).currentLineHeight(true);
  /** Greedy wrap at spaces, as a word processor does. */
  const wrap = (text: string, w: number, font: string, size = s.size): string[] => {
    if (!text) return [];
    doc.font(font).fontSize(size);
    const out: string[] = [];
    let line = '';
    for (const word of text.split(/\s+/)) {
      const next = line ? `${line} ${word}` : word;
      if (line && doc.widthOfString(next) > w - 2 * pad) {
        out.push(line);
        line = word;
      } else line = next;
    }
    if (line) out.push(line);
    return out;
  };
  const drawCells = (cells: string[][], font: string, ws: number[], centred: (i: number) => boolean) => {
    const lh = lineH(font);
    const h = Math.max(1, ...cells.map((c) => c.length)) * lh + 2 * pad;
    let x = s.margin;
    cells.forEach((lines, i) => {
      doc.rect(x, y, ws[i], h).lineWidth(0.6).stroke();
      doc.font(font).fontSize(s.size);
      lines.forEach((l, k) => {
        const dx = centred(i) ? (ws[i] - 2 * pad - doc.widthOfString(l)) / 2 : 0;
        doc.text(l, x + pad + dx, y + pad + k * lh, { lineBreak: false });
      });
      x += ws[i];
    });
    y += h;
  };
  const header = () => drawCells(t.header.map((c, i) => wrap(c, widths[i], s.bold)), s.bold, widths, () => true);
  const newPage = () => {
    doc.addPage({ size, layout: s.landscape && !turned ? 'landscape' : 'portrait', margin: s.margin });
    if (turned) {
      // Landscape content on a portrait sheet: drawn turned so that the page's /Rotate shows it upright.
      const r = s.rotate![pages % s.rotate!.length];
      (doc.page as any).dictionary.data.Rotate = r;
      if (r === 90) doc.transform(0, -1, 1, 0, 0, 841.89);
      else doc.transform(0, 1, -1, 0, 595.28, 0);
    }
    pages++;
    y = s.margin;
    if (pages === 1) {
      for (const c of t.caption) {
        const lines = wrap(c, tableW, s.bold, s.size + 1.5);
        doc.font(s.bold).fontSize(s.size + 1.5);
        for (const l of lines) {
          doc.text(l, s.margin + (tableW - doc.widthOfString(l)) / 2, y, { lineBreak: false });
          y += doc.currentLineHeight(true) + 2;
        }
      }
      y += 8;
    }
    header();
  };
  newPage();
  for (const r of t.rows) {
    const font = r.group ? s.bold : s.font;
    const ws = r.group ? [tableW] : widths;
    let cells = r.cells.map((c, i) => wrap(c, ws[i], font));
    const centred = (i: number) => !r.group && i === 0;
    const lh = lineH(font);
    const need = (cs: string[][]) => Math.max(1, ...cs.map((c) => c.length)) * lh + 2 * pad;
    if (y + need(cells) > bottom) {
      const fit = Math.floor((bottom - y - 2 * pad) / lh);
      if (s.splitRows && !r.group && fit >= 2) {
        // The first lines of every cell here, the rest under the next page's header.
        drawCells(cells.map((c) => c.slice(0, fit)), font, ws, centred);
        cells = cells.map((c) => c.slice(fit));
        splits++;
      }
      newPage();
    }
    drawCells(cells, font, ws, centred);
  }
  return { pdf: await finish(doc), pages, splits };
}

interface Degrade {
  dpi: number;
  skewDeg: number[]; // per page, cycled
  blurPx: number;
  noiseSigma: number;
  specks: number;
  quality: number;
  seed: number;
  /** Quarter turns of each sheet in the scanner (scan.ts). */
  turnDeg?: number[];
}

/** Render every page and make it look scanned; a PDF of the JPEG pages, as a scanner writes it. */
async function scan(pdf: Buffer, d: Degrade): Promise<Buffer> {
  const pages = await scanPages(pdf, d);
  const out = new PDFDocument({ autoFirstPage: false, margin: 0, info: { CreationDate: FIXED_DATE, ModDate: FIXED_DATE, Producer: 'vanban dev scans', Creator: 'vanban dev scans' } } as any);
  for (const p of pages) {
    out.addPage({ size: [p.width, p.height], margin: 0 });
    out.image(p.jpeg, 0, 0, { width: p.width, height: p.height });
  }
  return finish(out);
}

/** Every page rendered and made to look scanned (the toner fades in streaks here): JPEG bytes and the page size in points. */
async function scanPages(pdf: Buffer, d: Degrade): Promise<ScannedPage[]> {
  return scanLook(pdf, { ...d, paper: { gain: 0.93, lift: 8 }, speckDark: 40, fadeStreaks: 6 }, 'typeset');
}

const DOCS: { name: string; seed: string; style: Style; turn?: [number[], number[]] }[] = [
  {
    name: 't000',
    seed: '000_6b0889c3ebd00c42.txt',
    style: { font: join(FONTS, 'DejaVuSerif.ttf'), bold: join(FONTS, 'DejaVuSerif-Bold.ttf'), size: 9.5, landscape: true, widths: [4, 24, 9, 9, 16, 16, 22], margin: 36 },
  },
  {
    name: 't003',
    seed: '003_5da961df0b57dbee.txt',
    style: { font: join(FONTS, 'DejaVuSansCondensed.ttf'), bold: join(FONTS, 'DejaVuSansCondensed-Bold.ttf'), size: 8.5, landscape: false, widths: [5, 33, 15, 17, 18, 12], margin: 40 },
  },
  {
    // The landscape appendix: seed 003's table on portrait sheets turned by /Rotate 90 and 270,
    // rows split by the page breaks; scanned as the sheets lie, sideways, and one fed upside down.
    name: 'a003',
    seed: '003_5da961df0b57dbee.txt',
    style: { font: join(FONTS, 'DejaVuSans.ttf'), bold: join(FONTS, 'DejaVuSans-Bold.ttf'), size: 9, landscape: true, widths: [4, 36, 15, 16, 17, 12], margin: 46, rotate: [90, 90, 270], splitRows: true },
    turn: [[270, 180, 90], [90, 270, 180]],
  },
];

/**
 * The tests' page (fixtures/pdf/s003-ruled-scan200.pdf, and as a JPEG s003-ruled-200.jpg): the
 * start of seed 003's table on a small page, one 200-dpi scan skewed by 0.8° (−0.9°), so a test
 * OCRs one small image.
 */
async function testCrop(): Promise<void> {
  const t = seedPlanTable(readFileSync(join(ROOT, 'fixtures', DOCS[1].seed), 'utf8'));
  const rows = t.rows.slice(0, 4);
  const short = { caption: [], header: t.header, rows: rows.map((r) => ({ ...r, cells: r.cells.map((c) => (c.length > 90 ? c.slice(0, c.lastIndexOf(' ', 90)) : c)) })) };
  const style = { ...DOCS[1].style, size: 9, page: [560, 330] as [number, number], margin: 14 };
  const { pdf } = await typeset(short, style);
  const degrade = { dpi: 200, skewDeg: [0.8], blurPx: 0.5, noiseSigma: 5, specks: 0.0003, quality: 35, seed: 5 };
  const bytes = await scan(pdf, degrade);
  writeFileSync(join(ROOT, 'fixtures/pdf/s003-ruled-scan200.pdf'), bytes);
  console.log(`s003-ruled-scan200.pdf ${(bytes.length / 1024).toFixed(0)} KiB, ${short.rows.length} rows`);
  // Two small pages with a row cut by the page break, scanned: the tests join it.
  const split = await typeset({ caption: [], header: t.header, rows: t.rows.slice(1, 3) }, { ...style, page: [560, 220], splitRows: true });
  if (split.splits !== 1) throw new Error(`the split test pages have ${split.splits} split rows`);
  const splitScan = await scan(split.pdf, { ...degrade, skewDeg: [0.5, -0.7], seed: 8 });
  writeFileSync(join(ROOT, 'fixtures/pdf/s003-split-scan200.pdf'), splitScan);
  writeFileSync(join(ROOT, 'fixtures/pdf/s003-split.pdf'), split.pdf);
  console.log(`s003-split-scan200.pdf, s003-split.pdf: ${split.pages} pages, ${(splitScan.length / 1024).toFixed(0)} KiB`);
  // The same page scanned as a landscape sheet fed portrait: the tests read it turned back.
  const turned = await scan(pdf, { ...degrade, skewDeg: [-0.6], seed: 7, turnDeg: [90] });
  writeFileSync(join(ROOT, 'fixtures/pdf/s003-ruled-turned200.pdf'), turned);
  console.log(`s003-ruled-turned200.pdf ${(turned.length / 1024).toFixed(0)} KiB`);
  // The same page as an image file, skewed the other way (image input finds its rules too).
  const [jpg] = await scanPages(pdf, { ...degrade, skewDeg: [-0.9], seed: 6 });
  writeFileSync(join(ROOT, 'fixtures/pdf/s003-ruled-200.jpg'), withDpi(jpg.jpeg, degrade.dpi));
  console.log(`s003-ruled-200.jpg ${(jpg.jpeg.length / 1024).toFixed(0)} KiB`);
}

/** A JPEG whose JFIF header says its resolution, as a scanner writes it (canvas writes none). */
function withDpi(jpeg: Buffer, dpi: number): Buffer {
  const out = Buffer.from(jpeg);
  if (out.toString('latin1', 6, 11) === 'JFIF\0') {
    out[13] = 1; // dots per inch
    out.writeUInt16BE(dpi, 14);
    out.writeUInt16BE(dpi, 16);
  }
  return out;
}

async function main(): Promise<void> {
  if (process.env.ONLY === 'test') return testCrop();
  mkdirSync(OUT, { recursive: true });
  const only = process.env.ONLY?.split(',');
  if (!only) await testCrop();
  for (const [k, d] of DOCS.entries()) {
    if (only && !only.includes(d.name)) continue;
    const table = seedPlanTable(readFileSync(join(ROOT, 'fixtures', d.seed), 'utf8'));
    const { pdf, pages, splits } = await typeset(table, d.style);
    const files: [string, Buffer][] = [[`${d.name}-digital.pdf`, pdf]];
    files.push([`${d.name}-scan200.pdf`, await scan(pdf, { dpi: 200, skewDeg: [0.9, -0.6, 1.0, -1.0, 0.3], blurPx: 0.5, noiseSigma: 5, specks: 0.0003, quality: 30, seed: 11 + k, ...(d.turn ? { turnDeg: d.turn[0] } : {}) })]);
    files.push([`${d.name}-scan300.pdf`, await scan(pdf, { dpi: 300, skewDeg: [-0.8, 0.5, -1.0, 0.7, 1.0], blurPx: 0.6, noiseSigma: 4, specks: 0.0003, quality: 25, seed: 21 + k, ...(d.turn ? { turnDeg: d.turn[1] } : {}) })]);
    for (const [name, bytes] of files) {
      writeFileSync(join(OUT, name), bytes);
      console.log(`${name.padEnd(22)} ${String(pages).padStart(2)} pages ${(bytes.length / 1024).toFixed(0).padStart(6)} KiB  ${table.rows.length} rows${splits ? `, ${splits} split by a page break` : ''}`);
    }
  }
}

await main();
