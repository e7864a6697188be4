/**
 * A copy of `s` that shares no memory with the text it was cut from. V8 makes a slice of 13 or
 * more characters (and a concatenation) a view into its source string: a long-lived cache that
 * keeps such a view as a key or value keeps the whole document it came from alive. Shorter
 * strings are always copies already.
 */
export function detached(s: string): string {
  return s.length < 13 ? s : (JSON.parse(JSON.stringify(s)) as string);
}

/** JavaScript's `\s`, by UTF-16 code unit: for scanners that walk a string by index. */
export function isSpaceCode(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/**
 * What `clean` would change: an asterisk, a tag, any space but a single ' ', space at either
 * end. One pass over the characters (a regex with these five alternatives tried each at every
 * position cost more than the rest of `clean`).
 */
function needsClean(s: string): boolean {
  const last = s.length - 1;
  for (let i = 0; i <= last; i++) {
    const c = s.charCodeAt(i);
    if (c === 42 /* * */ || c === 60 /* < */) return true;
    if (c === 32) {
      if (i === 0 || i === last || isSpaceCode(s.charCodeAt(i + 1))) return true;
    } else if (isSpaceCode(c)) return true;
  }
  return false;
}

/** Collapse whitespace (incl. newlines) to single spaces, drop markdown emphasis. */
export function clean(s: string): string {
  // Most spans are clean already: the same result without four passes of replace.
  return needsClean(s) ? cleanAlways(s) : s;
}

/** clean() the long way, on every span (exported so a test can hold the shortcut to it). */
export function cleanAlways(s: string): string {
  return s
    .replace(/\*+/g, '')
    .replace(/<\/?[a-z][^>]*>/gi, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** `s` as a literal inside a regular expression. */
export const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
