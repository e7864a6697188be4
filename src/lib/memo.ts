/**
 * A pure function of a string, remembered: a corpus repeats its words, so each spelling is
 * worked out once. Bounded, and cleared when full: a long batch meets ever new strings. Keys
 * are kept as copies (strings.ts), so the memo never keeps a document's text alive.
 */
import { detached } from './strings.ts';

export function memoize<V>(limit: number, compute: (key: string) => V): (key: string) => V {
  const memo = new Map<string, V>();
  return (key) => {
    let v = memo.get(key);
    if (v === undefined) {
      v = compute(key);
      if (memo.size >= limit) memo.clear();
      memo.set(detached(key), v);
    }
    return v;
  };
}
