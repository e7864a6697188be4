/**
 * Vietnamese syllable structure: onset + vowel nucleus + coda, with one tone mark.
 *
 * Used to place tone marks in one canonical (traditional) position and to score how much of a
 * decoded text is real Vietnamese (legacy-encoding detection, mojibake repair).
 */

/** Tones in the order of their combining marks: none, huyền, sắc, hỏi, ngã, nặng. */
export const TONE_MARKS = ['', '\u0300', '\u0301', '\u0309', '\u0303', '\u0323'] as const;
export type Tone = 0 | 1 | 2 | 3 | 4 | 5;

/** The 12 vowel letters without tone; ă â ê ô ơ ư carry a shape mark (breve, circumflex, horn). */
const VOWEL_BASES = ['a', 'ă', 'â', 'e', 'ê', 'i', 'o', 'ô', 'ơ', 'u', 'ư', 'y'] as const;
const SHAPED = new Set(['ă', 'â', 'ê', 'ô', 'ơ', 'ư']);

export interface VowelInfo {
  base: string; // lower-case toneless vowel letter
  tone: Tone;
  upper: boolean;
}

/** Every precomposed (NFC) vowel letter, both cases, all tones → its parts. */
export const VOWELS = new Map<string, VowelInfo>();
/** base + tone (+ case) → the precomposed letter. */
const COMPOSE = new Map<string, string>();
for (const base of VOWEL_BASES) {
  for (let t = 0; t < 6; t++) {
    const lower = (base + TONE_MARKS[t]).normalize('NFC');
    const upper = lower.toUpperCase();
    VOWELS.set(lower, { base, tone: t as Tone, upper: false });
    VOWELS.set(upper, { base, tone: t as Tone, upper: true });
    COMPOSE.set(`${base}${t}`, lower);
    COMPOSE.set(`${base}${t}U`, upper);
  }
}

export function composeVowel(base: string, tone: Tone, upper: boolean): string {
  return COMPOSE.get(`${base}${tone}${upper ? 'U' : ''}`)!;
}

/** Letters carrying a tone mark (quick filter: only words with one of these can be misplaced). */
export const TONED = new Set([...VOWELS].filter(([, v]) => v.tone !== 0).map(([c]) => c));

const CONSONANTS = new Set('bcdđghklmnpqrstvx');
const ONSETS = new Set([
  '', 'b', 'c', 'ch', 'd', 'đ', 'g', 'gh', 'gi', 'h', 'k', 'kh', 'l', 'm', 'n', 'ng', 'ngh', 'nh',
  'p', 'ph', 'qu', 'r', 's', 't', 'th', 'tr', 'v', 'x',
]);
// 'k' as a coda only occurs in Central Highlands place names (Đắk Lắk, Kon Plông …).
const CODAS = new Set(['', 'c', 'ch', 'm', 'n', 'ng', 'nh', 'p', 't', 'k']);
const STOP_CODAS = new Set(['c', 'ch', 'p', 't', 'k']);
/** Vowel nuclei (toneless), after a "qu"/"gi" onset has taken its u/i. */
const NUCLEI = new Set([
  'a', 'ă', 'â', 'e', 'ê', 'i', 'o', 'ô', 'ơ', 'u', 'ư', 'y',
  'ai', 'ao', 'au', 'ay', 'âu', 'ây', 'eo', 'êu', 'ia', 'iê', 'iu', 'oa', 'oă', 'oe', 'oi', 'oo',
  'ôi', 'ơi', 'ua', 'uâ', 'uê', 'ui', 'uô', 'uơ', 'uy', 'ưa', 'ưi', 'ươ', 'ưu', 'yê',
  'iêu', 'oai', 'oao', 'oay', 'oeo', 'uây', 'uôi', 'uya', 'uyê', 'uyu', 'ươi', 'ươu', 'yêu',
]);

export interface Syllable {
  onset: string; // lower case, "qu"/"gi" included
  /** Index in the word where the nucleus starts, and the nucleus' vowels. */
  nucleusStart: number;
  vowels: VowelInfo[];
  coda: string;
  tone: Tone;
  /** Index within `vowels` of the vowel that carries the tone, -1 when toneless. */
  toneAt: number;
}

/**
 * Parse one word (NFC, letters only) as a Vietnamese syllable; null when it is not one
 * (English words, codes, two toned vowels, impossible clusters …).
 */
export function parseSyllable(word: string): Syllable | null {
  const n = word.length;
  if (n === 0 || n > 8) return null;
  let i = 0;
  let onset = '';
  while (i < n) {
    const c = word[i].toLowerCase();
    if (!CONSONANTS.has(c)) break;
    onset += c;
    i++;
  }
  const vowels: VowelInfo[] = [];
  let nucleusStart = i;
  while (i < n) {
    const v = VOWELS.get(word[i]);
    if (!v) break;
    vowels.push(v);
    i++;
  }
  let coda = '';
  while (i < n) {
    const c = word[i].toLowerCase();
    if (!CONSONANTS.has(c)) return null;
    coda += c;
    i++;
  }
  if (vowels.length === 0) return null;
  // "qu" and "gi" onsets take the u / i when another vowel follows (quý, giá, but gìn, gỉ).
  if (onset === 'q' && (vowels[0].base !== 'u' || vowels.length < 2)) return null;
  if (onset === 'q' || (onset === 'g' && vowels[0].base === 'i' && vowels.length >= 2)) {
    onset += vowels[0].base;
    nucleusStart++;
    const t = vowels.shift()!.tone;
    if (t !== 0) {
      // tone written on the onset's u/i ("qúy", "gía"): it belongs to the nucleus.
      if (vowels.some((v) => v.tone !== 0)) return null;
      vowels[0] = { ...vowels[0], tone: t };
      return finish(onset, nucleusStart, vowels, coda, true);
    }
  }
  return finish(onset, nucleusStart, vowels, coda, false);
}

function finish(onset: string, nucleusStart: number, vowels: VowelInfo[], coda: string, toneOnOnset: boolean): Syllable | null {
  if (!ONSETS.has(onset) || !CODAS.has(coda)) return null;
  if (!NUCLEI.has(vowels.map((v) => v.base).join(''))) return null;
  let toneAt = -1;
  let tone: Tone = 0;
  for (let k = 0; k < vowels.length; k++) {
    if (vowels[k].tone === 0) continue;
    if (toneAt >= 0) return null; // two tone marks: not one syllable
    toneAt = k;
    tone = vowels[k].tone;
  }
  // Marks a tone sitting on the onset's u/i as misplaced (index -2 never equals a canonical one).
  if (toneOnOnset) toneAt = -2;
  return { onset, nucleusStart, vowels, coda, tone, toneAt };
}

/**
 * Where the traditional placement puts the tone, as an index into the nucleus:
 * on the (last) shaped vowel if any (thuyết, người); else on the last vowel when a coda follows
 * (hoàng, Huỳnh); else on the middle of three (ngoài, khuya) or the first of two (hòa, thúy, mía).
 */
export function canonicalToneIndex(vowels: readonly { base: string }[], coda: string): number {
  for (let k = vowels.length - 1; k >= 0; k--) if (SHAPED.has(vowels[k].base)) return k;
  if (coda !== '') return vowels.length - 1;
  if (vowels.length === 3) return 1;
  return 0;
}

/** A syllable as spelled Vietnamese allows: stop codas (c, ch, p, t) take only sắc or nặng. */
export function isValidSyllable(s: Syllable): boolean {
  if (STOP_CODAS.has(s.coda) && s.tone !== 2 && s.tone !== 5) return false;
  return true;
}

/**
 * The word with its tone on the canonical vowel, or null when the word is not a Vietnamese
 * syllable or its tone is already in place.
 */
export function placeTone(word: string): string | null {
  const s = parseSyllable(word);
  if (!s || s.tone === 0) return null;
  const want = canonicalToneIndex(s.vowels, s.coda);
  if (want === s.toneAt) return null;
  const chars = [...word];
  // Rebuild the nucleus letters (keeping each letter's case), then the onset's u/i if it held the tone.
  const start = s.nucleusStart;
  for (let k = 0; k < s.vowels.length; k++) {
    const orig = VOWELS.get(chars[start + k])!;
    chars[start + k] = composeVowel(orig.base, k === want ? s.tone : 0, orig.upper);
  }
  if (s.toneAt === -2) {
    const orig = VOWELS.get(chars[start - 1])!;
    chars[start - 1] = composeVowel(orig.base, 0, orig.upper);
  }
  return chars.join('');
}

/** True when the word has at least one letter outside ASCII (so decoders can disagree on it). */
export function hasVietnameseLetter(word: string): boolean {
  for (let i = 0; i < word.length; i++) if (word.charCodeAt(i) > 0x7f) return true;
  return false;
}
