/**
 * Reading order for one page, from positioned text (PDF text items or OCR words), pure.
 *
 *   fragments → rows (same baseline) → segments (split at wide gaps) → chunks (split at
 *   vertical gaps wider than normal leading) → per chunk: a table (≥3 aligned columns on
 *   several rows, emitted as tab-separated cells), two columns (a whitespace channel runs the
 *   whole chunk: left column then right, as in the header's issuing body | quốc hiệu band), or
 *   plain rows top to bottom.
 *
 * Output lines keep their box and confidence; chunks are separated by an empty line (the
 * seeds put blank lines between paragraphs and header blocks).
 * Coordinates: any unit, y grows downward (PDF points converted by the caller).
 */

export type Box = [number, number, number, number]; // x0, y0, x1, y1

export interface Fragment {
  text: string;
  box: Box;
  confidence?: number | null; // 0..1, OCR only
}

export interface Segment {
  text: string;
  box: Box;
  confidence: number | null;
}

export interface Row {
  segments: Segment[];
  box: Box;
}

export interface LaidLine {
  text: string; // "" for the gap between chunks
  box: Box | null;
  confidence: number | null;
}

const union = (a: Box, b: Box): Box => [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])];
const height = (b: Box) => b[3] - b[1];
const midY = (b: Box) => (b[1] + b[3]) / 2;

function median(xs: number[]): number {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Weighted mean confidence of fragments (by text length), null when none carries one. */
function meanConfidence(parts: { text: string; confidence?: number | null }[]): number | null {
  let sum = 0;
  let w = 0;
  for (const p of parts) {
    if (p.confidence == null) continue;
    const n = Math.max(1, p.text.length);
    sum += p.confidence * n;
    w += n;
  }
  return w ? sum / w : null;
}

/**
 * Join fragments of one row left to right, inserting a space where the gap between two
 * fragments is wider than a fraction of the text height and neither side already has one.
 */
function joinRow(frags: Fragment[]): string {
  let out = '';
  let prev: Fragment | null = null;
  for (const f of frags) {
    if (prev) {
      const gap = f.box[0] - prev.box[2];
      const h = Math.min(height(f.box), height(prev.box)) || 1;
      if (gap > h * 0.15 && !/\s$/.test(out) && !/^\s/.test(f.text)) out += ' ';
    }
    out += f.text;
    prev = f;
  }
  return out.replace(/\s+/g, ' ').trim();
}

/** Split a row's fragments (sorted by x) into segments at gaps wider than `gapFactor` × height. */
export function splitSegments(frags: Fragment[], gapFactor = 1.6): Segment[] {
  const segs: Segment[] = [];
  let cur: Fragment[] = [];
  const flush = () => {
    if (cur.length === 0) return;
    const text = joinRow(cur);
    if (text) segs.push({ text, box: cur.map((f) => f.box).reduce(union), confidence: meanConfidence(cur) });
    cur = [];
  };
  for (const f of frags) {
    const prev = cur[cur.length - 1];
    if (prev) {
      const h = Math.max(height(prev.box), height(f.box), 1);
      if (f.box[0] - prev.box[2] > gapFactor * h) flush();
    }
    cur.push(f);
  }
  flush();
  return segs;
}

/** Group fragments of an unskewed page (a text layer) into rows by vertical overlap. */
export function rowsFromFragments(frags: Fragment[]): Row[] {
  const items = frags.filter((f) => f.text.trim().length > 0 && height(f.box) > 0).sort((a, b) => midY(a.box) - midY(b.box));
  const groups: Fragment[][] = [];
  let band: Box | null = null;
  for (const f of items) {
    const last = groups[groups.length - 1];
    if (last && band) {
      const overlap = Math.min(band[3], f.box[3]) - Math.max(band[1], f.box[1]);
      if (overlap > 0.5 * Math.min(height(band), height(f.box))) {
        last.push(f);
        band = union(band, f.box);
        continue;
      }
    }
    groups.push([f]);
    band = f.box;
  }
  return groups.map((g) => rowFrom(g)).filter((r) => r.segments.length > 0);
}

/** A row from fragments already known to share a line (an OCR line's words). */
export function rowFrom(frags: Fragment[]): Row {
  const sorted = [...frags].sort((a, b) => a.box[0] - b.box[0]);
  const segments = splitSegments(sorted);
  return { segments, box: segments.length ? segments.map((s) => s.box).reduce(union) : [0, 0, 0, 0] };
}

/** Split rows (top to bottom) into chunks wherever the vertical gap exceeds normal leading. */
export function chunkRows(rows: Row[], lineHeight: number): Row[][] {
  const chunks: Row[][] = [];
  let cur: Row[] = [];
  let bottom = -Infinity;
  // Normal leading is the median gap between consecutive rows; a chunk break is clearly more.
  const gaps: number[] = [];
  for (let i = 1; i < rows.length; i++) gaps.push(rows[i].box[1] - rows[i - 1].box[3]);
  const leading = Math.max(0, median(gaps));
  const limit = leading + 0.3 * lineHeight;
  for (const r of rows) {
    if (cur.length && r.box[1] - bottom > limit) {
      chunks.push(cur);
      cur = [];
    }
    cur.push(r);
    bottom = Math.max(bottom, r.box[3]);
  }
  if (cur.length) chunks.push(cur);
  return chunks;
}

/** x of a whitespace channel that crosses every row of the chunk, with text on both sides. */
export function columnChannel(chunk: Row[], pageWidth: number): number | null {
  if (!chunk.some((r) => r.segments.length >= 2)) return null;
  const segs = chunk.flatMap((r) => r.segments);
  const x0 = Math.min(...segs.map((s) => s.box[0]));
  const x1 = Math.max(...segs.map((s) => s.box[2]));
  const minGap = pageWidth * 0.02;
  // Free intervals of the x axis not covered by any segment.
  const covered = segs.map((s) => [s.box[0], s.box[2]] as [number, number]).sort((a, b) => a[0] - b[0]);
  let best: { x: number; w: number } | null = null;
  let reach = x0;
  for (const [a, b] of covered) {
    if (a - reach > minGap && reach > x0) {
      const w = a - reach;
      if (!best || w > best.w) best = { x: (a + reach) / 2, w };
    }
    reach = Math.max(reach, b);
  }
  if (!best || best.x <= x0 || best.x >= x1) return null;
  return best.x;
}

/**
 * Column anchors of a table chunk: at least two rows with ≥3 segments whose left edges line up
 * (within `tol`). Returns the anchors' x, or null when the chunk is not a table.
 */
export function tableColumns(chunk: Row[], tol: number): number[] | null {
  const wide = chunk.filter((r) => r.segments.length >= 3);
  if (wide.length < 2 || wide.length < chunk.length * 0.3) return null;
  const ref = wide.reduce((a, b) => (b.segments.length > a.segments.length ? b : a));
  const anchors = ref.segments.map((s) => s.box[0]);
  let aligned = 0;
  for (const r of wide) {
    const hits = r.segments.filter((s) => anchors.some((x) => Math.abs(x - s.box[0]) <= tol)).length;
    if (hits >= Math.min(3, r.segments.length) && hits >= r.segments.length - 1) aligned++;
  }
  return aligned >= 2 ? anchors : null;
}

/** Table chunk → one line per logical row; a row with an empty first cell continues the row above. */
function tableLines(chunk: Row[], anchors: number[]): LaidLine[] {
  const col = (s: Segment) => {
    let best = 0;
    for (let i = 1; i < anchors.length; i++) if (s.box[0] >= anchors[i] - 0.5 * (anchors[i] - anchors[i - 1])) best = i;
    return best;
  };
  const rows: { cells: string[]; box: Box; parts: Segment[] }[] = [];
  for (const r of chunk) {
    const cells = anchors.map(() => '');
    for (const s of r.segments) {
      const c = col(s);
      cells[c] = cells[c] ? `${cells[c]} ${s.text}` : s.text;
    }
    const last = rows[rows.length - 1];
    if (last && cells[0] === '' && r.segments.length < anchors.length) {
      cells.forEach((t, i) => {
        if (t) last.cells[i] = last.cells[i] ? `${last.cells[i]} ${t}` : t;
      });
      last.box = union(last.box, r.box);
      last.parts.push(...r.segments);
    } else rows.push({ cells, box: r.box, parts: [...r.segments] });
  }
  return rows.map((r) => ({ text: r.cells.join('\t'), box: r.box, confidence: meanConfidence(r.parts) }));
}

function rowLines(rows: Row[]): LaidLine[] {
  return rows.map((r) => ({ text: r.segments.map((s) => s.text).join(' '), box: r.box, confidence: meanConfidence(r.segments) }));
}

/** One chunk in reading order: table, two columns, or rows. */
function chunkLines(chunk: Row[], pageWidth: number, lineHeight: number): LaidLine[] {
  const anchors = tableColumns(chunk, lineHeight * 0.6);
  if (anchors) return tableLines(chunk, anchors);
  const x = columnChannel(chunk, pageWidth);
  if (x != null) {
    const left: Row[] = [];
    const right: Row[] = [];
    for (const r of chunk) {
      const l = r.segments.filter((s) => (s.box[0] + s.box[2]) / 2 < x);
      const rr = r.segments.filter((s) => (s.box[0] + s.box[2]) / 2 >= x);
      if (l.length) left.push({ segments: l, box: l.map((s) => s.box).reduce(union) });
      if (rr.length) right.push({ segments: rr, box: rr.map((s) => s.box).reduce(union) });
    }
    // Rows below the end of the right column (the V/v lines under the số) read after both columns.
    const rightEnd = right.length ? Math.max(...right.map((r) => r.box[3])) : -Infinity;
    const band = left.filter((r) => r.box[1] < rightEnd);
    const tail = left.filter((r) => r.box[1] >= rightEnd);
    return [...rowLines(band), ...rowLines(right), ...rowLines(tail)];
  }
  return rowLines(chunk);
}

/**
 * Rows that share a baseline band and do not overlap horizontally are one row (OCR reports the
 * two halves of a header line as separate lines when it sees separate blocks).
 */
export function mergeSideBySide(rows: Row[]): Row[] {
  const out: Row[] = [];
  for (const r of rows) {
    const host = out.find((o) => {
      const overlap = Math.min(o.box[3], r.box[3]) - Math.max(o.box[1], r.box[1]);
      if (overlap < 0.6 * Math.min(height(o.box), height(r.box))) return false;
      return o.segments.every((s) => s.box[2] <= r.box[0] || s.box[0] >= r.box[2]);
    });
    if (host) {
      host.segments = [...host.segments, ...r.segments].sort((a, b) => a.box[0] - b.box[0]);
      host.box = union(host.box, r.box);
    } else out.push({ segments: [...r.segments], box: r.box });
  }
  return out;
}

/**
 * Rows of a page (any order) → lines in reading order, chunks separated by "" lines.
 * `blocks` (tables already laid out) are placed among the chunks by their top edge.
 */
export function readingOrder(rows: Row[], pageWidth: number, blocks: { box: Box; lines: LaidLine[] }[] = []): LaidLine[] {
  const sorted = mergeSideBySide(rows.filter((r) => r.segments.length > 0).sort((a, b) => midY(a.box) - midY(b.box) || a.box[0] - b.box[0]));
  sorted.sort((a, b) => midY(a.box) - midY(b.box) || a.box[0] - b.box[0]);
  const lineHeight = median(sorted.map((r) => height(r.box))) || 1;
  const parts: { top: number; lines: LaidLine[] }[] = blocks.map((b) => ({ top: b.box[1], lines: b.lines }));
  for (const chunk of chunkRows(sorted, lineHeight)) parts.push({ top: chunk[0].box[1], lines: chunkLines(chunk, pageWidth, lineHeight) });
  parts.sort((a, b) => a.top - b.top);
  const out: LaidLine[] = [];
  for (const p of parts) {
    if (out.length) out.push({ text: '', box: null, confidence: null });
    out.push(...p.lines);
  }
  return out;
}
