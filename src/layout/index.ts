/**
 * Layout stage (after ocr, before normalize): the printed lines of text-layer and OCR pages
 * made into the text segmentation reads. Words and codes broken at a line end are rejoined
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
import { applyReplacements, findBreakJoins } from './breaks.ts';
import { paragraphBreaks } from './paragraphs.ts';

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

/** Each page's printer's line breaks made spaces; one info message a page says how many. */
export function joinParagraphs(file: VbFile): void {
  const chars = file.text.split('');
  let changed = false;
  for (const p of file.pages) {
    if (p.method === 'text' || !p.lines?.length) continue;
    const at = paragraphBreaks(file.text, p.lines);
    if (!at.length) continue;
    for (const i of at) chars[i] = ' ';
    changed = true;
    const n = p.lines.length;
    file.messages.push({
      stage: 'layout', ruleId: 'paragraphs-joined', severity: 'info', start: p.start, end: p.end, page: p.page,
      reason: `page ${p.page}: ${at.length} of its ${n} printed line breaks were only the line running out; those lines are joined into paragraphs`,
    });
  }
  if (changed) file.text = chars.join('');
}

export function layoutFile(file: VbFile): VbFile {
  if (!file.pages.some((p) => p.method !== 'text' && p.lines?.length)) return file;
  rejoinBreaks(file);
  joinParagraphs(file);
  return file;
}
