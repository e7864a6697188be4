/**
 * Syllable trigram language model with interpolated Kneser-Ney smoothing.
 *
 * What is stored (data/lm/*.bin.gz and the archive DB) is only trigram counts over a vocabulary
 * of lowercase syllables, punctuation and class tokens (<num>, <code>, <abbr>, <unk>): with
 * <s> <s> padding every bigram is the suffix of some trigram, so all KN statistics derive from
 * them. Counts from several sources add up (weighted), which is how `vanban lm train` adapts
 * the shipped model to an archive.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import { tokenizeLine, lmKeyOfClean } from './tokenize.ts';

export const BOS = '<s>';
export const EOS = '</s>';
export const SPECIALS = [BOS, EOS, '<unk>', '<num>', '<code>', '<abbr>', '<mark>', '<oov>'];
const B = 65536; // id base for packed n-gram keys (vocab < 65536)
/** Memoised log probabilities kept at most (a NumMap of 2^18 slots: 4 MB). */
const MEMO_LIMIT = 1 << 17;

/**
 * Open-addressing hash map from non-negative integer keys (< 2^53) to numbers. Packed n-gram keys
 * exceed the small-integer range, and a JS Map would box every one of them.
 */
export class NumMap {
  private keys: Float64Array;
  private vals: Float64Array;
  private mask: number;
  size = 0;

  constructor(capacity = 1024) {
    let cap = 16;
    while (cap < capacity * 2) cap *= 2;
    this.keys = f64(cap).fill(-1);
    this.vals = f64(cap);
    this.mask = cap - 1;
  }

  private slot(k: number): number {
    const lo = k >>> 0;
    const hi = (k / 4294967296) >>> 0;
    let h = Math.imul(lo ^ Math.imul(hi, 0x9e3779b1), 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
    let i = h & this.mask;
    const keys = this.keys;
    while (keys[i] !== -1 && keys[i] !== k) i = (i + 1) & this.mask;
    return i;
  }

  /** The value, or `missing` when absent. */
  get(k: number, missing = 0): number {
    const i = this.slot(k);
    return this.keys[i] === k ? this.vals[i]! : missing;
  }

  has(k: number): boolean {
    return this.keys[this.slot(k)] === k;
  }

  set(k: number, v: number): void {
    let i = this.slot(k);
    if (this.keys[i] !== k) {
      if ((this.size + 1) * 2 > this.keys.length) {
        this.grow();
        i = this.slot(k);
      }
      this.keys[i] = k;
      this.size++;
    }
    this.vals[i] = v;
  }

  add(k: number, v: number): void {
    this.set(k, this.get(k) + v);
  }

  clear(): void {
    this.keys.fill(-1);
    this.size = 0;
  }

  *entries(): IterableIterator<[number, number]> {
    for (let i = 0; i < this.keys.length; i++) if (this.keys[i] !== -1) yield [this.keys[i]!, this.vals[i]!];
  }

  [Symbol.iterator](): IterableIterator<[number, number]> {
    return this.entries();
  }

  /**
   * A copy in SharedArrayBuffers: sent to worker threads it is shared, not copied, so every
   * pipeline thread reads one model (`NumMap.wrap` on the other side; read-only there).
   */
  share(): NumMapData {
    return { keys: sharedCopy(this.keys), vals: sharedCopy(this.vals), size: this.size };
  }

  static wrap(d: NumMapData): NumMap {
    const m = new NumMap(1);
    m.keys = d.keys;
    m.vals = d.vals;
    m.mask = d.keys.length - 1;
    m.size = d.size;
    return m;
  }

  private grow(): void {
    const oldK = this.keys;
    const oldV = this.vals;
    this.keys = f64(oldK.length * 2).fill(-1);
    this.vals = f64(oldK.length * 2);
    this.mask = this.keys.length - 1;
    this.size = 0;
    for (let i = 0; i < oldK.length; i++) if (oldK[i] !== -1) this.set(oldK[i]!, oldV[i]!);
  }
}

/**
 * Tables are allocated in shared memory from the start, so sharing a built model with the
 * pipeline threads hands the same buffers over instead of copying them (a copy doubled the
 * model's memory while a batch started, and the allocator kept the difference).
 */
function f64(n: number): Float64Array {
  return new Float64Array(new SharedArrayBuffer(n * Float64Array.BYTES_PER_ELEMENT));
}

/** The table in a SharedArrayBuffer (itself when it already is one): posted to another thread, it is shared, not copied. */
function sharedCopy(a: Float64Array): Float64Array {
  if (a.buffer instanceof SharedArrayBuffer) return a;
  const out = f64(a.length);
  out.set(a);
  return out;
}

export interface NumMapData {
  keys: Float64Array;
  vals: Float64Array;
  size: number;
}

/** Mutable trigram counts with their own vocabulary. */
export class NgramCounts {
  vocab = new Map<string, number>();
  words: string[] = [];
  tri = new NumMap(1 << 16);
  tokens = 0;
  sources: string[] = [];
  codes = new Map<string, number>(); // code segments seen in clean text (NĐ, QĐ, UBND…)

  constructor() {
    for (const s of SPECIALS) this.id(s);
  }

  id(w: string): number {
    let i = this.vocab.get(w);
    if (i === undefined) {
      i = this.words.length;
      if (i >= B) return this.vocab.get('<unk>')!;
      this.vocab.set(w, i);
      this.words.push(w);
    }
    return i;
  }

  addTrigram(a: number, b: number, c: number, n: number): void {
    this.tri.add((a * B + b) * B + c, n);
  }

  /** Count one paragraph of LM keys. */
  addSequence(keys: string[], weight = 1): void {
    if (keys.length === 0) return;
    const ids = [this.id(BOS), this.id(BOS), ...keys.map((k) => this.id(k)), this.id(EOS)];
    for (let i = 2; i < ids.length; i++) this.addTrigram(ids[i - 2]!, ids[i - 1]!, ids[i]!, weight);
    this.tokens += keys.length;
  }

  /** Count clean text: every non-empty line is a paragraph. */
  addText(text: string, weight = 1): void {
    for (const line of text.normalize('NFC').split(/\r?\n/)) {
      const toks = tokenizeLine(line);
      const keys: string[] = [];
      for (const t of toks) {
        const k = lmKeyOfClean(t);
        if (k) keys.push(k);
        if (t.kind === 'code' || t.kind === 'abbr') {
          for (const seg of t.text.split(/[-/.]/)) {
            if (/^[A-ZĐ][A-Za-zĐđ]*$/.test(seg) && /[A-ZĐ]/.test(seg.slice(-1)) || /Đ/.test(seg)) this.codes.set(seg, (this.codes.get(seg) ?? 0) + 1);
          }
        }
      }
      // a paragraph made only of class tokens (tables of numbers) teaches nothing
      if (keys.some((k) => !k.startsWith('<') && k.length > 1)) this.addSequence(keys, weight);
    }
  }

  /** Add another table of counts (e.g. the archive's) with a weight. */
  merge(other: NgramCounts, weight = 1): void {
    const map = other.words.map((w) => this.id(w));
    for (const [k, n] of other.tri) {
      const c = k % B;
      const ab = (k - c) / B;
      const b = ab % B;
      const a = (ab - b) / B;
      this.addTrigram(map[a]!, map[b]!, map[c]!, n * weight);
    }
    this.tokens += other.tokens * weight;
    for (const [s, n] of other.codes) this.codes.set(s, (this.codes.get(s) ?? 0) + n);
    for (const s of other.sources) if (!this.sources.includes(s)) this.sources.push(s);
  }

  /** Binary form: gzip([u32 header length][header JSON][pad][u16 a,b,c …][f32 counts …]). */
  serialize(): Buffer {
    const header = Buffer.from(
      JSON.stringify({ format: 'vanban-trigram-counts/1', tokens: this.tokens, sources: this.sources, vocab: this.words, codes: Object.fromEntries(this.codes) }),
      'utf8',
    );
    const n = this.tri.size;
    const pad = (4 - ((4 + header.length) % 4)) % 4;
    const ids = new Uint16Array(n * 3 + (n * 3) % 2);
    const counts = new Float32Array(n);
    let i = 0;
    for (const [k, c] of this.tri) {
      const w = k % B;
      const ab = (k - w) / B;
      const b = ab % B;
      ids[i * 3] = (ab - b) / B;
      ids[i * 3 + 1] = b;
      ids[i * 3 + 2] = w;
      counts[i] = c;
      i++;
    }
    const len = Buffer.alloc(4);
    len.writeUInt32LE(header.length);
    const nbuf = Buffer.alloc(4);
    nbuf.writeUInt32LE(n);
    return gzipSync(
      Buffer.concat([len, header, Buffer.alloc(pad), nbuf, Buffer.from(ids.buffer), Buffer.from(counts.buffer)]),
      { level: 9 },
    );
  }

  static deserialize(buf: Buffer | Uint8Array): NgramCounts {
    const raw = gunzipSync(buf);
    const hlen = raw.readUInt32LE(0);
    const header = JSON.parse(raw.subarray(4, 4 + hlen).toString('utf8'));
    let off = 4 + hlen;
    off += (4 - (off % 4)) % 4;
    const n = raw.readUInt32LE(off);
    off += 4;
    const idLen = n * 3 + (n * 3) % 2;
    // Views into the unzipped bytes when they are aligned (they are: gunzip's output starts a buffer), else a copy.
    const at = raw.byteOffset + off;
    const aligned = at % 4 === 0;
    const ab = aligned ? raw.buffer : raw.buffer.slice(at, at + idLen * 2 + n * 4);
    const base = aligned ? at : 0;
    const ids = new Uint16Array(ab, base, idLen);
    const counts = new Float32Array(ab, base + idLen * 2, n);
    const out = new NgramCounts();
    out.vocab = new Map();
    out.words = [];
    for (const w of header.vocab as string[]) out.id(w);
    out.tri = new NumMap(n);
    for (let i = 0; i < n; i++) out.tri.set((ids[i * 3]! * B + ids[i * 3 + 1]!) * B + ids[i * 3 + 2]!, counts[i]!);
    out.tokens = header.tokens;
    out.sources = header.sources ?? [];
    out.codes = new Map(Object.entries(header.codes ?? {}));
    return out;
  }
}

export interface SharedTrigram {
  words: string[];
  sources: string[];
  tokens: number;
  codes: string[];
  tri: NumMapData;
  ctx3: NumMapData;
  types3: NumMapData;
  cont2: NumMapData;
  ctxCont2: Float64Array;
  types2: Float64Array;
  cont1: Float64Array;
  scalars: number[];
}

/** An estimated (read-only) KN trigram model. Log probabilities are natural logs. */
export class TrigramModel {
  readonly vocab: Map<string, number>;
  readonly words: string[];
  readonly codes: Set<string>;
  readonly sources: string[];
  readonly tokens: number;
  private tri: NumMap;
  private ctx3: NumMap; // (u,v) → Σ c(uv·)
  private types3: NumMap; // (u,v) → #w
  private cont2: NumMap; // (v,w) → N1+(· v w)
  private ctxCont2: Float64Array; // v → Σ_w N1+(· v w)
  private types2: Float64Array; // v → #{w}
  private cont1: Float64Array; // w → N1+(· w)
  private totalCont1 = 0;
  private typesCont1 = 0;
  private uniform: number;
  private memo = new NumMap(MEMO_LIMIT);
  readonly oov: number;
  private D1 = 0.5;
  private D2 = 0.75;
  private D3 = 0.8;

  constructor(counts: NgramCounts, inventorySize = 20000) {
    this.vocab = counts.vocab;
    this.words = counts.words;
    this.tri = counts.tri;
    this.sources = counts.sources;
    this.tokens = counts.tokens;
    this.codes = new Set(counts.codes.keys());
    const V = counts.words.length;
    this.ctx3 = new NumMap(this.tri.size / 2);
    this.types3 = new NumMap(this.tri.size / 2);
    this.cont2 = new NumMap(this.tri.size / 2);
    this.ctxCont2 = f64(V);
    this.types2 = f64(V);
    this.cont1 = f64(V);
    for (const [k, c] of this.tri) {
      if (c <= 1e-6) continue; // removed by a negative merge (leave-one-out evaluation)
      const w = k % B;
      const uv = (k - w) / B;
      const v = uv % B;
      this.ctx3.add(uv, c);
      this.types3.add(uv, 1);
      const vw = v * B + w;
      const prev = this.cont2.get(vw);
      if (prev === 0) {
        this.types2[v]!++;
        this.cont1[w]!++;
        this.totalCont1++;
      }
      this.cont2.set(vw, prev + 1);
      this.ctxCont2[v]!++;
    }
    for (let w = 0; w < V; w++) if (this.cont1[w]! > 0) this.typesCont1++;
    this.uniform = 1 / Math.max(inventorySize + SPECIALS.length, V);
    this.oov = counts.vocab.get('<oov>')!;
  }

  /** The estimated model as data another thread can adopt without copying the tables. */
  share(): SharedTrigram {
    return {
      words: this.words,
      sources: this.sources,
      tokens: this.tokens,
      codes: [...this.codes],
      tri: this.tri.share(),
      ctx3: this.ctx3.share(),
      types3: this.types3.share(),
      cont2: this.cont2.share(),
      ctxCont2: sharedCopy(this.ctxCont2),
      types2: sharedCopy(this.types2),
      cont1: sharedCopy(this.cont1),
      scalars: [this.totalCont1, this.typesCont1, this.uniform, this.D1, this.D2, this.D3],
    };
  }

  static fromShared(s: SharedTrigram): TrigramModel {
    const m = Object.create(TrigramModel.prototype) as TrigramModel;
    const w = m as unknown as Record<string, unknown>;
    w.words = s.words;
    w.vocab = new Map(s.words.map((x, i) => [x, i]));
    w.sources = s.sources;
    w.tokens = s.tokens;
    w.codes = new Set(s.codes);
    w.tri = NumMap.wrap(s.tri);
    w.ctx3 = NumMap.wrap(s.ctx3);
    w.types3 = NumMap.wrap(s.types3);
    w.cont2 = NumMap.wrap(s.cont2);
    w.ctxCont2 = s.ctxCont2;
    w.types2 = s.types2;
    w.cont1 = s.cont1;
    [w.totalCont1, w.typesCont1, w.uniform, w.D1, w.D2, w.D3] = s.scalars;
    w.memo = new NumMap(MEMO_LIMIT); // per thread: it is written to
    w.oov = (w.vocab as Map<string, number>).get('<oov>')!;
    return m;
  }

  idOf(w: string): number {
    return this.vocab.get(w) ?? this.oov;
  }

  private p1(w: number): number {
    const c = w < this.cont1.length ? this.cont1[w]! : 0;
    return (Math.max(c - this.D1, 0) + this.D1 * this.typesCont1 * this.uniform) / this.totalCont1;
  }

  private p2(v: number, w: number): number {
    const tot = this.ctxCont2[v] ?? 0;
    if (!tot) return this.p1(w);
    const c = this.cont2.get(v * B + w);
    return (Math.max(c - this.D2, 0) + this.D2 * this.types2[v]! * this.p1(w)) / tot;
  }

  /** ln P(w | u v) */
  logProb(u: number, v: number, w: number): number {
    const key = (u * B + v) * B + w;
    let r = this.memo.get(key, 1);
    if (r !== 1) return r;
    const uv = u * B + v;
    const tot = this.ctx3.get(uv);
    let p: number;
    if (!tot) p = this.p2(v, w);
    else {
      const c = Math.max(this.tri.get(key), 0);
      p = (Math.max(c - this.D3, 0) + this.D3 * this.types3.get(uv) * this.p2(v, w)) / tot;
    }
    r = Math.log(p);
    // Bounded: a long batch would otherwise grow it to 64 MB per thread (4M slots).
    if (this.memo.size >= MEMO_LIMIT) this.memo.clear();
    this.memo.set(key, r);
    return r;
  }

  /** ln P1(w): the unigram (continuation) prior, used to rank candidates. */
  logPrior(w: number): number {
    return Math.log(this.p1(w));
  }
}

/** What the decoder asks of a language model. */
export interface LanguageModel {
  idOf(w: string): number;
  /** ln P(w | u v) */
  logProb(u: number, v: number, w: number): number;
  /** ln P1(w), to rank candidates. */
  logPrior(w: number): number;
}

/** An archive-adapted model as data for other threads. */
export interface SharedAdapted {
  base: SharedTrigram;
  own: SharedTrigram;
  weight: number;
}

/**
 * The shipped model adapted to an archive: a mixture of the merged counts' model (`base`, which
 * knows every word) and a model of the archive's own text alone (`own`), weighted by how much
 * text the archive has (`adaptedWeight`). Counts merged into the shipped ones are outvoted by a
 * million tokens of other text below the trigram level; the archive's own model keeps its
 * phrasing ("phác đồ điều trị") whole. Measured in src/restore/README.md.
 */
export class AdaptedModel implements LanguageModel {
  /** The own model's id of each base id (its <oov> where it never saw the word). */
  private readonly ownId: Int32Array;

  constructor(
    readonly base: TrigramModel,
    readonly own: TrigramModel,
    readonly weight: number,
  ) {
    this.ownId = Int32Array.from(base.words, (w) => own.vocab.get(w) ?? own.oov);
  }

  idOf(w: string): number {
    return this.base.idOf(w);
  }

  logProb(u: number, v: number, w: number): number {
    const pBase = Math.exp(this.base.logProb(u, v, w));
    const ow = this.ownId[w] ?? this.own.oov;
    // a word the archive never wrote: its own model has nothing to say
    if (ow === this.own.oov) return Math.log((1 - this.weight) * pBase);
    const pOwn = Math.exp(this.own.logProb(this.ownId[u] ?? this.own.oov, this.ownId[v] ?? this.own.oov, ow));
    return Math.log(this.weight * pOwn + (1 - this.weight) * pBase);
  }

  logPrior(w: number): number {
    return this.base.logPrior(w);
  }

  share(): SharedAdapted {
    return { base: this.base.share(), own: this.own.share(), weight: this.weight };
  }

  static fromShared(s: SharedAdapted): AdaptedModel {
    return new AdaptedModel(TrigramModel.fromShared(s.base), TrigramModel.fromShared(s.own), s.weight);
  }
}

/** Most weight the archive's own model gets, and the tokens at which it has half of that. */
export const ADAPTED_MAX_WEIGHT = 0.8;
export const ADAPTED_HALF_TOKENS = 3000;

/** The own model's weight for an archive of `tokens` tokens: little for a few documents, up to ADAPTED_MAX_WEIGHT. */
export function adaptedWeight(tokens: number): number {
  return (ADAPTED_MAX_WEIGHT * tokens) / (tokens + ADAPTED_HALF_TOKENS);
}
