/**
 * A ruled plan table (the shape of the seeds' "Nội dung hoạt động" tables) drawn with pdfkit:
 * cells wrap inside their column, grid lines around every cell. Returns the text drawn, one
 * line per row with cells joined by tabs, the way the ocr stage rebuilds tables.
 */
import { plain } from './compose.ts';

export interface TableSpec {
  caption: string;
  rows: string[][]; // first row is the header
  widths: number[]; // points per column
}

/** Rows of the first TSV table in a seed: header and rows that start with a label. */
export function seedTable(seed: string, maxRows: number): string[][] {
  const rows = seed
    .split('\n')
    .filter((l) => l.includes('\t'))
    .map((l) => l.split('\t').map((c) => plain(c)));
  const width = rows[0].length;
  return rows.filter((r) => r[0] !== '' && r.length === width).slice(0, maxRows);
}

export function drawTable(doc: PDFKit.PDFDocument, spec: TableSpec, font: string, bold: string, x0: number, y0: number): string[] {
  const pad = 4;
  const size = 10.5;
  let y = y0;
  doc.font(bold).fontSize(12).text(spec.caption, x0, y);
  y = doc.y + 8;
  const lines = [spec.caption];
  spec.rows.forEach((row, ri) => {
    doc.font(ri === 0 ? bold : font).fontSize(size);
    const heights = row.map((c, i) => doc.heightOfString(c, { width: spec.widths[i] - 2 * pad }));
    const h = Math.max(...heights) + 2 * pad;
    let x = x0;
    row.forEach((c, i) => {
      doc.rect(x, y, spec.widths[i], h).lineWidth(0.6).stroke();
      if (c) doc.text(c, x + pad, y + pad, { width: spec.widths[i] - 2 * pad, align: i === 0 ? 'center' : 'left' });
      x += spec.widths[i];
    });
    y += h;
    lines.push(row.join('\t'));
  });
  return lines;
}
