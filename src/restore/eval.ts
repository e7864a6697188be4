/**
 * Restoration accuracy: line by line, the gold and the output are split into syllable tokens
 * (runs of letters and digits), aligned by edit distance, and each gold token counts as exact
 * when the aligned output token is the same (case-insensitive, NFC, marks must match) and as
 * diacritics-ignored when they are the same once folded (no tone, no shape marks, đ → d).
 */
import { fold } from '../knowledge/fold.ts';

export interface Accuracy {
  total: number; // gold syllables
  exact: number;
  folded: number;
  exactRate: number;
  foldedRate: number;
  errors: { line: number; gold: string; got: string }[];
}

const SYL = /[\p{L}\p{N}]+/gu;

export function syllables(line: string): string[] {
  return line.normalize('NFC').toLowerCase().match(SYL) ?? [];
}

/** Edit-distance alignment of two token lists; returns pairs (gold index, output index or -1). */
function align(g: string[], o: string[]): [number, number][] {
  const n = g.length;
  const m = o.length;
  const d: number[][] = Array.from({ length: n + 1 }, (_, i) => Array.from({ length: m + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  const cost = (a: string, b: string) => (a === b ? 0 : fold(a) === fold(b) ? 0.5 : 1);
  for (let i = 1; i <= n; i++)
    for (let j = 1; j <= m; j++) d[i]![j] = Math.min(d[i - 1]![j - 1]! + cost(g[i - 1]!, o[j - 1]!), d[i - 1]![j]! + 1, d[i]![j - 1]! + 1);
  const pairs: [number, number][] = [];
  let i = n;
  let j = m;
  while (i > 0) {
    if (j > 0 && d[i]![j] === d[i - 1]![j - 1]! + cost(g[i - 1]!, o[j - 1]!)) {
      pairs.push([i - 1, j - 1]);
      i--;
      j--;
    } else if (j > 0 && d[i]![j] === d[i]![j - 1]! + 1) j--;
    else {
      pairs.push([i - 1, -1]);
      i--;
    }
  }
  return pairs.reverse();
}

export function accuracy(goldLines: string[], outLines: string[]): Accuracy {
  let total = 0;
  let exact = 0;
  let folded = 0;
  const errors: Accuracy['errors'] = [];
  for (let li = 0; li < goldLines.length; li++) {
    const g = syllables(goldLines[li] ?? '');
    const o = syllables(outLines[li] ?? '');
    for (const [gi, oi] of align(g, o)) {
      total++;
      const got = oi >= 0 ? o[oi]! : '';
      if (got === g[gi]) exact++;
      else errors.push({ line: li, gold: g[gi]!, got });
      if (got && fold(got) === fold(g[gi]!)) folded++;
    }
  }
  return { total, exact, folded, exactRate: total ? exact / total : 1, foldedRate: total ? folded / total : 1, errors };
}

/** Parse a line range like "140-", "1-139", "5". 1-based, inclusive. */
export function parseLineRange(spec: string | undefined, count: number): [number, number] {
  if (!spec) return [1, count];
  const m = /^(\d*)\s*-\s*(\d*)$/.exec(spec) ?? /^(\d+)$/.exec(spec);
  if (!m) throw new Error(`bad line range: ${spec}`);
  const from = m[1] ? Number(m[1]) : 1;
  const to = m[2] !== undefined ? (m[2] ? Number(m[2]) : count) : from;
  return [from, Math.min(to, count)];
}
