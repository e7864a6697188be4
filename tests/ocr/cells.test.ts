import { describe, expect, it } from 'vitest';
import { emptyCellCrops, withCellReadings, type CellCrop } from '../../src/ocr/cells.ts';
import type { OcrPage } from '../../src/ocr/pool.ts';
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

describe('a cell read on the page and alone', () => {
  // No skew, 1 pt = 1 px: three cells side by side, 100 pt wide.
  const cell = (col: number, text: string) => ({ row: 0, col, box: [col * 100, 0, col * 100 + 100, 50] as [number, number, number, number], text });
  const crop = (col: number, text: string): CellCrop => ({ x: 0, y: 0, image: Buffer.alloc(0), psm: '6', cell: cell(col, text) });
  const word = (text: string, x: number, confidence: number) => ({ text, confidence, bbox: [x, 20, x + 30, 30] as [number, number, number, number] });
  const page = (words: ReturnType<typeof word>[]): OcrPage => ({ width: 300, height: 50, confidence: 0.8, lines: [{ text: '', confidence: 0.8, bbox: [0, 0, 300, 50], baseline: null, block: 0, words }] });
  const texts = (p: OcrPage) => p.lines.flatMap((l) => l.words.map((w) => w.text)).sort();

  const onPage = page([word('Vân', 10, 0.5), word('Sở', 110, 0.95)]);
  const crops = [crop(0, 'Vân'), crop(1, 'Sở'), crop(2, '')];
  const reads = [page([word('Văn', 12, 0.9)]), page([word('Sớ', 112, 0.6)]), page([word('3', 212, 0.7)])];

  it('best: each cell keeps its more confident reading; an empty cell takes its own', () => {
    expect(texts(withCellReadings(onPage, crops, reads, 0, 1, true))).toEqual(['3', 'Sở', 'Văn']);
  });

  it('empty only: read cells keep the page\'s words', () => {
    expect(texts(withCellReadings(onPage, crops, reads, 0, 1, false))).toEqual(['3', 'Sở', 'Vân']);
  });
});
