/**
 * Shapes the ocr stage adds to a page: its lines with boxes and confidences, so later stages
 * (restore above all) can find the low-confidence lines and point back into the page image.
 */
import { z } from 'zod';

/** x0, y0, x1, y1 in PDF points from the page's top-left corner (image pixels × 72/dpi). */
export const Box = z.tuple([z.number(), z.number(), z.number(), z.number()]);
export type Box = z.infer<typeof Box>;

/** One physical line (or table row) of a page, as the ocr stage laid it out. */
export const PageLine = z.object({
  start: z.number().int(), // offsets into VbFile.text (before normalisation remaps them)
  end: z.number().int(),
  box: Box,
  confidence: z.number().nullable(), // OCR confidence 0..1; null for text-layer lines
});
export type PageLine = z.infer<typeof PageLine>;

export const FurnitureKind = z.enum(['page-header', 'page-footer', 'page-number']);
export type FurnitureKind = z.infer<typeof FurnitureKind>;

/**
 * A line of page furniture (a running header or footer, a page number): kept out of the body
 * text by the layout stage, kept here with its text and box.
 */
export const PageFurniture = z.object({
  kind: FurnitureKind,
  text: z.string(),
  box: Box,
});
export type PageFurniture = z.infer<typeof PageFurniture>;

/**
 * A ruling line of a table: from the page's drawing operators (born-digital) or found in the
 * page image (scans). 'h': y = `at`, x from..to; 'v': x = `at`, y from..to (page points,
 * top-left origin; on a scan, in the frame the page's skew was undone in).
 */
export const Rule = z.object({
  kind: z.enum(['h', 'v']),
  at: z.number(),
  from: z.number(),
  to: z.number(),
});
export type Rule = z.infer<typeof Rule>;
