/**
 * Pixel budgets: memory for a page image grows with its pixel count (an RGBA canvas is 4 bytes a
 * pixel, the OCR engine holds a few more copies), so page size alone must never decide it.
 *
 * - PAGE_PIXEL_BUDGET, 40 MP: the most a page image sent to OCR may have. The largest sheets an
 *   office scans fit at their normal resolution (A3 at 400 dpi: 31 MP; A2 at 300 dpi: 35 MP); a
 *   page rendered at the budget peaks at ≈ 160 MB of canvas plus 40–80 MB of grey copies.
 *   A larger page is rendered (or an image read) at the largest dpi that fits, with a message.
 * - IMAGE_PIXEL_LIMIT, 150 MP: the largest image file decoded at all (A0 at 300 dpi is 140 MP).
 *   Above it the file is refused up front, from its header, before any pixel is decoded.
 */
export const PAGE_PIXEL_BUDGET = 40_000_000;
export const IMAGE_PIXEL_LIMIT = 150_000_000;

/** Pixel size of a `widthIn` × `heightIn` inch page at `dpi` (as the renderer rounds it). */
export function pixelsAt(widthIn: number, heightIn: number, dpi: number): { width: number; height: number } {
  return { width: Math.ceil(widthIn * dpi), height: Math.ceil(heightIn * dpi) };
}

/** `dpi`, or the largest whole dpi (≥ 1) at which the page fits in `budget` pixels. */
export function dpiWithinBudget(widthIn: number, heightIn: number, dpi: number, budget = PAGE_PIXEL_BUDGET): number {
  const fits = (d: number) => {
    const p = pixelsAt(widthIn, heightIn, d);
    return p.width * p.height <= budget;
  };
  if (fits(dpi)) return dpi;
  let d = Math.min(Math.floor(dpi), Math.floor(Math.sqrt(budget / (widthIn * heightIn))));
  while (d > 1 && !fits(d)) d--;
  return Math.max(1, d);
}

/** Megapixels for messages: "278 MP", "1.6 MP". */
export function megapixels(pixels: number): string {
  const mp = pixels / 1e6;
  return `${mp >= 10 ? Math.round(mp) : mp.toFixed(1)} MP`;
}
