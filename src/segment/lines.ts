/** Lines of the file text with their offsets, and the markup-stripping every rule works on. */

export interface Line {
  index: number;
  start: number; // offset of the first character in the file text
  end: number; // offset just past the last character (before "\n")
  raw: string;
  /** Markdown/emphasis removed, whitespace collapsed: what rules match against. */
  text: string;
}

export function splitLines(text: string, from = 0, to = text.length): Line[] {
  const lines: Line[] = [];
  let start = from;
  let index = 0;
  while (start <= to) {
    let end = text.indexOf('\n', start);
    if (end === -1 || end > to) end = to;
    const raw = text.slice(start, end);
    lines.push({ index: index++, start, end, raw, text: plain(raw) });
    if (end >= to) break;
    start = end + 1;
  }
  return lines;
}

/** What `plain` would change: markup characters, a no-break space, a run of spaces, space at either end. */
const NEEDS_PLAIN = /[#*\\\u00a0]| {2}|^\s|\s$/;

/** Strip markdown heading marks, bold/italic asterisks, escapes and surrounding space. */
export function plain(raw: string): string {
  // Most lines have nothing to strip: the same result without five passes of replace.
  return NEEDS_PLAIN.test(raw) ? stripMarkup(raw) : raw;
}

/** plain() the long way, on every line (exported so a test can hold the shortcut to it). */
export function stripMarkup(raw: string): string {
  return raw
    .replace(/^\s{0,3}#{1,6}\s+/, '')
    .replace(/\*{1,3}([^*]*)\*{1,3}/g, '$1')
    .replace(/^\*+|\*+$/g, '')
    .replace(/\\([\\`*_{}\[\]()#+\-.!|])/g, '$1')
    .replace(/[ \u00a0]+/g, ' ')
    .trim();
}

export function isBlank(l: Line | undefined): boolean {
  return !l || l.text === '';
}

/** Letters all uppercase (ignoring digits, punctuation): "UBND TỈNH KIÊN GIANG". */
export function isUpper(s: string): boolean {
  if (/[a-z]/.test(s)) return false; // a lower-case ASCII letter is a letter that upper-casing changes
  const letters = s.replace(/[^\p{L}]/gu, '');
  return letters.length >= 2 && letters === letters.toUpperCase() && letters !== letters.toLowerCase();
}

export function heading(s: string): string {
  return s.replace(/[\s:;,]+$/, '').trim();
}
