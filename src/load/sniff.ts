/** File type by content (magic bytes), with the extension only as a tie-breaker for text. */
export function sniffMediaType(bytes: Buffer, path = ''): string {
  const head = bytes.subarray(0, 16);
  const ascii = head.toString('latin1');
  if (ascii.startsWith('%PDF-') || bytes.subarray(0, 1024).includes('%PDF-')) return 'application/pdf';
  if (head[0] === 0x89 && ascii.slice(1, 4) === 'PNG') return 'image/png';
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'image/jpeg';
  if (ascii.startsWith('II*\0') || ascii.startsWith('MM\0*')) return 'image/tiff';
  if (ascii.startsWith('BM')) return 'image/bmp';
  if (ascii.startsWith('PK\x03\x04')) return 'application/zip';
  if (looksLikeText(bytes)) {
    if (isJson(bytes)) return 'application/json'; // data (annotations, exports), not a document
    return /\.(md|markdown)$/i.test(path) ? 'text/markdown' : 'text/plain';
  }
  return 'application/octet-stream';
}

export type Bom = 'utf-8' | 'utf-16le' | 'utf-16be' | 'utf-32le' | 'utf-32be';

/** The byte-order mark at the start, and its length. */
export function detectBom(bytes: Uint8Array): { encoding: Bom; length: number } | null {
  const [a, b, c, d] = bytes;
  if (a === 0xef && b === 0xbb && c === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (a === 0xff && b === 0xfe && c === 0 && d === 0) return { encoding: 'utf-32le', length: 4 };
  if (a === 0 && b === 0 && c === 0xfe && d === 0xff) return { encoding: 'utf-32be', length: 4 };
  if (a === 0xff && b === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (a === 0xfe && b === 0xff) return { encoding: 'utf-16be', length: 2 };
  return null;
}

/**
 * UTF-16 without a BOM, from the zero-byte pattern: text in any Latin script has ASCII spaces,
 * digits and punctuation, whose high byte is zero, so zeros pile up at odd offsets (LE) or
 * even offsets (BE) and almost never at the other parity.
 */
export function guessUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length, 64 * 1024) & ~1;
  if (n < 4) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  const pairs = n / 2;
  if (oddZeros >= pairs * 0.2 && evenZeros <= pairs * 0.02) return 'utf-16le';
  if (evenZeros >= pairs * 0.2 && oddZeros <= pairs * 0.02) return 'utf-16be';
  return null;
}

/** Control bytes that never occur in text files (all C0 except tab, LF, VT, FF, CR, SUB, ESC). */
export function isBinaryControl(b: number): boolean {
  return b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0b && b !== 0x0c && b !== 0x0d && b !== 0x1a && b !== 0x1b;
}

/** UTF-16/32 (BOM or zero pattern), or bytes with (almost) no control characters other than whitespace. */
export function looksLikeText(bytes: Buffer): boolean {
  const bom = detectBom(bytes);
  if (bom) return true;
  if (guessUtf16(bytes)) return true;
  const sample = bytes.subarray(0, 64 * 1024);
  // A couple of stray NULs/controls (padding, a pasted control char) do not make a file binary.
  let bad = 0;
  for (const b of sample) if (b === 0 || isBinaryControl(b)) bad++;
  return bad <= Math.max(2, sample.length * 0.001);
}

/** A whole JSON value (object or array). Documents never parse as one. */
function isJson(bytes: Buffer): boolean {
  const first = bytes.subarray(0, 64).toString('utf8').trimStart()[0];
  if ((first !== '{' && first !== '[') || bytes.length > 50 * 1024 * 1024) return false;
  try {
    JSON.parse(bytes.toString('utf8').replace(/^\uFEFF/, ''));
    return true;
  } catch {
    return false;
  }
}
