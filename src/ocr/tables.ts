/**
 * Ruled tables of a born-digital page, pure: ruling lines (strokes and thin or cell rectangles
 * from the page's drawing operators) → grids → cells; text fragments are placed in the cell
 * that holds their centre, and each table row becomes one line of tab-separated cells (the
 * seeds' TSV form). Fragments outside every grid go on to the normal reading-order layout.
 */
import { rowsFromFragments, type Box, type Fragment, type LaidLine } from './layout.ts';
import type { Rule } from '../../schemas/ocr.ts';

export type { Rule };

export interface Table {
  box: Box;
  lines: LaidLine[];
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

/** Connected sets of crossing rules (a grid each). */
function grids(rules: Rule[]): Rule[][] {
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
  const groups = new Map<number, Rule[]>();
  rules.forEach((r, i) => {
    const k = find(i);
    groups.set(k, [...(groups.get(k) ?? []), r]);
  });
  return [...groups.values()];
}

/**
 * Find ruled tables and take their fragments out of the flow. A grid needs ≥ 2 columns and
 * ≥ 2 rows of cells, and at least two of its cells holding text; anything less is a box or a
 * rule under a heading.
 */
export function extractTables(rulesIn: Rule[], frags: Fragment[]): { tables: Table[]; rest: Fragment[] } {
  const tables: Table[] = [];
  let rest = frags;
  for (const g of grids(rulesIn)) {
    const xs = cluster(g.filter((r) => r.kind === 'v').map((r) => r.at));
    const ys = cluster(g.filter((r) => r.kind === 'h').map((r) => r.at));
    if (xs.length < 3 || ys.length < 3) continue;
    const box: Box = [xs[0], ys[0], xs[xs.length - 1], ys[ys.length - 1]];
    const inside = (f: Fragment) => {
      const cx = (f.box[0] + f.box[2]) / 2;
      const cy = (f.box[1] + f.box[3]) / 2;
      return cx > box[0] && cx < box[2] && cy > box[1] && cy < box[3];
    };
    const mine = rest.filter(inside);
    const cells = new Map<string, Fragment[]>();
    for (const f of mine) {
      const cx = (f.box[0] + f.box[2]) / 2;
      const cy = (f.box[1] + f.box[3]) / 2;
      const c = xs.findIndex((x, i) => i < xs.length - 1 && cx >= x && cx < xs[i + 1]);
      const r = ys.findIndex((y, i) => i < ys.length - 1 && cy >= y && cy < ys[i + 1]);
      const key = `${r}:${c}`;
      cells.set(key, [...(cells.get(key) ?? []), f]);
    }
    if (cells.size < 2) continue;
    const lines: LaidLine[] = [];
    for (let r = 0; r < ys.length - 1; r++) {
      const row: string[] = [];
      for (let c = 0; c < xs.length - 1; c++) {
        const fr = cells.get(`${r}:${c}`) ?? [];
        row.push(
          rowsFromFragments(fr)
            .map((rw) => rw.segments.map((s) => s.text).join(' '))
            .join(' ')
            .replace(/\s+/g, ' ')
            .trim(),
        );
      }
      if (row.some((t) => t)) lines.push({ text: row.join('\t'), box: [xs[0], ys[r], xs[xs.length - 1], ys[r + 1]], confidence: null });
    }
    tables.push({ box, lines });
    rest = rest.filter((f) => !inside(f));
  }
  return { tables, rest };
}
