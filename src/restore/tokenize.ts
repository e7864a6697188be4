/**
 * Split a line into tokens for restoration and for language-model training: whitespace
 * separated chunks, with leading/trailing punctuation split off. Each word core is classified
 * so numbers, codes, URLs and abbreviations are protected (codes still get their Đ repaired).
 */
import { canonicalSyllable, isFoldedSyllable } from '../knowledge/syllable.ts';
import { fold } from '../knowledge/fold.ts';
import { memoize } from '../lib/memo.ts';
import { isSpaceCode } from '../lib/strings.ts';

export type TokenKind =
  | 'word' // a candidate for restoration (letters, maybe OCR garble like "s6", "v&", "cira")
  | 'number'
  | 'code' // 48/2013/ND-CP, KH-UBND, VP.UBND
  | 'abbr' // UBND, TTHC: all-caps, not a syllable
  | 'url'
  | 'punct'
  | 'marker'; // list marker "a)" "b." at line start

export interface Token {
  start: number; // offset of the core in the line
  end: number;
  text: string; // the core
  kind: TokenKind;
}

const PUNCT_CHARS = `()[]{},.;:!?"“”'‘’«»…–—|*_<>`;
const LEAD_PUNCT = new Set([...`([{"“'‘«*_<`]);
const TRAIL_PUNCT = new Set([...`)]},.;:!?"”'’»…*_>\\`]);

/** Characters OCR emits inside Vietnamese words for marked letters. */
export const GARBLE_CHARS = '0123456789&§€¢¥#}@$%£©®°ﬁﬂ';

const RE_URL = /^(https?:\/\/|www\.)|^[\w.+-]+@[\w-]+\.[\w.]+$|\.(vn|com|org|net|gov)(\/|$)/i;
const RE_NUMBER = /^[+-]?\d+([.,]\d+)*%?$/;
const RE_HAS_LETTER = /\p{L}/u;

/** A letter somewhere before a - or . and a letter or digit after it (KH-UBND, VP.UBND, 1.a). Linear. */
function joinsParts(core: string): boolean {
  let seenLetter = false;
  let seenDigit = false;
  let joinAfter = -1; // index of a - or . that follows a letter or digit
  for (let i = 0; i < core.length; i++) {
    const ch = core[i]!;
    if (ch === '-' || ch === '.') {
      if (seenLetter || seenDigit) joinAfter = i;
      continue;
    }
    const letter = RE_LETTER.test(ch);
    const digit = ch >= '0' && ch <= '9';
    if (joinAfter >= 0 && (letter || digit) && (seenLetter || letter)) return true;
    if (letter) seenLetter = true;
    if (digit) seenDigit = true;
  }
  return false;
}

const RE_LETTER = /\p{L}/u;

export function classify(core: string, atLineStart: boolean): TokenKind {
  if (atLineStart && core === '¢') return 'marker';
  if (!RE_HAS_LETTER.test(core) && !/[&§€¢¥#}@]/.test(core)) return RE_NUMBER.test(core) ? 'number' : /\d/.test(core) ? 'code' : 'punct';
  if (RE_URL.test(core)) return 'url';
  // capitals joined by dots or hyphens are a body's abbreviation (VP.UBND, PCT.UBND, TP.HCM), not a code
  if (/^[A-ZĐ]+([.-][A-ZĐ]+)+$/.test(core)) return 'abbr';
  if (core.includes('/') || joinsParts(core)) return 'code';
  // numbers with many digits (2022, 48) inside letters are codes, not garble
  if (/\d\d\d/.test(core)) return 'code';
  if (atLineStart && /^[a-zđ¢]$/i.test(core)) return 'marker'; // ¢) is an OCR'd c)
  if (/^[IVXLC]+$/.test(core) && core.length >= 2) return 'abbr';
  const lower = core.toLowerCase();
  if (core.length >= 2 && core === core.toUpperCase() && /^[A-ZĐ]+$/.test(core) && !isFoldedSyllable(lower)) return 'abbr';
  return 'word';
}

/**
 * The words of a rate written with slashes ("bệnh/vạn", "dong/nguoi/thang"): every part a
 * syllable of letters. Codes keep their slashes whole ("QĐ/TTg", "V/v", "b/c": parts that are
 * no syllable).
 */
function slashedWords(core: string): string[] | null {
  if (!core.includes('/')) return null;
  const parts = core.split('/');
  // …and a value it is stated of or with ("4,5%/năm", "6 tháng/01 lần"), a number part.
  const syllable = (p: string) => /^\p{L}+$/u.test(p) && isFoldedSyllable(fold(p));
  const value = (p: string) => /^\d{1,4}(?:[.,]\d{1,3})?[%‰]?$/u.test(p);
  return parts.every((p) => syllable(p) || value(p)) && parts.some(syllable) ? parts : null;
}

// Each core's kind away from a line start, once per spelling.
const classifyCached = memoize(50_000, (core) => classify(core, false));

/** Tokenize one line. Offsets are into the line. */
export function tokenizeLine(line: string): Token[] {
  const out: Token[] = [];
  let first = true;
  // Whitespace-separated chunks, scanned by hand: a regex's match array per chunk made this
  // the largest allocation of the whole pipeline.
  const n = line.length;
  let at = 0;
  while (at < n) {
    while (at < n && isSpaceCode(line.charCodeAt(at))) at++;
    if (at >= n) break;
    let to = at + 1;
    while (to < n && !isSpaceCode(line.charCodeAt(to))) to++;
    const chunk = line.slice(at, to);
    let s = 0;
    let e = chunk.length;
    // a list bullet glued to its word ("-LBVP;", "+Sở"): the dash is punctuation
    while (s < e && (LEAD_PUNCT.has(chunk[s]!) || ((chunk[s] === '-' || chunk[s] === '+') && RE_LETTER.test(chunk[s + 1] ?? '')))) {
      out.push({ start: at + s, end: at + s + 1, text: chunk[s]!, kind: 'punct' });
      s++;
    }
    // the closing mark of a document ("… thực hiện./.") is punctuation, not part of a code
    // ("…//." is left to the rules below)
    if (chunk.endsWith('/.') && e - s > 3 && chunk[e - 3] !== '/') e -= chunk.endsWith('./.') ? 3 : 2;
    while (e > s && (TRAIL_PUNCT.has(chunk[e - 1]!) || (chunk[e - 1] === '-' && e - 1 > s))) e--;
    if (s < e) {
      const core = e - s === chunk.length ? chunk : chunk.slice(s, e);
      const lineStart = first && e < chunk.length && chunk[e] !== ',';
      const kind = core === '-' || core === '+' || core === '–' ? 'punct' : lineStart ? classify(core, true) : classifyCached(core);
      const rate = kind === 'code' ? slashedWords(core) : null;
      if (rate) {
        // "giường bệnh/vạn dân", "đồng/người/tháng": words of a rate, each restored in context.
        let p = at + s;
        rate.forEach((w, i) => {
          if (i) out.push({ start: p - 1, end: p, text: '/', kind: 'punct' });
          out.push({ start: p, end: p + w.length, text: w, kind: /\d/.test(w) ? classify(w, false) : 'word' });
          p += w.length + 1;
        });
      } else out.push({ start: at + s, end: at + e, text: core, kind });
    }
    for (let i = e; i < chunk.length; i++) out.push({ start: at + i, end: at + i + 1, text: chunk[i]!, kind: 'punct' });
    first = false;
    at = to;
  }
  return out;
}

/** Map a punctuation token to the LM vocabulary (only a few marks carry context). */
export function punctKey(p: string): string | null {
  if (p === '.' || p === '!' || p === '?' || p === '…') return '.';
  if (p === ',' || p === ';' || p === ':' || p === '/') return p;
  if (p === '(' || p === ')' || p === '-' || p === '–' || p === '"' || p === '“' || p === '”') return p === '–' ? '-' : p === '“' || p === '”' ? '"' : p;
  return null;
}

/** LM key of a token as it stands in clean text (null = skipped). */
export function lmKeyOfClean(t: Token): string | null {
  switch (t.kind) {
    case 'punct':
      return punctKey(t.text);
    case 'number':
      return '<num>';
    case 'code':
    case 'url':
      return '<code>';
    case 'abbr':
      return '<abbr>';
    case 'marker':
      return '<mark>';
    case 'word': {
      return canonicalSyllable(t.text) ?? '<unk>';
    }
  }
}

export { PUNCT_CHARS };
