/**
 * Layout stage (after ocr, before normalize): the printed lines of text-layer and OCR pages
 * made into the text segmentation reads. Running headers, footers and page numbers are taken
 * out of the text into pages[].furniture (furniture.ts); words and codes broken at a line end are rejoined
 * (breaks.ts), then lines that only the printed line end broke are joined into paragraphs
 * (paragraphs.ts): their "\n" becomes a space, so no offset moves and every page line still
 * spans its printed line. Text files (no page lines) pass through.
 *
 * Every change goes through an edit list and remapFile, so pages[].start/end, pages[].lines and
 * earlier messages still point at the same characters; each rejoined word gets a positioned
 * info message saying what was joined.
 */
import type { VbFile } from '../../schemas/document.ts';
import { offsetMap, remapFile } from '../lib/offsets.ts';
import { repairMessage } from '../lib/repairs.ts';
import { applyReplacements, findBreakJoins, type Replacement } from './breaks.ts';
import { findFurniture } from './furniture.ts';
import { lineBreaks } from './paragraphs.ts';

/** Page lines of every laid-out page, in text order. */
function pageLines(file: VbFile) {
  return file.pages.flatMap((p) => (p.method === 'text' ? [] : (p.lines ?? [])));
}

export function rejoinBreaks(file: VbFile): void {
  const joins = findBreakJoins(file.text, pageLines(file));
  if (!joins.length) return;
  const { text, edits } = applyReplacements(file.text, joins.flatMap((j) => j.replace));
  const map = offsetMap(edits, text.length);
  remapFile(file, text, edits);
  for (const j of joins) {
    file.messages.push(repairMessage('layout', { rule: j.kind, start: map(j.start), end: map(j.end), before: j.before, after: j.after }, file.pages));
  }
}

const FURNITURE_NAMES = { 'page-header': 'running header', 'page-footer': 'running footer', 'page-number': 'page number' } as const;

/** Running headers, footers and page numbers moved out of the text into pages[].furniture. */
export function removeFurniture(file: VbFile): void {
  const laid = file.pages.filter((p) => p.method !== 'text' && p.lines?.length);
  const hits = findFurniture(laid.map((p) => ({ page: p.page, width: p.width, height: p.height, lines: p.lines!.map((l) => ({ text: file.text.slice(l.start, l.end), box: l.box })) })));
  if (!hits.length) return;
  const text = file.text;
  const replace: Replacement[] = [];
  const notes: { page: number; at: number; what: string[] }[] = [];
  for (const p of laid) {
    const mine = hits.filter((h) => h.page === p.page);
    if (!mine.length) continue;
    const gone = new Set(mine.map((h) => h.line));
    const mask = new Uint8Array(p.end - p.start);
    for (const i of gone) mask.fill(1, p.lines![i]!.start - p.start, p.lines![i]!.end - p.start);
    // Each removed run takes the line breaks after it (or, at the page's end, before it) along.
    const runs: [number, number][] = [];
    for (let i = 0; i < mask.length; i++) {
      if (!mask[i]) continue;
      let j = i;
      while (j < mask.length && (mask[j] || text[p.start + j] === '\n')) j++;
      let a = i;
      if (j === mask.length) while (a > 0 && text[p.start + a - 1] === '\n') a--;
      runs.push([p.start + a, p.start + j]);
      i = j;
    }
    for (const [a, b] of runs) replace.push({ start: a, end: b, with: '' });
    notes.push({ page: p.page, at: runs[0]![0], what: mine.map((h) => `${FURNITURE_NAMES[h.kind]} '${text.slice(p.lines![h.line]!.start, p.lines![h.line]!.end)}'`) });
    p.furniture = [...(p.furniture ?? []), ...mine.map((h) => ({ kind: h.kind, text: text.slice(p.lines![h.line]!.start, p.lines![h.line]!.end), box: p.lines![h.line]!.box }))];
    p.lines = p.lines!.filter((_, i) => !gone.has(i));
  }
  const { text: out, edits } = applyReplacements(text, replace);
  const map = offsetMap(edits, out.length);
  remapFile(file, out, edits);
  for (const n of notes) {
    const at = map(n.at);
    file.messages.push({ stage: 'layout', ruleId: 'page-furniture', severity: 'info', start: at, end: at, page: n.page, reason: `page ${n.page}: ${n.what.join(', ')} kept out of the body text (page furniture)` });
  }
}

/**
 * Each page's printer's line breaks made spaces (same length), and a blank line put where one
 * paragraph ends and the next begins (an edit list: offsets remapped); one info message a page.
 */
export function joinParagraphs(file: VbFile): void {
  const join: number[] = [];
  const replace: Replacement[] = [];
  for (const p of file.pages) {
    if (p.method === 'text' || !p.lines?.length) continue;
    const b = lineBreaks(file.text, p.lines);
    if (!b.join.length && !b.apart.length) continue;
    join.push(...b.join);
    for (const i of b.apart) replace.push({ start: i, end: i + 1, with: '\n\n' });
    file.messages.push({
      stage: 'layout', ruleId: 'paragraphs-joined', severity: 'info', start: p.start, end: p.end, page: p.page,
      reason: `page ${p.page}: ${b.join.length} of its ${p.lines.length} printed line breaks were only the line running out (the lines joined into paragraphs); ${b.apart.length} end a paragraph (a blank line put there)`,
    });
  }
  if (join.length) {
    // Slices, not an array of characters: a long scan's text is megabytes.
    join.sort((a, b) => a - b);
    const parts: string[] = [];
    let pos = 0;
    for (const i of join) {
      parts.push(file.text.slice(pos, i), ' ');
      pos = i + 1;
    }
    parts.push(file.text.slice(pos));
    file.text = parts.join('');
  }
  if (replace.length) {
    const { text, edits } = applyReplacements(file.text, replace);
    remapFile(file, text, edits);
  }
}

export function layoutFile(file: VbFile): VbFile {
  if (!file.pages.some((p) => p.method !== 'text' && p.lines?.length)) return file;
  removeFurniture(file);
  rejoinBreaks(file);
  joinParagraphs(file);
  return file;
}
