/**
 * Legacy Vietnamese 8-bit encodings (pre-Unicode fonts still found in old .doc/.txt archives):
 *
 * - TCVN3 ("ABC", fonts .VnTime/.VnArial …): TCVN 5712:1993, table VN3. One byte per letter;
 *   lower-case toned vowels only (capitals were shown with the separate .VnTimeH fonts, so an
 *   upper-case heading arrives as lower-case toned letters between ASCII capitals).
 * - VNI-Windows (fonts VNI-Times …, VNI Software): a base letter followed by a byte that draws
 *   the marks ("Vieät Nam" = Việt Nam); đ, ơ, ư, ỵ and the toned i's are single bytes.
 * - VISCII (RFC 1456, Unix/early-Internet): all 134 letters precomposed, six capitals in C0
 *   control positions.
 * - Windows-1258: Microsoft's Vietnamese ANSI code page (base letters + combining tone bytes).
 *
 * Bytes 0x80–0x9F are Windows-1252 punctuation in both (the fonts are ANSI fonts).
 */
import { composeVowel, isValidSyllable, parseSyllable, TONE_MARKS, VOWELS, type Tone } from '../knowledge/syllable.ts';

// ---------------------------------------------------------------------------------------------
// Windows-1252 (the code page the font bytes were stored and shown under)

// 0x80–0x9F (Node's TextDecoder may treat windows-1252 as Latin-1, so the block is spelled out);
// the five undefined bytes map to the C1 control of the same value, as WHATWG does.
const CP1252_80_9F = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';
/** byte → char under Windows-1252. */
export const CP1252: string[] = Array.from({ length: 256 }, (_, b) =>
  b >= 0x80 && b < 0xa0 ? CP1252_80_9F[b - 0x80] : String.fromCharCode(b),
);
const CP1252_BYTE = new Map<string, number>(CP1252.map((c, b) => [c, b]));

/** Bytes of a string under Windows-1252, or null when a character has no byte there. */
export function encodeCp1252(s: string): Buffer | null {
  const out = Buffer.alloc(s.length);
  for (let i = 0; i < s.length; i++) {
    const b = CP1252_BYTE.get(s[i]);
    if (b === undefined) return null;
    out[i] = b;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// TCVN3 (TCVN 5712:1993 VN3)

/** TCVN3 bytes 0xA1–0xFE that hold Vietnamese letters; other bytes are as in Windows-1252. */
export const TCVN3_LETTERS: Record<number, string> = {
  0xa1: 'Ă', 0xa2: 'Â', 0xa3: 'Ê', 0xa4: 'Ô', 0xa5: 'Ơ', 0xa6: 'Ư', 0xa7: 'Đ',
  0xa8: 'ă', 0xa9: 'â', 0xaa: 'ê', 0xab: 'ô', 0xac: 'ơ', 0xad: 'ư', 0xae: 'đ',
  0xb5: 'à', 0xb6: 'ả', 0xb7: 'ã', 0xb8: 'á', 0xb9: 'ạ',
  0xbb: 'ằ', 0xbc: 'ẳ', 0xbd: 'ẵ', 0xbe: 'ắ', 0xc6: 'ặ',
  0xc7: 'ầ', 0xc8: 'ẩ', 0xc9: 'ẫ', 0xca: 'ấ', 0xcb: 'ậ',
  0xcc: 'è', 0xce: 'ẻ', 0xcf: 'ẽ', 0xd0: 'é', 0xd1: 'ẹ',
  0xd2: 'ề', 0xd3: 'ể', 0xd4: 'ễ', 0xd5: 'ế', 0xd6: 'ệ',
  0xd7: 'ì', 0xd8: 'ỉ', 0xdc: 'ĩ', 0xdd: 'í', 0xde: 'ị',
  0xdf: 'ò', 0xe1: 'ỏ', 0xe2: 'õ', 0xe3: 'ó', 0xe4: 'ọ',
  0xe5: 'ồ', 0xe6: 'ổ', 0xe7: 'ỗ', 0xe8: 'ố', 0xe9: 'ộ',
  0xea: 'ờ', 0xeb: 'ở', 0xec: 'ỡ', 0xed: 'ớ', 0xee: 'ợ',
  0xef: 'ù', 0xf1: 'ủ', 0xf2: 'ũ', 0xf3: 'ú', 0xf4: 'ụ',
  0xf5: 'ừ', 0xf6: 'ử', 0xf7: 'ữ', 0xf8: 'ứ', 0xf9: 'ự',
  0xfa: 'ỳ', 0xfb: 'ỷ', 0xfc: 'ỹ', 0xfd: 'ý', 0xfe: 'ỵ',
};

const TCVN3_TABLE: string[] = CP1252.map((c, b) => TCVN3_LETTERS[b] ?? c);
const TCVN3_LETTER_BYTE = new Map<string, number>(Object.entries(TCVN3_LETTERS).map(([b, c]) => [c, Number(b)]));

export function decodeTcvn3(bytes: Uint8Array): string {
  return restoreTcvn3Capitals(mapBytes(bytes, TCVN3_TABLE));
}

/** Bytes through a one-char-per-byte table, built in chunks (fast for multi-megabyte files). */
function mapBytes(bytes: Uint8Array, table: readonly string[]): string {
  const codes = table.map((c) => c.charCodeAt(0));
  const parts: string[] = [];
  const CHUNK = 8192;
  const buf = new Uint16Array(CHUNK);
  for (let i = 0; i < bytes.length; i += CHUNK) {
    const n = Math.min(CHUNK, bytes.length - i);
    for (let k = 0; k < n; k++) buf[k] = codes[bytes[i + k]];
    parts.push(String.fromCharCode.apply(null, buf.subarray(0, n) as unknown as number[]));
  }
  return parts.join('');
}

/**
 * TCVN3 has no capital toned vowels: a heading typed in a .VnTimeH font comes out as
 * "CộNG HòA XãHội". A word whose letters of known case are capitals is upper-cased whole when it
 * has two such capitals ("CộNG"), or one ("Xã", "Đà") on a line whose other words are all
 * capitals. ("Ủy" in running text stays "ủy": the bytes cannot say; writers of the period
 * typed "Uỷ", which tone placement turns into "Ủy".)
 */
// Two capitals around a lower-case toned vowel ("CộNG", "TỉNH", "NẵNG"): only lines with such a
// word can be capital lines typed in a .VnTimeH font.
const CAPITAL_BESIDE_TONED = /[A-ZĂÂÊÔƠƯĐ][àảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ][A-ZĂÂÊÔƠƯĐ]|[A-ZĂÂÊÔƠƯĐ]{2}[àảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ]|[àảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ][A-ZĂÂÊÔƠƯĐ]{2}/;

function restoreTcvn3Capitals(s: string): string {
  if (!CAPITAL_BESIDE_TONED.test(s)) return s;
  return s.split('\n').map((line) => {
    if (!CAPITAL_BESIDE_TONED.test(line)) return line;
    const words = line.split(/(\s+)/);
    const kind = words.map((w, i) => (i % 2 === 0 ? caseKind(w) : 'none'));
    let lower = 0;
    let upper = 0;
    for (let i = 0; i < words.length; i += 2) {
      if (kind[i] === 'other') lower++;
      // Codes ("7260/VP-KGVX") are capitals in any line: only plain capital words count.
      else if (kind[i] === 'upper' && !/[\d/]/.test(words[i])) upper++;
    }
    const lineIsCaps = lower === 0 && upper >= 1;
    let changed = false;
    for (let i = 0; i < words.length; i += 2) {
      if (kind[i] === 'upper' || (kind[i] === 'upper1' && lineIsCaps)) {
        const up = words[i].toUpperCase();
        if (up !== words[i]) {
          words[i] = up;
          changed = true;
        }
      }
    }
    return changed ? words.join('') : line;
  }).join('\n');
}

/**
 * 'upper': ≥2 capitals and no letter known to be lower case; 'upper1': one capital and a
 * lower-case toned vowel; 'other': a word with a lower-case letter of known case;
 * 'none': no letters of known case (numbers, codes, toned vowels only).
 */
function caseKind(word: string): 'upper' | 'upper1' | 'other' | 'none' {
  let up = 0;
  let toned = false;
  for (const ch of word) {
    const v = VOWELS.get(ch);
    if (v && v.tone !== 0) {
      if (v.upper) up++;
      else toned = true;
      continue;
    }
    if (ch !== ch.toLowerCase()) up++;
    else if (ch !== ch.toUpperCase()) return 'other';
  }
  if (up >= 2) return 'upper';
  if (up === 1) return toned ? 'upper1' : 'other';
  return toned ? 'other' : 'none';
}

/**
 * Unicode → TCVN3 bytes (for tests and mojibake checks). Capital toned vowels, which VN3
 * lacks, are written with the lower-case byte as .VnTimeH users did; other characters with no
 * byte become '?'.
 */
export function encodeTcvn3(text: string): Buffer {
  const out: number[] = [];
  for (const ch of text.normalize('NFC')) {
    let b = TCVN3_LETTER_BYTE.get(ch) ?? (VOWELS.has(ch) ? TCVN3_LETTER_BYTE.get(ch.toLowerCase()) : undefined);
    if (b === undefined) {
      const cp = CP1252_BYTE.get(ch);
      // ASCII, and the Windows-1252 punctuation block 0x80–0x9F the fonts kept.
      if (cp !== undefined && cp < 0xa0) b = cp;
    }
    out.push(b ?? 0x3f);
  }
  return Buffer.from(out);
}

// ---------------------------------------------------------------------------------------------
// VNI-Windows (VNI Software's font encoding)

/** Letters VNI writes as one byte (as the Windows-1252 character of that byte). */
const VNI_SINGLE: Record<string, string> = {
  'ñ': 'đ', 'Ñ': 'Đ', 'ô': 'ơ', 'Ô': 'Ơ', 'ö': 'ư', 'Ö': 'Ư',
  'ì': 'ì', 'Ì': 'Ì', 'í': 'í', 'Í': 'Í', 'æ': 'ỉ', 'Æ': 'Ỉ', 'ó': 'ĩ', 'Ó': 'Ĩ', 'ò': 'ị', 'Ò': 'Ị',
  'î': 'ỵ', 'Î': 'Ỵ', // ỵ is one byte; "y" + nặng byte ("yï") is also read
};
/** Mark bytes after a vowel: [shape ('' none, '^' circumflex, '(' breve), tone]. Lower-case forms. */
const VNI_MARKS: Record<string, [string, Tone]> = {
  'ø': ['', 1], 'ù': ['', 2], 'û': ['', 3], 'õ': ['', 4], 'ï': ['', 5],
  'â': ['^', 0], 'à': ['^', 1], 'á': ['^', 2], 'å': ['^', 3], 'ã': ['^', 4], 'ä': ['^', 5],
  'ê': ['(', 0], 'è': ['(', 1], 'é': ['(', 2], 'ú': ['(', 3], 'ü': ['(', 4], 'ë': ['(', 5],
};
const VNI_MARK_OF = new Map<string, [string, Tone]>();
for (const [c, m] of Object.entries(VNI_MARKS)) {
  VNI_MARK_OF.set(c, m);
  VNI_MARK_OF.set(c.toUpperCase(), m);
}
const SHAPE_BASE: Record<string, Record<string, string>> = {
  '': { a: 'a', e: 'e', o: 'o', u: 'u', y: 'y', 'ơ': 'ơ', 'ư': 'ư' },
  '^': { a: 'â', e: 'ê', o: 'ô' },
  '(': { a: 'ă' },
};

/** byte → char with VNI's one-byte letters applied (đ, ơ, ư, ỉ, ĩ, ị, ỵ …). */
const VNI_TABLE: string[] = CP1252.map((c) => VNI_SINGLE[c] ?? c);
/** (base byte × 256 + mark byte) → the composed letter's code, 0 when the pair does not combine. */
const VNI_PAIRS = new Uint16Array(256 * 256);
for (let b = 0; b < 256; b++) {
  const ch = VNI_TABLE[b];
  const lower = ch.toLowerCase();
  for (let m = 0xc0; m < 256; m++) {
    const mark = VNI_MARK_OF.get(String.fromCharCode(m));
    if (!mark) continue;
    const base = SHAPE_BASE[mark[0]][lower];
    if (base) VNI_PAIRS[b * 256 + m] = composeVowel(base, mark[1], ch !== lower).charCodeAt(0);
  }
}
const VNI_CODES = VNI_TABLE.map((c) => c.charCodeAt(0));

export function decodeVni(bytes: Uint8Array): string {
  const out = new Uint16Array(bytes.length);
  let j = 0;
  const n = bytes.length;
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if (i + 1 < n) {
      const composed = VNI_PAIRS[b * 256 + bytes[i + 1]];
      if (composed !== 0) {
        out[j++] = composed;
        i++;
        continue;
      }
    }
    out[j++] = VNI_CODES[b];
  }
  return UTF16.decode(out.subarray(0, j));
}

const UTF16 = new TextDecoder('utf-16le');

const VNI_SINGLE_OF = new Map<string, string>(Object.entries(VNI_SINGLE).map(([k, v]) => [v, k]));
const VNI_MARK_FOR = new Map<string, string>(Object.entries(VNI_MARKS).map(([c, [sh, t]]) => [`${sh}${t}`, c]));

/** Unicode → VNI-Windows bytes (for tests). Characters with no byte become '?'. */
export function encodeVni(text: string): Buffer {
  let s = '';
  for (const ch of text.normalize('NFC')) {
    const single = VNI_SINGLE_OF.get(ch);
    if (single && !(ch === 'ì' || ch === 'Ì' || ch === 'í' || ch === 'Í')) {
      s += single;
      continue;
    }
    const v = VOWELS.get(ch);
    if (!v || (v.tone === 0 && 'aeiouy'.includes(v.base)) || v.base === 'i') {
      s += ch;
      continue;
    }
    const up = (c: string) => (v.upper ? c.toUpperCase() : c);
    let base: string = v.base;
    let shape = '';
    if (v.base === 'â' || v.base === 'ê' || v.base === 'ô') [base, shape] = [{ 'â': 'a', 'ê': 'e', 'ô': 'o' }[v.base]!, '^'];
    else if (v.base === 'ă') [base, shape] = ['a', '('];
    else if (v.base === 'ơ') base = 'ô';
    else if (v.base === 'ư') base = 'ö';
    s += up(base);
    if (shape !== '' || v.tone !== 0) s += up(VNI_MARK_FOR.get(`${shape}${v.tone}`)!);
  }
  return encodeCp1252(s.replace(/[^\x00-\xff€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ]/g, '?')) ?? Buffer.from(s, 'latin1');
}

// ---------------------------------------------------------------------------------------------
// Windows-1258 (Microsoft's Vietnamese ANSI code page: what Notepad saved as "ANSI" on a
// Vietnamese Windows). Latin-1 letters plus Ă Đ Ơ Ư, and the other toned vowels written as a
// base letter followed by a combining tone-mark byte.

const CP1258_DIFF: Record<number, string> = {
  0x8a: '\u008a', 0x8e: '\u008e', 0x9a: '\u009a', 0x9e: '\u009e',
  0xc3: 'Ă', 0xcc: '\u0300', 0xd0: 'Đ', 0xd2: '\u0309', 0xd5: 'Ơ', 0xdd: 'Ư', 0xde: '\u0303',
  0xe3: 'ă', 0xec: '\u0301', 0xf0: 'đ', 0xf2: '\u0323', 0xf5: 'ơ', 0xfd: 'ư', 0xfe: '₫',
};
const CP1258: string[] = CP1252.map((c, b) => CP1258_DIFF[b] ?? c);
const CP1258_BYTE = new Map<string, number>();
for (let b = 255; b >= 0; b--) CP1258_BYTE.set(CP1258[b], b);

export function decodeCp1258(bytes: Uint8Array): string {
  return mapBytes(bytes, CP1258).normalize('NFC');
}

/**
 * Unicode → Windows-1258 bytes (for tests), as Windows converts: a precomposed byte when the
 * code page has the letter, else the letter without its tone plus the tone-mark byte.
 */
export function encodeCp1258(text: string): Buffer {
  const out: number[] = [];
  for (const ch of text.normalize('NFC')) {
    const b = CP1258_BYTE.get(ch);
    if (b !== undefined) {
      out.push(b);
      continue;
    }
    const v = VOWELS.get(ch);
    const base = v && composeVowel(v.base, 0, v.upper);
    const bb = base !== undefined ? CP1258_BYTE.get(base) : undefined;
    const tb = v ? CP1258_BYTE.get(TONE_MARKS[v.tone]) : undefined;
    if (bb !== undefined && tb !== undefined) out.push(bb, tb);
    else out.push(0x3f);
  }
  return Buffer.from(out);
}

// ---------------------------------------------------------------------------------------------
// VISCII (RFC 1456, "VIetnamese Standard Code for Information Interchange")

/** VISCII bytes that hold Vietnamese letters; the rest is ASCII. */
export const VISCII_LETTERS: Record<number, string> = {
  0x02: 'Ẳ', 0x05: 'Ẵ', 0x06: 'Ẫ', 0x14: 'Ỷ', 0x19: 'Ỹ', 0x1e: 'Ỵ', 0x80: 'Ạ', 0x81: 'Ắ',
  0x82: 'Ằ', 0x83: 'Ặ', 0x84: 'Ấ', 0x85: 'Ầ', 0x86: 'Ẩ', 0x87: 'Ậ', 0x88: 'Ẽ', 0x89: 'Ẹ',
  0x8a: 'Ế', 0x8b: 'Ề', 0x8c: 'Ể', 0x8d: 'Ễ', 0x8e: 'Ệ', 0x8f: 'Ố', 0x90: 'Ồ', 0x91: 'Ổ',
  0x92: 'Ỗ', 0x93: 'Ộ', 0x94: 'Ợ', 0x95: 'Ớ', 0x96: 'Ờ', 0x97: 'Ở', 0x98: 'Ị', 0x99: 'Ỏ',
  0x9a: 'Ọ', 0x9b: 'Ỉ', 0x9c: 'Ủ', 0x9d: 'Ũ', 0x9e: 'Ụ', 0x9f: 'Ỳ', 0xa0: 'Õ', 0xa1: 'ắ',
  0xa2: 'ằ', 0xa3: 'ặ', 0xa4: 'ấ', 0xa5: 'ầ', 0xa6: 'ẩ', 0xa7: 'ậ', 0xa8: 'ẽ', 0xa9: 'ẹ',
  0xaa: 'ế', 0xab: 'ề', 0xac: 'ể', 0xad: 'ễ', 0xae: 'ệ', 0xaf: 'ố', 0xb0: 'ồ', 0xb1: 'ổ',
  0xb2: 'ỗ', 0xb3: 'Ỡ', 0xb4: 'Ơ', 0xb5: 'ộ', 0xb6: 'ờ', 0xb7: 'ở', 0xb8: 'ị', 0xb9: 'Ự',
  0xba: 'Ứ', 0xbb: 'Ừ', 0xbc: 'Ử', 0xbd: 'ơ', 0xbe: 'ớ', 0xbf: 'Ư', 0xc0: 'À', 0xc1: 'Á',
  0xc2: 'Â', 0xc3: 'Ã', 0xc4: 'Ả', 0xc5: 'Ă', 0xc6: 'ẳ', 0xc7: 'ẵ', 0xc8: 'È', 0xc9: 'É',
  0xca: 'Ê', 0xcb: 'Ẻ', 0xcc: 'Ì', 0xcd: 'Í', 0xce: 'Ĩ', 0xcf: 'ỳ', 0xd0: 'Đ', 0xd1: 'ứ',
  0xd2: 'Ò', 0xd3: 'Ó', 0xd4: 'Ô', 0xd5: 'ạ', 0xd6: 'ỷ', 0xd7: 'ừ', 0xd8: 'ử', 0xd9: 'Ù',
  0xda: 'Ú', 0xdb: 'ỹ', 0xdc: 'ỵ', 0xdd: 'Ý', 0xde: 'ỡ', 0xdf: 'ư', 0xe0: 'à', 0xe1: 'á',
  0xe2: 'â', 0xe3: 'ã', 0xe4: 'ả', 0xe5: 'ă', 0xe6: 'ữ', 0xe7: 'ẫ', 0xe8: 'è', 0xe9: 'é',
  0xea: 'ê', 0xeb: 'ẻ', 0xec: 'ì', 0xed: 'í', 0xee: 'ĩ', 0xef: 'ỉ', 0xf0: 'đ', 0xf1: 'ự',
  0xf2: 'ò', 0xf3: 'ó', 0xf4: 'ô', 0xf5: 'õ', 0xf6: 'ỏ', 0xf7: 'ọ', 0xf8: 'ụ', 0xf9: 'ù',
  0xfa: 'ú', 0xfb: 'ũ', 0xfc: 'ủ', 0xfd: 'ý', 0xfe: 'ợ', 0xff: 'Ữ',
};
const VISCII_TABLE: string[] = Array.from({ length: 256 }, (_, b) => VISCII_LETTERS[b] ?? String.fromCharCode(b));
const VISCII_BYTE = new Map<string, number>(Object.entries(VISCII_LETTERS).map(([b, c]) => [c, Number(b)]));

export function decodeViscii(bytes: Uint8Array): string {
  return mapBytes(bytes, VISCII_TABLE);
}

/** Unicode → VISCII bytes (for tests); characters with no byte become '?'. */
export function encodeViscii(text: string): Buffer {
  const out: number[] = [];
  for (const ch of text.normalize('NFC')) {
    const b = VISCII_BYTE.get(ch);
    out.push(b ?? (ch.charCodeAt(0) < 0x80 ? ch.charCodeAt(0) : 0x3f));
  }
  return Buffer.from(out);
}

// ---------------------------------------------------------------------------------------------
// Scoring: how much of a text reads as Vietnamese

export interface VietScore {
  /** Words with a non-ASCII letter that are valid Vietnamese syllables. */
  valid: number;
  /** Words with a non-ASCII letter that are not. */
  invalid: number;
}

const WORD = /[\p{L}\p{M}]+/gu;

/**
 * Only words with a non-ASCII letter count: plain ASCII reads the same under every decoder.
 * Case-insensitive; tone must fit the coda (no "huyền" on a -t/-c/-p/-ch syllable).
 */
export function scoreVietnamese(text: string): VietScore {
  let valid = 0;
  let invalid = 0;
  for (const m of text.matchAll(WORD)) {
    const w = m[0];
    let ascii = true;
    for (let i = 0; i < w.length; i++) {
      if (w.charCodeAt(i) > 0x7f) {
        ascii = false;
        break;
      }
    }
    if (ascii) continue;
    const syl = parseSyllable(w.normalize('NFC'));
    if (syl && isValidSyllable(syl) && syl.toneAt !== -2) valid++;
    else invalid++;
  }
  return { valid, invalid };
}
