/**
 * Diacritics-insensitive folding: lower case, no tone or shape marks, đ → d.
 * "Ủy ban Nhân dân" → "uy ban nhan dan". One lookup per UTF-16 unit; for text without
 * combining marks (all normalised text) the result has the same length, so offsets found in
 * the folded string are offsets into the original.
 */

const DELETE = 0xffff; // sentinel: drop the unit (combining marks)
let table: Uint16Array | null = null;

function buildTable(): Uint16Array {
  const t = new Uint16Array(0x10000);
  for (let c = 0; c < 0x10000; c++) {
    t[c] = c;
    if (c >= 0xd800 && c <= 0xdfff) continue; // surrogate halves pass through
    const ch = String.fromCharCode(c);
    if (/\p{M}/u.test(ch)) {
      t[c] = DELETE;
      continue;
    }
    const base = ch.normalize('NFD').replace(/\p{M}/gu, '');
    const lower = (base.length === 1 ? base : ch).toLowerCase();
    if (lower.length === 1) t[c] = lower.charCodeAt(0);
    else if (ch.toLowerCase().length === 1) t[c] = ch.toLowerCase().charCodeAt(0);
  }
  // Letters NFD does not decompose.
  for (const [from, to] of [
    ['đ', 'd'], ['Đ', 'd'], ['ð', 'd'], ['Ð', 'd'], ['ø', 'o'], ['Ø', 'o'], ['ł', 'l'], ['Ł', 'l'],
  ] as const) {
    t[from.charCodeAt(0)] = to.charCodeAt(0);
  }
  t[DELETE] = DELETE;
  return t;
}

export function fold(s: string): string {
  const t = (table ??= buildTable());
  let out = '';
  // Fast path: build with String.fromCharCode in chunks to avoid per-char concatenation cost.
  const codes: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const m = t[s.charCodeAt(i)];
    if (m !== DELETE) codes.push(m);
    if (codes.length >= 8192) {
      out += String.fromCharCode.apply(null, codes);
      codes.length = 0;
    }
  }
  if (codes.length) out += String.fromCharCode.apply(null, codes);
  return out;
}

/** Fold one character (a single UTF-16 unit); '' for a combining mark. */
export function foldChar(ch: string): string {
  const t = (table ??= buildTable());
  const m = t[ch.charCodeAt(0)];
  return m === DELETE ? '' : String.fromCharCode(m);
}
