/**
 * Where a span of the file text is on the page: the page holding an offset, and the box of the
 * page lines a span covers there. One answer for every stage (segment places sections and table
 * rows, extract places entities, messages name their page).
 */
import type { Page } from '../../schemas/document.ts';
import type { Box } from '../../schemas/ocr.ts';

/** The page holding an offset, when pages are known. */
export function pageAt(pages: readonly Page[], offset: number): number | null {
  return pages.find((p) => p.start <= offset && offset < p.end)?.page ?? null;
}

/**
 * The box (points from the page's top-left) around the lines of `page` that [start, end)
 * overlaps — a span running onto the next page is boxed on its first — or null when that page
 * has no laid-out lines (text files) or the span covers none of them.
 */
export function boxAt(pages: readonly Page[], page: number | null, start: number, end: number): Box | null {
  const lines = page === null ? undefined : pages.find((p) => p.page === page)?.lines;
  if (!lines?.length) return null;
  let box: Box | null = null;
  const last = Math.max(end, start + 1);
  for (const l of lines) {
    if (l.end <= start || l.start >= last) continue;
    box = box ? [Math.min(box[0], l.box[0]), Math.min(box[1], l.box[1]), Math.max(box[2], l.box[2]), Math.max(box[3], l.box[3])] : [...l.box];
  }
  return box && (box.map((v) => Math.round(v * 10) / 10) as Box);
}
