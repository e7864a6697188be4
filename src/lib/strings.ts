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
