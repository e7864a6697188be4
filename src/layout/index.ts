/**
 * Layout stage (after ocr, before normalize): the printed lines of text-layer and OCR pages
 * made into the text segmentation reads. Words and codes broken at a line end are rejoined
 * (breaks.ts). Text files (no page lines) pass through.
 *
 * Every change goes through an edit list and remapFile, so pages[].start/end, pages[].lines and
 * earlier messages still point at the same characters; each rejoined word gets a positioned
 * info message saying what was joined.
 */
import type { VbFile } from '../../schemas/document.ts';
import { offsetMap, remapFile } from '../lib/offsets.ts';
import { repairMessage } from '../lib/repairs.ts';
import { applyReplacements, findBreakJoins } from './breaks.ts';

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

export function layoutFile(file: VbFile): VbFile {
  if (!file.pages.some((p) => p.method !== 'text' && p.lines?.length)) return file;
  rejoinBreaks(file);
  return file;
}
