/**
 * Unicode composition and tone-mark placement.
 *
 * Input may be decomposed (combining marks, as typed with "Unicode tổ hợp" / Windows composite
 * keyboards or produced by some PDF text layers), sometimes with the tone mark before the shape
 * mark (e + ́ + ̂), which NFC alone does not compose. Output is NFC with every tone on the vowel
 * the traditional placement chooses (hòa, thúy, Ủy, hoàng, quý).
 */
import { placeTone, TONED } from './syllable.ts';

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

// Letters (incl. combining marks) as words; URLs and e-mail addresses are skipped whole.
const WORD_OR_URL = /(?:https?:\/\/|www\.)[^\s<>"]+|[^\s<>"@]+@[^\s<>"@]+\.[^\s<>"@]+|[\p{L}\p{M}]+/gu;

/** Move misplaced tone marks (NFC input) to the traditional position. */
export function fixTonePlacement(s: string): ToneResult {
  let moved = 0;
  const text = s.replace(WORD_OR_URL, (w) => {
    if (w.length < 2 || w.length > 8) return w;
    let toned = false;
    for (const ch of w) {
      if (TONED.has(ch)) {
        toned = true;
        break;
      }
    }
    if (!toned) return w;
    const fixed = placeTone(w);
    if (fixed === null) return w;
    moved++;
    return fixed;
  });
  return { text, moved };
}
