/**
 * Decode text bytes: UTF-8 (with or without BOM), UTF-16/32 LE/BE (BOM, or UTF-16 by its
 * zero-byte pattern), and, for bytes that are not UTF-8, the legacy Vietnamese 8-bit encodings
 * TCVN3 (ABC) and VNI-Windows, the Vietnamese Windows code page 1258 and VISCII, chosen by how many
 * valid Vietnamese syllables each gives.
 * The file name plays no part.
 */
import { detectBom, guessUtf16, isBinaryControl, splitEncodings, type BytePart } from './sniff.ts';
import { CP1252, decodeCp1258, decodeTcvn3, decodeViscii, decodeVni, scoreVietnamese } from '../normalize/legacy.ts';
import { utf8Length } from '../lib/utf8.ts';

/** A stretch of the file decoded on its own: its bytes, its encoding and the text it gave. */
export interface DecodedPart {
  bytes: [number, number];
  encoding: string;
  text: [number, number];
}

/** `parts` when the file mixes encodings (`encoding` then names them all, joined by "+"). */
export type Decoded = { ok: true; text: string; encoding: string; parts?: DecodedPart[] } | { ok: false; reason: string };

/** Bytes scored when choosing a legacy encoding (decoding always covers the whole file). */
const SCORE_SAMPLE = 128 * 1024;

export function decodeText(bytes: Buffer): Decoded {
  if (bytes.length === 0) return { ok: true, text: '', encoding: 'utf-8' };
  const bom = detectBom(bytes);
  const parts = splitEncodings(bytes);
  if (parts) {
    const mixed = decodeParts(bytes, parts);
    // A UTF-16 file (BOM) whose text has few zero bytes (CJK) is not two files run together.
    if (mixed.ok || !bom || bom.encoding === 'utf-8') return mixed;
  }
  if (bom) {
    const body = bytes.subarray(bom.length);
    if (bom.encoding === 'utf-8') return decodeUtf8(body, 'utf-8');
    if (bom.encoding === 'utf-16le' || bom.encoding === 'utf-16be') return decodeUtf16(body, bom.encoding);
    return decodeUtf32(body, bom.encoding);
  }
  const utf16 = guessUtf16(bytes);
  if (utf16) return decodeUtf16(bytes, utf16);

  return decode8bit(bytes);
}

/** Bytes with no UTF-16 pattern: UTF-8, else a legacy 8-bit encoding. */
function decode8bit(bytes: Buffer): Decoded {
  const binary = findBinary(bytes);
  if (binary) return { ok: false, reason: binary };

  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return decodeLines(bytes) ?? decodeLegacy(bytes);
  }
}

/** Non-ASCII characters a stretch must have to be taken as an encoding of its own (not chance or damage). */
const MIN_MIXED_CHARS = 10;

/**
 * UTF-8 lines and lines in a legacy encoding (TCVN3, VNI …) in one file, as when text from
 * an old document is pasted into a new one: each run of lines decoded as itself, the legacy
 * encoding chosen on all legacy lines together. Null when the file is not such a mix (a few
 * broken bytes in UTF-8, or a legacy text with a line that happens to be valid UTF-8).
 */
function decodeLines(bytes: Buffer): Decoded | null {
  const runs: { utf8: boolean; start: number; end: number; chars: number }[] = [];
  for (let start = 0; start < bytes.length; ) {
    const nl = bytes.indexOf(0x0a, start);
    const end = nl < 0 ? bytes.length : nl + 1;
    let chars = 0; // non-ASCII characters (UTF-8 sequences, or bytes)
    let utf8 = true;
    for (let i = start; i < end; ) {
      if (bytes[i] < 0x80) i++;
      else {
        const n = utf8Length(bytes, i);
        if (!n) utf8 = false;
        chars++;
        i += n || 1;
      }
    }
    const last = runs[runs.length - 1];
    // ASCII lines read the same either way: they go with the lines before them.
    if (!chars && last) last.end = end;
    else if (last && (last.utf8 === utf8 || !last.chars)) {
      last.utf8 = utf8;
      last.end = end;
      last.chars += chars;
    } else runs.push({ utf8, start, end, chars });
    start = end;
  }
  const count = (utf8: boolean) => runs.filter((r) => r.utf8 === utf8).reduce((n, r) => n + r.chars, 0);
  if (runs.length < 2 || count(true) < MIN_MIXED_CHARS || count(false) < MIN_MIXED_CHARS) return null;
  const legacy = decodeLegacy(Buffer.concat(runs.filter((r) => !r.utf8).map((r) => bytes.subarray(r.start, r.end))));
  const decode = legacy.ok ? LEGACY_DECODERS[legacy.encoding] : undefined;
  if (!legacy.ok || !decode) return null;
  let text = '';
  const parts: DecodedPart[] = [];
  for (const r of runs) {
    const part = bytes.subarray(r.start, r.end);
    const t = r.utf8 ? part.toString('utf8') : decode(part);
    const encoding = r.utf8 ? 'utf-8' : legacy.encoding;
    parts.push({ bytes: [r.start, r.end], encoding, text: [text.length, text.length + t.length] });
    text += t;
  }
  return { ok: true, text, encoding: `utf-8+${legacy.encoding}`, parts };
}

/**
 * A file whose stretches are in different encodings (a UTF-8 file with a UTF-16 one appended):
 * each decoded on its own, so no stretch becomes CJK garbage from the wrong byte order; a
 * stretch that decodes as nothing fails the file, naming its bytes.
 */
function decodeParts(bytes: Buffer, parts: BytePart[]): Decoded {
  let text = '';
  const out: DecodedPart[] = [];
  for (const part of parts) {
    let body = bytes.subarray(part.start, part.end);
    const bom = detectBom(body);
    let d: Decoded;
    if (part.encoding) d = decodeUtf16(bom?.encoding === part.encoding ? body.subarray(bom.length) : body, part.encoding);
    else {
      if (bom?.encoding === 'utf-8') body = body.subarray(bom.length);
      d = decode8bit(body);
    }
    const where = `bytes ${part.start}–${part.end} of ${bytes.length}`;
    if (!d.ok) return { ok: false, reason: `mixed encodings: ${where} (${part.encoding ?? 'no UTF-16'}): ${d.reason}` };
    out.push({ bytes: [part.start, part.end], encoding: d.encoding, text: [text.length, text.length + d.text.length] });
    text += d.text;
  }
  const encodings = [...new Set(out.map((p) => p.encoding))];
  if (encodings.length === 1) return { ok: true, text, encoding: encodings[0] };
  return { ok: true, text, encoding: encodings.join('+'), parts: out };
}

function decodeUtf8(bytes: Uint8Array, encoding: string): Decoded {
  const binary = findBinary(bytes);
  if (binary) return { ok: false, reason: binary };
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding };
  } catch {
    // A BOM says UTF-8: keep it, with U+FFFD for the few broken sequences.
    const text = new TextDecoder('utf-8').decode(bytes);
    return tooManyReplacements(text, encoding) ?? { ok: true, text, encoding };
  }
}

function decodeUtf16(bytes: Uint8Array, encoding: 'utf-16le' | 'utf-16be'): Decoded {
  const text = new TextDecoder(encoding).decode(bytes);
  const bad = tooManyReplacements(text, encoding);
  if (bad) return bad;
  const controls = countControls(text);
  if (controls > Math.max(2, text.length * 0.001)) {
    return { ok: false, reason: `not text: ${controls} control characters after decoding as ${encoding}` };
  }
  return { ok: true, text, encoding };
}

function decodeUtf32(bytes: Uint8Array, encoding: 'utf-32le' | 'utf-32be'): Decoded {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const le = encoding === 'utf-32le';
  let text = '';
  for (let i = 0; i + 4 <= bytes.length; i += 4) {
    const cp = view.getUint32(i, le);
    text += cp <= 0x10ffff && (cp < 0xd800 || cp > 0xdfff) ? String.fromCodePoint(cp) : '\ufffd';
  }
  return tooManyReplacements(text, encoding) ?? { ok: true, text, encoding };
}

function tooManyReplacements(text: string, encoding: string): Decoded | null {
  let bad = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 0xfffd) bad++;
  if (bad > Math.max(3, text.length * 0.01)) {
    return { ok: false, reason: `not valid ${encoding}: ${bad} malformed sequences in ${text.length} characters` };
  }
  return null;
}

function countControls(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0 || isBinaryControl(c)) n++;
  }
  return n;
}

/** A reason when the bytes are binary data (NUL bytes or other controls text never has). */
function findBinary(bytes: Uint8Array): string | null {
  const n = Math.min(bytes.length, 64 * 1024);
  let controls = 0;
  let first = -1;
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if (b === 0 || isBinaryControl(b)) {
      controls++;
      if (first < 0) first = i;
    }
  }
  if (controls > Math.max(2, n * 0.001)) {
    return `binary data, not text: ${controls} control bytes in the first ${n} bytes (first 0x${bytes[first].toString(16).padStart(2, '0')} at offset ${first})`;
  }
  return null;
}

interface Candidate {
  encoding: string;
  text: string;
  valid: number;
  invalid: number;
  score: number;
}

/** The Vietnamese 8-bit encodings, by the name `Decoded.encoding` gives them. */
const LEGACY_DECODERS: Record<string, (bytes: Uint8Array) => string> = {
  tcvn3: decodeTcvn3,
  vni: decodeVni,
  'windows-1258': decodeCp1258,
  viscii: decodeViscii,
};

/** Not UTF-8: try TCVN3, VNI-Windows, Windows-1258, VISCII, UTF-8 with a few broken bytes, then Windows-1252. */
function decodeLegacy(bytes: Buffer): Decoded {
  const sample = bytes.subarray(0, SCORE_SAMPLE);
  const candidates: Candidate[] = [];
  const consider = (encoding: string, decode: (b: Uint8Array) => string) => {
    const text = decode(sample);
    const { valid, invalid } = scoreVietnamese(text);
    let replaced = 0;
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 0xfffd) replaced++;
    candidates.push({ encoding, text, valid, invalid: invalid + replaced, score: valid - 2 * (invalid + replaced) });
  };
  for (const [encoding, decode] of Object.entries(LEGACY_DECODERS)) consider(encoding, decode);
  consider('utf-8', (b) => new TextDecoder('utf-8').decode(b));
  candidates.sort((a, b) => b.score - a.score);
  const best = candidates[0];
  const decodeAll = (encoding: string): string =>
    bytes.length === sample.length ? candidates.find((c) => c.encoding === encoding)!.text
    : (LEGACY_DECODERS[encoding] ?? ((b: Uint8Array) => new TextDecoder('utf-8').decode(b)))(bytes);

  // Vietnamese wins when it reads as Vietnamese: several syllables, non-words rare.
  if (best.valid >= 3 && best.invalid * 4 <= best.valid) {
    return { ok: true, text: decodeAll(best.encoding), encoding: best.encoding };
  }
  // UTF-8 with a handful of broken bytes (truncated or damaged file): the rest of its non-ASCII
  // text must be real UTF-8 sequences, many more than the broken ones.
  const utf8 = candidates.find((c) => c.encoding === 'utf-8')!;
  let replaced = 0;
  let multibyte = 0;
  for (let i = 0; i < utf8.text.length; i++) {
    const c = utf8.text.charCodeAt(i);
    if (c === 0xfffd) replaced++;
    else if (c > 0x7f) multibyte++;
  }
  if (replaced <= Math.max(3, utf8.text.length * 0.001) && multibyte >= replaced * 10) {
    return { ok: true, text: decodeAll('utf-8'), encoding: 'utf-8' };
  }
  // A short text: a legacy decoding with Vietnamese syllables and no non-words.
  if (best.encoding !== 'utf-8' && best.valid >= 1 && best.invalid === 0) {
    return { ok: true, text: decodeAll(best.encoding), encoding: best.encoding };
  }
  // Other 8-bit Latin text (English/French in Windows-1252): mostly ASCII letters and spaces.
  let asciiText = 0;
  for (const b of sample) if ((b >= 0x20 && b < 0x7f) || b === 0x0a || b === 0x0d || b === 0x09) asciiText++;
  if (asciiText >= sample.length * 0.8) {
    let text = '';
    for (const b of bytes) text += CP1252[b];
    return { ok: true, text, encoding: 'windows-1252' };
  }
  return {
    ok: false,
    reason:
      'undecodable text: not UTF-8 or UTF-16, and TCVN3, VNI-Windows, Windows-1258, VISCII and Windows-1252 give no readable text ' +
      `(best guess ${best.encoding}: ${best.valid} Vietnamese syllables, ${best.invalid} non-words)`,
  };
}
