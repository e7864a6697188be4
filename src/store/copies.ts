/**
 * Copies of one document: the same letter arrives as a text file, a born-digital PDF and
 * scans. Pure functions only (no database): what a document's text sketch is, how alike two
 * sketches are, whether two stored documents are copies, and which copy is the best one.
 * src/store/works.ts applies them to the archive.
 *
 * Two documents are copies of one work when
 *   - both have a number: the same number, issuer and date (the number alone repeats: every
 *     province has its "01/KH-UBND");
 *   - one has none (unnumbered plans and appendices, or a scan whose number OCR could not read):
 *     near-identical folded text, by MinHash over word shingles. Folding (no diacritics, đ → d)
 *     takes away most of what OCR and restoration get wrong.
 * Documents of one file are never copies of each other: segmentation split them.
 *
 * Measured on fixtures/ (`node --import tsx bench/copies.ts ARCHIVE.db`; bench/README.md,
 * "Copies"), 29 documents, 394 pairs from different files:
 *   copies of the same extent (txt, PDF text layer, scans at 300 and 150 dpi): Jaccard 0.78 … 1.00
 *     (0.92 … 1.00 for the same pages: OCR differs by a few words once folded)
 *   a copy of the first pages beside the whole text (PDF/scan of a plan's first pages): Jaccard
 *     0.10 … 0.21, but containment of the smaller in the larger 0.91 … 1.05
 *   different documents: Jaccard ≤ 0.10, containment ≤ 0.33
 * With 3-word shingles and 128 hashes different documents reached containment 0.57 (two
 * provinces' plans on online public services share their stock phrases); 4 words and 256
 * hashes (1 KB a document) widen the gap. JACCARD_MIN 0.5 and CONTAINMENT_MIN 0.6 sit in the
 * middle of the gaps.
 */
import type { Fold } from './write.ts';

/** Words per shingle. */
export const SHINGLE_WORDS = 4;
/** Hash functions of a MinHash signature. */
export const SIGNATURE_SIZE = 256;
/** Estimated Jaccard similarity from which two texts are copies. */
export const JACCARD_MIN = 0.5;
/** Estimated share of the smaller text's shingles found in the larger, from which one is part of the other. */
export const CONTAINMENT_MIN = 0.6;
/**
 * Fewer shingles than this and a text says too little to be matched by its text (a stray page
 * header), and the containment estimate is noise: 50 shingles ≈ three lines.
 */
export const MIN_SHINGLES = 50;

export interface Sketch {
  /** Distinct shingles of the folded text. */
  shingles: number;
  /** MinHash signature: per hash function, the least hash over the shingles. */
  minhash: Uint32Array;
}

/** FNV-1a, 32 bits: the shingle's own hash. */
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** murmur3's finaliser: a 32-bit hash of (x, seed), the i-th hash function of the signature. */
function mix(x: number, seed: number): number {
  let h = (x ^ seed) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const SEEDS = Array.from({ length: SIGNATURE_SIZE }, (_, i) => mix(i + 1, 0x9e3779b9));

/** Hashes of the distinct k-word shingles of the folded text. */
export function shingleHashes(text: string, fold: Fold, k = SHINGLE_WORDS): Set<number> {
  const words = fold(text).match(/[\p{L}\p{N}]+/gu) ?? [];
  const out = new Set<number>();
  if (words.length && words.length < k) out.add(fnv1a(words.join(' ')));
  for (let i = 0; i + k <= words.length; i++) out.add(fnv1a(words.slice(i, i + k).join(' ')));
  return out;
}

export function sketch(text: string, fold: Fold, k = SHINGLE_WORDS): Sketch {
  return sketchOfHashes(shingleHashes(text, fold, k));
}

/** The MinHash signature of a set of shingle hashes. */
export function sketchOfHashes(hashes: Set<number>): Sketch {
  const minhash = new Uint32Array(SIGNATURE_SIZE).fill(0xffffffff);
  for (const x of hashes) {
    for (let i = 0; i < SIGNATURE_SIZE; i++) {
      const h = mix(x, SEEDS[i]!);
      if (h < minhash[i]!) minhash[i] = h;
    }
  }
  return { shingles: hashes.size, minhash };
}

export function sketchToBlob(s: Sketch): Buffer {
  return Buffer.from(s.minhash.buffer, s.minhash.byteOffset, s.minhash.byteLength);
}

export function sketchFromBlob(shingles: number, blob: Buffer): Sketch {
  const copy = new Uint8Array(blob); // aligned copy
  return { shingles, minhash: new Uint32Array(copy.buffer, 0, copy.byteLength >> 2) };
}

export interface Similarity {
  /** Estimated |A ∩ B| / |A ∪ B|. */
  jaccard: number;
  /** Estimated |A ∩ B| / min(|A|, |B|): how much of the smaller text the larger holds. */
  containment: number;
}

/**
 * The share of equal signature slots estimates the Jaccard similarity J; with the set sizes,
 * |A ∩ B| = J (|A| + |B|) / (1 + J) gives the containment of the smaller set (an estimate: it
 * can exceed 1 a little).
 */
export function similarity(a: Sketch, b: Sketch): Similarity {
  if (!a.shingles || !b.shingles) return { jaccard: 0, containment: 0 };
  let same = 0;
  for (let i = 0; i < SIGNATURE_SIZE; i++) if (a.minhash[i] === b.minhash[i]) same++;
  const jaccard = same / SIGNATURE_SIZE;
  const inter = (jaccard * (a.shingles + b.shingles)) / (1 + jaccard);
  return { jaccard, containment: inter / Math.min(a.shingles, b.shingles) };
}

/** What decides whether two stored documents are copies. */
export interface CopyFacts {
  id: number;
  fileId: number;
  numberKey: string | null;
  issued: string | null;
  /** Issuer, folded (compared as words, whatever the case and marks). */
  issuer: string | null;
  sketch: Sketch | null;
}

export type CopyReason = 'number' | 'text' | 'part';

/**
 * Whether what is read of two documents says they are different: another number, date or
 * issuer. A work never holds two such documents, even when a third copy (a scan whose issuer
 * was not read) is like both.
 */
export function conflicting(a: CopyFacts, b: CopyFacts): boolean {
  return Boolean((a.numberKey && b.numberKey && a.numberKey !== b.numberKey) || (a.issued && b.issued && a.issued !== b.issued) || (a.issuer && b.issuer && a.issuer !== b.issuer));
}

/** Why a and b are copies of one work, or null when they are not. */
export function copyReason(a: CopyFacts, b: CopyFacts): CopyReason | null {
  if (a.id === b.id || a.fileId === b.fileId) return null;
  // A date each and not the same: two documents (a yearly plan is rewritten with next year's date).
  if (a.issued && b.issued && a.issued !== b.issued) return null;
  if (a.numberKey && b.numberKey) {
    if (a.numberKey !== b.numberKey) return null;
    // Same number: the same document only from the same issuer on the same date.
    if (a.issuer && b.issuer && a.issued && b.issued) return a.issuer === b.issuer ? 'number' : null;
    // An issuer or date unread (a scan): the text decides.
  }
  // Two issuers read and not the same: two documents, however alike (one province's plan
  // written after another's).
  if (a.issuer && b.issuer && a.issuer !== b.issuer) return null;
  if (!a.sketch || !b.sketch || a.sketch.shingles < MIN_SHINGLES || b.sketch.shingles < MIN_SHINGLES) return null;
  const s = similarity(a.sketch, b.sketch);
  if (s.jaccard >= JACCARD_MIN) return 'text';
  if (s.containment >= CONTAINMENT_MIN) return 'part';
  return null;
}

/** How a copy's text was obtained, best first. */
export const COPY_KINDS = ['text', 'textlayer', 'mixed', 'ocr'] as const;
export type CopyKind = (typeof COPY_KINDS)[number];

/** A file's kind of copy from how its pages were read: a text file, a PDF text layer, OCR, or both. */
export function copyKind(mediaType: string, pageMethods: string[]): CopyKind {
  if (!pageMethods.length) return mediaType.startsWith('text/') ? 'text' : 'textlayer';
  const ocr = pageMethods.filter((m) => m === 'ocr').length;
  if (!ocr) return pageMethods.every((m) => m === 'text') ? 'text' : 'textlayer';
  return ocr === pageMethods.length ? 'ocr' : 'mixed';
}

export interface CopyRankFacts {
  id: number;
  kind: CopyKind;
  /** Mean OCR confidence of its pages (1 when nothing was OCR'd). */
  quality: number;
  /** Characters of the document: a whole copy before one of its first pages. */
  length: number;
}

/**
 * Best copy first: text or born-digital PDF over OCR (a scan), then better OCR, then the more
 * complete copy, then the first stored (stable ids).
 */
export function compareCopies(a: CopyRankFacts, b: CopyRankFacts): number {
  const rank = (k: CopyKind) => (k === 'text' || k === 'textlayer' ? 0 : k === 'mixed' ? 1 : 2);
  return rank(a.kind) - rank(b.kind) || b.quality - a.quality || b.length - a.length || COPY_KINDS.indexOf(a.kind) - COPY_KINDS.indexOf(b.kind) || a.id - b.id;
}

/** Slots of the signature per LSH band. */
export const BAND_SLOTS = 2;

/**
 * Locality-sensitive band keys: the signature cut into bands of BAND_SLOTS slots, each band
 * hashed with its position. Two sketches sharing a key are candidates, checked by `similarity`;
 * the archive finds them by an index instead of comparing a new document with every stored one.
 * Bands of 2 slots: a part of a whole (Jaccard 0.15) shares at least one of the 128 bands with
 * probability 1 − (1 − 0.15²)¹²⁸ = 0.95; unrelated texts (Jaccard 0.02) share one with
 * probability 0.05 — only candidates, the signatures decide.
 */
export function bandKeys(s: Sketch): number[] {
  const keys: number[] = [];
  for (let b = 0; b * BAND_SLOTS < SIGNATURE_SIZE; b++) {
    let h = 0x2545f491;
    for (let i = b * BAND_SLOTS; i < (b + 1) * BAND_SLOTS; i++) h = mix(h ^ s.minhash[i]!, 0x27d4eb2f);
    keys.push(b * 2 ** 32 + h); // band number in the high bits: an integer below 2^40
  }
  return keys;
}
