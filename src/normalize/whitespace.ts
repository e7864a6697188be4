/**
 * Line-level cleanup of spaces, invisible characters and a few look-alike letters/dashes.
 * Works on one line at a time so that normalisation never adds or removes lines.
 */

/** Line terminators: CRLF, CR, LF, and the Unicode line/paragraph separators. */
export const LINE_BREAK = /\r\n|\r|\n|\u2028|\u2029/;

/** Split into lines and the terminator that ended each (last one ''). */
export function splitLines(s: string): { lines: string[]; breaks: string[] } {
  const lines: string[] = [];
  const breaks: string[] = [];
  const re = /\r\n|\r|\n|\u2028|\u2029/g;
  let last = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s))) {
    lines.push(s.slice(last, m.index));
    breaks.push(m[0]);
    last = m.index + m[0].length;
  }
  lines.push(s.slice(last));
  breaks.push('');
  return { lines, breaks };
}

export interface CharFixCounts {
  eth: number; // Ð/ð written for Đ/đ
  invisible: number; // zero-width characters, soft hyphens, stray controls removed
}

// Zero-width space/joiners, word joiner, BOM inside text, soft hyphen; C0 controls except \t and \f.
const INVISIBLE = /[\u200b-\u200d\u2060\ufeff\u00ad\u0000-\u0008\u000e-\u001f\u007f]/g;
// NBSP, Ogham space, en/em/thin/hair … spaces, narrow NBSP, math space, ideographic space, VT.
const ODD_SPACE = /[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\u000b]/g;
// Hyphen, non-breaking hyphen, small/full-width hyphen-minus, minus sign: all written "-".
// En and em dashes are kept: they are real punctuation in the documents ("2020 – 2021").
const ODD_HYPHEN = /[\u2010\u2011\ufe63\uff0d\u2212]/g;
const LIGATURES: Record<string, string> = {
  '\ufb00': 'ff', '\ufb01': 'fi', '\ufb02': 'fl', '\ufb03': 'ffi', '\ufb04': 'ffl', '\ufb05': 'st', '\ufb06': 'st',
};
const LIGATURE = /[\ufb00-\ufb06]/g;

/** Character-level fixes on one line (no line breaks inside). */
export function fixChars(line: string, counts: CharFixCounts): string {
  let s = line;
  s = s.replace(INVISIBLE, () => {
    counts.invisible++;
    return '';
  });
  s = s.replace(ODD_SPACE, ' ');
  // Icelandic eth (Ð ð) and African D (Ɖ) look like Đ đ and come from OCR and legacy converters.
  s = s.replace(/[\u00d0\u00f0\u0189]/g, (c) => {
    counts.eth++;
    return c === '\u00f0' ? '\u0111' : '\u0110';
  });
  s = s.replace(ODD_HYPHEN, '-');
  s = s.replace(LIGATURE, (c) => LIGATURES[c]);
  return s;
}

/**
 * Spaces: runs inside the line collapse to one, spaces around tabs (table cell separators)
 * and at the end of the line go; leading indentation is kept (markdown nesting).
 */
export function fixSpaces(line: string): string {
  const indent = /^[ \t]*/.exec(line)![0];
  let body = line.slice(indent.length);
  body = body.replace(/ *\t */g, '\t').replace(/ {2,}/g, ' ').replace(/ +$/, '');
  if (body === '') return indent.replace(/ +$/, '');
  return indent + body;
}
