/**
 * Vietnamese syllable orthography, once for every stage: onset + vowel nucleus + coda, with one
 * of six tones. Normalize puts tone marks in their place with it and scores legacy decodings by
 * it; restoration draws its candidates from the inventory generated here (onsets × nuclei ×
 * codas × tones, under the spelling rules), and both accept exactly the same syllables.
 */
import { fold } from './fold.ts';
import { memoize } from '../lib/memo.ts';

/** The six tones, numbered in the order of TONE_MARKS (their combining marks). */
export const Tone = { ngang: 0, huyen: 1, sac: 2, hoi: 3, nga: 4, nang: 5 } as const;
export type Tone = (typeof Tone)[keyof typeof Tone];
export const TONE_MARKS = ['', '\u0300', '\u0301', '\u0309', '\u0303', '\u0323'] as const;
const TONES: readonly Tone[] = [0, 1, 2, 3, 4, 5];

/** The 12 vowel letters without tone; ă â ê ô ơ ư carry a shape mark (breve, circumflex, horn). */
export const VOWEL_BASES = ['a', 'ă', 'â', 'e', 'ê', 'i', 'o', 'ô', 'ơ', 'u', 'ư', 'y'] as const;
const VOWEL_SET = new Set<string>(VOWEL_BASES);
const SHAPED = new Set(['ă', 'â', 'ê', 'ô', 'ơ', 'ư']);
const CONSONANTS = 'bcdđghklmnpqrstvx';

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
  for (const t of TONES) {
    const lower = (base + TONE_MARKS[t]).normalize('NFC');
    const upper = lower.toUpperCase();
    VOWELS.set(lower, { base, tone: t, upper: false });
    VOWELS.set(upper, { base, tone: t, upper: true });
    COMPOSE.set(`${base}${t}`, lower);
    COMPOSE.set(`${base}${t}U`, upper);
  }
}

export function composeVowel(base: string, tone: Tone, upper = false): string {
  return COMPOSE.get(`${base}${tone}${upper ? 'U' : ''}`)!;
}

/** Letters carrying a tone mark (quick filter: only words with one of these can be misplaced). */
export const TONED = new Set([...VOWELS].filter(([, v]) => v.tone !== 0).map(([c]) => c));

/** Every lower-case letter a Vietnamese syllable can contain. */
export const VIET_LETTERS: readonly string[] = [...[...VOWELS].filter(([, v]) => !v.upper).map(([c]) => c), ...CONSONANTS];
const VIET_LETTER_SET = new Set(VIET_LETTERS);

export function toneOf(ch: string): Tone {
  return VOWELS.get(ch)?.tone ?? 0;
}

/** A lower-case letter without its tone mark, keeping its shape (ố → ô); other characters as they are. */
export function stripTone(ch: string): string {
  const v = VOWELS.get(ch);
  return v && !v.upper ? v.base : ch;
}

/** A lower-case Vietnamese letter without any mark (ố → o, đ → d); other characters as they are. */
export function baseChar(ch: string): string {
  return VIET_LETTER_SET.has(ch) ? fold(ch) : ch;
}

/** A toneless lower-case vowel with a tone; any other character as it is. */
export function withTone(vowel: string, tone: Tone): string {
  return COMPOSE.get(`${vowel}${tone}`) ?? vowel;
}

export const ONSETS = [
  '', 'b', 'c', 'ch', 'd', 'đ', 'g', 'gh', 'gi', 'h', 'k', 'kh', 'l', 'm', 'n', 'ng', 'ngh', 'nh',
  'p', 'ph', 'qu', 'r', 's', 't', 'th', 'tr', 'v', 'x',
] as const;
const ONSET_SET = new Set<string>(ONSETS);

/**
 * Each vowel nucleus (toneless, glides included) with the codas it takes ("-": none). The final
 * -k occurs only in Central Highlands names, after ă (Đắk Lắk, Đắk Nông, M'Đrắk).
 */
const NUCLEUS_CODAS: Record<string, string> = {
  a: '- c ch m n ng nh p t', ai: '-', ao: '-', au: '-', ay: '-',
  ă: 'c k m n ng p t', â: 'c m n ng p t', âu: '-', ây: '-',
  e: '- c m n ng p t', eo: '-', ê: '- ch m n nh p t', êu: '-',
  i: '- ch m n nh p t', ia: '-', iu: '-', iê: 'c m n ng p t', iêu: '-',
  o: '- c m n ng p t', oi: '-', oo: 'ng c', ô: '- c m n ng p t', ôi: '-', ơ: '- m n p t', ơi: '-',
  u: '- c m n ng p t', ua: '-', ui: '-', uô: 'c m n ng t', uôi: '-',
  ư: '- c m n ng t', ưa: '-', ưi: '-', ưu: '-', ươ: 'c m n ng p t', ươi: '-', ươu: '-',
  y: '- nh t', yê: 'm n ng t', yêu: '-',
  oa: '- c ch m n ng nh p t', oai: '-', oay: '-', oă: 'c m n ng t', oe: '- n t', oeo: '-',
  uê: '- ch nh', uy: '- ch nh t', uya: '-', uyê: 'n t', uyu: '-', uâ: 'n t ng', uây: '-', uơ: '-',
};
/** [nucleus, coda] of every rhyme. */
const RHYME_PARTS: [string, string][] = Object.entries(NUCLEUS_CODAS).flatMap(([nucleus, codas]) =>
  codas.split(' ').map((c): [string, string] => [nucleus, c === '-' ? '' : c]),
);
/** Toneless rhymes (nucleus + coda). */
export const RHYMES: readonly string[] = RHYME_PARTS.map(([n, c]) => n + c);
const RHYME_SET = new Set(RHYMES);
export const CODAS: readonly string[] = [...new Set(RHYME_PARTS.map(([, c]) => c))];
const STOP_CODAS = new Set(['c', 'ch', 'k', 'p', 't']);
const FRONT = new Set(['i', 'e', 'ê', 'y']);

/** The spelling rules between an onset and a rhyme (k/gh/ngh before front vowels, qu, gi …). */
function rhymeAllowed(onset: string, rhyme: string): boolean {
  const first = rhyme[0]!;
  // y-initial rhymes stand alone (yên, yêu) or after qu (quyết, quỳnh); ynh/yt only after qu.
  if (first === 'y' && rhyme !== 'y') return onset === 'qu' || (onset === '' && rhyme !== 'ynh' && rhyme !== 'yt');
  // qu carries the medial u: no second medial, no u/o nucleus.
  if (onset === 'qu') return first !== 'o' && first !== 'u' && first !== 'ư';
  if (onset === 'gh' || onset === 'ngh') return FRONT.has(first);
  // k before a back vowel spells place names (Bắc Kạn, Kon Tum, Kông Chro): single vowels only.
  if (onset === 'k') return FRONT.has(first) || !VOWEL_SET.has(rhyme[1] ?? '');
  if (onset === 'c' || onset === 'ng') return !FRONT.has(first);
  if (onset === 'g') return !(first === 'e' || first === 'ê' || first === 'y'); // gi… is g + i…
  if (onset === 'gi') return first !== 'i' && first !== 'y';
  return true;
}

/** Stop codas (c, ch, k, p, t) take only sắc or nặng. */
function toneFits(coda: string, tone: Tone): boolean {
  return !STOP_CODAS.has(coda) || tone === Tone.sac || tone === Tone.nang;
}

/**
 * Where the traditional placement puts the tone, as an index into the nucleus: on the (last)
 * shaped vowel if any (thuyết, người); else on the last vowel when a coda follows (hoàng,
 * Huỳnh); else on the middle of three (ngoài, khuya) or the first of two (hòa, thúy, mía).
 */
export function toneIndex(nucleus: string, coda: string): number {
  for (let k = nucleus.length - 1; k >= 0; k--) if (SHAPED.has(nucleus[k]!)) return k;
  if (coda !== '') return nucleus.length - 1;
  return nucleus.length === 3 ? 1 : 0;
}

/** onset + nucleus + coda with the tone on its traditional vowel, lower case NFC. */
export function compose(onset: string, nucleus: string, coda: string, tone: Tone): string {
  if (tone === 0) return onset + nucleus + coda;
  const k = toneIndex(nucleus, coda);
  return onset + nucleus.slice(0, k) + composeVowel(nucleus[k]!, tone) + nucleus.slice(k + 1) + coda;
}

export interface Syllable {
  onset: string; // lower case, "qu"/"gi" included
  nucleus: string; // lower-case toneless vowels after the onset
  coda: string;
  tone: Tone;
  /** Index in the word where the nucleus starts. */
  nucleusStart: number;
  /** Index within the nucleus of the vowel that carries the tone; -1 toneless, -2 on the onset's u/i. */
  toneAt: number;
}

/**
 * Parse one word (NFC, letters only, any case) as a Vietnamese syllable, wherever its tone mark
 * sits; null when it is not one (English words, codes, two tone marks, a rhyme the language
 * lacks, a spelling rule broken). The tone may still not fit the coda: see isValidSyllable.
 */
export function parseSyllable(word: string): Syllable | null {
  const n = word.length;
  if (n === 0 || n > 8) return null;
  let i = 0;
  let onset = '';
  for (; i < n; i++) {
    const c = word[i]!.toLowerCase();
    if (!CONSONANTS.includes(c)) break;
    onset += c;
  }
  const start = i;
  let nucleus = '';
  let tone: Tone = 0;
  let toneAt = -1;
  for (; i < n; i++) {
    const v = VOWELS.get(word[i]!);
    if (!v) break;
    if (v.tone !== 0) {
      if (toneAt >= 0) return null; // two tone marks: not one syllable
      tone = v.tone;
      toneAt = i - start;
    }
    nucleus += v.base;
  }
  if (nucleus === '') return null;
  let coda = '';
  for (; i < n; i++) {
    const c = word[i]!.toLowerCase();
    if (!CONSONANTS.includes(c)) return null;
    coda += c;
  }
  // "qu" and "gi" take their u / i when another vowel follows (quý, giá, but gìn, gỉ), except
  // that gi + iê is written with one i (giếng = g + iếng).
  const glide = (onset === 'q' && nucleus[0] === 'u') || (onset === 'g' && nucleus[0] === 'i');
  if (glide && nucleus.length >= 2 && (onset === 'q' || RHYME_SET.has(nucleus.slice(1) + coda))) {
    onset += nucleus[0];
    nucleus = nucleus.slice(1);
    toneAt = toneAt === 0 ? -2 : toneAt > 0 ? toneAt - 1 : -1;
    return checked(onset, nucleus, coda, tone, start + 1, toneAt);
  }
  return checked(onset, nucleus, coda, tone, start, toneAt);
}

function checked(onset: string, nucleus: string, coda: string, tone: Tone, nucleusStart: number, toneAt: number): Syllable | null {
  const rhyme = nucleus + coda;
  if (!ONSET_SET.has(onset) || !RHYME_SET.has(rhyme) || !rhymeAllowed(onset, rhyme)) return null;
  return { onset, nucleus, coda, tone, nucleusStart, toneAt };
}

/** A syllable as spelled Vietnamese allows: stop codas (c, ch, k, p, t) take only sắc or nặng. */
export function isValidSyllable(s: Syllable): boolean {
  return toneFits(s.coda, s.tone);
}

/**
 * The canonical form of a word (lower case, tone on its traditional vowel: hoà → hòa, thuý →
 * thúy), or null when it is not a valid syllable. Once per spelling.
 */
export const canonicalSyllable = memoize(50_000, (word): string | null => {
  const s = parseSyllable(word);
  return s && isValidSyllable(s) ? compose(s.onset, s.nucleus, s.coda, s.tone) : null;
});

let INVENTORY: string[] | null = null;
/** All valid syllables (lower case, canonical), generated from onsets × rhymes × tones. */
export function syllableInventory(): string[] {
  if (INVENTORY) return INVENTORY;
  const out = new Set<string>();
  for (const onset of ONSETS)
    for (const [nucleus, coda] of RHYME_PARTS) {
      if (!rhymeAllowed(onset, nucleus + coda)) continue;
      for (const t of TONES) {
        if (!toneFits(coda, t)) continue;
        const s = compose(onset, nucleus, coda, t);
        // a spelling that reads back as another analysis is kept once, as the parser reads it
        if (canonicalSyllable(s) === s) out.add(s);
      }
    }
  return (INVENTORY = [...out]);
}

let FOLDED: Set<string> | null = null;
/** Is the string the unmarked spelling of some valid syllable? (muc → mục) */
export function isFoldedSyllable(s: string): boolean {
  FOLDED ??= new Set(syllableInventory().map(fold));
  return FOLDED.has(fold(s));
}

/** Does the lower-case syllable carry any mark (tone, shape or đ)? */
export function isMarked(s: string): boolean {
  return fold(s) !== s;
}
