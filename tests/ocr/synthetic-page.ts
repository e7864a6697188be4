/**
 * Synthetic page bitmaps for the ruling-line tests: a table grid drawn in "paper" coordinates,
 * then rotated about the page centre (skew), with breaks in rules, text-like blobs, noise.
 */
import type { Bitmap } from '../../src/ocr/rules.ts';
import { rng } from '../../src/lib/rng.ts';

export interface Segment {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  thickness: number;
}

export interface PageSpec {
  width: number;
  height: number;
  /** Degrees, positive = clockwise in the image (y down), like a scan's skew. */
  skewDeg?: number;
  segments: Segment[];
  /** Filled rectangles (letters), x0, y0, x1, y1. */
  blobs?: [number, number, number, number][];
  noiseSigma?: number;
  specks?: number;
  seed?: number;
}

export function drawPage(spec: PageSpec): Bitmap {
  const { width, height } = spec;
  const data = new Uint8Array(width * height).fill(235);
  const th = ((spec.skewDeg ?? 0) * Math.PI) / 180;
  const cx = width / 2;
  const cy = height / 2;
  const rot = (x: number, y: number): [number, number] => [cx + (x - cx) * Math.cos(th) - (y - cy) * Math.sin(th), cy + (x - cx) * Math.sin(th) + (y - cy) * Math.cos(th)];
  const ink = (x: number, y: number, v: number) => {
    if (x < 0 || y < 0 || x >= width || y >= height) return;
    const i = y * width + x;
    data[i] = Math.min(data[i], v);
  };
  for (const s of spec.segments) {
    const [ax, ay] = rot(s.x0, s.y0);
    const [bx, by] = rot(s.x1, s.y1);
    const r = s.thickness / 2;
    const dx = bx - ax;
    const dy = by - ay;
    const len2 = dx * dx + dy * dy || 1;
    for (let y = Math.floor(Math.min(ay, by) - r - 2); y <= Math.ceil(Math.max(ay, by) + r + 2); y++) {
      for (let x = Math.floor(Math.min(ax, bx) - r - 2); x <= Math.ceil(Math.max(ax, bx) + r + 2); x++) {
        const t = Math.max(0, Math.min(1, ((x + 0.5 - ax) * dx + (y + 0.5 - ay) * dy) / len2));
        const d = Math.hypot(x + 0.5 - (ax + t * dx), y + 0.5 - (ay + t * dy));
        // Solid core, grey anti-aliased fringe.
        if (d <= r) ink(x, y, 40);
        else if (d <= r + 0.8) ink(x, y, 150);
      }
    }
  }
  for (const [x0, y0, x1, y1] of spec.blobs ?? []) {
    for (let y = y0; y < y1; y++) {
      for (let x = x0; x < x1; x++) {
        const [px, py] = rot(x, y);
        ink(Math.round(px), Math.round(py), 30);
      }
    }
  }
  const rand = rng(spec.seed ?? 1);
  const gauss = () => Math.sqrt(-2 * Math.log(rand() + 1e-12)) * Math.cos(2 * Math.PI * rand());
  if (spec.noiseSigma || spec.specks) {
    for (let i = 0; i < data.length; i++) {
      let v = data[i] + gauss() * (spec.noiseSigma ?? 0);
      const r = rand();
      if (r < (spec.specks ?? 0) / 2) v = 20;
      else if (r < (spec.specks ?? 0)) v = 255;
      data[i] = v < 0 ? 0 : v > 255 ? 255 : v;
    }
  }
  return { data, width, height };
}

/**
 * A ruled grid: `xs` column boundaries, `ys` row boundaries (pixels, unrotated). `skipV` lists
 * [column boundary index, row index] pairs whose vertical piece is not drawn (a merged cell).
 */
export function grid(xs: number[], ys: number[], thickness = 2, skipV: [number, number][] = []): Segment[] {
  const segs: Segment[] = [];
  for (const y of ys) segs.push({ x0: xs[0], y0: y, x1: xs[xs.length - 1], y1: y, thickness });
  xs.forEach((x, c) => {
    let start: number | null = null;
    for (let r = 0; r < ys.length - 1; r++) {
      const skipped = skipV.some(([sc, sr]) => sc === c && sr === r);
      if (!skipped && start == null) start = ys[r];
      if (skipped && start != null) {
        segs.push({ x0: x, y0: start, x1: x, y1: ys[r], thickness });
        start = null;
      }
    }
    if (start != null) segs.push({ x0: x, y0: start, x1: x, y1: ys[ys.length - 1], thickness });
  });
  return segs;
}

/** Cut gaps of `gap` px into segments every `every` px (a rule the scanner broke). */
export function broken(segs: Segment[], every: number, gap: number): Segment[] {
  const out: Segment[] = [];
  for (const s of segs) {
    const len = Math.hypot(s.x1 - s.x0, s.y1 - s.y0);
    const ux = (s.x1 - s.x0) / len;
    const uy = (s.y1 - s.y0) / len;
    for (let t = 0; t < len; t += every) {
      const e = t + every >= len ? len : t + every - gap;
      out.push({ x0: s.x0 + ux * t, y0: s.y0 + uy * t, x1: s.x0 + ux * e, y1: s.y0 + uy * e, thickness: s.thickness });
    }
  }
  return out;
}

/**
 * Letter-like blobs filling a cell's text lines, the size of 11-pt type at 200 dpi: letters 3–12
 * px wide and 14 px tall (ascenders 21), 2 px apart, words 7 px apart, lines 34 px apart.
 */
export function textBlobs(x0: number, y0: number, x1: number, lines: number, seed = 2): [number, number, number, number][] {
  const rand = rng(seed);
  const out: [number, number, number, number][] = [];
  for (let l = 0; l < lines; l++) {
    const y = y0 + l * 34;
    let x = x0;
    while (x < x1 - 14) {
      const n = 2 + Math.floor(rand() * 6);
      for (let i = 0; i < n && x < x1 - 12; i++) {
        const w = 3 + Math.floor(rand() * 10);
        const tall = rand() < 0.3 ? 7 : 0;
        out.push([x, y - tall, x + w, y + 14]);
        x += w + 2;
      }
      x += 7;
    }
  }
  return out;
}
