/**
 * restoreText: the noisy-channel decoder. For each block of lines the detector marks, every word
 * token gets candidates from the channel (syllables of the full inventory), and a beam search
 * over the syllable trigram model picks the sequence maximising
 *   Σ ln P_lm(w_i | w_i-2 w_i-1)  −  α · channel_cost(observed_i, w_i).
 * Context flows across line breaks inside a paragraph; output keeps lines, punctuation, numbers
 * and the case pattern of each input token.
 */
import type { RestoredToken } from '../../schemas/document.ts';
import type { Channel } from './channel.ts';
import type { AdaptedModel, TrigramModel } from './ngram.ts';
import { BOS, EOS } from './ngram.ts';
import { canonicalSyllable, isFoldedSyllable, isMarked } from '../knowledge/syllable.ts';
import { fold } from '../knowledge/fold.ts';
import { tokenizeLine, punctKey, type Token } from './tokenize.ts';
import { detached } from '../lib/strings.ts';
import { memoize } from '../lib/memo.ts';
import type { Edit } from '../lib/offsets.ts';
import type { RepairRule } from '../lib/repairs.ts';

export interface DecoderParams {
  alpha: number; // weight of the channel cost against ln P_lm
  topK: number; // candidates kept per token
  beam: number; // states kept per position
  beamDelta: number; // states scoring this far (nats) below the best are dropped
  keepCost: number; // channel cost of keeping a token that is not a valid syllable
  rankWindow: number; // candidates ranked (α·cost − ln prior) further than this behind the best are dropped
  splitCost: number; // channel cost of reading one token as two glued syllables
  // In text typed without marks, an unmarked word tells little about the marks it lost: their
  // channel cost is scaled by this, so the context decides more ("thai do" → "thái độ").
  unmarkedScale: number;
}

export const DEFAULT_PARAMS: DecoderParams = { alpha: 4.0, topK: 16, beam: 24, beamDelta: 10, keepCost: 3.0, rankWindow: 14, splitCost: 0.8, unmarkedScale: 0.5 };

export interface RestoreModel {
  lm: TrigramModel | AdaptedModel;
  channel: Channel;
  codes: Set<string>; // known letter segments of document codes
  params: DecoderParams;
}

export interface RestoreResult {
  text: string;
  tokens: RestoredToken[];
  /** 0-based indexes of the lines the detector sent to the decoder */
  lines: number[];
  /** Each replacement as an edit (old span → new span), in order: for remapping offsets. */
  edits: Edit[];
  /** The rule behind each token, in the same order: 'code-dj', 'point-ocr' or 'word-restored'. */
  rules: RestoreRule[];
}

export type RestoreRule = Extract<RepairRule, 'code-dj' | 'point-ocr' | 'word-restored'>;
interface Replacement {
  start: number;
  end: number;
  original: string;
  restored: string;
  conf: number;
  rule: RestoreRule;
}

interface Cand {
  out: string; // lowercase surface ("vai trò" when OCR glued two syllables)
  id: number; // LM id
  cost: number;
  id2?: number; // LM id of the second syllable of a split token
}

interface Slot {
  line: number;
  tok: Token | null; // null for an LM-only position
  cands: Cand[];
}

// ---------------------------------------------------------------- detector

export interface LineStats {
  words: number;
  marked: number; // valid syllables with marks
  plain: number; // valid syllables without marks (ambiguous)
  invalid: number; // not a syllable: garble or foreign
}

/** 0 invalid, 1 marked, 2 plain; once per spelling. */
const classifyWord = memoize(50_000, (text): 0 | 1 | 2 => {
  const canon = canonicalSyllable(text.normalize('NFC'));
  return !canon ? 0 : isMarked(canon) ? 1 : 2;
});

export function lineStats(line: string, toks: Token[] = tokenizeLine(line)): LineStats {
  const st: LineStats = { words: 0, marked: 0, plain: 0, invalid: 0 };
  for (const t of toks) {
    if (t.kind !== 'word') continue;
    st.words++;
    const c = classifyWord(t.text);
    if (c === 0) st.invalid++;
    else if (c === 1) st.marked++;
    else st.plain++;
  }
  return st;
}

function garble(st: LineStats): number {
  return st.words ? (st.invalid + 0.6 * st.plain) / st.words : 0;
}

/**
 * Which lines need restoration, judged on each line's neighbourhood (±WINDOW lines with words):
 * where the words around are mostly unmarked or not syllables (OCR without a Vietnamese model,
 * or typing without marks), every line with an unmarked or invalid word is restored; elsewhere
 * only a line that is clearly garbled on its own. A document can mix both (a born-digital letter
 * with a scanned annex).
 */
export function detectLines(lines: string[], toks: Token[][] = lines.map((l) => tokenizeLine(l))): boolean[] {
  const WINDOW = 4;
  const stats = lines.map((l, i) => lineStats(l, toks[i]));
  const withWords = stats.flatMap((s, i) => (s.words ? [i] : []));
  const out = lines.map(() => false);
  withWords.forEach((li, k) => {
    const s = stats[li]!;
    if (s.invalid + s.plain === 0) return;
    let words = 0;
    let bad = 0;
    for (let j = Math.max(0, k - WINDOW); j <= Math.min(withWords.length - 1, k + WINDOW); j++) {
      const n = stats[withWords[j]!]!;
      words += n.words;
      bad += n.invalid + 0.6 * n.plain;
    }
    out[li] = bad / words >= 0.3 || (s.words >= 3 && garble(s) >= 0.45 && (s.invalid >= 2 || s.marked === 0));
  });
  return out;
}

// ---------------------------------------------------------------- case and codes

function applyCase(pattern: string, lower: string, lineUpper: boolean): string {
  const letters = [...pattern].filter((c) => /\p{L}/u.test(c));
  if (letters.length === 0) return lower;
  const upper = letters.filter((c) => c === c.toUpperCase() && c !== c.toLowerCase()).length;
  if ((upper === letters.length && (letters.length > 1 || lineUpper)) || (lineUpper && upper >= letters.length - 1)) return lower.toUpperCase();
  // Same letters but their marks (the usual restoration): each keeps its own case, so a capital
  // inside a word stays ("H'Lim", "K'Ho").
  const p = [...pattern];
  const o = [...lower];
  if (p.length === o.length) return o.map((c, i) => (p[i] !== p[i]!.toLowerCase() ? c.toUpperCase() : c)).join('');
  const first = letters[0]!;
  if (first !== first.toLowerCase()) return lower.charAt(0).toUpperCase() + lower.slice(1);
  return lower;
}

const DJ = /[DdBbPpÐð]/g;
/** Repair the Đ of each letter segment of a code: ND-CP → NĐ-CP, Qb-TTg → QĐ-TTg. */
export function repairCode(code: string, known: Set<string>): string {
  if (/[<>=]/.test(code)) return code; // markup, not a code
  return code.replace(/\p{L}+/gu, (seg) => {
    if (known.has(seg)) return seg;
    // code segments are capitals, with at most one small letter (TTg, an OCR'd Qb)
    if (seg.length < 2 || seg[0] !== seg[0]!.toUpperCase() || [...seg].filter((c) => c !== c.toUpperCase()).length > 1) return seg;
    const matches = new Set<string>();
    for (const m of seg.matchAll(DJ)) {
      const i = m.index!;
      for (const v of [seg.slice(0, i) + 'Đ' + seg.slice(i + 1), (seg.slice(0, i) + 'Đ' + seg.slice(i + 1)).toUpperCase()])
        if (known.has(v)) matches.add(v);
    }
    return matches.size === 1 ? [...matches][0]! : seg;
  });
}

// ---------------------------------------------------------------- decoder

const CAND_CACHE = new WeakMap<RestoreModel, Map<string, Cand[]>>();

/**
 * `sameLetters`: the text was typed without marks rather than OCR'd (almost every word already
 * spells a syllable), so only the marks may change, never the letters.
 */
function candidatesFor(tok: Token, model: RestoreModel, sameLetters: boolean): Cand[] {
  const lower = tok.text.normalize('NFC').toLowerCase();
  let cache = CAND_CACHE.get(model);
  if (!cache) CAND_CACHE.set(model, (cache = new Map()));
  const key = sameLetters ? '\u0001' + lower : lower;
  let hit = cache.get(key);
  if (!hit) {
    hit = rankCandidates(lower, model, sameLetters);
    if (cache.size > 100_000) cache.clear();
    cache.set(detached(key), hit);
  }
  return hit;
}

/** Longer tokens are no syllable, nor two glued ones: kept as they are (and never searched). */
const MAX_TOKEN_CHARS = 16;

function rankCandidates(lower: string, model: RestoreModel, sameLetters: boolean): Cand[] {
  const { lm, channel, params } = model;
  if (lower.length > MAX_TOKEN_CHARS) return [{ out: lower, id: lm.idOf('<unk>'), cost: 0 }];
  const folded = fold(lower);
  const canon = canonicalSyllable(lower);
  let found = channel.candidates(lower);
  if (sameLetters) {
    const same = found.filter((c) => fold(c.syllable) === folded);
    if (same.length) found = same;
  }
  const scale = sameLetters && /^[a-z]+$/.test(lower) ? params.unmarkedScale : 1;
  const scored = found.map((c) => {
    const id = lm.idOf(c.syllable);
    const cost = c.cost * scale;
    return { out: c.syllable, id, cost, rank: params.alpha * cost - lm.logPrior(id) };
  });
  scored.sort((a, b) => a.rank - b.rank);
  const cut = scored.length ? scored[0]!.rank + params.rankWindow : 0;
  const out: Cand[] = scored
    .slice(0, params.topK)
    .filter((c) => c.rank <= cut)
    .map(({ out, id, cost }) => ({ out, id, cost }));
  if (canon && !out.some((c) => c.out === canon)) out.push({ out: canon, id: lm.idOf(canon), cost: 0 });
  if (!canon) out.push({ out: lower, id: lm.idOf('<unk>'), cost: params.keepCost });
  if (!sameLetters && (found[0]?.cost ?? Infinity) > 1 && /^\p{L}{5,12}$/u.test(lower)) out.push(...splitCandidates(lower, model));
  return out;
}

/** OCR glued two syllables ("vaitro", "tychanh"): the best readings of each split. */
function splitCandidates(lower: string, model: RestoreModel): Cand[] {
  const { lm, channel, params } = model;
  const chars = [...lower];
  const out: (Cand & { rank: number })[] = [];
  for (let i = 2; i <= chars.length - 2; i++) {
    const a = channel.candidates(chars.slice(0, i).join('')).slice(0, 3);
    const b = channel.candidates(chars.slice(i).join('')).slice(0, 3);
    for (const x of a)
      for (const y of b) {
        const cost = x.cost + y.cost + params.splitCost;
        const id = lm.idOf(x.syllable);
        const id2 = lm.idOf(y.syllable);
        out.push({ out: `${x.syllable} ${y.syllable}`, id, id2, cost, rank: params.alpha * cost - lm.logProb(lm.idOf(BOS), id, id2) - lm.logPrior(id) });
      }
  }
  return out
    .sort((p, q) => p.rank - q.rank)
    .slice(0, 4)
    .map(({ out, id, id2, cost }) => ({ out, id, id2, cost }));
}

function fixed(key: string | null, model: RestoreModel): Cand[] | null {
  if (key === null) return null;
  return [{ out: '', id: model.lm.idOf(key), cost: 0 }];
}

interface Scorer {
  logProb(u: number, v: number, w: number): number;
}

/** Beam search over one block of slots; returns the chosen candidate index per slot. */
function beamDecode(slots: Slot[], model: RestoreModel, lm: Scorer = model.lm): number[] {
  const { params } = model;
  const bos = model.lm.idOf(BOS);
  const B = params.beam;
  // layers as struct-of-arrays: (u, v) state, score, back pointer, candidate index
  const layerV: Int32Array[] = [];
  const layerU: Int32Array[] = [];
  const layerBack: Int32Array[] = [];
  const layerCand: Int32Array[] = [];
  let pU = Int32Array.of(bos);
  let pV = Int32Array.of(bos);
  let pS = Float64Array.of(0);
  let pN = 1;
  const slotOf = new Map<number, number>();
  for (const slot of slots) {
    const K = slot.cands.length;
    const cap = pN * K;
    const nU = new Int32Array(cap);
    const nV = new Int32Array(cap);
    const nS = new Float64Array(cap);
    const nB = new Int32Array(cap);
    const nC = new Int32Array(cap);
    let n = 0;
    slotOf.clear();
    for (let si = 0; si < pN; si++) {
      const u = pU[si]!;
      const v = pV[si]!;
      const base = pS[si]!;
      for (let ci = 0; ci < K; ci++) {
        const c = slot.cands[ci]!;
        let score = base + lm.logProb(u, v, c.id) - params.alpha * c.cost;
        if (c.id2 !== undefined) score += lm.logProb(v, c.id, c.id2);
        const key = v * 64 + ci; // the candidate index fixes c.id within a slot
        const at = slotOf.get(key);
        if (at === undefined) {
          slotOf.set(key, n);
          nU[n] = c.id2 === undefined ? v : c.id;
          nV[n] = c.id2 ?? c.id;
          nS[n] = score;
          nB[n] = si;
          nC[n] = ci;
          n++;
        } else if (score > nS[at]!) {
          nS[at] = score;
          nB[at] = si;
        }
      }
    }
    // keep the B best states, and none that trail the best by more than beamDelta
    let top = -Infinity;
    for (let i = 0; i < n; i++) if (nS[i]! > top) top = nS[i]!;
    const floor = top - params.beamDelta;
    let keep: number[] = [];
    for (let i = 0; i < n; i++) if (nS[i]! >= floor) keep.push(i);
    if (keep.length > B) {
      keep.sort((a, b) => nS[b]! - nS[a]!);
      keep = keep.slice(0, B);
    }
    const m = keep.length;
    pU = new Int32Array(m);
    pV = new Int32Array(m);
    pS = new Float64Array(m);
    const back = new Int32Array(m);
    const cand = new Int32Array(m);
    keep.forEach((k, i) => {
      pU[i] = nU[k]!;
      pV[i] = nV[k]!;
      pS[i] = nS[k]!;
      back[i] = nB[k]!;
      cand[i] = nC[k]!;
    });
    pN = m;
    layerU.push(pU);
    layerV.push(pV);
    layerBack.push(back);
    layerCand.push(cand);
  }
  const eos = model.lm.idOf(EOS);
  let best = 0;
  let bestScore = -Infinity;
  for (let i = 0; i < pN; i++) {
    const sc = pS[i]! + lm.logProb(pU[i]!, pV[i]!, eos);
    if (sc > bestScore) {
      bestScore = sc;
      best = i;
    }
  }
  const choice = new Array<number>(slots.length);
  for (let p = slots.length - 1; p >= 0; p--) {
    choice[p] = layerCand[p]![best]!;
    best = layerBack[p]![best]!;
  }
  return choice;
}

/** Local posterior of the chosen candidate given the chosen neighbours. */
function confidence(slots: Slot[], choice: number[], p: number, model: RestoreModel, lm: Scorer = model.lm): number {
  const { params } = model;
  const bos = model.lm.idOf(BOS);
  const eos = model.lm.idOf(EOS);
  const id = (q: number) => (q < 0 ? bos : q >= slots.length ? eos : slots[q]!.cands[choice[q]!]!.id);
  const u = id(p - 2);
  const v = id(p - 1);
  const n1 = id(p + 1);
  const n2 = id(p + 2);
  const scores = slots[p]!.cands.map((c) => lm.logProb(u, v, c.id) + lm.logProb(v, c.id, n1) + (p + 1 < slots.length ? lm.logProb(c.id, n1, n2) : 0) - params.alpha * c.cost);
  const max = Math.max(...scores);
  const z = scores.reduce((a, s) => a + Math.exp(s - max), 0);
  return Math.exp(scores[choice[p]!]! - max) / z;
}

/**
 * Restore a text: same number of lines, punctuation and numbers in place. `force` sends every
 * line to the decoder; otherwise the detector decides.
 */
export function restoreText(
  text: string,
  model: RestoreModel,
  opts: { force?: boolean; forceLines?: ReadonlySet<number>; forceSpans?: ReadonlyMap<number, readonly (readonly [number, number])[]> } = {},
): RestoreResult {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = text.split(/\r?\n/);
  const lineToks = lines.map((l) => tokenizeLine(l)); // tokenised once, for the detector and the repairs
  const todo = opts.force ? lines.map((l) => /\p{L}/u.test(l)) : detectLines(lines, lineToks);
  const detected = [...todo];
  // lines the caller knows are doubtful (low OCR confidence) are restored whatever the detector says
  for (const i of opts.forceLines ?? []) if (i < todo.length && /\p{L}/u.test(lines[i]!)) todo[i] = true;
  // A line forced only for some spans (a paragraph the layout stage joined from printed lines of
  // which some were read with low confidence) is decoded whole, for context, but judged and
  // changed there only.
  const outside = (li: number, tok: Token) => {
    const spans = detected[li] ? undefined : opts.forceSpans?.get(li);
    return !!spans && !spans.some(([a, b]) => tok.start < b && tok.end > a);
  };
  // typed without marks (nearly no invalid words) vs OCR garble: decides whether letters may change
  let words = 0;
  let invalid = 0;
  lines.forEach((l, i) => {
    if (!todo[i]) return;
    for (const t of lineToks[i]!) {
      if (t.kind !== 'word' || outside(i, t)) continue;
      words++;
      if (!isFoldedSyllable(t.text.toLowerCase())) invalid++;
    }
  });
  // (a few words are not enough to tell typing from OCR: then letters may change)
  const sameLetters = words >= 12 && invalid / words < 0.03;
  // replacements per line, in the original line's coordinates
  const repl = new Map<number, Replacement[]>();
  const add = (li: number, r: Replacement) =>
    (repl.get(li) ?? repl.set(li, []).get(li)!).push(r);

  // blocks: runs of lines to restore; a blank line or a list marker starts a new paragraph
  const blocks: Slot[][] = [];
  let block: Slot[] = [];
  const flush = () => {
    if (block.length) blocks.push(block);
    block = [];
  };

  const codeRepaired = new Set<Token>(); // read as a known code: never also decoded as a word
  for (let li = 0; li < lines.length; li++) {
    const line = lines[li]!;
    const toks = lineToks[li]!;
    // codes and abbreviations are repaired on every line (exact matches against known segments)
    for (const tok of toks) {
      if (tok.kind === 'marker' && tok.text === '¢') add(li, { start: tok.start, end: tok.end, original: tok.text, restored: 'c', conf: 0.9, rule: 'point-ocr' });
      if (tok.kind !== 'code' && tok.kind !== 'abbr') continue;
      const rep = repairCode(tok.text, model.codes);
      if (rep !== tok.text) {
        add(li, { start: tok.start, end: tok.end, original: tok.text, restored: rep, conf: 0.9, rule: 'code-dj' });
        codeRepaired.add(tok);
      }
    }
    if (!todo[li]) {
      flush();
      continue;
    }
    if (toks.length && (toks[0]!.kind === 'marker' || toks[0]!.text === '-' || toks[0]!.text === '+')) flush();
    for (const tok of toks) {
      // an all-caps "abbreviation" that is one OCR slip away from a syllable is a garbled word (TUQONG)
      if (tok.kind === 'abbr' && tok.text.length >= 4 && !codeRepaired.has(tok) && (model.channel.candidates(tok.text)[0]?.cost ?? Infinity) <= 1) tok.kind = 'word';
      let cands: Cand[] | null;
      switch (tok.kind) {
        case 'word':
          cands = candidatesFor(tok, model, sameLetters);
          break;
        case 'punct':
          cands = fixed(punctKey(tok.text), model);
          break;
        case 'number':
          cands = fixed('<num>', model);
          break;
        case 'code':
        case 'url':
          cands = fixed('<code>', model);
          break;
        case 'abbr':
          cands = fixed('<abbr>', model);
          break;
        case 'marker':
          cands = fixed('<mark>', model);
          break;
      }
      if (cands) block.push({ line: li, tok: tok.kind === 'word' ? tok : null, cands });
    }
  }
  flush();

  const choices = blocks.map((b) => beamDecode(b, model));
  const scorer: Scorer = model.lm;
  blocks.forEach((b, i) => {
    const choice = choices[i]!;
    const upper = new Map<number, boolean>();
    b.forEach((slot, p) => {
      const tok = slot.tok;
      if (!tok) return;
      const c = slot.cands[choice[p]!]!;
      if (!upper.has(slot.line)) upper.set(slot.line, isUpperLine(lines[slot.line]!));
      const cased = applyCase(tok.text, c.out, upper.get(slot.line)!);
      if (cased !== tok.text && !outside(slot.line, tok))
        add(slot.line, { start: tok.start, end: tok.end, original: tok.text, restored: cased, conf: confidence(b, choice, p, model, scorer), rule: 'word-restored' });
    });
  });

  const tokens: RestoredToken[] = [];
  const rules: RestoreRule[] = [];
  const edits: Edit[] = [];
  const outLines: string[] = [];
  let offset = 0;
  let oldOffset = 0;
  for (let li = 0; li < lines.length; li++) {
    const line = lines[li]!;
    const list = (repl.get(li) ?? []).sort((x, y) => x.start - y.start);
    let out = '';
    let pos = 0;
    for (const r of list) {
      out += line.slice(pos, r.start);
      edits.push({ oldStart: oldOffset + r.start, oldEnd: oldOffset + r.end, newStart: offset + out.length, newEnd: offset + out.length + r.restored.length });
      tokens.push({ start: offset + out.length, end: offset + out.length + r.restored.length, original: r.original, restored: r.restored, confidence: Math.round(r.conf * 1000) / 1000 });
      rules.push(r.rule);
      out += r.restored;
      pos = r.end;
    }
    out += line.slice(pos);
    outLines.push(out);
    offset += out.length + eol.length;
    oldOffset += line.length + eol.length;
  }
  return { text: outLines.join(eol), tokens, lines: todo.flatMap((t, i) => (t ? [i] : [])), edits, rules };
}

/** A heading in capitals: its words (not its codes) are nearly all upper case. */
function isUpperLine(line: string): boolean {
  const letters = tokenizeLine(line)
    .filter((t) => t.kind === 'word')
    .flatMap((t) => [...t.text].filter((c) => /\p{L}/u.test(c)));
  if (letters.length < 4) return false;
  const up = letters.filter((c) => c === c.toUpperCase() && c !== c.toLowerCase()).length;
  return up / letters.length >= 0.8;
}
