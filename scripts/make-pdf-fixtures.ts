/**
 * Writes fixtures/pdf/: born-digital PDFs of the first pages of some seed documents, scans of
 * them (300 dpi lightly degraded, 150 dpi skewed/blurred/noisy), a mixed PDF, a PDF whose text
 * layer is garbled, a ruled table page, a page image, and broken PDFs for the error paths. Next to each PDF a .txt
 * holds the text that was drawn, pages joined by "\n\f\n": the reference for CER tests.
 *
 *   node --import tsx scripts/make-pdf-fixtures.ts
 *
 * Needs (script only, not CI nor run time): pdfkit (devDependency) and a Times-metric font
 * with Vietnamese (Debian fonts-liberation2; DejaVu Serif as fallback). Output is
 * deterministic: fixed dates and a seeded noise generator.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import PDFDocument from 'pdfkit';
import { finish } from './pdf-fixtures/pdfkit.ts';
import { compose, bandText, garble, type Composition } from './pdf-fixtures/compose.ts';
import { openPdf } from '../src/ocr/pdf.ts';
import { drawTable, seedTable } from './pdf-fixtures/table.ts';
import { scanPages as scan } from './pdf-fixtures/scan.ts';

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
const OUT = join(ROOT, 'fixtures/pdf');
const PAGE_JOIN = '\n\f\n';

const FONT_DIRS = ['/usr/share/fonts/truetype/liberation2', '/usr/share/fonts/truetype/liberation'];
function font(style: 'Regular' | 'Bold' | 'Italic'): string {
  for (const d of FONT_DIRS) {
    const p = join(d, `LiberationSerif-${style}.ttf`);
    if (existsSync(p)) return p;
  }
  const dv = { Regular: 'DejaVuSerif.ttf', Bold: 'DejaVuSerif-Bold.ttf', Italic: 'DejaVuSerif-Italic.ttf' }[style];
  return join('/usr/share/fonts/truetype/dejavu', dv);
}

const FIXED_DATE = new Date(Date.UTC(2024, 0, 1));
const A4 = { w: 595.28, h: 841.89 };
const MARGIN = { top: 57, bottom: 57, left: 85, right: 57 };

function newDoc(opts: Record<string, unknown> = {}): PDFKit.PDFDocument {
  return new PDFDocument({
    size: 'A4',
    autoFirstPage: false,
    margins: MARGIN,
    info: { CreationDate: FIXED_DATE, ModDate: FIXED_DATE, Producer: 'vanban fixtures', Creator: 'vanban fixtures' },
    ...opts,
  } as any);
}


/** Draw the composition on at most `maxPages` pages; returns the drawn text per page. */
function drawText(doc: PDFKit.PDFDocument, c: Composition, maxPages: number, textOverride?: (s: string) => string): string[][] {
  const pages: string[][] = [[]];
  const t = textOverride ?? ((s: string) => s);
  doc.addPage();
  const bottom = A4.h - MARGIN.bottom;
  const leftCol = { x: 45, w: 235 };
  const rightCol = { x: 270, w: 300 };
  let y = MARGIN.top;
  for (const band of c.bands) {
    let yl = y;
    let yr = y;
    const bold = band === c.bands[0];
    for (const line of band.left) {
      doc.font(font(bold ? 'Bold' : 'Regular')).fontSize(12.5);
      doc.text(t(line), leftCol.x, yl, { width: leftCol.w, align: 'center' });
      yl = doc.y;
    }
    for (const [k, line] of band.right.entries()) {
      doc.font(font(bold ? 'Bold' : 'Italic')).fontSize(bold && k === 0 ? 12.5 : 13);
      doc.text(t(line), rightCol.x, yr, { width: rightCol.w, align: 'center' });
      yr = doc.y;
    }
    pages[0].push(...bandText(band));
    y = Math.max(yl, yr) + 10;
  }
  if (c.subject.length) {
    doc.font(font('Regular')).fontSize(12);
    for (const line of c.subject) {
      doc.text(t(line), leftCol.x, y, { width: leftCol.w, align: 'center' });
      y = doc.y;
    }
    pages[0].push(...c.subject);
    y += 12;
  }
  const width = A4.w - MARGIN.left - MARGIN.right;
  for (const p of c.paragraphs) {
    doc.font(font(p.bold ? 'Bold' : p.italic ? 'Italic' : 'Regular')).fontSize(13);
    const opts = { width, align: p.align, indent: p.align === 'justify' ? 28 : 0, lineGap: 2 } as const;
    const h = p.lines.reduce((s, l) => s + doc.heightOfString(t(l), opts), 0);
    if (y + h > bottom) {
      if (pages.length >= maxPages) break;
      doc.addPage();
      pages.push([]);
      y = MARGIN.top;
    }
    for (const l of p.lines) {
      doc.text(t(l), MARGIN.left, y, opts);
      y = doc.y;
    }
    pages[pages.length - 1].push(...p.lines);
    y += 7;
  }
  return pages;
}

// ---- scans ----

interface Degrade {
  dpi: number;
  skewDeg: number;
  blurPx: number;
  noiseSigma: number; // gaussian grey noise, 0..255 scale
  specks: number; // share of pixels flipped to dark/light
  quality: number; // JPEG quality 0..100
  seed: number;
}

export const CLEAN_300: Omit<Degrade, 'seed'> = { dpi: 300, skewDeg: 0.35, blurPx: 0.5, noiseSigma: 3, specks: 0.0002, quality: 50 };
export const NOISY_150: Omit<Degrade, 'seed'> = { dpi: 150, skewDeg: -1.1, blurPx: 0.6, noiseSigma: 14, specks: 0.002, quality: 55 };

/** Render each page of a born-digital PDF and make it look scanned; returns JPEG bytes per page. */
async function scanPages(pdf: Buffer, d: Degrade, pageNumbers?: number[]): Promise<Buffer[]> {
  return (await scan(pdf, d, 'fixture', pageNumbers)).map((p) => p.jpeg);
}

/** A PDF with each JPEG as a full A4 page; optionally an invisible text layer per page. */
async function imagesToPdf(jpegs: Buffer[], hiddenText?: (doc: PDFKit.PDFDocument, page: number) => void): Promise<Buffer> {
  const doc = newDoc({ margins: { top: 0, bottom: 0, left: 0, right: 0 } });
  jpegs.forEach((j, i) => {
    doc.addPage();
    doc.image(j, 0, 0, { width: A4.w, height: A4.h });
    if (hiddenText) hiddenText(doc, i);
  });
  return finish(doc);
}

// ---- the fixture set ----

interface Spec {
  name: string; // s000 …
  seed: string; // file in fixtures/
  pages: number;
}

const SPECS: Spec[] = [
  { name: 's000', seed: '000_6b0889c3ebd00c42.txt', pages: 2 },
  { name: 's001', seed: '001_3ab4f0c448453941.txt', pages: 2 },
  { name: 's004', seed: '004_da93ac0c70dab7a2.txt', pages: 1 },
];

function pageText(pages: string[][]): string {
  return pages.map((p) => p.join('\n')).join(PAGE_JOIN) + '\n';
}

function write(name: string, bytes: Buffer | string): void {
  writeFileSync(join(OUT, name), bytes);
  const size = typeof bytes === 'string' ? Buffer.byteLength(bytes) : bytes.length;
  console.log(`${name.padEnd(28)} ${(size / 1024).toFixed(1).padStart(8)} KiB`);
}

/** The smallest valid PDF with an empty page tree. */
function zeroPagePdf(): Buffer {
  const objs = ['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [] /Count 0 >>'];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objs.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) body += `${String(off).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/** A landscape page with the first rows of seed 000's plan table, ruled, cells wrapping. */
async function tableFixture(): Promise<void> {
  const rows = seedTable(readFileSync(join(ROOT, 'fixtures', SPECS[0].seed), 'utf8'), 5);
  const doc = newDoc();
  doc.addPage({ size: 'A4', layout: 'landscape', margins: { top: 40, bottom: 40, left: 40, right: 40 } });
  const lines = drawTable(doc, { caption: '3. Nội dung hoạt động truyền thông', rows, widths: [30, 190, 75, 75, 130, 130, 130] }, font('Regular'), font('Bold'), 40, 40);
  write('s000-table.pdf', await finish(doc));
  write('s000-table.txt', lines.join('\n') + '\n');
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  mkdirSync(join(OUT, '../broken'), { recursive: true });
  // FIXTURES=table rewrites only the table fixture (the scans take a while and are unchanged).
  await tableFixture();
  if (process.env.FIXTURES === 'table') return;
  let seedNo = 1;
  for (const spec of SPECS) {
    const c = compose(readFileSync(join(ROOT, 'fixtures', spec.seed), 'utf8'));
    const doc = newDoc();
    const pages = drawText(doc, c, spec.pages);
    const pdf = await finish(doc);
    write(`${spec.name}-text.pdf`, pdf);
    write(`${spec.name}.txt`, pageText(pages));
    const clean = await scanPages(pdf, { ...CLEAN_300, seed: seedNo++ });
    write(`${spec.name}-scan300.pdf`, await imagesToPdf(clean));
    const noisy = await scanPages(pdf, { ...NOISY_150, seed: seedNo++ });
    write(`${spec.name}-scan150.pdf`, await imagesToPdf(noisy));

    if (spec.name === 's001') {
      // Mixed: page 1 born-digital, page 2 scanned.
      const mixed = newDoc();
      drawText(mixed, { ...c }, 1);
      mixed.addPage({ margins: { top: 0, bottom: 0, left: 0, right: 0 } });
      mixed.image(clean[1], 0, 0, { width: A4.w, height: A4.h });
      write('s001-mixed.pdf', await finish(mixed));
      // A page image on its own, as a camera or flatbed would give it.
      write('s001-p1-150.jpg', noisy[0]);
    }
    if (spec.name === 's004') {
      // A scan with a text layer from a broken glyph map (invisible, as OCR layers are).
      const garbled = await imagesToPdf(clean, (d) => {
        d.save();
        d.fillOpacity(0);
        drawTextOnCurrentPage(d, c);
        d.restore();
      });
      write('s004-garbled.pdf', garbled);
    }
    if (spec.name === 's000') {
      const enc = newDoc({ userPassword: 'vanban', ownerPassword: 'vanban-owner', pdfVersion: '1.7' });
      drawText(enc, c, 1);
      write('../broken/encrypted.pdf', await finish(enc));
      write('../broken/truncated.pdf', pdf.subarray(0, Math.floor(pdf.length * 0.3)));
    }
  }
  write('../broken/zero-pages.pdf', zeroPagePdf());
}

/** Draw the same words again on the current page, garbled, in the same places. */
function drawTextOnCurrentPage(doc: PDFKit.PDFDocument, c: Composition): void {
  const saved = doc.addPage;
  // drawText starts with addPage(); on an image page we want to draw on the current one.
  (doc as any).addPage = () => doc;
  try {
    drawText(doc, c, 1, garble);
  } finally {
    (doc as any).addPage = saved;
  }
}

await main();
