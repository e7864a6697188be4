/**
 * A second look at a scanned table, pure on pixels: cells the page's OCR left empty but that
 * hold ink, cropped from the page image to be read alone. Tesseract's page layout drops a lone
 * short word in a narrow column (the "1", "2" … of a TT column), and a row without its number
 * reads as the continuation of the row above.
 */
import type { Bitmap } from './rules.ts';
import type { Cell, Table } from './tables.ts';
import { pgm } from './preprocess.ts';
import type { OcrPage, OcrWord } from './pool.ts';

export interface CellCrop {
  /** Where the crop's pixel (0, 0) is in the page image (padding included). */
  x: number;
  y: number;
  /** The crop as a PGM, padded with paper. */
  image: Buffer;
  /** One line of ink ('7') or a block ('6'). */
  psm: '6' | '7';
  cell: Cell;
}

const PAD = 12;

/**
 * Crops of the empty cells of `tables` (boxes in deskewed points) that hold ink, in page-image
 * pixels: the cell turned back by the page's skew, trimmed inside its rules, cut to its ink.
 * `all`: every cell with ink, read or not.
 */
export function emptyCellCrops(tables: Table[], bm: Bitmap, angle: number, scale: number, dark = 128, all = false): CellCrop[] {
  const out: CellCrop[] = [];
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  const toPx = (x: number, y: number) => [(x * cos - y * sin) / scale, (x * sin + y * cos) / scale];
  for (const t of tables) {
    for (const c of t.cells) {
      if (c.text && !all) continue;
      const [x0, y0, x1, y1] = c.box;
      const corners = [toPx(x0, y0), toPx(x1, y0), toPx(x0, y1), toPx(x1, y1)];
      // Inside the rules (their width and a margin), and inside what the skew tilts in.
      const w = (x1 - x0) / scale;
      const h = (y1 - y0) / scale;
      const tilt = Math.abs(sin) * Math.max(w, h);
      const inset = Math.max(4, 1.5 / scale) + tilt;
      const cx0 = Math.max(0, Math.ceil(Math.min(...corners.map((p) => p[0])) + inset));
      const cy0 = Math.max(0, Math.ceil(Math.min(...corners.map((p) => p[1])) + inset));
      const cx1 = Math.min(bm.width, Math.floor(Math.max(...corners.map((p) => p[0])) - inset));
      const cy1 = Math.min(bm.height, Math.floor(Math.max(...corners.map((p) => p[1])) - inset));
      if (cx1 - cx0 < 4 || cy1 - cy0 < 4) continue;
      // The ink's box; a few specks are not ink.
      let ix0 = Infinity;
      let iy0 = Infinity;
      let ix1 = -1;
      let iy1 = -1;
      let n = 0;
      for (let y = cy0; y < cy1; y++) {
        for (let x = cx0; x < cx1; x++) {
          if (bm.data[y * bm.width + x] >= dark) continue;
          n++;
          if (x < ix0) ix0 = x;
          if (x > ix1) ix1 = x;
          if (y < iy0) iy0 = y;
          if (y > iy1) iy1 = y;
        }
      }
      // A "1" at 8 pt is ~0.6 × 6 pt of ink (~60 px at 300 dpi); a speck is a handful of pixels.
      if (n < Math.max(12, 2 / (scale * scale))) continue;
      const cw = ix1 - ix0 + 1;
      const ch = iy1 - iy0 + 1;
      const g = new Uint8Array((cw + 2 * PAD) * (ch + 2 * PAD)).fill(255);
      for (let y = 0; y < ch; y++) for (let x = 0; x < cw; x++) g[(y + PAD) * (cw + 2 * PAD) + x + PAD] = bm.data[(iy0 + y) * bm.width + ix0 + x];
      out.push({ x: ix0 - PAD, y: iy0 - PAD, image: pgm(g, cw + 2 * PAD, ch + 2 * PAD), psm: ch * scale < 16 ? '7' : '6', cell: c });
    }
  }
  return out;
}

/**
 * The page's OCR with its cells' own readings (`reads[k]` of `crops[k]`, in page pixels): a cell
 * the page left empty takes what it read alone; with `best`, a read cell takes its own reading
 * when that is more confident (length-weighted mean word confidence), its page words dropped.
 */
export function withCellReadings(page: OcrPage, crops: CellCrop[], reads: OcrPage[], angle: number, scale: number, best: boolean): OcrPage {
  const cos = Math.cos(-angle);
  const sin = Math.sin(-angle);
  // The crop whose cell holds a word's centre (cells are in deskewed points).
  const cellOf = (b: [number, number, number, number]) => {
    const cx = (b[0] + b[2]) / 2;
    const cy = (b[1] + b[3]) / 2;
    const x = (cx * cos - cy * sin) * scale;
    const y = (cx * sin + cy * cos) * scale;
    return crops.findIndex((c) => x >= c.cell.box[0] && x < c.cell.box[2] && y >= c.cell.box[1] && y < c.cell.box[3]);
  };
  const conf = (ws: OcrWord[]) => {
    const n = ws.reduce((s, w) => s + w.text.length, 0);
    return n ? ws.reduce((s, w) => s + w.confidence * w.text.length, 0) / n : 0;
  };
  const onPage = crops.map(() => [] as OcrWord[]);
  for (const l of page.lines) {
    for (const w of l.words) {
      const k = cellOf(w.bbox);
      if (k >= 0) onPage[k].push(w);
    }
  }
  const alone = reads.map((p) => p.lines.flatMap((l) => l.words));
  const useAlone = crops.map((c, k) => alone[k].length > 0 && (c.cell.text === '' || (best && conf(alone[k]) > conf(onPage[k]))));
  const kept = page.lines.map((l) => ({ ...l, words: l.words.filter((w) => { const k = cellOf(w.bbox); return k < 0 || !useAlone[k]; }) })).filter((l) => l.words.length);
  return { ...page, lines: [...kept, ...reads.filter((_, k) => useAlone[k]).flatMap((p) => p.lines)] };
}
