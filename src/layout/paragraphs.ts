/**
 * Printed lines joined into paragraphs (pure): which line breaks of a page are only where the
 * printed line ran out, so that a sentence, a citation or a deadline and its target are read
 * on one line by segmentation and extraction.
 *
 * A break is kept (a new paragraph or block starts) unless the next line plainly goes on:
 * - never across a table row (tabs), a heading in capitals, the Decree-30 header and signature
 *   lines (số, place and date, quốc hiệu, tiêu ngữ, V/v, Kính gửi, Nơi nhận, KT./TM.), nor
 *   before a line opening with a marker (Phần, Chương, Mục, Điều, I., 1., a), -, +) or a
 *   preamble (Căn cứ, Thực hiện …) — segmentation starts its sections there;
 * - a next line in lower case goes on from a line that does not end a sentence;
 * - otherwise, where lines have boxes: the line is full (the next line's first word would not
 *   have fitted after it), the next line is not indented more (a first-line indent), not further
 *   down than the page's normal leading, not of another size, and the line ends no sentence.
 */
import { isUpper, plain } from '../segment/lines.ts';
import { marker } from '../segment/body.ts';
import { AUTHORITY, ENACTMENT, KINH_GUI, NOI_NHAN, PLACE_DATE, PREAMBLE, QUOC_HIEU, SO_START, TIEU_NGU, typeTitle, VV } from '../segment/patterns.ts';

export type Box = [number, number, number, number];

export interface BoxedLine {
  start: number;
  end: number;
  box: Box | null;
}

const height = (b: Box) => b[3] - b[1];

function median(xs: number[]): number {
  if (!xs.length) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function quantile(xs: number[], q: number): number {
  if (!xs.length) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
}

/** A sentence (or list item, or heading) ends here: . : ; ! ? maybe inside a closing quote or bracket. */
const ENDS_SENTENCE = /[.:;!?…]["”’)\]*]*$/u;

/** Lines of the header, signature and headings: their breaks are the layout's, not the printer's. */
export function isBlockLine(t: string): boolean {
  return (
    isUpper(t) ||
    SO_START.test(t) ||
    PLACE_DATE.test(t) ||
    QUOC_HIEU.test(t) ||
    TIEU_NGU.test(t) ||
    VV.test(t) ||
    KINH_GUI.test(t) ||
    NOI_NHAN.test(t) ||
    AUTHORITY.test(t) ||
    ENACTMENT.test(t) ||
    typeTitle(t) !== null ||
    /^[-–—_=.]{3,}$/u.test(t)
  );
}

/** A line that opens a section or a preamble item of its own. */
export function opensItem(t: string, raw: string): boolean {
  return marker(t, raw) !== null || PREAMBLE.test(t);
}

interface PageStats {
  lineHeight: number;
  leading: number;
  right: number;
}

function pageStats(lines: { box: Box; text: string }[]): PageStats {
  const lineHeight = median(lines.map((l) => height(l.box))) || 1;
  const gaps: number[] = [];
  for (let i = 1; i < lines.length; i++) {
    const g = lines[i]!.box[1] - lines[i - 1]!.box[3];
    if (g > -0.5 * lineHeight && g < 2 * lineHeight) gaps.push(g);
  }
  // The body's right edge: where most long lines end (justified text ends all its lines there).
  const ends = lines.filter((l) => l.text.length > 30).map((l) => l.box[2]);
  // Capped: on a page of few lines the median gap may be the paragraph gap itself.
  return { lineHeight, leading: Math.min(Math.max(0, median(gaps)), 0.8 * lineHeight), right: ends.length ? quantile(ends, 0.9) : Math.max(...lines.map((l) => l.box[2])) };
}

/** Mean advance of one character of a line (its box width over its length). */
const charWidth = (l: { box: Box; text: string }) => (l.box[2] - l.box[0]) / Math.max(1, l.text.length);

/**
 * Offsets of the "\n"s between lines of one page that are only the printer's line breaks.
 * `lines` are the page's lines in text order; lines not one "\n" apart are never joined.
 */
export function paragraphBreaks(text: string, lines: readonly BoxedLine[]): number[] {
  return lineBreaks(text, lines).join;
}

/**
 * The page's line breaks sorted two ways: `join`, the printer's (made spaces), and `apart`, where
 * one paragraph ends and the next begins at the normal leading (a blank line goes there, as the
 * seeds write paragraphs, so segmentation does not read two paragraphs as one, nor a trích yếu
 * running on into the first căn cứ).
 */
export function lineBreaks(text: string, lines: readonly BoxedLine[]): { join: number[]; apart: number[] } {
  const ls = [...lines].sort((a, b) => a.start - b.start).map((l) => ({ ...l, raw: text.slice(l.start, l.end), text: plain(text.slice(l.start, l.end)) }));
  const boxed = ls.filter((l): l is typeof l & { box: Box } => l.box !== null && !l.raw.includes('\t'));
  const stats = boxed.length ? pageStats(boxed) : null;
  const out: number[] = [];
  const apart: number[] = [];
  for (let i = 0; i + 1 < ls.length; i++) {
    const a = ls[i]!;
    const b = ls[i + 1]!;
    if (b.start !== a.end + 1 || text[a.end] !== '\n') continue;
    if (!a.text || !b.text || a.raw.includes('\t') || b.raw.includes('\t')) continue;
    if (isBlockLine(a.text) || isBlockLine(b.text)) continue;
    const ends = ENDS_SENTENCE.test(a.text);
    const lower = /^[\p{Ll}]/u.test(b.text);
    const sameBlock = !!(a.box && b.box && stats) && b.box[1] >= a.box[1] + 0.5 * stats.lineHeight && b.box[1] - a.box[3] <= stats.leading + 0.4 * stats.lineHeight;
    if (opensItem(b.text, b.raw)) {
      // A preamble line after the trích yếu or another căn cứ starts a paragraph of its own.
      if (sameBlock && PREAMBLE.test(b.text) && !marker(b.text, b.raw)) apart.push(a.end);
      continue;
    }
    if (ends && !lower) {
      if (sameBlock && /^[\p{Lu}]/u.test(b.text)) apart.push(a.end);
      continue;
    }
    if (!a.box || !b.box || !stats) {
      if (lower && !ends) out.push(a.end);
      continue;
    }
    const { lineHeight, leading, right } = stats;
    // Below the line, at the normal leading, in the same size.
    if (b.box[1] < a.box[1] + 0.5 * lineHeight) continue;
    if (b.box[1] - a.box[3] > leading + 0.4 * lineHeight) continue;
    if (Math.abs(height(a.box) - height(b.box)) > 0.3 * Math.max(height(a.box), height(b.box))) continue;
    if (lower && !ends) {
      out.push(a.end);
      continue;
    }
    // A capital or a digit goes on only after a full line, from the left edge.
    const cw = charWidth(b as typeof b & { box: Box });
    const firstWord = /^\S+/u.exec(b.text)![0].length + 1;
    const full = right - a.box[2] < firstWord * cw;
    const indented = b.box[0] > a.box[0] + 1.5 * cw;
    if (full && !indented) out.push(a.end);
  }
  return { join: out, apart };
}
