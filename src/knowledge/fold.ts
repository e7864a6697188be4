/**
 * Diacritics-insensitive folding, the one fold of every stage (search keys, extractors,
 * restoration's candidate keys): lower case, no tone or shape marks, đ → d.
 * "Ủy ban Nhân dân" → "uy ban nhan dan". One lookup per UTF-16 unit; for text without
 * combining marks (all normalised text) the result has the same length, so offsets found in
 * the folded string are offsets into the original.
 */

// Sentinel for "drop the unit" (combining marks): outside UTF-16, so U+FFFF itself is kept.
const DELETE = 0x10000;
let table: Uint32Array | null = null;

// Combining-mark blocks (dropped) and blocks whose letters carry decomposable accents.
const MARK_BLOCKS: [number, number][] = [[0x0300, 0x036f], [0x1ab0, 0x1aff], [0x1dc0, 0x1dff], [0x20d0, 0x20ff], [0xfe20, 0xfe2f]];
const ACCENTED_BLOCKS: [number, number][] = [[0x00c0, 0x02ff], [0x0370, 0x04ff], [0x1e00, 0x1fff]];

function buildTable(): Uint32Array {
  const t = new Uint32Array(0x10000);
  for (let c = 0; c < 0x10000; c++) {
    t[c] = c;
    if (c >= 0xd800 && c <= 0xdfff) continue; // surrogate halves pass through
    const lower = String.fromCharCode(c).toLowerCase();
    if (lower.length === 1) t[c] = lower.charCodeAt(0);
  }
  for (const [from, to] of MARK_BLOCKS) for (let c = from; c <= to; c++) t[c] = DELETE;
  for (const [from, to] of ACCENTED_BLOCKS) {
    for (let c = from; c <= to; c++) {
      const base = String.fromCharCode(c).normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
      if (base.length === 1) t[c] = base.charCodeAt(0);
    }
  }
  // Letters NFD does not decompose.
  for (const [from, to] of [
    ['đ', 'd'], ['Đ', 'd'], ['ð', 'd'], ['Ð', 'd'], ['ø', 'o'], ['Ø', 'o'], ['ł', 'l'], ['Ł', 'l'],
  ] as const) {
    t[from.charCodeAt(0)] = to.charCodeAt(0);
  }
  return t;
}

const recent: [string, string][] = [];

export function fold(s: string): string {
  const t = (table ??= buildTable());
  return s.length < 64 ? foldShort(s, t) : foldLong(s, t);
}

function foldShort(s: string, t: Uint32Array): string {
  // Short strings are often folded already ("ubnd", "45/2020"): returned as they are.
  const n = s.length;
  let i = 0;
  while (i < n && t[s.charCodeAt(i)] === s.charCodeAt(i)) i++;
  if (i === n) return s;
  let out = s.slice(0, i);
  for (; i < n; i++) {
    const m = t[s.charCodeAt(i)];
    if (m !== DELETE) out += String.fromCharCode(m);
  }
  return out;
}

function foldLong(s: string, t: Uint32Array): string {
  // The extractors each fold the same document text: the last few long results are kept.
  for (let k = 0; k < recent.length; k++) if (recent[k][0] === s) return recent[k][1];
  const n = s.length;
  const buf = new Uint16Array(n);
  let j = 0;
  for (let i = 0; i < n; i++) {
    const m = t[s.charCodeAt(i)];
    if (m !== DELETE) buf[j++] = m;
  }
  const out = Buffer.from(buf.buffer, 0, j * 2).toString('utf16le');
  if (n >= 1024) {
    recent.unshift([s, out]);
    if (recent.length > 3) recent.length = 3;
  }
  return out;
}

/** Fold one character (a single UTF-16 unit); '' for a combining mark. */
export function foldChar(ch: string): string {
  const t = (table ??= buildTable());
  const m = t[ch.charCodeAt(0)];
  return m === DELETE ? '' : String.fromCharCode(m);
}
