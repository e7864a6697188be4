import { describe, expect, it } from 'vitest';
import { emptyCellCrops } from '../../src/ocr/cells.ts';
import type { Table } from '../../src/ocr/tables.ts';
import { drawPage, grid } from './synthetic-page.ts';

const SCALE = 72 / 200;

describe('empty cells read alone', () => {
  it('crops the empty cells that hold ink, to their ink, in page pixels; skips blank and filled ones', () => {
    // Three cells in a row, skewed 0.8°: a digit-sized blob in the first (which OCR missed),
    // nothing in the second, text (already read) in the third.
    const xs = [100, 180, 480, 700];
    const ys = [100, 220];
    const bm = drawPage({ width: 800, height: 300, skewDeg: 0.8, segments: grid(xs, ys), blobs: [[130, 140, 137, 168], [500, 140, 600, 160]], noiseSigma: 6, seed: 3 });
    // The cells as ocrLines knows them: deskewed points (the page turned about its centre here,
    // about the origin there: the same turn plus a shift, computed from the grid's corner).
    const a = (0.8 * Math.PI) / 180;
    const [cx, cy] = [400, 150];
    const turn = (x: number, y: number) => [cx + (x - cx) * Math.cos(a) - (y - cy) * Math.sin(a), cy + (x - cx) * Math.sin(a) + (y - cy) * Math.cos(a)];
    const back = (x: number, y: number) => {
      const [px, py] = turn(x, y);
      return [(px * Math.cos(-a) - py * Math.sin(-a)) * SCALE, (px * Math.sin(-a) + py * Math.cos(-a)) * SCALE];
    };
    const cell = (c: number, text: string) => {
      const [x0, y0] = back(xs[c], ys[0]);
      const [x1, y1] = back(xs[c + 1], ys[1]);
      return { row: 0, col: c, box: [x0, y0, x1, y1] as [number, number, number, number], text };
    };
    const table: Table = { box: [0, 0, 0, 0], lines: [], cells: [cell(0, ''), cell(1, ''), cell(2, 'Văn phòng')] };
    const crops = emptyCellCrops([table], bm, a, SCALE);
    expect(crops.length).toBe(1);
    // The blob, turned with the page, is inside the crop (padding 12 px around the ink).
    const [bx, by] = turn(133, 154);
    const c = crops[0];
    const w = Number(/^P5\s+(\d+)\s+\d+/.exec(c.image.toString('latin1', 0, 30))![1]);
    expect(bx).toBeGreaterThan(c.x + 12);
    expect(bx).toBeLessThan(c.x + w - 12);
    expect(by).toBeGreaterThan(c.y);
    expect(w).toBeLessThan(60);
    expect(c.psm).toBe('7');
  });
});
