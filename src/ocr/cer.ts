/**
 * Character error rate: edit distance between recognised and reference text over the
 * reference length, after the normalisation both sides deserve (NFC, whitespace collapsed:
 * line wrapping and blank lines are layout, not recognition). Pure; used by the tests and the
 * benchmark.
 */
export function normalizeForCer(s: string): string {
  return s.normalize('NFC').replace(/\f/g, ' ').replace(/\s+/g, ' ').trim();
}

import { editDistance } from '../lib/edit-distance.ts';

export { editDistance };

export function cer(hypothesis: string, reference: string): number {
  const ref = normalizeForCer(reference);
  const hyp = normalizeForCer(hypothesis);
  return ref.length ? editDistance(hyp, ref) / Array.from(ref).length : hyp.length ? 1 : 0;
}
