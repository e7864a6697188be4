/**
 * A copy of `s` that shares no memory with the text it was cut from. V8 makes a slice of 13 or
 * more characters (and a concatenation) a view into its source string: a long-lived cache that
 * keeps such a view as a key or value keeps the whole document it came from alive. Shorter
 * strings are always copies already.
 */
export function detached(s: string): string {
  return s.length < 13 ? s : (JSON.parse(JSON.stringify(s)) as string);
}
