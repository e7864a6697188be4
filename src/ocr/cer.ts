/**
 * Character error rate: edit distance between recognised and reference text over the
 * reference length, after the normalisation both sides deserve (NFC, whitespace collapsed:
 * line wrapping and blank lines are layout, not recognition). Pure; used by the tests and the
 * benchmark.
 */
export function normalizeForCer(s: string): string {
  return s.normalize('NFC').replace(/\f/g, ' ').replace(/\s+/g, ' ').trim();
}

/** Levenshtein distance over code points, O(n·m) time, O(m) memory. */
export function editDistance(a: string, b: string): number {
  const x = Array.from(a);
  const y = Array.from(b);
  if (x.length === 0) return y.length;
  if (y.length === 0) return x.length;
  let prev = new Uint32Array(y.length + 1);
  let cur = new Uint32Array(y.length + 1);
  for (let j = 0; j <= y.length; j++) prev[j] = j;
  for (let i = 1; i <= x.length; i++) {
    cur[0] = i;
    const xi = x[i - 1];
    for (let j = 1; j <= y.length; j++) {
      const sub = prev[j - 1] + (xi === y[j - 1] ? 0 : 1);
      const del = prev[j] + 1;
      const ins = cur[j - 1] + 1;
      cur[j] = sub < del ? (sub < ins ? sub : ins) : del < ins ? del : ins;
    }
    [prev, cur] = [cur, prev];
  }
  return prev[y.length];
}

export function cer(hypothesis: string, reference: string): number {
  const ref = normalizeForCer(reference);
  const hyp = normalizeForCer(hypothesis);
  return ref.length ? editDistance(hyp, ref) / Array.from(ref).length : hyp.length ? 1 : 0;
}
