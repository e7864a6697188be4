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

/** What a binary document's extension promises, by the media type sniffing gives its bytes. */
const CLAIMED_BY_EXTENSION: Record<string, string> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  tif: 'image/tiff',
  tiff: 'image/tiff',
  bmp: 'image/bmp',
};

/**
 * Why a file named as a PDF or an image cannot be one, or null. A download that saved an
 * error page or a truncated stub as `x.pdf` must fail as "not a PDF", not be stored as a text
 * document of a few garbled words. Bytes of another binary document type are read as what
 * they are (a JPEG named .pdf is still a scan).
 */
export function extensionMismatch(bytes: Buffer, path: string, mediaType: string): string | null {
  const ext = /\.([a-z]+)$/i.exec(path)?.[1].toLowerCase() ?? '';
  const claimed = CLAIMED_BY_EXTENSION[ext];
  if (!claimed || mediaType === 'application/pdf' || mediaType.startsWith('image/')) return null;
  const what = /^\s*<(!doctype html|html|\?xml)/i.test(bytes.subarray(0, 512).toString('latin1')) ? 'an HTML or XML page' : mediaType.startsWith('text/') ? 'text' : 'of no known type';
  const kind = claimed === 'application/pdf' ? 'PDF (no %PDF- header)' : `${ext.toUpperCase()} image`;
  return `named .${ext} but not a ${kind}: its ${bytes.length} bytes are ${what}`;
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

/** A stretch of a file in one encoding: UTF-16 (by its zero bytes), or 8-bit text (`null`: UTF-8 or legacy). */
export interface BytePart {
  start: number;
  end: number;
  encoding: 'utf-16le' | 'utf-16be' | null;
}

/** Windows in which zero bytes are counted to find where UTF-16 begins and ends. */
const WINDOW = 256;
/** An 8-bit stretch shorter than this beside UTF-16 is taken as part of it (an odd trailing byte). */
const MIN_PART = 4;

/**
 * UTF-16 code units whose high byte is not zero but whose low byte is a control byte, so they
 * can never be the end of UTF-8 text: U+01xx and U+1Exx (ă đ ơ ư, ạ ả ấ …), the BOM, dashes and
 * quotes. They carry a UTF-16 stretch past its first and last zero byte.
 */
function isUtf16Edge(unit: number): boolean {
  const high = unit >> 8;
  return high === 0x01 || high === 0x1e || unit === 0xfeff || unit === 0x2013 || unit === 0x2014 || (unit >= 0x2018 && unit <= 0x201d);
}

/**
 * Where a file changes encoding: stretches of UTF-16 (zero bytes at one parity) between
 * stretches with no zero bytes at all (UTF-8 or an 8-bit encoding), e.g. a UTF-8 file with a
 * UTF-16 file appended. Null when the file reads as one encoding (or has zero bytes of no
 * UTF-16 pattern: binary or UTF-32, for the whole-file checks). Without a BOM, a UTF-16 stretch
 * is taken as little-endian (Windows "Unicode"), except one starting at the file's start.
 */
export function splitEncodings(bytes: Uint8Array): BytePart[] | null {
  if (bytes.indexOf(0) < 0) return null;
  // Each window: 'none' (no zero byte), 'even'/'odd' (UTF-16: zeros at that parity only), '?'.
  type Kind = 'none' | 'even' | 'odd';
  const runs: { kind: Kind; from: number; to: number }[] = []; // byte ranges of windows of one kind
  for (let w = 0; w < bytes.length; w += WINDOW) {
    const end = Math.min(bytes.length, w + WINDOW);
    let even = 0;
    let odd = 0;
    for (let i = w; i < end; i++) if (bytes[i] === 0) (i & 1 ? odd++ : even++);
    const pairs = (end - w) / 2;
    const kind: Kind | '?' =
      even + odd === 0 ? 'none'
      : odd >= pairs * 0.2 && even <= pairs * 0.02 ? 'odd'
      : even >= pairs * 0.2 && odd <= pairs * 0.02 ? 'even'
      : '?';
    if (kind === '?') {
      // A window half in one part and half in the next is fine; zeros at both parities are not UTF-16.
      if (even > 1 && odd > 1 && pairs >= 16) return null;
      continue;
    }
    const last = runs[runs.length - 1];
    if (last?.kind === kind) last.to = end;
    else runs.push({ kind, from: w, to: end });
  }
  if (!runs.some((r) => r.kind !== 'none')) return null;

  const parts: BytePart[] = [];
  let done = 0; // bytes before this belong to parts already found
  runs.forEach((run, r) => {
    if (run.kind === 'none') return;
    const parity = run.kind === 'odd' ? 1 : 0;
    const lo = r > 0 ? runs[r - 1].to : 0;
    const hi = r + 1 < runs.length ? runs[r + 1].from : bytes.length;
    let z0 = lo;
    while (z0 < hi && !(bytes[z0] === 0 && (z0 & 1) === parity)) z0++;
    let z1 = hi - 1;
    while (z1 > z0 && !(bytes[z1] === 0 && (z1 & 1) === parity)) z1--;
    // The zero is the high byte of an ASCII character: LE [c 0], BE [0 c]; characters such as
    // ư or ạ (no zero byte) carry the stretch on to where the 8-bit text begins.
    const edges = (be: boolean) => {
      const unit = (i: number) => (be ? (bytes[i] << 8) | bytes[i + 1] : bytes[i] | (bytes[i + 1] << 8));
      let start = Math.max(done, be ? z0 : z0 - 1);
      let end = be ? z1 + 2 : z1 + 1;
      while (start - 2 >= done && isUtf16Edge(unit(start - 2))) start -= 2;
      while (end + 2 <= hi && isUtf16Edge(unit(end))) end += 2;
      return { start, end: Math.min(end, bytes.length) };
    };
    const le = edges(false);
    const beEdges = edges(true);
    // Big-endian when its BOM says so, or when the file starts with it.
    const be = (bytes[beEdges.start] === 0xfe && bytes[beEdges.start + 1] === 0xff) || (run.from === 0 && beEdges.start === 0 && le.start !== 0);
    let { start, end } = be ? beEdges : le;
    if (start - done < MIN_PART) start = done;
    else parts.push({ start: done, end: start, encoding: null });
    parts.push({ start, end, encoding: be ? 'utf-16be' : 'utf-16le' });
    done = end;
  });
  if (bytes.length - done >= MIN_PART) parts.push({ start: done, end: bytes.length, encoding: null });
  else parts[parts.length - 1].end = bytes.length;
  return parts.length > 1 ? parts : null;
}
