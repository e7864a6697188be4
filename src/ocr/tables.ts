/**
 * Ruled tables of a born-digital page, pure: ruling lines (strokes and thin or cell rectangles
 * from the page's drawing operators) → grids → cells; text fragments are placed in the cell
 * that holds their centre, and each table row becomes one line of tab-separated cells (the
 * seeds' TSV form). Fragments outside every grid go on to the normal reading-order layout.
 */
import { rowsFromFragments, type Box, type Fragment, type LaidLine } from './layout.ts';
import type { Rule } from '../../schemas/ocr.ts';

export type { Rule };

export interface Cell {
  row: number;
  col: number;
  /** The cell's box (a merged cell: across the columns it spans). */
  box: Box;
  text: string;
}

export interface Table {
  box: Box;
  lines: LaidLine[];
  /** Every cell of the grid, empty ones included (a scan's second look reads those alone). */
  cells: Cell[];
}

const TOL = 2;

/** Rectangles and lines (as boxes) → rules: thin boxes are one rule, others four edges. */
export function rulesFromBoxes(boxes: Box[]): Rule[] {
  const rules: Rule[] = [];
  for (const [x0, y0, x1, y1] of boxes) {
    const w = x1 - x0;
    const h = y1 - y0;
    if (w < 1 && h < 1) continue;
    if (h <= TOL && w > TOL) rules.push({ kind: 'h', at: (y0 + y1) / 2, from: x0, to: x1 });
    else if (w <= TOL && h > TOL) rules.push({ kind: 'v', at: (x0 + x1) / 2, from: y0, to: y1 });
    else if (w > TOL && h > TOL) {
      rules.push({ kind: 'h', at: y0, from: x0, to: x1 }, { kind: 'h', at: y1, from: x0, to: x1 });
      rules.push({ kind: 'v', at: x0, from: y0, to: y1 }, { kind: 'v', at: x1, from: y0, to: y1 });
    }
  }
  return rules;
}

function cluster(values: number[]): number[] {
  const s = [...values].sort((a, b) => a - b);
  const out: number[] = [];
  for (const v of s) if (!out.length || v - out[out.length - 1] > TOL) out.push(v);
  return out;
}

/** Connected sets of crossing rules (a grid each), as indices into `rules`. */
function grids(rules: Rule[]): number[][] {
  const parent = rules.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  for (let i = 0; i < rules.length; i++) {
    for (let j = i + 1; j < rules.length; j++) {
      const a = rules[i];
      const b = rules[j];
      let touch: boolean;
      if (a.kind !== b.kind) {
        const [h, v] = a.kind === 'h' ? [a, b] : [b, a];
        touch = v.at >= h.from - TOL && v.at <= h.to + TOL && h.at >= v.from - TOL && h.at <= v.to + TOL;
      } else touch = Math.abs(a.at - b.at) <= TOL && a.from <= b.to + TOL && b.from <= a.to + TOL;
      if (touch) parent[find(i)] = find(j);
    }
  }
  const groups = new Map<number, number[]>();
  rules.forEach((_, i) => {
    const k = find(i);
    groups.set(k, [...(groups.get(k) ?? []), i]);
  });
  return [...groups.values()];
}

/** Grids that can hold a table (≥ 2 × 2 cells), as indices into `rules` (e.g. to mask them on a scan). */
export function tableGrids(rules: Rule[]): number[][] {
  return grids(rules).filter((g) => {
    const rs = g.map((i) => rules[i]);
    return cluster(rs.filter((r) => r.kind === 'v').map((r) => r.at)).length >= 3 && cluster(rs.filter((r) => r.kind === 'h').map((r) => r.at)).length >= 3;
  });
}

const centre = (f: Fragment) => [(f.box[0] + f.box[2]) / 2, (f.box[1] + f.box[3]) / 2];

/**
 * Column spans of a row: a run of column boundaries with no rule down that row is one merged
 * cell when text runs across any of them (a word straddles it, or two words of one line sit a
 * word space apart on either side), as in a group row "I. Nhiệm vụ chung" across the table;
 * with text apart on both sides it is a rule the scan lost, and the columns stay.
 */
function rowSpans(xs: number[], top: number, bottom: number, verticals: Rule[], frags: Fragment[]): [number, number][] {
  const crossed = (x: number) => {
    if (frags.some((f) => f.box[0] < x - 1 && f.box[2] > x + 1)) return true;
    return frags.some((l) => {
      if (l.box[2] > x) return false;
      const h = l.box[3] - l.box[1];
      return frags.some((f) => f.box[0] >= x && f.box[0] - l.box[2] < 0.5 * h && Math.min(l.box[3], f.box[3]) - Math.max(l.box[1], f.box[1]) > 0.5 * h);
    });
  };
  const ruled = (x: number) => verticals.some((v) => Math.abs(v.at - x) <= TOL && Math.min(v.to, bottom) - Math.max(v.from, top) > 0.5 * (bottom - top));
  // Boundaries that split the row: ruled ones, and unruled runs nothing crosses.
  const split = xs.map((x, c) => c === 0 || c === xs.length - 1 || ruled(x));
  for (let c = 1; c < xs.length - 1; ) {
    if (split[c]) {
      c++;
      continue;
    }
    let e = c;
    while (e < xs.length - 1 && !split[e]) e++;
    const keep = !xs.slice(c, e).some(crossed);
    for (let k = c; k < e; k++) split[k] = keep;
    c = e;
  }
  const spans: [number, number][] = [];
  let start = 0;
  for (let c = 1; c < xs.length; c++) {
    if (!split[c]) continue;
    spans.push([start, c - 1]);
    start = c;
  }
  return spans;
}

/** Weighted mean confidence of fragments (by text length), null when none carries one. */
function confidenceOf(frags: Fragment[]): number | null {
  let sum = 0;
  let w = 0;
  for (const f of frags) {
    if (f.confidence == null) continue;
    sum += f.confidence * Math.max(1, f.text.length);
    w += Math.max(1, f.text.length);
  }
  return w ? sum / w : null;
}

/**
 * Find ruled tables and take their fragments out of the flow. A grid needs ≥ 2 columns and
 * ≥ 2 rows of cells, and at least two of its cells holding text; anything less is a box or a
 * rule under a heading. A merged cell's text goes to its first column, the others stay empty,
 * so every row keeps the grid's columns. `wholeWords`: the fragments are words (OCR).
 */
export function extractTables(rulesIn: Rule[], frags: Fragment[], opts: { wholeWords?: boolean } = {}): { tables: Table[]; rest: Fragment[] } {
  const tables: Table[] = [];
  let rest = frags;
  for (const gi of tableGrids(rulesIn)) {
    const g = gi.map((i) => rulesIn[i]);
    const verticals = g.filter((r) => r.kind === 'v');
    const xs = cluster(verticals.map((r) => r.at));
    const ys = cluster(g.filter((r) => r.kind === 'h').map((r) => r.at));
    const box: Box = [xs[0], ys[0], xs[xs.length - 1], ys[ys.length - 1]];
    const inside = (f: Fragment) => {
      const [cx, cy] = centre(f);
      return cx > box[0] && cx < box[2] && cy > box[1] && cy < box[3];
    };
    const mine = rest.filter(inside);
    const byRow = new Map<number, Fragment[]>();
    for (const f of mine) {
      const r = ys.findIndex((y, i) => i < ys.length - 1 && centre(f)[1] >= y && centre(f)[1] < ys[i + 1]);
      byRow.set(r, [...(byRow.get(r) ?? []), f]);
    }
    const lines: LaidLine[] = [];
    const cells: Cell[] = [];
    let filled = 0;
    for (let r = 0; r < ys.length - 1; r++) {
      const fr = byRow.get(r) ?? [];
      const row: string[] = xs.slice(1).map(() => '');
      for (const [c0, c1] of rowSpans(xs, ys[r], ys[r + 1], verticals, fr)) {
        const cell = fr.filter((f) => centre(f)[0] >= xs[c0] && centre(f)[0] < xs[c1 + 1]);
        // OCR words are whole words: a space between any two, however tight (text-layer items
        // can be pieces of a word, and are spaced by their gaps).
        row[c0] = rowsFromFragments(opts.wholeWords ? cell.map((f) => ({ ...f, text: `${f.text} ` })) : cell)
          .map((rw) => rw.segments.map((s) => s.text).join(' '))
          .join(' ')
          .replace(/\s+/g, ' ')
          .trim();
        if (row[c0]) filled++;
        cells.push({ row: r, col: c0, box: [xs[c0], ys[r], xs[c1 + 1], ys[r + 1]], text: row[c0] });
      }
      if (row.some((t) => t)) lines.push({ text: row.join('\t'), box: [xs[0], ys[r], xs[xs.length - 1], ys[r + 1]], confidence: confidenceOf(fr) });
    }
    if (filled < 2) continue;
    tables.push({ box, lines, cells });
    rest = rest.filter((f) => !inside(f));
  }
  return { tables, rest };
}
