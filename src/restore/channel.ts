/**
 * The OCR channel model: how likely an observed token is a garbled rendering of a syllable.
 *
 * Cost = weighted edit distance between the observed chars and the syllable's chars, where a
 * substitution that only drops or changes marks is cheap, and the confusion table
 * (data/confusion/ocr-eng.tsv) gives the typical OCR misreadings, including many-to-one ones
 * ("ir" → ử). Candidates are found by walking a trie of the full syllable inventory with the
 * DP row of each prefix, pruning branches whose row minimum exceeds the budget.
 */
import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { dataPath } from '../lib/root.ts';
import { VIET_LETTERS, baseChar, stripTone, syllableInventory, VOWEL_BASES, withTone, type Tone } from '../knowledge/syllable.ts';

export const COST_TONE_LOST = 0.3;
export const COST_MARKS_LOST = 0.35;
export const COST_OTHER_MARKS = 0.45;
export const COST_SUB = 1.8;
export const COST_INS = 1.5; // a letter of the syllable OCR did not write
export const COST_DEL = 1.5; // a char OCR wrote that the syllable lacks
export const COST_DEL_SYMBOL = 0.4; // stray apostrophes, carets…

export const CONFUSION_FILE = dataPath('confusion', 'ocr-eng.tsv');
/** Learnt by scripts/learn-confusion.ts (tesseract eng on rendered clean text). */
export const LEARNED_CONFUSION_FILE = dataPath('confusion', 'ocr-eng.learned.tsv');
/** Learnt costs are never cheaper than losing marks: mark loss stays the default explanation. */
const LEARNED_FLOOR = COST_TONE_LOST;

export interface ConfusionTable {
  /** observed single char → intended char → cost */
  single: Map<string, Map<string, number>>;
  /** observed 2–3 char sequence → intended char → cost */
  multi: Map<string, Map<string, number>>;
}

function expandIntended(spec: string): string[] {
  const out: string[] = [];
  for (const item of spec.split(/\s+/).filter(Boolean)) {
    if (item.endsWith('**')) {
      const base = item[0]!;
      for (const v of VOWEL_BASES) if (baseChar(v) === base) for (let t = 0; t < 6; t++) out.push(withTone(v, t as Tone));
    } else if (item.endsWith('*')) {
      const v = item.slice(0, -1);
      for (let t = 0; t < 6; t++) out.push(withTone(v, t as Tone));
    } else out.push(item);
  }
  return out;
}

/** observed, intended, cost (a note may follow in a fourth column). */
const ConfusionRow = z.object({
  observed: z.string().min(1, 'empty'),
  intended: z.string().min(1, 'empty'),
  cost: z
    .string()
    .min(1, 'empty')
    .transform(Number)
    .refine((n) => Number.isFinite(n) && n >= 0, 'not a cost (a number ≥ 0)'),
});

/**
 * Parse a confusion TSV into `into` (min cost wins). `learned` rows that only say "the marks were
 * lost" are left to the defaults, and their costs are floored at LEARNED_FLOOR.
 */
export function parseConfusionTable(tsv: string, into?: ConfusionTable, learned = false, source = 'confusion table'): ConfusionTable {
  const single = into?.single ?? new Map<string, Map<string, number>>();
  const multi = into?.multi ?? new Map<string, Map<string, number>>();
  for (const [i, line] of tsv.split('\n').entries()) {
    if (!line.trim() || line.startsWith('#')) continue;
    const [observed = '', intendedCell = '', costCell = ''] = line.split('\t');
    // A bad row stops the load with its file and line: a silently skipped or NaN cost would change restoration unseen.
    const row = ConfusionRow.safeParse({ observed, intended: intendedCell, cost: costCell });
    if (!row.success) {
      const issue = row.error.issues[0]!;
      throw new Error(`${source}:${i + 1}: ${issue.path.join('.')}: ${issue.message}`);
    }
    const { observed: obs, intended, cost } = row.data;
    const target = [...obs].length === 1 ? single : multi;
    let m = target.get(obs);
    if (!m) target.set(obs, (m = new Map()));
    for (const c of expandIntended(intended)) {
      if (learned && (obs === c || obs === baseChar(c) || obs === stripTone(c))) continue;
      const v = learned ? Math.max(LEARNED_FLOOR, cost) : cost;
      m.set(c, Math.min(m.get(c) ?? Infinity, v));
    }
  }
  return { single, multi };
}

let DEFAULT_TABLE: ConfusionTable | null = null;
/** The hand-seeded table plus the learnt one (when present). */
export function defaultConfusionTable(): ConfusionTable {
  if (DEFAULT_TABLE) return DEFAULT_TABLE;
  const t = parseConfusionTable(readFileSync(CONFUSION_FILE, 'utf8'), undefined, false, CONFUSION_FILE);
  if (existsSync(LEARNED_CONFUSION_FILE)) parseConfusionTable(readFileSync(LEARNED_CONFUSION_FILE, 'utf8'), t, true, LEARNED_CONFUSION_FILE);
  return (DEFAULT_TABLE = t);
}

const SYMBOL = /[^\p{L}\p{N}]/u;

export interface Candidate {
  syllable: string; // lowercase canonical syllable
  cost: number;
}

/**
 * Trie over the folded syllable keys (no marks, đ → d) of the inventory. The walk uses a lower
 * bound of the channel cost (the cheapest marked letter for each base letter), then each
 * surviving key's syllables are scored exactly.
 */
export class Channel {
  private chars: string[] = [''];
  private kids: Map<string, number>[] = [new Map()];
  private members: (string[] | null)[] = [null];
  private subMemo = new Map<string, Map<string, number>>();
  private lbMemo = new Map<string, number>();
  private lbMultiMemo = new Map<string, Map<string, number>>();
  private cache = new Map<string, Candidate[]>();
  readonly budget: number;

  constructor(
    readonly table: ConfusionTable = defaultConfusionTable(),
    syllables: Iterable<string> = syllableInventory(),
    budget = 1.9,
  ) {
    this.budget = budget;
    for (const s of syllables) this.insert(s);
  }

  private insert(s: string): void {
    let node = 0;
    for (const ch of s) {
      const b = baseChar(ch);
      let next = this.kids[node]!.get(b);
      if (next === undefined) {
        next = this.chars.length;
        this.chars.push(b);
        this.kids.push(new Map());
        this.members.push(null);
        this.kids[node]!.set(b, next);
      }
      node = next;
    }
    (this.members[node] ??= []).push(s);
  }

  /** Cost of observing char o where the syllable has char c. */
  sub(o: string, c: string): number {
    let memo = this.subMemo.get(o);
    if (!memo) this.subMemo.set(o, (memo = new Map()));
    let r = memo.get(c);
    if (r !== undefined) return r;
    if (o === c) r = 0;
    else if (stripTone(c) === o) r = COST_TONE_LOST;
    else if (baseChar(c) === o) r = COST_MARKS_LOST;
    else if (baseChar(c) === baseChar(o) && /\p{L}/u.test(o)) r = COST_OTHER_MARKS;
    else r = COST_SUB;
    const t = this.table.single.get(o)?.get(c);
    if (t !== undefined && t < r) r = t;
    memo.set(c, r);
    return r;
  }

  /** Lower bound of sub(o, c) over the chars c whose base letter is b. */
  private lbSub(o: string, b: string): number {
    const key = o + '\u0000' + b;
    let r = this.lbMemo.get(key);
    if (r !== undefined) return r;
    r = Infinity;
    for (const c of VIET_LETTERS) if (baseChar(c) === b) r = Math.min(r, this.sub(o, c));
    this.lbMemo.set(key, r);
    return r;
  }

  private lbMulti(m: Map<string, number>): Map<string, number> {
    let r = this.lbMultiMemo.get(m as any);
    if (r) return r;
    r = new Map();
    for (const [c, cost] of m) {
      const b = baseChar(c);
      r.set(b, Math.min(r.get(b) ?? Infinity, cost));
    }
    this.lbMultiMemo.set(m as any, r);
    return r;
  }

  del(o: string): number {
    return SYMBOL.test(o) && !this.table.single.has(o) ? COST_DEL_SYMBOL : COST_DEL;
  }

  /** Candidate syllables for an observed token (any case), cheapest first. Cached. */
  candidates(observed: string): Candidate[] {
    const obs = observed.normalize('NFC').toLowerCase();
    let hit = this.cache.get(obs);
    if (hit) return hit;
    hit = this.search(obs);
    if (this.cache.size > 200_000) this.cache.clear();
    this.cache.set(obs, hit);
    return hit;
  }

  /** Exact channel cost of observing `obs` for syllable `syl`. */
  cost(obs: string, syl: string): number {
    const o = [...obs.toLowerCase()];
    return this.align(o, o.map((c) => this.del(c)), this.multiRules(o), [...syl]);
  }

  private multiRules(o: string[]): { k: number; m: Map<string, number> }[][] {
    const n = o.length;
    const multiAt: { k: number; m: Map<string, number> }[][] = Array.from({ length: n + 1 }, () => []);
    for (let i = 0; i < n; i++)
      for (let k = 2; k <= 3 && i + k <= n; k++) {
        const m = this.table.multi.get(o.slice(i, i + k).join(''));
        if (m) multiAt[i + k]!.push({ k, m });
      }
    return multiAt;
  }

  private align(
    o: string[],
    del: number[],
    multiAt: { k: number; m: Map<string, number> }[][],
    s: string[],
    subRow: (c: string) => Float64Array = (c) => Float64Array.from(o, (x) => this.sub(x, c)),
  ): number {
    const n = o.length;
    let prev = new Float64Array(n + 1);
    for (let i = 1; i <= n; i++) prev[i] = prev[i - 1]! + del[i - 1]!;
    for (const ch of s) {
      const row = new Float64Array(n + 1);
      const subs = subRow(ch);
      row[0] = prev[0]! + COST_INS;
      for (let i = 1; i <= n; i++) {
        let v = prev[i - 1]! + subs[i - 1]!;
        const ins = prev[i]! + COST_INS;
        if (ins < v) v = ins;
        const d = row[i - 1]! + del[i - 1]!;
        if (d < v) v = d;
        for (const { k, m } of multiAt[i]!) {
          const c = m.get(ch);
          if (c !== undefined && prev[i - k]! + c < v) v = prev[i - k]! + c;
        }
        row[i] = v;
      }
      prev = row;
    }
    return prev[n]!;
  }

  private search(obs: string): Candidate[] {
    const o = [...obs];
    const n = o.length;
    const del = o.map((c) => this.del(c));
    const multiAt = this.multiRules(o);
    const lbMultiAt = multiAt.map((l) => l.map(({ k, m }) => ({ k, m: this.lbMulti(m) })));
    const root = new Float64Array(n + 1);
    for (let i = 1; i <= n; i++) root[i] = root[i - 1]! + del[i - 1]!;
    // cost rows per candidate char / base letter, computed once per observed token
    const subRows = new Map<string, Float64Array>();
    const subRow = (c: string) => {
      let r = subRows.get(c);
      if (!r) subRows.set(c, (r = Float64Array.from(o, (x) => this.sub(x, c))));
      return r;
    };
    const lbRows = new Map<string, Float64Array>();
    const lbRow = (b: string) => {
      let r = lbRows.get(b);
      if (!r) lbRows.set(b, (r = Float64Array.from(o, (x) => this.lbSub(x, b))));
      return r;
    };
    const found: Candidate[] = [];
    // short tokens often lost a whole letter (s → số, d → để): allow one insertion more
    const budget = this.budget + Math.max(0, n - 4) * 0.25 + (n <= 2 ? 0.7 : 0);
    // one DP row per trie depth, reused: the walk is depth-first, so siblings overwrite in turn
    const rows: Float64Array[] = [];
    const walk = (node: number, prev: Float64Array, depth: number): void => {
      const row = (rows[depth] ??= new Float64Array(n + 1));
      for (const [b, child] of this.kids[node]!) {
        const lbs = lbRow(b);
        row[0] = prev[0]! + COST_INS;
        let min = row[0]!;
        for (let i = 1; i <= n; i++) {
          let v = prev[i - 1]! + lbs[i - 1]!;
          const ins = prev[i]! + COST_INS;
          if (ins < v) v = ins;
          const d = row[i - 1]! + del[i - 1]!;
          if (d < v) v = d;
          for (const { k, m } of lbMultiAt[i]!) {
            const c = m.get(b);
            if (c !== undefined && prev[i - k]! + c < v) v = prev[i - k]! + c;
          }
          row[i] = v;
          if (v < min) min = v;
        }
        if (min > budget) continue;
        const mem = this.members[child];
        if (mem && row[n]! <= budget)
          for (const s of mem) {
            const c = this.align(o, del, multiAt, [...s], subRow);
            if (c <= budget) found.push({ syllable: s, cost: c });
          }
        walk(child, row, depth + 1);
      }
    };
    walk(0, root, 0);
    found.sort((a, b) => a.cost - b.cost);
    return found;
  }
}

