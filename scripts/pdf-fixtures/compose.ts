/**
 * Seed text → what a fixture page shows: the header laid out the way Vietnamese official
 * documents set it (issuing body left, quốc hiệu right; số left, place-and-date right), then
 * the body paragraphs. Markdown and HTML marks are dropped: a printed page has none.
 * Pure; the PDF writer (make-pdf-fixtures.ts) does the drawing.
 */

export interface HeaderBand {
  left: string[];
  right: string[];
}

export interface Paragraph {
  lines: string[]; // forced line breaks inside the paragraph (a title over two lines)
  align: 'center' | 'justify' | 'left';
  bold: boolean;
  italic: boolean;
}

export interface Composition {
  bands: HeaderBand[];
  /** V/v lines under the số, left column only. */
  subject: string[];
  paragraphs: Paragraph[];
}

const QUOC_HIEU = /^CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM/i;
const MOTTO = /^Độc lập\s*[-–]\s*Tự do\s*[-–]\s*Hạnh phúc/i;
const SO = /^Số\s*:/;
const PLACE_DATE = /^[^\n]{0,40},?\s*ngày\s+\S+\s+tháng\s+\S+\s+năm\s+\d{4}\s*$/;

/** Remove markdown emphasis/headings and inline HTML, keep the words. */
export function plain(line: string): string {
  return line
    .replace(/<[^>]+>/g, ' ')
    .replace(/^#{1,6}\s+/, '')
    .replace(/\*\*|__/g, '')
    .replace(/(^|\s)\*([^*\n]+)\*(?=\s|$|[.,;:])/g, '$1$2')
    .replace(/[ \t]+/g, ' ')
    .trim();
}

function isTitle(s: string): boolean {
  const letters = s.replace(/[^\p{L}]/gu, '');
  return letters.length >= 4 && letters === letters.toUpperCase() && s.length < 90;
}

export function compose(seed: string): Composition {
  const blocks = seed
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((b) => b.split('\n').filter((l) => !l.includes('\t')).map(plain).filter((l) => l.length > 0))
    .filter((b) => b.length > 0);

  const bands: HeaderBand[] = [];
  const subject: string[] = [];
  let i = 0;
  // Issuer lines (before the quốc hiệu) and the quốc hiệu + motto form the first band.
  const qh = blocks.findIndex((b) => QUOC_HIEU.test(b[0]));
  if (qh >= 0 && qh <= 2) {
    const left = blocks.slice(0, qh).flat();
    const right = [...blocks[qh]];
    i = qh + 1;
    if (i < blocks.length && MOTTO.test(blocks[i][0]) && right.length === 1) right.push(...blocks[i++]);
    bands.push({ left, right });
  }
  // Số (left) and place-and-date (right) form the second band.
  const band2: HeaderBand = { left: [], right: [] };
  for (let k = 0; k < 2 && i < blocks.length; k++) {
    const b = blocks[i];
    if (b.length === 1 && SO.test(b[0]) && band2.left.length === 0) band2.left.push(b[0]), i++;
    else if (b.length === 1 && PLACE_DATE.test(b[0]) && band2.right.length === 0) band2.right.push(b[0]), i++;
  }
  if (band2.left.length || band2.right.length) bands.push(band2);
  if (i < blocks.length && /^V\/v\b/.test(blocks[i][0])) subject.push(...blocks[i++]);

  const paragraphs: Paragraph[] = [];
  for (; i < blocks.length; i++) {
    const b = blocks[i];
    const title = b.every(isTitle) || (b.length <= 3 && isTitle(b[0]));
    const short = b.every((l) => l.length < 60);
    paragraphs.push({
      lines: b.length > 1 && (title || short) ? b : [b.join(' ')],
      align: title ? 'center' : short && b.length > 1 ? 'left' : 'justify',
      bold: title,
      italic: false,
    });
  }
  return { bands, subject, paragraphs };
}

/**
 * What a fixture page says, in the reading order the OCR stage promises: each header band's
 * left column, then its right column; then the body. One line per paragraph line (wrapping is
 * the renderer's business; comparisons collapse whitespace).
 */
export function bandText(band: HeaderBand): string[] {
  return [...band.left, ...band.right];
}

/**
 * Text with the look of a broken glyph map: what text layers of some PDFs give when the
 * font's ToUnicode table is wrong (letters with diacritics become symbols or other letters).
 */
export function garble(text: string): string {
  const map: Record<string, string> = { ệ: 'B', ố: '#', ư: 'ü', ơ: '¬', ạ: '¹', ả: '¶', ộ: 'é', ờ: '\uE010', ì: '×', đ: '®', ủ: '§', ấ: '\uFFFD', ế: 'Õ', ị: '\uE00A' };
  return text.replace(/[ệốươạảộờìđủấếị]/g, (c) => map[c] ?? c);
}
