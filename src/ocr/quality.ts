/**
 * Is a PDF text layer trustworthy? Broken glyph maps (a font whose ToUnicode table is wrong or
 * missing) give text like "vêBthực" or "Số#:" that looks fine on screen and is useless to
 * extraction. Score: share of word tokens that are well-formed Vietnamese syllables (or
 * numbers, codes, abbreviations), and the rate of characters no real document contains.
 * Pure; the thresholds are in TEXT_LAYER_MIN.
 */

import { VOWELS } from '../knowledge/syllable.ts';

// The lower-case vowel letters, and those of them with a tone mark, from the one syllable table.
const VOWEL = [...VOWELS].filter(([, v]) => !v.upper).map(([c]) => c).join('');
const TONED = [...VOWELS].filter(([, v]) => !v.upper && v.tone !== 0).map(([c]) => c).join('');
// Onset, nucleus (1–3 vowels), coda: the shape of every Vietnamese syllable.
const SYLLABLE = new RegExp(`^(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnpqrstvx])?[${VOWEL}]{1,3}(ch|ng|nh|[cmnpt])?$`, 'u');
const TONE_CHARS = new RegExp(`[${TONED}]`, 'gu');
const LETTER = /\p{L}/u;
// Characters that appear in broken text layers and not in Vietnamese official documents.
const ODD = /[\uFFFD\uE000-\uF8FF\u0000-\u0008\u000E-\u001F¶§¬®©×÷¹²³¼½¾¤¦¨¯´¸¿¡]/u;
// A letter glued to a symbol a document would never put inside a word ("Số#:", "v@n").
const GLUED = /\p{L}[#@$^~`|\\{}<>]|[#@$^~`|\\{}<>]\p{L}/u;

export interface TextQuality {
  words: number; // tokens with a letter
  wellFormed: number; // share of those that look like Vietnamese words, codes or numbers
  odd: number; // share of non-space characters that are odd (or glued symbols)
  ok: boolean;
}

export const TEXT_LAYER_MIN = { wellFormed: 0.85, maxOdd: 0.01, minWords: 5 };

function wellFormedToken(tok: string): boolean {
  const word = tok.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
  if (!word) return true;
  if (!LETTER.test(word)) return true; // numbers, dates
  // Codes and references: 7260/VP-KGVX, 68/NQ-CP, NĐ-CP, UBND, P.TH
  if (/[\d/.-]/.test(word) && /^[\p{L}\p{N}/.\-–]+$/u.test(word)) return true;
  if (/^\p{Lu}{1,8}$/u.test(word) && !/[^A-ZĐ]/.test(word)) return true; // ASCII abbreviations
  // Mixed case inside a word ("vêBthực") is a glyph-map failure, not Vietnamese.
  const lower = word.toLowerCase();
  if (word !== lower && word !== word.toUpperCase() && word.slice(1) !== lower.slice(1)) return false;
  if (!SYLLABLE.test(lower)) return /^[a-z]+$/.test(lower); // Latin words (names, English) pass
  return (lower.match(TONE_CHARS) ?? []).length <= 1;
}

export function textQuality(text: string): TextQuality {
  const nfc = text.normalize('NFC');
  const tokens = nfc.split(/\s+/).filter((t) => LETTER.test(t));
  const chars = nfc.replace(/\s+/g, '');
  let odd = 0;
  for (const ch of chars) if (ODD.test(ch)) odd++;
  for (const t of tokens) if (GLUED.test(t)) odd++;
  const good = tokens.filter(wellFormedToken).length;
  const wellFormed = tokens.length ? good / tokens.length : 0;
  const oddShare = chars.length ? odd / chars.length : 0;
  return {
    words: tokens.length,
    wellFormed,
    odd: oddShare,
    ok: tokens.length >= TEXT_LAYER_MIN.minWords && wellFormed >= TEXT_LAYER_MIN.wellFormed && oddShare <= TEXT_LAYER_MIN.maxOdd,
  };
}
