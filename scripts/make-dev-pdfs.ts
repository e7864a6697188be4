/**
 * Writes dev/pdf/: born-digital plan PDFs set the way offices set them, for the layout stage
 * (issue 19, paragraphs): justified paragraphs with a first-line indent and no space between
 * them, codes broken at their hyphen at a line end ("35/TTr-" ⏎ "STTTT"), a word hyphenated
 * with a soft hyphen, a deadline on the line above its target, dash items that wrap, a page
 * number at the top of every page after the first and a running footer on every page. Next to
 * each PDF a .txt holds the same document as text, one paragraph a line (the reference the
 * PDF's extraction is compared with, scripts/pdf-vs-text.ts).
 *
 *   node --import tsx scripts/make-dev-pdfs.ts
 *
 * Source format (dev/pdf/NAME.src): a line is a paragraph; "⏎" inside it forces the printed
 * line to end there (where the word or code breaks); "@h " a bold heading, "@c " a centred bold
 * line, "@header", "@sign" the two-column blocks (left | right, "|" between), "@footer TEXT" the
 * running footer, "@head TEXT" a running header from page 2, "@set family=sans size=13 leading=18
 * indent=0 after=6 pagenum=bottom" how the document is set. Needs pdfkit (devDependency) and DejaVu Serif (Debian fonts-dejavu-core).
 *
 * Each PDF is also scanned (`NAME-scan200.pdf`: rendered at 200 dpi, skewed 0.6°, grain, JPEG),
 * so the OCR path meets the same paragraphs with its own line boxes.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import PDFDocument from 'pdfkit';
import { finish } from './pdf-fixtures/pdfkit.ts';
import { ROOT } from '../src/lib/root.ts';
import { scanPages } from './pdf-fixtures/scan.ts';

const DIR = join(ROOT, 'dev/pdf');
const FONTS = '/usr/share/fonts/truetype/dejavu';
/** How a document is set; `@set key=value …` in a .src changes it (fonts and sizes vary by office). */
const S = { family: 'serif', size: 12, leading: 16.5, indent: 28, after: 0, pagenum: 'top' };
const FACES = {
  serif: { Regular: 'DejaVuSerif.ttf', Bold: 'DejaVuSerif-Bold.ttf', Italic: 'DejaVuSerif-Italic.ttf' },
  sans: { Regular: 'DejaVuSans.ttf', Bold: 'DejaVuSans-Bold.ttf', Italic: 'DejaVuSans-Oblique.ttf' },
} as const;
const font = (f: 'Regular' | 'Bold' | 'Italic') => join(FONTS, FACES[S.family as keyof typeof FACES][f]);
const FIXED_DATE = new Date(Date.UTC(2024, 0, 1));
const A4 = { w: 595.28, h: 841.89 };
const M = { top: 62, bottom: 70, left: 85, right: 57 };


/**
 * Greedy wrap to `width`. A word written "X⏎Y" may break between X and Y (a code at its
 * hyphen, a soft hyphen); `split` counts how many of them broke there.
 */
function wrapAt(doc: PDFKit.PDFDocument, para: string, width: number, indent: number): { lines: string[][]; split: number } {
  const out: string[][] = [];
  let cur: string[] = [];
  let split = 0;
  const room = () => width - (out.length === 0 ? indent : 0);
  const fits = (w: string) => doc.widthOfString([...cur, w].join(' ')) <= room();
  for (const word of para.split(' ').filter(Boolean)) {
    const [a, b] = word.split('⏎');
    const whole = word.replace('⏎', '');
    if (!cur.length || fits(whole)) {
      if (b !== undefined && cur.length && !fits(whole)) {
        out.push(cur);
        cur = [];
      }
      cur.push(whole);
      continue;
    }
    if (b !== undefined && fits(a!)) {
      // A soft hyphen is printed as a hyphen where the line breaks (as word processors do).
      cur.push(a!.replace(/\u00ad$/, '-'));
      out.push(cur);
      cur = [b];
      split++;
      continue;
    }
    out.push(cur);
    cur = [whole];
  }
  out.push(cur);
  return { lines: out, split };
}

/** The widest wrap (down to 90 % of `width`) that breaks every "X⏎Y" word at its mark. */
function wrap(doc: PDFKit.PDFDocument, para: string, width: number, indent: number): string[][] {
  const marks = (para.match(/⏎/g) ?? []).length;
  for (let w = width; w >= width * 0.9; w -= 0.25) {
    const r = wrapAt(doc, para, w, indent);
    if (r.split === marks) return r.lines;
  }
  // Say where the marked word falls, so the text before it can be made to put it at a line end.
  const at = wrapAt(doc, para, width, indent).lines.find((l) => l.some((w) => para.includes(w) && /[-\u00ad]/.test(w) && para.includes(w.replace(/[-\u00ad].*/, ''))));
  console.warn(`no wrap breaks every mark of: ${para.slice(0, 60)} (line: ${at?.join(' ')})`);
  return wrapAt(doc, para, width, indent).lines;
}

async function make(name: string): Promise<void> {
  const src = readFileSync(join(DIR, `${name}.src`), 'utf8').split('\n').filter((l) => l.trim() && !l.startsWith('#'));
  const doc = new PDFDocument({ size: 'A4', autoFirstPage: false, margins: { top: 0, bottom: 0, left: 0, right: 0 }, info: { CreationDate: FIXED_DATE, ModDate: FIXED_DATE, Producer: 'vanban dev', Creator: 'vanban dev' } } as any);
  Object.assign(S, { family: 'serif', size: 12, leading: 16.5, indent: 28, after: 0, pagenum: 'top' });
  for (const l of src.filter((l) => l.startsWith('@set '))) {
    for (const kv of l.slice(5).split(/\s+/)) {
      const [k, v] = kv.split('=') as [keyof typeof S, string];
      (S as any)[k] = typeof S[k] === 'number' ? Number(v) : v;
    }
  }
  const footer = src.find((l) => l.startsWith('@footer '))?.slice(8) ?? null;
  const head = src.find((l) => l.startsWith('@head '))?.slice(6) ?? null;
  const width = A4.w - M.left - M.right;
  let page = 0;
  let y = 0;
  const newPage = () => {
    doc.addPage();
    page++;
    y = M.top;
    if (page > 1) {
      doc.font(font('Regular')).fontSize(S.pagenum === 'top' ? S.size : 10);
      if (S.pagenum === 'top') doc.text(String(page), 0, 30, { width: A4.w, align: 'center', lineBreak: false });
      else doc.text(`- ${page} -`, 0, A4.h - 40, { width: A4.w, align: 'center', lineBreak: false });
    }
    if (head && page > 1) {
      doc.font(font('Italic')).fontSize(8.5);
      doc.text(head, M.left, 42, { width, align: 'left', lineBreak: false });
    }
    if (footer) {
      doc.font(font('Italic')).fontSize(9);
      doc.text(footer, M.left, A4.h - 45, { width, align: 'right', lineBreak: false });
    }
  };
  const room = (h: number) => {
    if (y + h > A4.h - M.bottom) newPage();
  };
  // The text version as the seeds are written: a paragraph a line, blocks apart by a blank line.
  const text: string[] = [];
  newPage();
  for (const line of src) {
    if (line.startsWith('@footer ') || line.startsWith('@head ') || line.startsWith('@set ')) continue;
    if (line.startsWith('@header ') || line.startsWith('@sign ')) {
      // Two columns: the issuing body | the quốc hiệu (or Nơi nhận | signature), centred each.
      const [left, right] = line.replace(/^@\w+ /, '').split('|').map((s) => s.split(';;').map((x) => x.trim()).filter(Boolean));
      const sign = line.startsWith('@sign ');
      const cols = sign ? [{ x: M.left - 20, w: 250 }, { x: 320, w: 240 }] : [{ x: 40, w: 230 }, { x: 265, w: 310 }];
      if (sign) y += 24;
      const y0 = y;
      let bottom = y;
      const band: string[] = [];
      for (const [c, lines] of [left ?? [], right ?? []].entries()) {
        let yy = y0;
        for (const [k, l] of lines.entries()) {
          const italic = l.startsWith('_');
          const t = l.replace(/^_/, '');
          const bold = !italic && (t === t.toUpperCase() || (!sign && c === 1 && k === 1));
          doc.font(font(italic ? 'Italic' : bold ? 'Bold' : 'Regular')).fontSize(sign && c === 0 ? 10 : S.size);
          const align = sign && c === 0 ? 'left' : 'center';
          doc.text(t, cols[c]!.x, yy, { width: cols[c]!.w, align, lineBreak: false });
          yy += sign && c === 0 ? 13 : S.leading;
          if (t.trim()) band.push(t);
        }
        bottom = Math.max(bottom, yy);
      }
      text.push(band.join('\n'));
      y = bottom + (sign ? 0 : 10);
      continue;
    }
    if (line.startsWith('@c ') || line.startsWith('@h ')) {
      const t = line.slice(3);
      doc.font(font('Bold')).fontSize(S.size);
      const centred = line.startsWith('@c ');
      const lines = wrap(doc, t, width - (centred ? 60 : 0), centred ? 0 : S.indent);
      room(lines.length * S.leading);
      doc.font(font('Bold')).fontSize(S.size);
      for (const [k, ws] of lines.entries()) {
        doc.text(ws.join(' '), centred ? M.left : M.left + (k === 0 ? S.indent : 0), y, { width: centred ? width : width - S.indent, align: centred ? 'center' : 'left', lineBreak: false });
        y += S.leading;
      }
      if (centred) y += 4;
      text.push(t.replace(/⏎/g, ''));
      continue;
    }
    // A justified paragraph with a first-line indent, no space after it.
    doc.font(font('Regular')).fontSize(S.size);
    const lines = wrap(doc, line, width, S.indent);
    for (const [k, ws] of lines.entries()) {
      room(S.leading);
      doc.font(font('Regular')).fontSize(S.size); // a new page drew its number and footer in theirs
      const x = M.left + (k === 0 ? S.indent : 0);
      const w = width - (k === 0 ? S.indent : 0);
      const s = ws.join(' ');
      const last = k === lines.length - 1;
      const natural = doc.widthOfString(s);
      if (!last && natural < 0.8 * w) console.warn(`${name}: short forced line "${s}" (${Math.round((100 * natural) / w)}% of the width)`);
      const spacing = !last && ws.length > 1 ? (w - natural) / (ws.length - 1) : 0;
      doc.text(s, x, y, { lineBreak: false, wordSpacing: spacing });
      y += S.leading;
    }
    y += S.after;
    text.push(line.replace(/\u00ad⏎/g, ' ').replace(/⏎/g, ''));
  }
  const pdf = await finish(doc);
  writeFileSync(join(DIR, `${name}.pdf`), pdf);
  writeFileSync(join(DIR, `${name}-scan200.pdf`), await scanned(pdf, { dpi: 200, skewDeg: 0.6, noise: 6, quality: 60, seed: 19 }));
  writeFileSync(join(DIR, `${name}.txt`), text.join('\n\n') + '\n');
  console.log(`${name}: ${page} pages`);
}

/** The PDF as a scan: each page rendered, turned a little, grey with grain, as JPEG, one image a page. */
async function scanned(pdf: Buffer, d: { dpi: number; skewDeg: number; noise: number; quality: number; seed: number }): Promise<Buffer> {
  const pages = await scanPages(pdf, { dpi: d.dpi, skewDeg: d.skewDeg, noiseSigma: d.noise, quality: d.quality, seed: d.seed }, 'dev');
  const out = new PDFDocument({ size: 'A4', autoFirstPage: false, margins: { top: 0, bottom: 0, left: 0, right: 0 }, info: { CreationDate: FIXED_DATE, ModDate: FIXED_DATE, Producer: 'vanban dev', Creator: 'vanban dev' } } as any);
  for (const p of pages) {
    out.addPage();
    out.image(p.jpeg, 0, 0, { width: A4.w, height: A4.h });
  }
  return finish(out);
}

for (const f of readdirSync(DIR).filter((f) => f.endsWith('.src')).sort()) await make(f.replace(/\.src$/, ''));
if (!existsSync(DIR)) console.error(`no ${DIR}`);
