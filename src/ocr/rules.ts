/**
 * Ruling lines of a scanned page, pure on pixels: the long thin dark runs a printed table's
 * grid leaves in the image, horizontal and vertical, found on a grey (or binary) bitmap.
 *
 *   binarise (Otsu) → per row (per column) dark runs, gaps of a pixel or two closed → runs
 *   chained across neighbouring rows (a rule skewed by 1° steps one row every ~57 px) → a
 *   straight-line fit per chain, kept when thin, long enough and with paper on both sides
 *   (a row of bold text is neither) → collinear pieces of a broken rule joined → the page's skew from the rules themselves → `Rule`s in page points, deskewed
 *   (rotated by −skew about the image's top-left corner, as ocrLines straightens word boxes).
 *
 * `maskLines` whitens the rules' pixels so OCR does not read them as "|", "l" or "_".
 */
import type { Rule } from '../../schemas/ocr.ts';

export interface Bitmap {
  /** One byte per pixel, 0 = black, 255 = white (grey or already binary). */
  data: Uint8Array;
  width: number;
  height: number;
}

interface Run {
  /** Row (for 'h') or column (for 'v') of the run. */
  line: number;
  from: number;
  to: number; // inclusive
}

/** One ruling line in pixels: `at(t)` = a + b·t along the rule, t from `from` to `to`. */
export interface PixelLine {
  kind: 'h' | 'v';
  a: number;
  b: number;
  from: number;
  to: number;
  /** Mean thickness in pixels (dark pixels per unit of length). */
  thickness: number;
  runs: Run[];
}

/**
 * Sizes are in points (rules and type have physical sizes, whatever the dpi or the crop):
 * body text is 10–14 pt, so no stroke of a letter is 16 pt long, and table rules are
 * 0.3–2 pt thick.
 */
export interface RuleOptions {
  /** Shortest rule kept (one-line rows are ~20 pt tall, the narrowest columns ~25 pt wide). */
  minLength?: number;
  /** Thickest rule kept. */
  maxThickness?: number;
  /** Widest break bridged in a rule. */
  maxBreak?: number;
  /** Pieces shorter than this are not joined into a rule (a letter's stem is shorter). */
  minPiece?: number;
  /** Dark threshold (grey < threshold); default Otsu's. */
  threshold?: number;
}

const DEFAULTS = { minLength: 16, maxThickness: 2.5, maxBreak: 10, minPiece: 10 };

const thick = (f: { n: number; from: number; to: number }) => f.n / (f.to - f.from + 1);

const MAX_SLOPE = Math.tan((3 * Math.PI) / 180);

/** Otsu's threshold of a grey image (the level that best splits ink from paper). */
export function otsu(data: Uint8Array): number {
  const hist = new Float64Array(256);
  // Every 4th pixel is plenty for a histogram of a page.
  for (let i = 0; i < data.length; i += 4) hist[data[i]]++;
  let total = 0;
  let sum = 0;
  for (let v = 0; v < 256; v++) {
    total += hist[v];
    sum += v * hist[v];
  }
  let wB = 0;
  let sumB = 0;
  let best = 128;
  let bestVar = -1;
  for (let t = 0; t < 256; t++) {
    wB += hist[t];
    if (!wB) continue;
    const wF = total - wB;
    if (!wF) break;
    sumB += t * hist[t];
    const mB = sumB / wB;
    const mF = (sum - sumB) / wF;
    const v = wB * wF * (mB - mF) ** 2;
    if (v > bestVar) {
      bestVar = v;
      best = t + 1;
    }
  }
  return best;
}

/**
 * Dark runs of at least `minRun` pixels along every row ('h') or column ('v'), light gaps of
 * up to `gap` pixels closed (JPEG ringing and noise punch small holes in a rule).
 */
function runs(grey: Uint8Array, t0: number, width: number, height: number, kind: 'h' | 'v', minRun: number, gap: number): Run[] {
  const out: Run[] = [];
  const lines = kind === 'h' ? height : width;
  const len = kind === 'h' ? width : height;
  const step = kind === 'h' ? 1 : width;
  for (let l = 0; l < lines; l++) {
    const base = kind === 'h' ? l * width : l;
    let start = -1;
    let last = -1;
    for (let t = 0; t <= len; t++) {
      const d = t < len && grey[base + t * step] < t0;
      if (d) {
        if (start < 0 || t - last - 1 > gap) {
          if (start >= 0 && last - start + 1 >= minRun) out.push({ line: l, from: start, to: last });
          start = t;
        }
        last = t;
      }
    }
    if (start >= 0 && last - start + 1 >= minRun) out.push({ line: l, from: start, to: last });
  }
  return out;
}

interface Fit {
  n: number; // weight (pixels)
  st: number;
  sp: number;
  stt: number;
  stp: number;
  from: number;
  to: number;
  runs: Run[];
}

function fitOf(rs: Run[]): Fit {
  const f: Fit = { n: 0, st: 0, sp: 0, stt: 0, stp: 0, from: Infinity, to: -Infinity, runs: rs };
  for (const r of rs) addRun(f, r);
  return f;
}

function addRun(f: Fit, r: Run): void {
  // A run's pixels, integrated: weight = length, t over [from, to], position = line.
  const w = r.to - r.from + 1;
  const tMean = (r.from + r.to) / 2;
  f.n += w;
  f.st += w * tMean;
  f.sp += w * r.line;
  f.stt += w * tMean * tMean + (w * (w * w - 1)) / 12;
  f.stp += w * tMean * r.line;
  f.from = Math.min(f.from, r.from);
  f.to = Math.max(f.to, r.to);
}

function merge(a: Fit, b: Fit): Fit {
  return { n: a.n + b.n, st: a.st + b.st, sp: a.sp + b.sp, stt: a.stt + b.stt, stp: a.stp + b.stp, from: Math.min(a.from, b.from), to: Math.max(a.to, b.to), runs: [...a.runs, ...b.runs] };
}

function line(f: Fit): { a: number; b: number } {
  const d = f.n * f.stt - f.st * f.st;
  const b = Math.abs(d) < 1e-9 ? 0 : (f.n * f.stp - f.st * f.sp) / d;
  return { a: (f.sp - b * f.st) / f.n, b };
}

/** Chains of runs that touch across neighbouring rows (a row may be missing: noise). */
function chains(rs: Run[], gap: number): Run[][] {
  const parent = rs.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]];
    return i;
  };
  // Runs come sorted by line then position; index the first run of each line.
  const byLine = new Map<number, number[]>();
  rs.forEach((r, i) => {
    const l = byLine.get(r.line);
    if (l) l.push(i);
    else byLine.set(r.line, [i]);
  });
  rs.forEach((r, i) => {
    for (const dl of [1, 2]) {
      for (const j of byLine.get(r.line + dl) ?? []) {
        const o = rs[j];
        if (o.from > r.to + gap) break;
        if (o.to + gap >= r.from) parent[find(j)] = find(i);
      }
    }
  });
  const groups = new Map<number, Run[]>();
  rs.forEach((r, i) => {
    const k = find(i);
    const g = groups.get(k);
    if (g) g.push(r);
    else groups.set(k, [r]);
  });
  return [...groups.values()];
}

/**
 * Share of a piece's length with paper just beside it on both sides: a rule has clear paper
 * along it (but where another rule crosses or a letter touches), a row of text does not.
 */
function clearance(grey: Uint8Array, t0: number, width: number, height: number, kind: 'h' | 'v', f: Fit): number {
  const { a, b } = line(f);
  const off = thick(f) / 2 + 2;
  let clear = 0;
  let n = 0;
  for (let t = f.from; t <= f.to; t++) {
    const p = a + b * t;
    const lo = Math.round(p - off);
    const hi = Math.round(p + off);
    n++;
    const at = (q: number) => (kind === 'h' ? q >= 0 && q < height && grey[q * width + t] < t0 : q >= 0 && q < width && grey[t * width + q] < t0);
    if (!at(lo) && !at(hi)) clear++;
  }
  return n ? clear / n : 0;
}

/** Share of a piece's extent covered by its runs (a broken rule: most; letters in a column: less). */
function covered(f: Fit): number {
  const spans = f.runs.map((r) => [r.from, r.to]).sort((a, b) => a[0] - b[0]);
  let n = 0;
  let reach = -Infinity;
  for (const [a, b] of spans) {
    if (b <= reach) continue;
    n += b - Math.max(a, reach + 1) + 1;
    reach = b;
  }
  return n / (f.to - f.from + 1);
}

/** Lines of one direction: chains fitted, broken pieces joined, short and thick ones dropped. */
function linesOf(grey: Uint8Array, t0: number, width: number, height: number, kind: 'h' | 'v', px: { minRun: number; minLength: number; maxThick: number; maxBreak: number; minPiece: number }): PixelLine[] {
  const fits = chains(runs(grey, t0, width, height, kind, px.minRun, 2), 1)
    .map(fitOf)
    .filter((f) => Math.abs(line(f).b) <= MAX_SLOPE && thick(f) <= px.maxThick && f.to - f.from + 1 >= px.minPiece && clearance(grey, t0, width, height, kind, f) >= 0.6)
    .sort((p, q) => p.from - q.from);
  // Join collinear pieces of a broken rule: a short gap, the shorter piece on the longer one's line.
  let changed = true;
  while (changed) {
    changed = false;
    for (let i = 0; i < fits.length && !changed; i++) {
      for (let j = i + 1; j < fits.length; j++) {
        const p = fits[i];
        const q = fits[j];
        if (Math.max(q.from - p.to, p.from - q.to) > px.maxBreak) continue;
        const [long, short] = p.n >= q.n ? [p, q] : [q, p];
        // A short piece's own slope means little: its centre must lie on the longer one's line.
        const L = line(long);
        const tol = Math.max(2, (thick(p) + thick(q)) / 2);
        // ... and the joined rule is mostly ink (stems of letters stacked line above line are not).
        const joined = merge(p, q);
        if (Math.abs(L.a + (L.b * short.st) / short.n - short.sp / short.n) <= tol && covered(joined) >= 0.7) {
          fits[i] = joined;
          fits.splice(j, 1);
          changed = true;
          break;
        }
      }
    }
  }
  return fits
    .filter((f) => f.to - f.from + 1 >= px.minLength && Math.abs(line(f).b) <= MAX_SLOPE && thick(f) <= px.maxThick)
    .map((f) => ({ kind, ...line(f), from: f.from, to: f.to, thickness: thick(f), runs: f.runs }));
}

/**
 * Ruling lines of a bitmap, in pixels, and the skew they share (radians, as ocrLines measures
 * it). `scale`: points per pixel (72 / dpi).
 */
export function findLines(bm: Bitmap, scale: number, opts: RuleOptions = {}): { lines: PixelLine[]; angle: number } {
  const o = { ...DEFAULTS, ...opts };
  const px = (pt: number) => pt / scale;
  const sizes = {
    minRun: Math.max(6, Math.round(px(3))),
    minLength: px(o.minLength),
    maxThick: Math.max(3, px(o.maxThickness)),
    maxBreak: px(o.maxBreak),
    minPiece: px(o.minPiece),
  };
  const t = opts.threshold ?? otsu(bm.data);
  // Thresholded on the fly: no binary copy of the page (8.7 MB at 300 dpi A4).
  const lines = [...linesOf(bm.data, t, bm.width, bm.height, 'h', sizes), ...linesOf(bm.data, t, bm.width, bm.height, 'v', sizes)];
  return { lines, angle: skewOf(lines) };
}

/**
 * The page's skew from its rules: length-weighted median of the rules' angles (a horizontal
 * rule's slope, minus a vertical one's, since rotating a page tilts its verticals the other way).
 */
export function skewOf(lines: PixelLine[]): number {
  // Long rules say the most; short pieces (and stray strokes) only when there is nothing else.
  const longest = Math.max(0, ...lines.map((l) => l.to - l.from));
  const xs = lines
    .filter((l) => l.to - l.from >= longest / 4).map((l) => ({ angle: l.kind === 'h' ? Math.atan(l.b) : -Math.atan(l.b), w: l.to - l.from })).sort((p, q) => p.angle - q.angle);
  const total = xs.reduce((s, x) => s + x.w, 0);
  let acc = 0;
  for (const x of xs) {
    acc += x.w;
    if (acc >= total / 2) return x.angle;
  }
  return 0;
}

/** Pixel lines → `Rule`s in points (`scale` points per pixel), rotated by −angle about the origin. */
export function toRules(lines: PixelLine[], angle: number, scale: number): Rule[] {
  const cos = Math.cos(-angle);
  const sin = Math.sin(-angle);
  const rot = (x: number, y: number) => [(x * cos - y * sin) * scale, (x * sin + y * cos) * scale];
  return lines.map((l) => {
    const p = l.a + l.b * l.from;
    const q = l.a + l.b * l.to;
    if (l.kind === 'h') {
      const [x0, y0] = rot(l.from, p);
      const [x1, y1] = rot(l.to, q);
      return { kind: 'h', at: (y0 + y1) / 2, from: Math.min(x0, x1), to: Math.max(x0, x1) };
    }
    const [x0, y0] = rot(p, l.from);
    const [x1, y1] = rot(q, l.to);
    return { kind: 'v', at: (x0 + x1) / 2, from: Math.min(y0, y1), to: Math.max(y0, y1) };
  });
}

/** Rules of a page image in deskewed page points, and the skew angle they were straightened by. */
export function rulesFromImage(bm: Bitmap, scale: number, opts: RuleOptions = {}): { rules: Rule[]; lines: PixelLine[]; angle: number } {
  const { lines, angle } = findLines(bm, scale, opts);
  return { rules: toRules(lines, angle, scale), lines, angle };
}

/**
 * Whiten the pixels of `lines` in place (the page is OCR'd next; a copy would double its
 * memory): each run, and a pixel on either side of it that is darker than paper (the rule's
 * grey fringe, which would otherwise come back as underscores).
 */
export function maskLines(bm: Bitmap, lines: PixelLine[], paper = 200): void {
  const { data, width, height } = bm;
  for (const l of lines) {
    for (const r of l.runs) {
      for (let d = -1; d <= 1; d++) {
        const ln = r.line + d;
        if (ln < 0 || ln >= (l.kind === 'h' ? height : width)) continue;
        for (let t = r.from; t <= r.to; t++) {
          const i = l.kind === 'h' ? ln * width + t : t * width + ln;
          if (d === 0 || data[i] < paper) data[i] = 255;
        }
      }
    }
  }
}
