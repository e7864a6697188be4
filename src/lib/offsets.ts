/**
 * Offsets that stay true when a stage rewrites the text. A stage that replaces spans of
 * `file.text` describes what it did as an edit list (old span → new span, in order, not
 * overlapping); `remapFile` moves every offset the file already carries (pages, their lines,
 * messages, restored tokens) through the same monotone map. Used by normalize and restore.
 */
import type { VbFile } from '../../schemas/document.ts';

/** One replaced span: [oldStart, oldEnd) of the old text became [newStart, newEnd) of the new. */
export interface Edit {
  oldStart: number;
  oldEnd: number;
  newStart: number;
  newEnd: number;
}

/**
 * The monotone map old offset → new offset for sorted, non-overlapping edits: exact at edit
 * boundaries, clamped inside an edit whose length changed, shifted between edits, never past
 * the next edit's start nor past `newLength`.
 */
export function offsetMap(edits: readonly Edit[], newLength: number): (offset: number) => number {
  return (offset) => {
    let lo = 0;
    let hi = edits.length - 1;
    let at = -1; // last edit starting at or before offset
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (edits[mid]!.oldStart <= offset) {
        at = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    let out: number;
    if (at < 0) out = Math.min(offset, edits[0]?.newStart ?? offset);
    else {
      const e = edits[at]!;
      const next = edits[at + 1];
      if (offset < e.oldEnd) out = e.newStart + Math.min(offset - e.oldStart, e.newEnd - e.newStart);
      else out = Math.min(e.newEnd + (offset - e.oldEnd), next ? next.newStart : Infinity);
    }
    return Math.max(0, Math.min(out, newLength));
  };
}

/** Move the offsets a file carries from its old text to `text` (which it then holds). */
export function remapFile(file: VbFile, text: string, edits: readonly Edit[]): void {
  const map = offsetMap(edits, text.length);
  for (const p of file.pages) {
    p.start = map(p.start);
    p.end = map(p.end);
    for (const l of p.lines ?? []) {
      l.start = map(l.start);
      l.end = map(l.end);
    }
  }
  for (const m of file.messages) {
    if (m.start !== null) m.start = map(m.start);
    if (m.end !== null) m.end = map(m.end);
  }
  file.text = text;
}
