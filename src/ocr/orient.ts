/**
 * Which way up a scanned page lies, from its pixels alone (no OCR, no model): a landscape page
 * scanned as portrait has its text lines running down the image, a sheet fed upside down has
 * them the right way across but turned over. Pure on a grey bitmap; ~20 ms for an A4 page at
 * 300 dpi (measured in bench/README.md "Page orientation", with tesseract's own detection).
 *
 *   downscale to ~100 dpi, binarise (Otsu), erase runs longer than half an inch (rules, bars)
 *   → direction: in narrow strips (so a 1° skew does not smear them), text lines make the
 *     profile across them jump between ink and paper; along them it stays even. The direction
 *     whose profiles jump more is the one the lines run across.
 *   → sense: in each text line, Vietnamese (and Latin) print carries more ink above the x-height
 *     band (ascenders, capitals, tone marks, circumflexes) than below it (descenders, the dot
 *     below): the heavier side is the top.
 */
import type { Bitmap } from './rules.ts';
import { otsu } from './rules.ts';

/** Degrees clockwise the page image is turned from upright (rotate it back by as much). */
export type Turn = 0 | 90 | 180 | 270;

export interface Orientation {
  turn: Turn;
  /** Profile jumps across rows over across columns (> 1: lines run across the image). */
  direction: number;
  /** Ink above the lines' x-height band minus below, over both, as read after turning back (> 0: upright). */
  sense: number;
  /** Text lines the sense was read from. */
  lines: number;
}

/** Direction ratios within this of 1 are no evidence (measured: ≤ 0.82 or ≥ 1.36 on 41 pages). */
const AMBIGUOUS = 1.1;
/** Sense below this (measured: 0.19–0.50 the right way up) or from fewer lines is no evidence. */
const MIN_SENSE = 0.05;
const MIN_LINES = 5;

/** Working resolution: the x-height of 9–13 pt print is 6–9 px, enough to tell its band. */
const WORK_DPI = 100;

/** A binary image (1 = ink) at about WORK_DPI, by area averaging then Otsu. */
export function inkMap(bm: Bitmap, dpi: number): { ink: Uint8Array; width: number; height: number } {
  const f = Math.max(1, Math.round(dpi / WORK_DPI));
  const width = Math.floor(bm.width / f);
  const height = Math.floor(bm.height / f);
  const grey = new Uint8Array(width * height);
  const area = f * f;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let s = 0;
      for (let dy = 0; dy < f; dy++) {
        const row = (y * f + dy) * bm.width + x * f;
        for (let dx = 0; dx < f; dx++) s += bm.data[row + dx];
      }
      grey[y * width + x] = s / area;
    }
  }
  // On a nearly blank page Otsu splits the paper's grain; ink is well below the paper's grey.
  const hist = new Uint32Array(256);
  for (const v of grey) hist[v]++;
  let paper = 0;
  for (let acc = 0; paper < 255 && (acc += hist[paper]) < grey.length / 2; ) paper++;
  const t = Math.min(otsu(grey), paper * 0.8);
  const ink = new Uint8Array(width * height);
  for (let i = 0; i < ink.length; i++) ink[i] = grey[i] <= t ? 1 : 0;
  eraseLongRuns(ink, width, height, Math.round(WORK_DPI / 2));
  return { ink, width, height };
}

/** Ruling lines and bars are not text: runs of ink longer than `max` in either direction go. */
function eraseLongRuns(ink: Uint8Array, width: number, height: number, max: number): void {
  const marks: number[] = [];
  const scan = (n: number, len: number, at: (i: number, k: number) => number) => {
    for (let i = 0; i < n; i++) {
      let start = -1;
      for (let k = 0; k <= len; k++) {
        const on = k < len && ink[at(i, k)] === 1;
        if (on && start < 0) start = k;
        else if (!on && start >= 0) {
          if (k - start > max) for (let j = start; j < k; j++) marks.push(at(i, j));
          start = -1;
        }
      }
    }
  };
  scan(height, width, (y, x) => y * width + x);
  scan(width, height, (x, y) => y * width + x);
  for (const i of marks) ink[i] = 0;
}

/**
 * Profiles of `ink` across lines: for strips `strip` wide along axis u, ink per v. `horizontal`:
 * strips are columns of the image and v runs down (profiles across horizontal lines).
 */
function profiles(ink: Uint8Array, width: number, height: number, horizontal: boolean, strip: number): Float64Array[] {
  const U = horizontal ? width : height;
  const V = horizontal ? height : width;
  const out: Float64Array[] = [];
  for (let u0 = 0; u0 + strip <= U; u0 += strip) {
    const p = new Float64Array(V);
    for (let v = 0; v < V; v++) {
      let s = 0;
      for (let u = u0; u < u0 + strip; u++) s += horizontal ? ink[v * width + u] : ink[u * width + v];
      p[v] = s;
    }
    out.push(p);
  }
  return out;
}

/** How sharply the profiles jump from one step to the next (squared steps over ink). */
function jumpiness(ps: Float64Array[]): number {
  let jumps = 0;
  let ink = 0;
  for (const p of ps) {
    for (let i = 1; i < p.length; i++) jumps += (p[i] - p[i - 1]) ** 2;
    for (const v of p) ink += v;
  }
  return ink ? jumps / ink : 0;
}

/**
 * Ink above a line's core band minus below, summed over the text lines of the profiles (each
 * read in the direction of v: index 0 is the top). Returns the normalised balance and the count.
 */
function balance(ps: Float64Array[]): { sense: number; lines: number; share: number } {
  let total = 0;
  let inLines = 0;
  let above = 0;
  let below = 0;
  let lines = 0;
  for (const p of ps) {
    let max = 0;
    for (const v of p) {
      if (v > max) max = v;
      total += v;
    }
    if (max < 3) continue;
    const on = max * 0.08;
    for (let i = 0; i < p.length; ) {
      if (p[i] <= on) {
        i++;
        continue;
      }
      let j = i;
      while (j < p.length && p[j] > on) j++;
      // A band of 4–40 px at 100 dpi is a line of print (or two touching); longer is a picture.
      if (j - i >= 4 && j - i <= 40) {
        let peak = 0;
        for (let k = i; k < j; k++) {
          if (p[k] > peak) peak = p[k];
          inLines += p[k];
        }
        let c0 = i;
        while (p[c0] < peak * 0.5) c0++;
        let c1 = j - 1;
        while (p[c1] < peak * 0.5) c1--;
        let a = 0;
        let b = 0;
        for (let k = i; k < c0; k++) a += p[k];
        for (let k = c1 + 1; k < j; k++) b += p[k];
        above += a;
        below += b;
        lines++;
      }
      i = j;
    }
  }
  return { sense: above + below ? (above - below) / (above + below) : 0, lines, share: total ? inLines / total : 0 };
}

/** Profiles read the other way along v (what the page looks like turned by 180°). */
const reversed = (ps: Float64Array[]) => ps.map((p) => p.slice().reverse());

export function detectOrientation(bm: Bitmap, dpi: number): Orientation {
  const { ink, width, height } = inkMap(bm, dpi);
  const strip = Math.max(8, Math.round(WORK_DPI * 0.6));
  const across = profiles(ink, width, height, true, strip); // down the image, per column strip
  const along = profiles(ink, width, height, false, strip); // across the image, per row strip
  // Two cues, multiplied: profiles across lines jump more, and more of their ink lies in bands
  // of a line's height. The first misleads on a nearly empty page (rule stubs weigh most), the
  // second on dense prose (a strip along the lines also has gaps between words); together they
  // part every page measured by ≥ 1.2× either way.
  const acrossLines = balance(across);
  const alongLines = balance(along);
  const direction = ((jumpiness(across) + 1e-9) / (jumpiness(along) + 1e-9)) * ((acrossLines.share + 1e-9) / (alongLines.share + 1e-9));
  // Pages measured part by 1.2× or more; nearer 1 (a page of pictures, a few words) it stays.
  if (direction >= 1 / AMBIGUOUS) {
    const b = acrossLines;
    // Upside down only on clear evidence: enough lines, clearly heavier at the bottom.
    return b.sense >= -MIN_SENSE || b.lines < MIN_LINES ? { turn: 0, direction, sense: b.sense, lines: b.lines } : { turn: 180, direction, sense: -b.sense, lines: b.lines };
  }
  // Lines run down the image. Turned 90° clockwise, the top of the text faces right: its
  // profiles, read right to left, put the top first.
  const b = balance(reversed(along));
  return b.sense >= 0 ? { turn: 90, direction, sense: b.sense, lines: b.lines } : { turn: 270, direction, sense: -b.sense, lines: b.lines };
}

/** The bitmap turned back upright: rotated by −turn (a new buffer; the same one for 0). */
export function turnUpright(bm: Bitmap, turn: Turn, out?: Uint8Array): Bitmap {
  if (turn === 0) return bm;
  const { width: W, height: H, data } = bm;
  const w = turn === 180 ? W : H;
  const h = turn === 180 ? H : W;
  const o = out ?? new Uint8Array(W * H);
  if (turn === 180) {
    for (let i = 0, n = W * H; i < n; i++) o[n - 1 - i] = data[i];
  } else if (turn === 90) {
    // Image turned clockwise: upright (x, y) sits at image (y, H − 1 − x)... rotate counter-clockwise.
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) o[y * w + x] = data[x * W + (W - 1 - y)];
  } else {
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) o[y * w + x] = data[(H - 1 - x) * W + y];
  }
  return { data: o, width: w, height: h };
}
