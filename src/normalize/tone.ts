/**
 * Unicode composition and tone-mark placement.
 *
 * Input may be decomposed (combining marks, as typed with "Unicode tổ hợp" / Windows composite
 * keyboards or produced by some PDF text layers), sometimes with the tone mark before the shape
 * mark (e + ́ + ̂), which NFC alone does not compose. Output is NFC with every tone on the vowel
 * the traditional placement chooses (hòa, thúy, Ủy, hoàng, quý).
 */
import { composeVowel, isValidSyllable, parseSyllable, toneIndex, TONED, VOWELS } from '../knowledge/syllable.ts';
import { memoize } from '../lib/memo.ts';

// Shape marks (breve, circumflex, horn) must come before tone marks for NFC to compose ế, ờ …
const SHAPE_MARK = /[\u0306\u0302\u031b]/;
const MARK_RUN = /[\u0300-\u036f]{2,}/g;

export interface ComposeResult {
  text: string;
  /** Combining marks that were folded into precomposed letters. */
  composed: number;
}

/** NFC, after putting shape marks before tone marks in every run of combining marks. */
export function composeMarks(s: string): ComposeResult {
  let marks = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x0300 && c <= 0x036f) marks++;
  }
  if (marks === 0) {
    const nfc = s.normalize('NFC');
    return { text: nfc, composed: 0 };
  }
  const ordered = s.replace(MARK_RUN, (run) => {
    const chars = [...run];
    const shapes = chars.filter((c) => SHAPE_MARK.test(c));
    if (shapes.length === 0) return run;
    return shapes.join('') + chars.filter((c) => !SHAPE_MARK.test(c)).join('');
  });
  const text = ordered.normalize('NFC');
  let left = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x0300 && c <= 0x036f) left++;
  }
  return { text, composed: marks - left };
}

export interface ToneResult {
  text: string;
  /** Syllables whose tone mark was moved. */
  moved: number;
}

// URLs and e-mail addresses are left whole (looked for only when the line has "@", "://" or "www.").
const URL_OR_EMAIL = /(?:https?:\/\/|www\.)[^\s<>"]+|[\p{L}\p{N}_.+-]+@[\p{L}\p{N}_-]+(?:\.[\p{L}\p{N}_-]+)+/gu;

// Per UTF-16 unit: 0 not a letter, 1 letter, 2 untoned vowel, 3 toned vowel (built once).
let charClass: Uint8Array | null = null;
function buildCharClass(): Uint8Array {
  const t = new Uint8Array(0x10000);
  const letter = /[\p{L}\p{M}]/u;
  for (let c = 0; c < 0x10000; c++) {
    if (c >= 0xd800 && c <= 0xdfff) continue;
    const ch = String.fromCharCode(c);
    if (!letter.test(ch)) continue;
    t[c] = TONED.has(ch) ? 3 : VOWELS.has(ch) ? 2 : 1;
  }
  return t;
}

/**
 * The word with its tone on the canonical vowel (case kept letter by letter), or null when the
 * word is not a valid Vietnamese syllable or its tone is already in place.
 */
export function placeTone(word: string): string | null {
  const s = parseSyllable(word);
  if (!s || s.tone === 0 || !isValidSyllable(s)) return null;
  const want = toneIndex(s.nucleus, s.coda);
  if (want === s.toneAt) return null;
  const chars = [...word];
  // Rebuild the nucleus letters, then the onset's u/i if it held the tone.
  const start = s.nucleusStart;
  for (let k = 0; k < s.nucleus.length; k++) {
    const v = VOWELS.get(chars[start + k]!)!;
    chars[start + k] = composeVowel(v.base, k === want ? s.tone : 0, v.upper);
  }
  if (s.toneAt === -2) {
    const v = VOWELS.get(chars[start - 1]!)!;
    chars[start - 1] = composeVowel(v.base, 0, v.upper);
  }
  return chars.join('');
}

// Each spelling's tone placement, once.
const placeToneOnce = memoize(20_000, placeTone);

/** Tone-fix every letter run of `s` (a scanner: this runs over every line of every file). */
function fixWords(s: string, onMove: () => void): string {
  const cls = (charClass ??= buildCharClass());
  let out = '';
  let last = 0;
  let i = 0;
  const n = s.length;
  while (i < n) {
    if (cls[s.charCodeAt(i)] === 0) {
      i++;
      continue;
    }
    const start = i;
    let vowels = 0;
    let toned = false;
    for (; i < n; i++) {
      const k = cls[s.charCodeAt(i)];
      if (k === 0) break;
      if (k >= 2) vowels++;
      if (k === 3) toned = true;
    }
    // Only a toned word with two or more vowels can have its tone on the wrong one.
    if (!toned || vowels < 2 || i - start > 8) continue;
    const w = s.slice(start, i);
    const fixed = placeToneOnce(w);
    if (fixed === null) continue;
    onMove();
    out += s.slice(last, start) + fixed;
    last = i;
  }
  return last === 0 ? s : out + s.slice(last);
}

/** Move misplaced tone marks (NFC input) to the traditional position. */
export function fixTonePlacement(s: string): ToneResult {
  let moved = 0;
  const onMove = () => {
    moved++;
  };
  let text: string;
  if (s.includes('@') || s.includes('://') || s.includes('www.')) {
    // Fix only the stretches between URLs/e-mails.
    let out = '';
    let last = 0;
    for (const m of s.matchAll(URL_OR_EMAIL)) {
      out += fixWords(s.slice(last, m.index), onMove) + m[0];
      last = m.index + m[0].length;
    }
    text = out + fixWords(s.slice(last), onMove);
  } else {
    text = fixWords(s, onMove);
  }
  return { text, moved };
}
